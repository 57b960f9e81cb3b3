package observing

import (
	"fmt"
	"testing"
)

var sizes = []int{16, 1024, 65536}

var sink uint64

// region: benchmarks
// BenchmarkCgo crosses once per hash, as a Go caller would.
func BenchmarkCgo(b *testing.B) {
	for _, size := range sizes {
		b.Run(fmt.Sprintf("size=%d", size), func(b *testing.B) {
			data := make([]byte, size)
			b.SetBytes(int64(size))
			for b.Loop() {
				sink = Hash(data)
			}
		})
	}
}

// BenchmarkNative hashes b.N times inside Rust, in one crossing: the kernel without the crossing, in
// the same go test run as BenchmarkCgo.
func BenchmarkNative(b *testing.B) {
	for _, size := range sizes {
		b.Run(fmt.Sprintf("size=%d", size), func(b *testing.B) {
			data := make([]byte, size)
			b.SetBytes(int64(size))
			b.ResetTimer()
			HashNative(data, b.N)
		})
	}
}

// endregion
