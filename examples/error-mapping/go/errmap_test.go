package errmap

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
	"unsafe"
)

// region: go-test
func TestParseVersionErrors(t *testing.T) {
	cases := []struct {
		in     string
		want   error
		offset int
		msg    string
	}{
		{"", ErrSyntax, 0, "empty version at byte 0"},
		{"1.x.3", ErrSyntax, 2, "expected a digit at byte 2"},
		{"1.2", ErrSyntax, 3, "missing component at byte 3"},
		{"01.2.3", ErrSyntax, 0, "leading zero at byte 0"},
		{"1.2.3-rc1", ErrSyntax, 5, "unexpected text after version at byte 5"},
		{"1.4294967296.0", ErrOverflow, 2, "number at byte 2 does not fit in 32 bits"},
		{"1.2.\xff", ErrInvalidUTF8, 4, "invalid UTF-8 after byte 4"}, // a valid Go string, not valid UTF-8
	}
	for _, c := range cases {
		_, err := ParseVersion(c.in)
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, c.want) || e.Offset != c.offset || e.Msg != c.msg {
			t.Errorf("ParseVersion(%q) = %#v, want %v at %d with %q", c.in, err, c.want, c.offset, c.msg)
		}
	}
}

// endregion

func TestParseVersionOK(t *testing.T) {
	for in, want := range map[string]Version{
		"0.0.0":                     {},
		"1.27.3":                    {1, 27, 3},
		"4294967295.4294967295.123": {math.MaxUint32, math.MaxUint32, 123},
	} {
		if got, err := ParseVersion(in); err != nil || got != want {
			t.Errorf("ParseVersion(%q) = %v, %v; want %v", in, got, err, want)
		}
		if got := want.String(); got != in {
			t.Errorf("%#v.String() = %q, want %q", want, got, in)
		}
	}
}

// region: wrong-length
func TestDecodeVersionValidatesLength(t *testing.T) {
	v := Version{1, 2, 3}
	if got, err := DecodeVersion(v.Encode()); err != nil || got != v {
		t.Fatalf("DecodeVersion(Encode(%v)) = %v, %v", v, got, err)
	}
	for _, b := range [][]byte{nil, {}, make([]byte, 11), make([]byte, 13)} {
		_, err := DecodeVersion(b)
		want := fmt.Sprintf("errmap: DecodeVersion: wrong length: want 12 bytes, got %d", len(b))
		if !errors.Is(err, ErrWrongLength) || err.Error() != want {
			t.Errorf("DecodeVersion(%d bytes, nil=%t) = %v, want %q", len(b), b == nil, err, want)
		}
	}
}

// endregion

// region: null-pointer
// The Go wrappers never pass NULL with a length, but the C ABI allows any
// caller to: Rust checks instead of building a slice from NULL (undefined
// behaviour even for length 0).
func TestRustRejectsNullPointers(t *testing.T) {
	if e := parseRaw(nil, 5, false); e == nil || e.Code != CodeNullPointer || e.Msg != "null pointer for text" {
		t.Errorf("NULL text with length 5: got %v", e)
	}
	text := []byte("1.2.3")
	if e := parseRaw(unsafe.Pointer(&text[0]), len(text), true); e == nil || e.Code != CodeNullPointer || e.Msg != "null pointer for out" {
		t.Errorf("NULL out: got %v", e)
	}
}

// endregion

