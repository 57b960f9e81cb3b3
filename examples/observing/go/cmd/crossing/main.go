// Command crossing times the same Rust kernel two ways in one process, round after round: natively
// (a loop inside Rust, one crossing per round) and through cgo (one crossing per hash). Interleaving
// the two in each round exposes both to the same machine noise, so their difference is the crossing.
package main

import (
	"fmt"
	"slices"
	"time"

	"example.com/handbook/observing"
	"example.com/handbook/observing/internal/figures"
)

// region: interleaved
func main() {
	rounds, perRound := 21, 200_000
	if figures.Check() {
		rounds, perRound = 7, 50_000
	}
	for _, size := range []int{16, 1024, 65536} {
		data := make([]byte, size)
		n := max(perRound*16/size, 50)
		var native, cgo, ratio []float64
		for range rounds {
			nat := float64(observing.HashNative(data, n).Nanoseconds()) / float64(n)
			start := time.Now()
			for range n {
				observing.Hash(data)
			}
			through := float64(time.Since(start).Nanoseconds()) / float64(n)
			native, cgo, ratio = append(native, nat), append(cgo, through), append(ratio, through/nat)
		}
		name := fmt.Sprintf("/size=%d", size)
		figures.EmitSamples("native-ns"+name, figures.Median(slices.Clone(native)), "ns", native)
		figures.EmitSamples("cgo-ns"+name, figures.Median(slices.Clone(cgo)), "ns", cgo)
		// The ratio within each round, so both sides of it saw the same machine.
		figures.EmitSamples("cgo-over-native"+name, figures.Median(slices.Clone(ratio)), "×", ratio)
		if size == 16 {
			// Where the kernel is a few nanoseconds, the difference is the crossing itself.
			figures.Emit("crossing-ns", figures.Median(slices.Clone(cgo))-figures.Median(slices.Clone(native)), "ns")
		}
	}
}

// endregion
