package wasmguest_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"example.com/handbook/crossings"
	"example.com/handbook/crossings/internal/benchsizes"
	"example.com/handbook/crossings/wasmguest"
)

// open instantiates the module verify built, from the path in RUST_WASM_MODULE.
func open(tb testing.TB, stderr *bytes.Buffer) *wasmguest.Guest {
	tb.Helper()
	path := os.Getenv("RUST_WASM_MODULE")
	if path == "" {
		tb.Fatal("RUST_WASM_MODULE is not set: build the crate for wasm32-wasip1 and export the path of crossings.wasm")
	}
	g, err := wasmguest.Open(context.Background(), path, stderr)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := g.Close(); err != nil {
			tb.Error(err)
		}
	})
	return g
}

func TestAgreesWithGo(t *testing.T) {
	g := open(t, new(bytes.Buffer))
	for _, n := range []int{0, 1, 5553, 1 << 20, 16} { // shrinking after growing reuses the buffer
		data := crossings.Pattern(n)
		if got, err := g.Adler32(data); got != crossings.Adler32Go(data) || err != nil {
			t.Errorf("Adler32(%d bytes) = %08x, %v; Go says %08x", n, got, err, crossings.Adler32Go(data))
		}
	}
}

// A Rust panic in the guest aborts (wasm32-wasip1 cannot unwind), which is a trap: Go gets an error,
// the process lives on, and the instance refuses further calls.
func TestPanicTrapsAndTheGuestStaysDead(t *testing.T) {
	var stderr bytes.Buffer
	g := open(t, &stderr)
	if err := g.Fail(crossings.FailPanic); !errors.Is(err, wasmguest.ErrTrapped) {
		t.Fatalf("Fail(panic) = %v, want ErrTrapped", err)
	}
	if !strings.Contains(stderr.String(), "crossings_fail asked for a panic") {
		t.Errorf("the guest's stderr lacks the panic message: %q", stderr.String())
	}
	if err := g.Noop(); !errors.Is(err, wasmguest.ErrTrapped) {
		t.Fatalf("Noop after a trap = %v, want ErrTrapped", err)
	}
}

func TestAbortTraps(t *testing.T) {
	g := open(t, new(bytes.Buffer))
	if err := g.Fail(crossings.FailAbort); !errors.Is(err, wasmguest.ErrTrapped) {
		t.Fatalf("Fail(abort) = %v, want ErrTrapped", err)
	}
}

func BenchmarkWazero(b *testing.B) { benchsizes.Run(b, open(b, new(bytes.Buffer)).Adler32) }
func BenchmarkEmpty(b *testing.B)  { benchsizes.Empty(b, "wazero", open(b, new(bytes.Buffer)).Noop) }
