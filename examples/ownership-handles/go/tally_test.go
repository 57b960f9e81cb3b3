package handles

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// must returns v, or panics (failing the test) with err. Tests only.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func mustAdd(t *testing.T, tl *Tally, words ...string) {
	t.Helper()
	for _, w := range words {
		if _, err := tl.Add(w); err != nil {
			t.Fatalf("Add(%q): %v", w, err)
		}
	}
}

// waitLive runs the GC until LiveObjects reports want, or fails after a few
// seconds. Cleanups run on their own goroutine some time after a GC cycle.
func waitLive(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for must(LiveObjects()) != want {
		if time.Now().After(deadline) {
			t.Fatalf("%d Rust tallies are live, want %d", must(LiveObjects()), want)
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

// collectContinuously runs the GC in a loop until the returned func is called.
func collectContinuously() (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			select {
			case <-done:
				return
			default:
				runtime.GC()
			}
		}
	}()
	return func() { close(done); <-finished }
}

func TestCountsWordsAcrossTheBoundary(t *testing.T) {
	tl := must(NewTally())
	defer tl.Close()
	mustAdd(t, tl, strings.Fields("go rust go c rust go")...)
	if n, _ := tl.AddNoCopy("rust"); n != 3 {
		t.Errorf("AddNoCopy(rust) = %d, want 3", n)
	}
	if n, _ := tl.Count("go"); n != 3 {
		t.Errorf("Count(go) = %d, want 3", n)
	}
	if n, _ := tl.Count("zig"); n != 0 {
		t.Errorf("Count(zig) = %d, want 0", n)
	}
	if n, _ := tl.Distinct(); n != 3 {
		t.Errorf("Distinct() = %d, want 3", n)
	}
	if top, _ := tl.Top(2); top != "go 3\nrust 3\n" {
		t.Errorf("Top(2) = %q", top)
	}
	if top, _ := tl.Top(-1); top != "" {
		t.Errorf("Top(-1) = %q, want empty", top)
	}
}

// region: test-close
// region: test-close-count
func TestCloseFreesNowAndTwiceIsHarmless(t *testing.T) {
	before := must(LiveObjects())
	tl := must(NewTally())
	if got := must(LiveObjects()); got != before+1 {
		t.Fatalf("after NewTally: %d live, want %d", got, before+1)
	}
	for range 3 {
		if err := tl.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		if got := must(LiveObjects()); got != before {
			t.Fatalf("after Close: %d live, want %d", got, before)
		}
	}
}

// endregion

func TestUseAfterCloseIsAnError(t *testing.T) {
	tl := must(NewTally())
	tl.Close()
	calls := map[string]func() error{
		"Add":       func() error { _, err := tl.Add("x"); return err },
		"AddNoCopy": func() error { _, err := tl.AddNoCopy("x"); return err },
		"Count":     func() error { _, err := tl.Count("x"); return err },
		"Distinct":  func() error { _, err := tl.Distinct(); return err },
		"Top":       func() error { _, err := tl.Top(1); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close: err = %v, want ErrClosed", name, err)
		}
	}
}

// endregion

// region: test-cleanup
func TestForgottenCloseIsFreedByTheCleanup(t *testing.T) {
	before := must(LiveObjects())
	for range 10 {
		tl := must(NewTally())
		mustAdd(t, tl, "forgotten")
		// no Close: tl becomes unreachable at the end of this iteration
	}
	if got := must(LiveObjects()); got != before+10 {
		t.Fatalf("%d live, want %d", got, before+10)
	}
	waitLive(t, before) // fails the test if the safety net never fires
}

// endregion

// region: test-keepalive
func TestKeepAliveHoldsTheObjectForTheWholeCall(t *testing.T) {
	before := must(LiveObjects())
	stop := collectContinuously()
	for i := range 20 {
		// Nothing uses the Tally after this call, so only KeepAlive inside
		// distinctAfter keeps it reachable while Rust waits.
		if n, err := must(NewTally()).distinctAfter(5 * time.Millisecond); n != 0 || err != nil {
			stop()
			t.Fatalf("call %d: Rust saw its object freed mid-call (n=%d, err=%v)", i, n, err)
		}
	}
	stop()
	waitLive(t, before)
}

// endregion

func TestInvalidWordsAreRefused(t *testing.T) {
	tl := must(NewTally())
	defer tl.Close()
	for _, w := range []string{"go\x00lang", "\xff\xfe", "\x00"} {
		if _, err := tl.Add(w); !errors.Is(err, ErrInvalidWord) {
			t.Errorf("Add(%q): err = %v, want ErrInvalidWord", w, err)
		}
		if _, err := tl.AddNoCopy(w); !errors.Is(err, ErrInvalidWord) {
			t.Errorf("AddNoCopy(%q): err = %v, want ErrInvalidWord", w, err)
		}
	}
	if _, err := tl.Count("a\x00"); !errors.Is(err, ErrInvalidWord) {
		t.Errorf("Count with NUL: err = %v, want ErrInvalidWord", err)
	}
	if n, _ := tl.Distinct(); n != 0 {
		t.Errorf("Distinct() = %d after only invalid words", n)
	}
	if n, err := tl.AddNoCopy(""); n != 1 || err != nil {
		t.Errorf(`AddNoCopy("") = %d, %v; the empty word is a word`, n, err)
	}
}

// FuzzAddMatchesGoMap sends arbitrary Go strings across the boundary, through
// both the copying and the borrowing path, and checks Rust against a Go model.
func FuzzAddMatchesGoMap(f *testing.F) {
	for _, s := range []string{"go", "", "héllo", "go\x00lang", "\xff", "日本語"} {
		f.Add(s, "rust")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		tl := must(NewTally())
		defer tl.Close()
		model := map[string]uint64{}
		valid := func(w string) bool { return utf8.ValidString(w) && !strings.Contains(w, "\x00") }
		for i, w := range []string{a, b, a, b, a} {
			add := tl.Add
			if i%2 == 1 {
				add = tl.AddNoCopy
			}
			n, err := add(w)
			if !valid(w) {
				if !errors.Is(err, ErrInvalidWord) {
					t.Fatalf("add(%q): err = %v, want ErrInvalidWord", w, err)
				}
				continue
			}
			model[w]++
			if err != nil || n != model[w] {
				t.Fatalf("add(%q) = %d, %v; the Go model says %d", w, n, err, model[w])
			}
		}
		if d, _ := tl.Distinct(); d != len(model) {
			t.Fatalf("Distinct() = %d, the Go model has %d", d, len(model))
		}
		for w, want := range model {
			if got, _ := tl.Count(w); got != want {
				t.Fatalf("Count(%q) = %d, want %d", w, got, want)
			}
		}
	})
}

