package concurrency

import (
	"slices"
	"sync"
	"sync/atomic"
)

// region: race-mistake
// SumMixedRacy splits items across goroutines, each summing its part in
// Rust, and folds the parts into one variable without synchronisation. The
// race is in Go (total += ...), so the race detector sees it.
func SumMixedRacy(items []uint64, goroutines int) uint64 {
	var total uint64
	var wg sync.WaitGroup
	for part := range slices.Chunk(items, partSize(len(items), goroutines)) {
		wg.Go(func() { total += MixSum(part) }) // BUG: unsynchronised read-modify-write
	}
	wg.Wait()
	return total
}

// endregion

// region: race-fixed
// SumMixed is the same with the fold made atomic.
func SumMixed(items []uint64, goroutines int) uint64 {
	var total atomic.Uint64
	var wg sync.WaitGroup
	for part := range slices.Chunk(items, partSize(len(items), goroutines)) {
		wg.Go(func() { total.Add(MixSum(part)) })
	}
	wg.Wait()
	return total.Load()
}

// endregion

func partSize(n, goroutines int) int {
	return max(1, (n+goroutines-1)/max(goroutines, 1))
}
