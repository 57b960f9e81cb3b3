package cgostatic_test

import (
	"errors"
	"testing"

	"example.com/handbook/crossings"
	"example.com/handbook/crossings/cgostatic"
	"example.com/handbook/crossings/internal/benchsizes"
)

func TestMain(m *testing.M) {
	if err := cgostatic.Init(); err != nil {
		panic(err)
	}
	m.Run()
}

func TestAgreesWithGo(t *testing.T) {
	for _, n := range []int{0, 1, 5553, 1 << 20} {
		data := crossings.Pattern(n)
		if got, err := cgostatic.Adler32(data); got != crossings.Adler32Go(data) || err != nil {
			t.Errorf("Adler32(%d bytes) = %08x, %v; Go says %08x", n, got, err, crossings.Adler32Go(data))
		}
	}
}

func TestPanicComesBackAsError(t *testing.T) {
	if err := cgostatic.Fail(crossings.FailPanic); !errors.Is(err, crossings.ErrPanic) {
		t.Fatalf("Fail(panic) = %v, want ErrPanic", err)
	}
	if err := cgostatic.Noop(); err != nil {
		t.Fatalf("after a caught panic: %v", err)
	}
}

func BenchmarkCgoStatic(b *testing.B) { benchsizes.Run(b, cgostatic.Adler32) }
func BenchmarkEmpty(b *testing.B)     { benchsizes.Empty(b, "cgo-static", cgostatic.Noop) }
