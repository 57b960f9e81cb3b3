package concurrency

import (
	"errors"
	"slices"
	"sync"
	"sync/atomic"
)

// region: race-mistake
// SumMixedRacy splits items across goroutines, each summing its part in
// Rust, and folds the parts into one variable without synchronisation. The
// race is in Go (total += ...), so the race detector sees it.
func SumMixedRacy(items []uint64, goroutines int) (uint64, error) {
	var total uint64
	parts := slices.Collect(slices.Chunk(items, partSize(len(items), goroutines)))
	errs := make([]error, len(parts)) // one slot per goroutine: no race here
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Go(func() {
			sum, err := MixSum(part)
			total += sum // BUG: unsynchronised read-modify-write
			errs[i] = err
		})
	}
	wg.Wait()
	return total, errors.Join(errs...)
}

// endregion

// region: race-fixed
// SumMixed is the same with the fold made atomic.
func SumMixed(items []uint64, goroutines int) (uint64, error) {
	var total atomic.Uint64
	parts := slices.Collect(slices.Chunk(items, partSize(len(items), goroutines)))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Go(func() {
			sum, err := MixSum(part)
			total.Add(sum)
			errs[i] = err
		})
	}
	wg.Wait()
	return total.Load(), errors.Join(errs...)
}

// endregion

func partSize(n, goroutines int) int {
	return max(1, (n+goroutines-1)/max(goroutines, 1))
}
