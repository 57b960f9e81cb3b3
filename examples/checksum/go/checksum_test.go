package checksum

import (
	"fmt"
	"hash/adler32"
	"testing"
)

func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + 255)
	}
	return b
}

// goNoError gives Adler32Go, which cannot fail, the Rust variants' signature.
func goNoError(data []byte) (uint32, error) { return Adler32Go(data), nil }

// The standard library is the oracle: all three implementations must agree with it.
func TestImplementationsAgreeWithStdlib(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 255, nmax - 1, nmax, nmax + 1, 3*nmax + 37, 1 << 20} {
		data := pattern(n)
		want := adler32.Checksum(data)
		for name, f := range map[string]func([]byte) (uint32, error){
			"Go": goNoError, "Rust": Adler32Rust, "RustCopy": Adler32RustCopy,
		} {
			if got, err := f(data); got != want || err != nil {
				t.Errorf("%s(%d bytes) = %08x, %v; hash/adler32 says %08x", name, n, got, err, want)
			}
		}
	}
}

func TestAllFFBytesDoNotOverflow(t *testing.T) {
	data := make([]byte, 4*nmax+3)
	for i := range data {
		data[i] = 0xff
	}
	if got, err := Adler32Rust(data); got != adler32.Checksum(data) || err != nil {
		t.Fatalf("Rust = %08x, %v; want %08x", got, err, adler32.Checksum(data))
	}
	if got, want := Adler32Go(data), adler32.Checksum(data); got != want {
		t.Fatalf("Go = %08x, want %08x", got, want)
	}
}

func FuzzRustMatchesGo(f *testing.F) {
	f.Add([]byte("Wikipedia"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, err := Adler32Rust(data); got != Adler32Go(data) || err != nil {
			t.Fatalf("Rust %08x, %v; Go %08x for %d bytes", got, err, Adler32Go(data), len(data))
		}
	})
}

// region: benchmarks
var sizes = []int{16, 64, 256, 1 << 10, 4 << 10, 64 << 10, 1 << 20, 16 << 20}

func benchSizes(b *testing.B, f func([]byte) (uint32, error)) {
	for _, n := range sizes {
		data := pattern(n)
		b.Run(fmt.Sprintf("size=%d", n), func(b *testing.B) {
			b.SetBytes(int64(n))
			var sink uint32
			for b.Loop() {
				sum, err := f(data)
				if err != nil {
					b.Fatal(err)
				}
				sink ^= sum
			}
			_ = sink
		})
	}
}

func BenchmarkGo(b *testing.B)       { benchSizes(b, goNoError) }
func BenchmarkRust(b *testing.B)     { benchSizes(b, Adler32Rust) }
func BenchmarkRustCopy(b *testing.B) { benchSizes(b, Adler32RustCopy) }

// BenchmarkEmptyCall is the floor: what one crossing costs with no work in it.
func BenchmarkEmptyCall(b *testing.B) {
	for b.Loop() {
		if err := Noop(); err != nil {
			b.Fatal(err)
		}
	}
}

// endregion
