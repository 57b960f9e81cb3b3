package concurrency

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include "concurrency.h"
*/
import "C"

import (
	"errors"
	"runtime"
	"sync/atomic"
	"unsafe"
)

// region: pool
// Pool is a Rust (rayon) thread pool with a fixed number of threads, built
// once and shared by every call. Calls from many goroutines queue on the same
// threads instead of each bringing its own. A Pool is safe for concurrent
// use, Close included.
type Pool struct {
	ptr     *C.CcPool     // set once; freed only when Close was called and no call is using it
	calls   atomic.Uint64 // calls in progress, plus closed once Close was called
	threads int
	cleanup runtime.Cleanup
}

// closed is the top bit of Pool.calls; the bits below count calls in progress.
const closed = 1 << 63

// NewPool builds a pool of the given size. Choose the size with Go in mind:
// the pool's threads run outside GOMAXPROCS, so while they work, Go's own
// goroutines compete with them for the same cores. Call Close when done.
func NewPool(threads int) (*Pool, error) {
	var ptr *C.CcPool
	if err := check("NewPool", C.cc_pool_new(C.uintptr_t(max(threads, 0)), &ptr)); err != nil {
		return nil, err
	}
	p := &Pool{ptr: ptr, threads: max(threads, 1)}
	// The safety net for a forgotten Close: it receives the C pointer, never
	// p, which would keep p reachable for ever.
	p.cleanup = runtime.AddCleanup(p, freeForgotten, ptr)
	return p, nil
}

func freePool(ptr *C.CcPool) error { return check("Pool.Close", C.cc_pool_free(ptr)) }

// freeForgotten is the cleanup. Nobody is left to return an error to, and
// Rust's free fails only by panicking, a bug: crash loudly rather than hide it.
func freeForgotten(ptr *C.CcPool) {
	if err := freePool(ptr); err != nil {
		panic(err)
	}
}

// MixSum is the wrapping sum of mix over items, split across the pool.
func (p *Pool) MixSum(items []uint64) (uint64, error) {
	var sum C.uint64_t
	err := p.use(func(ptr *C.CcPool) error {
		return check("Pool.MixSum", C.cc_pool_mix_sum(ptr, (*C.uint64_t)(unsafe.SliceData(items)), C.uintptr_t(len(items)), &sum))
	})
	if err != nil {
		return 0, err
	}
	return uint64(sum), nil
}

// Close frees the pool, at once or, if calls are still running on it, when
// the last of them returns; its threads exit in the background. Calling it
// again does nothing, and every method returns ErrClosed afterwards.
func (p *Pool) Close() error {
	for {
		n := p.calls.Load()
		if n&closed != 0 {
			return nil // already closed
		}
		if p.calls.CompareAndSwap(n, n|closed) {
			p.cleanup.Stop() // Close frees it; the safety net must not free it again
			if n == 0 {
				return freePool(p.ptr)
			}
			return nil // the last call to leave frees it
		}
	}
}

// use runs call with the pool's pointer, unless the pool is closed. It counts
// the call in and out, so Close never frees the pool under a running call,
// and the deferred leave, which runs after Rust returns and uses p, keeps p
// reachable as runtime.KeepAlive(p) would: the cleanup cannot run meanwhile.
func (p *Pool) use(call func(*C.CcPool) error) (err error) {
	if !p.enter() {
		return ErrClosed
	}
	defer func() { err = errors.Join(err, p.leave()) }()
	return call(p.ptr)
}

// enter counts a call in, unless the pool is closed.
func (p *Pool) enter() bool {
	for {
		n := p.calls.Load()
		if n&closed != 0 {
			return false
		}
		if p.calls.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// leave counts a call out. The last call out of a closed pool frees it, and
// returns what Close would have.
func (p *Pool) leave() error {
	if p.calls.Add(^uint64(0)) == closed {
		return freePool(p.ptr)
	}
	return nil
}

// endregion

// Threads is the pool's size.
func (p *Pool) Threads() int { return p.threads }

// region: pool-per-call
// MixSumNewPool builds a fresh pool inside the call and tears it down again:
// threads are created and shut down on every call. The mistake the benchmarks
// measure against Pool.MixSum.
func MixSumNewPool(threads int, items []uint64) (uint64, error) {
	var sum C.uint64_t
	status := C.cc_mix_sum_new_pool(C.uintptr_t(max(threads, 0)), (*C.uint64_t)(unsafe.SliceData(items)), C.uintptr_t(len(items)), &sum)
	if err := check("MixSumNewPool", status); err != nil {
		return 0, err
	}
	return uint64(sum), nil
}

// endregion
