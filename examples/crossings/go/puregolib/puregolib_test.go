package puregolib_test

import (
	"errors"
	"os"
	"testing"

	"example.com/handbook/crossings"
	"example.com/handbook/crossings/internal/benchsizes"
	"example.com/handbook/crossings/puregolib"
)

// open loads the cdylib verify built, from the path in RUST_CDYLIB.
func open(tb testing.TB) *puregolib.Lib {
	tb.Helper()
	path := os.Getenv("RUST_CDYLIB")
	if path == "" {
		tb.Fatal("RUST_CDYLIB is not set: build the crate and export the path of libcrossings.so")
	}
	l, err := puregolib.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func TestAgreesWithGo(t *testing.T) {
	l := open(t)
	defer l.Close()
	for _, n := range []int{0, 1, 5553, 1 << 20} {
		data := crossings.Pattern(n)
		if got, err := l.Adler32(data); got != crossings.Adler32Go(data) || err != nil {
			t.Errorf("Adler32(%d bytes) = %08x, %v; Go says %08x", n, got, err, crossings.Adler32Go(data))
		}
	}
}

func TestPanicComesBackAsError(t *testing.T) {
	l := open(t)
	defer l.Close()
	if err := l.Fail(crossings.FailPanic); !errors.Is(err, crossings.ErrPanic) {
		t.Fatalf("Fail(panic) = %v, want ErrPanic", err)
	}
}

func TestMissingLibraryIsAnErrorAtOpen(t *testing.T) {
	if _, err := puregolib.Open(t.TempDir() + "/libcrossings.so"); err == nil {
		t.Fatal("Open of a missing file succeeded")
	}
}

func TestCallAfterCloseFails(t *testing.T) {
	l := open(t)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Noop(); err == nil {
		t.Fatal("Noop after Close succeeded")
	}
}

func BenchmarkPurego(b *testing.B) {
	l := open(b)
	defer l.Close()
	benchsizes.Run(b, l.Adler32)
}

func BenchmarkEmpty(b *testing.B) {
	l := open(b)
	defer l.Close()
	benchsizes.Empty(b, "purego", l.Noop)
}
