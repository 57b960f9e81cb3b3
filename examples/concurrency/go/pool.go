package concurrency

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include "concurrency.h"
*/
import "C"

import (
	"errors"
	"unsafe"
)

// region: pool
// Pool is a Rust (rayon) thread pool with a fixed number of threads, built
// once and shared by every call. Calls from many goroutines queue on the same
// threads instead of each bringing its own.
type Pool struct {
	p       *C.CcPool
	threads int
}

// NewPool builds a pool of the given size. Choose the size with Go in mind:
// the pool's threads run outside GOMAXPROCS, so while they work, Go's own
// goroutines compete with them for the same cores.
func NewPool(threads int) (*Pool, error) {
	p := C.cc_pool_new(C.uintptr_t(threads))
	if p == nil {
		return nil, errors.New("concurrency: could not build a Rust thread pool")
	}
	return &Pool{p: p, threads: max(threads, 1)}, nil
}

// MixSum is the wrapping sum of mix over items, split across the pool.
func (p *Pool) MixSum(items []uint64) uint64 {
	return uint64(C.cc_pool_mix_sum(p.p, (*C.uint64_t)(unsafe.SliceData(items)), C.uintptr_t(len(items))))
}

// Close frees the pool; its threads exit in the background. No call may be using it.
func (p *Pool) Close() {
	C.cc_pool_free(p.p)
	p.p = nil
}

// endregion

// Threads is the pool's size.
func (p *Pool) Threads() int { return p.threads }

// region: pool-per-call
// MixSumNewPool builds a fresh pool inside the call and tears it down again:
// threads are created and shut down on every call. The mistake the benchmarks
// measure against Pool.MixSum.
func MixSumNewPool(threads int, items []uint64) uint64 {
	return uint64(C.cc_mix_sum_new_pool(C.uintptr_t(threads), (*C.uint64_t)(unsafe.SliceData(items)), C.uintptr_t(len(items))))
}

// endregion