// region: benchmarks
func BenchmarkLifecycle(b *testing.B) {
	for b.Loop() {
		must(NewTally()).Close()
	}
}

func BenchmarkDistinct(b *testing.B) {
	tl := must(NewTally())
	defer tl.Close()
	for b.Loop() {
		tl.Distinct()
	}
}

var wordLens = []int{8, 256}

// benchTally is a tally and a word of n bytes for an Add benchmark.
func benchTally(b *testing.B, n int) (*Tally, string) {
	tl := must(NewTally())
	b.Cleanup(func() { tl.Close() })
	b.ReportAllocs() // Go allocations only: C.CString's malloc is not counted
	return tl, strings.Repeat("a", n)
}

func BenchmarkAddCString(b *testing.B) {
	for _, n := range wordLens {
		b.Run(fmt.Sprintf("len=%d", n), func(b *testing.B) {
			tl, word := benchTally(b, n)
			for b.Loop() {
				tl.Add(word)
			}
		})
	}
}

func BenchmarkAddNoCopy(b *testing.B) {
	for _, n := range wordLens {
		b.Run(fmt.Sprintf("len=%d", n), func(b *testing.B) {
			tl, word := benchTally(b, n)
			for b.Loop() {
				tl.AddNoCopy(word)
			}
		})
	}
}

func BenchmarkTop(b *testing.B) {
	tl := must(NewTally())
	defer tl.Close()
	for i := range 100 {
		tl.Add(fmt.Sprintf("word%02d", i%40))
	}
	b.ReportAllocs()
	for b.Loop() {
		tl.Top(3)
	}
}

// endregion
