package contracts

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// region: test-overlap
// One slice as both input and output is natural Go, and undefined behaviour
// in Rust (a shared and a mutable slice over the same bytes). The wrapper
// refuses it, and so does the export on its own, for callers other than Go.
func TestOverlappingBuffersAreRefused(t *testing.T) {
	buf := []byte("Go\x00\x00\x00\x00")
	for _, c := range []struct{ dst, src []byte }{
		{buf, buf[:2]},     // the same bytes
		{buf[1:], buf[:2]}, // sharing one byte
		{buf[:4], buf[3:]}, // output before the input, sharing one byte
	} {
		if n, err := EncodeInto(c.dst, c.src); !errors.Is(err, ErrOverlap) || n != 0 {
			t.Errorf("EncodeInto(overlapping) = %d, %v; want 0, ErrOverlap", n, err)
		}
		if err := encodeIntoRaw(c.dst, c.src); !errors.Is(err, ErrOverlap) {
			t.Errorf("mc_hex_encode(overlapping) = %v; want ErrOverlap from Rust", err)
		}
	}
	if string(buf) != "Go\x00\x00\x00\x00" {
		t.Fatalf("a refused call wrote to the buffer: %q", buf)
	}
	if n, err := EncodeInto(buf[2:], buf[:2]); err != nil || string(buf[2:2+n]) != "476f" {
		t.Fatalf("adjacent slices: %d, %v, %q", n, err, buf)
	}
}

// endregion

func TestNewSinkRefusesANegativeCapacity(t *testing.T) {
	if s, err := NewSink(-1); s != nil || err == nil || !strings.Contains(err.Error(), "negative capacity -1") {
		t.Fatalf("NewSink(-1) = %v, %v", s, err)
	}
	for range 3 { // a pin leaked before the error would panic in the finalizer
		runtime.GC()
	}
}

// TestSinkIsSafeForConcurrentUse writes from many goroutines while another
// closes the sink. Run it with -race: the Go side must have no race, and
// Rust must never see two calls at once or a call after the free.
func TestSinkIsSafeForConcurrentUse(t *testing.T) {
	const writers, each = 8, 50
	s, err := NewSink(2 * writers * each)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for range each {
				if _, err := s.Write([]byte{byte(w)}); err != nil && !errors.Is(err, ErrClosed) {
					t.Error(err)
				}
				_ = s.Bytes()
			}
		})
	}
	wg.Go(func() {
		runtime.Gosched()
		s.Close()
	})
	wg.Wait()
	got := s.Bytes()
	counts := map[string]int{}
	for i := 0; i < len(got); i += 2 {
		counts[string(got[i:i+2])]++
	}
	total := 0
	for w := range writers {
		total += counts[fmt.Sprintf("%02x", w)]
	}
	if total != len(got)/2 || len(got)%2 != 0 {
		t.Fatalf("interleaved or torn writes: %q", got)
	}
}
