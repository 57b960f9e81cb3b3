// Command crossing times the same Rust kernel two ways in one process, round after round: natively
// (a loop inside Rust, one crossing per round) and through cgo (one crossing per hash). Interleaving
// the two in each round exposes both to the same machine noise, so their difference is the crossing.
package main

import (
	"fmt"
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
		var native, cgo, overhead []float64
		for range rounds {
			nat := float64(observing.HashNative(data, n).Nanoseconds()) / float64(n)
			start := time.Now()
			for range n {
				observing.Hash(data)
			}
			through := float64(time.Since(start).Nanoseconds()) / float64(n)
			native, cgo = append(native, nat), append(cgo, through)
			overhead = append(overhead, through-nat)
		}
		figures.Emit(fmt.Sprintf("native-ns/size=%d", size), figures.Median(native), "ns/op")
		figures.Emit(fmt.Sprintf("cgo-ns/size=%d", size), figures.Median(cgo), "ns/op")
		figures.Emit(fmt.Sprintf("crossing-ns/size=%d", size), figures.Median(overhead), "ns/op")
	}
}

// endregion
