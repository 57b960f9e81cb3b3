package subprocess_test

import (
	"errors"
	"os"
	"testing"

	"example.com/handbook/crossings"
	"example.com/handbook/crossings/internal/benchsizes"
	"example.com/handbook/crossings/subprocess"
)

// start runs the server verify built, from the path in RUST_BIN, and ends it when the test ends.
func start(tb testing.TB) *subprocess.Child {
	tb.Helper()
	path := os.Getenv("RUST_BIN")
	if path == "" {
		tb.Fatal("RUST_BIN is not set: build the crate's crossings-server and export its path")
	}
	c, err := subprocess.Start(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := c.Close(); err != nil {
			tb.Error(err)
		}
	})
	return c
}

func TestAgreesWithGo(t *testing.T) {
	c := start(t)
	for _, n := range []int{0, 1, 5553, 1 << 20} {
		data := crossings.Pattern(n)
		if got, err := c.Adler32(data); got != crossings.Adler32Go(data) || err != nil {
			t.Errorf("Adler32(%d bytes) = %08x, %v; Go says %08x", n, got, err, crossings.Adler32Go(data))
		}
	}
}

// The child's panic and abort end the child: Go gets an error with its exit status and carries on.
func TestCrashStaysInTheChild(t *testing.T) {
	for _, how := range []uint32{crossings.FailPanic, crossings.FailAbort} {
		c := start(t)
		if err := c.Fail(how); !errors.Is(err, subprocess.ErrChildDied) {
			t.Fatalf("Fail(%d) = %v, want ErrChildDied", how, err)
		}
		if err := c.Noop(); !errors.Is(err, subprocess.ErrChildDied) {
			t.Fatalf("Noop after the child died = %v", err)
		}
	}
}

func BenchmarkProcess(b *testing.B) { benchsizes.Run(b, start(b).Adler32) }
func BenchmarkEmpty(b *testing.B)   { benchsizes.Empty(b, "process", start(b).Noop) }