// region: wrap-context
func TestErrorsSurviveWrapping(t *testing.T) {
	_, err := ParseVersion("1.x.3")
	err = fmt.Errorf("reading go.mod line 3: %w", err)
	if !errors.Is(err, ErrSyntax) || errors.Is(err, ErrOverflow) {
		t.Fatalf("errors.Is through a wrap: %v", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Op != "ParseVersion" || e.Offset != 2 {
		t.Fatalf("errors.As through a wrap: %#v", e)
	}
	want := "reading go.mod line 3: errmap: ParseVersion: expected a digit at byte 2"
	if err.Error() != want {
		t.Fatalf("got %q, want %q", err, want)
	}
}

// endregion

// region: mistake-equality
// A Rust enum is matched by variant; a Go error by errors.Is. Comparing with
// == finds nothing: every call returns a new *Error carrying its own offset
// and message, and a wrapped error is another value again.
func TestEqualityIsNotErrorsIs(t *testing.T) {
	_, err := ParseVersion("1.x.3")
	if err == ErrSyntax { //nolint:errorlint // the mistake this test shows
		t.Fatal("== matched a sentinel: the wrapper no longer builds its own *Error")
	}
	if _, ok := fmt.Errorf("ctx: %w", err).(*Error); ok {
		t.Fatal("a type assertion saw through a wrap")
	}
	if !errors.Is(err, ErrSyntax) {
		t.Fatal("errors.Is did not match")
	}
}

// endregion

// region: panic-test
func TestRustPanicBecomesAnError(t *testing.T) {
	_, err := Version{Major: math.MaxUint32}.BumpMajor()
	if !errors.Is(err, ErrPanic) || !strings.Contains(err.Error(), "major version overflow") {
		t.Fatalf("BumpMajor at the top = %v, want ErrPanic", err)
	}
	// The process is fine and the library still works after the panic.
	if v, err := (Version{Major: 1, Minor: 2, Patch: 3}).BumpMajor(); err != nil || v != (Version{Major: 2}) {
		t.Fatalf("BumpMajor after a panic = %v, %v", v, err)
	}
}

// endregion

// region: abort-test
// Without catch_unwind the same panic kills the process. The test runs itself
// again as a child with ERRMAP_CRASH_CHILD=1, and checks how the child died.
func TestPanicWithoutGuardAbortsTheProcess(t *testing.T) {
	if os.Getenv("ERRMAP_CRASH_CHILD") == "1" {
		// No core file for an expected crash.
		_ = syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{})
		defer fmt.Println("deferred call ran") // it never does
		bumpMajorUnguarded(Version{Major: math.MaxUint32})
		t.Fatal("the process survived a panic in an extern \"C\" function")
	}
	// By default Go's signal handler reports the abort and exits with status 2,
	// like an unrecovered Go panic. With GOTRACEBACK=crash it re-raises
	// SIGABRT after the report, so the child dies by the signal itself.
	for _, traceback := range []string{"", "crash"} {
		stdout, stderr, ws := runCrashChild(t, traceback)
		if traceback == "crash" {
			if !ws.Signaled() || ws.Signal() != syscall.SIGABRT {
				t.Errorf("GOTRACEBACK=crash: child ended with %v, want death by SIGABRT", ws)
			}
		} else if ws.Signaled() || ws.ExitStatus() != 2 {
			t.Errorf("default GOTRACEBACK: child ended with %v, want exit status 2", ws)
		}
		for _, want := range []string{
			"panicked at",                            // Rust's panic hook runs first,
			"major version overflow",                 // with the message;
			"panic in a function that cannot unwind", // then Rust refuses to unwind out of extern "C"
			"SIGABRT: abort",                         // and aborts, which Go's signal handler reports
			"signal arrived during cgo execution",    // in the middle of the cgo call.
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("GOTRACEBACK=%q: child stderr lacks %q:\n%s", traceback, want, stderr)
			}
		}
		if strings.Contains(stdout, "deferred call ran") {
			t.Error("a deferred Go call ran: the process did not abort")
		}
	}
}

func runCrashChild(t *testing.T, traceback string) (stdout, stderr string, ws syscall.WaitStatus) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestPanicWithoutGuardAbortsTheProcess$", "-test.v")
	cmd.Env = append(os.Environ(), "ERRMAP_CRASH_CHILD=1", "GOTRACEBACK="+traceback)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("child did not fail: %v\nstderr:\n%s", err, errb.String())
	}
	return out.String(), errb.String(), exit.Sys().(syscall.WaitStatus)
}

// endregion

// region: last-error-test
// The errno-style API keeps the message on the OS thread that failed, not on
// the goroutine. An unlocked goroutine's second cgo call may run on another
// thread (in Go 1.26, exitsyscallNoP in runtime/proc.go puts a goroutine whose
// thread lost its P during the call on the global run queue, for any thread to
// run next), and that thread holds whatever failed there last. Waiting for the
// scheduler to do that would make a flaky test, so this one does it on
// purpose: two goroutines, each locked to its own thread, each fail; then the
// first goroutine's read runs on the second one's thread.
func TestLastErrorReadOnAnotherThreadBelongsToAnotherGoroutine(t *testing.T) {
	type result struct {
		msg string
		err error
	}
	onThread := func(fail string, reads <-chan chan result) {
		runtime.LockOSThread() // never unlocked: the thread exits with the goroutine
		if !failParseOnThisThread(fail) {
			panic("the parse should fail: " + fail)
		}
		for reply := range reads { // every read runs on this goroutine's thread
			msg, err := lastErrorMessage()
			reply <- result{msg, err}
		}
	}
	readOn := func(thread chan<- chan result) result {
		reply := make(chan result)
		thread <- reply
		return <-reply
	}
	first, second := make(chan chan result), make(chan chan result)
	defer close(first)
	defer close(second)
	go onThread("1.x.3", first) // A fails here: "expected a digit at byte 2"
	go onThread("1.2", second)  // B fails here: "missing component at byte 3"

	if got := readOn(first); got.err != nil || got.msg != "expected a digit at byte 2" {
		t.Fatalf("A's read on A's thread = %q, %v; want A's own message", got.msg, got.err)
	}
	got := readOn(second) // A's second call, run where the scheduler may run it
	if got.err != nil || got.msg != "missing component at byte 3" {
		t.Fatalf("A's read on B's thread = %q, %v; want B's message, which A would "+
			"have reported as its own", got.msg, got.err)
	}
}

