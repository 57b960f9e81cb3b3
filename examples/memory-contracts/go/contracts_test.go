package contracts

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"testing"
)

func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + 3)
	}
	return b
}

// paths are the ways this package encodes one slice; each must agree with encoding/hex.
var paths = map[string]func([]byte) ([]byte, error){
	"Encode":          Encode,
	"EncodeRustAlloc": EncodeRustAlloc,
	"EncodeCopy":      EncodeCopy,
	"EncodeVectored":  func(b []byte) ([]byte, error) { return EncodeVectored(b[:len(b)/2], nil, b[len(b)/2:]) },
	"EncodeInto": func(b []byte) ([]byte, error) {
		dst := make([]byte, 2*len(b))
		n, err := EncodeInto(dst, b)
		return dst[:n], err
	},
	"Sink": func(b []byte) ([]byte, error) {
		s, err := NewSink(2 * len(b))
		if err != nil {
			return nil, err
		}
		for _, part := range [][]byte{b[:len(b)/3], b[len(b)/3:]} {
			if _, err := s.Write(part); err != nil {
				return nil, errors.Join(err, s.Close())
			}
		}
		return s.Bytes(), s.Close()
	},
}

func TestEveryPathMatchesEncodingHex(t *testing.T) {
	for _, n := range []int{0, 1, 2, 15, 16, 255, 4096, 1 << 20} {
		src := pattern(n)
		want := hex.EncodeToString(src)
		for name, encode := range paths {
			if got, err := encode(src); err != nil || string(got) != want {
				t.Errorf("%s(%d bytes) = %.40q…, %v; want %.40q…", name, n, got, err, want)
			}
		}
	}
}

// region: test-short-buffer
func TestShortBufferWritesNothingAndSaysWhatItNeeds(t *testing.T) {
	src := []byte("Go")
	buf := []byte("########")
	n, err := EncodeInto(buf[:3], src) // room for 3 bytes, 4 needed
	if !errors.Is(err, io.ErrShortBuffer) || n != 4 {
		t.Fatalf("EncodeInto(3-byte dst) = %d, %v; want 4, io.ErrShortBuffer", n, err)
	}
	if string(buf) != "########" {
		t.Fatalf("a refused call wrote to the buffer: %q", buf)
	}
	n, err = EncodeInto(buf[:n], src) // retry with the length Rust asked for
	if err != nil || string(buf) != "476f####" {
		t.Fatalf("retry: %d, %v, buffer %q", n, err, buf)
	}
}

// endregion

// region: test-sink
func TestSinkKeepsWritingIntoPinnedGoMemory(t *testing.T) {
	s, err := NewSink(10)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"Go", "⇄"} { // 2 + 3 bytes → 10 hex digits
		if _, err := s.Write([]byte(part)); err != nil {
			t.Fatalf("Write(%q): %v", part, err)
		}
		runtime.GC() // the buffer must stay put and alive between calls
	}
	if _, err := s.Write([]byte("!")); !errors.Is(err, ErrSinkFull) {
		t.Fatalf("Write past capacity: err = %v, want ErrSinkFull", err)
	}
	if got := string(s.Bytes()); got != "476fe28784" {
		t.Fatalf("Bytes() = %q", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil { // harmless
		t.Fatal(err)
	}
	if _, err := s.Write([]byte("x")); !errors.Is(err, ErrClosed) {
		t.Fatalf("Write after Close: err = %v, want ErrClosed", err)
	}
	if got := string(s.Bytes()); got != "476fe28784" {
		t.Fatalf("Bytes() after Close = %q", got)
	}
}

// endregion

func TestForgottenSinkIsReleasedByTheCleanup(t *testing.T) {
	// Without the cleanup, the runtime would panic ("found leaking pinned
	// pointer") once the forgotten Pinner is collected; see checks_test.go.
	for range 10 {
		s, err := NewSink(64)
		if err != nil {
			t.Fatal(err)
		}
		s.Write([]byte("forgotten"))
	}
	for range 5 {
		runtime.GC()
	}
}

func TestEmptyInputs(t *testing.T) {
	for name, encode := range paths {
		if got, err := encode(nil); len(got) != 0 || err != nil {
			t.Errorf("%s(nil) = %q, %v", name, got, err)
		}
	}
	if got, err := EncodeVectored(); len(got) != 0 || err != nil {
		t.Errorf("EncodeVectored() = %q, %v", got, err)
	}
	if n, err := EncodeInto(nil, nil); n != 0 || err != nil {
		t.Errorf("EncodeInto(nil, nil) = %d, %v", n, err)
	}
}

// FuzzPathsAgree sends arbitrary bytes across the boundary through every
// contract, split at an arbitrary point for the vectored and sink paths.
func FuzzPathsAgree(f *testing.F) {
	f.Add([]byte("Go ⇄ Rust"), uint8(3))
	f.Add([]byte{}, uint8(0))
	f.Add([]byte{0, 0xff, 0x80}, uint8(200))
	f.Fuzz(func(t *testing.T, data []byte, split uint8) {
		want := hex.EncodeToString(data)
		k := int(split) % (len(data) + 1)
		got := map[string][]byte{}
		for name, encode := range paths {
			g, err := encode(data)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got[name] = g
		}
		vec, err := EncodeVectored(data[:k], data[k:])
		if err != nil {
			t.Fatal(err)
		}
		got["EncodeVectored split"] = vec
		s, err := NewSink(len(want))
		if err != nil {
			t.Fatal(err)
		}
		s.Write(data[:k])
		s.Write(data[k:])
		got["Sink split"] = s.Bytes()
		s.Close()
		for name, g := range got {
			if string(g) != want {
				t.Fatalf("%s = %q, encoding/hex says %q", name, g, want)
			}
		}
	})
}

// must panics on an error that a correct library never returns here.
func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// region: benchmarks
var sizes = []int{16, 1 << 10, 64 << 10, 1 << 20}

var sink []byte

func benchSizes(b *testing.B, encode func(dst, src []byte) []byte) {
	for _, n := range sizes {
		src := pattern(n)
		dst := make([]byte, 2*n)
		b.Run(fmt.Sprintf("size=%d", n), func(b *testing.B) {
			b.SetBytes(int64(n))
			b.ReportAllocs() // counts Go allocations only: C.malloc is invisible here
			for b.Loop() {
				sink = encode(dst, src)
			}
		})
	}
}

// ZeroCopy lends src and a fresh Go result slice to Rust for the call.
func BenchmarkZeroCopy(b *testing.B) {
	benchSizes(b, func(_, src []byte) []byte { return must(Encode(src)) })
}

// Reuse lends src and the same caller-owned output buffer every time.
func BenchmarkReuse(b *testing.B) {
	benchSizes(b, func(dst, src []byte) []byte {
		n, _ := EncodeInto(dst, src)
		return dst[:n]
	})
}

// RustAlloc lends src; Rust allocates the result, Go copies it out and frees it.
func BenchmarkRustAlloc(b *testing.B) {
	benchSizes(b, func(_, src []byte) []byte { return must(EncodeRustAlloc(src)) })
}

// Copy lends nothing: C.CBytes in, a copy out of C memory.
func BenchmarkCopy(b *testing.B) {
	benchSizes(b, func(_, src []byte) []byte { return must(EncodeCopy(src)) })
}

// endregion
