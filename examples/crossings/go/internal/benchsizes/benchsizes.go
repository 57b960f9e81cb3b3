// Package benchsizes runs one crossing's benchmarks the same way for all of them, so their names
// (`<Variant>/size=N`, `Empty/<crossing>`) line up as one series per crossing on the guide's chart.
package benchsizes

import (
	"fmt"
	"testing"

	"example.com/handbook/crossings"
)

// Sizes runs from 16 B to 16 MiB, by 16×.
var Sizes = []int{16, 256, 4 << 10, 64 << 10, 1 << 20, 16 << 20}

// Run benchmarks f at every size, checking each answer against the pure Go kernel once.
func Run(b *testing.B, f func([]byte) (uint32, error)) {
	for _, n := range Sizes {
		data := crossings.Pattern(n)
		want := crossings.Adler32Go(data)
		b.Run(fmt.Sprintf("size=%d", n), func(b *testing.B) {
			b.SetBytes(int64(n))
			if got, err := f(data); got != want || err != nil {
				b.Fatalf("%08x, %v; want %08x", got, err, want)
			}
			for b.Loop() {
				if _, err := f(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Empty benchmarks a call that crosses and does no work, as `Empty/<crossing>`: a sub-benchmark, so that one
// -bench pattern of two levels selects it beside `CgoCall/add-int` (a top-level benchmark without
// sub-benchmarks only partly matches such a pattern, and go test does not report it).
func Empty(b *testing.B, crossing string, f func() error) {
	b.Run(crossing, func(b *testing.B) {
		for b.Loop() {
			if err := f(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