// endregion

func TestParseErrnoStyleWorksWhenNothingMoves(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if _, err := parseErrnoStyle("1.x.3"); err == nil || err.Error() != "expected a digit at byte 2" {
		t.Fatalf("parseErrnoStyle on a locked thread = %v", err)
	}
}

// region: message-length
// Go reads the message by the length Rust reports, so a wrong length from a
// faulty or mismatched library must not read past the message buffer.
func TestMessageLengthIsClampedToTheBuffer(t *testing.T) {
	const msg = "expected a digit at byte 2"
	for _, n := range []uint64{messageCap + 1, 1 << 40, math.MaxUint64} {
		e := errorReportingLength(n)
		if len(e.Msg) != messageCap || !strings.HasPrefix(e.Msg, msg) {
			t.Errorf("message_len %d: got a %d-byte message %.40q…, want the %d-byte buffer", n, len(e.Msg), e.Msg, messageCap)
		}
	}
	if e := errorReportingLength(uint64(len(msg))); e.Msg != msg {
		t.Errorf("message_len %d: got %q", len(msg), e.Msg)
	}
}

// endregion

// region: fuzz
// Anything Go can put in a string crosses the boundary: invalid UTF-8,
// NUL bytes, huge numbers. Rust must answer with a value or a typed error,
// never a crash, and its answer must agree with what Go can check itself.
func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"1.2.3", "", "1.x.3", "1.2.\xff", "0.0.0", "9999999999.0.0", "1.2.3\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseVersion(s)
		if err == nil {
			if v.String() != s { // the grammar has exactly one spelling per version
				t.Fatalf("ParseVersion(%q) = %v, which prints differently", s, v)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) || e.Code == CodePanic || e.Offset < 0 || e.Offset > len(s) {
			t.Fatalf("ParseVersion(%q) = %#v", s, err)
		}
		if !utf8.ValidString(s) {
			valid := len(s)
			for i, r := range s {
				if r == utf8.RuneError {
					if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
						valid = i
						break
					}
				}
			}
			if e.Code != CodeInvalidUTF8 || e.Offset != valid {
				t.Fatalf("ParseVersion(%q) = %v, want invalid UTF-8 at %d", s, err, valid)
			}
		}
	})
}

// endregion

func FuzzDecodeVersion(f *testing.F) {
	f.Add([]byte{})
	f.Add(Version{1, 2, 3}.Encode())
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := DecodeVersion(b)
		if len(b) != EncodedLen {
			if !errors.Is(err, ErrWrongLength) {
				t.Fatalf("DecodeVersion(%d bytes) = %v, want ErrWrongLength", len(b), err)
			}
			return
		}
		want := Version{binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:]), binary.LittleEndian.Uint32(b[8:])}
		if err != nil || v != want {
			t.Fatalf("DecodeVersion(%x) = %v, %v; want %v", b, v, err, want)
		}
	})
}

// region: benchmarks
// The happy path and the error path through the whole Go API.
func BenchmarkParse(b *testing.B) {
	for _, c := range []struct{ name, in string }{{"ok", "1.27.3"}, {"syntax-error", "1.x.3"}} {
		b.Run("result="+c.name, func(b *testing.B) {
			for b.Loop() {
				_, _ = ParseVersion(c.in)
			}
		})
	}
}

// What catch_unwind costs when nothing panics: the same export with and
// without the guard, on reused C structs so neither side allocates.
func BenchmarkBump(b *testing.B) {
	b.Run("guard=catch_unwind", func(b *testing.B) {
		for b.Loop() {
			bumpGuardedRaw()
		}
	})
	b.Run("guard=none", func(b *testing.B) {
		for b.Loop() {
			bumpUnguardedRaw()
		}
	})
}

// endregion
