// Package concurrency calls Rust from many goroutines at once, and shows what
// that costs in OS threads, how a rayon pool inside a call is kept to its
// share of the machine, how Rust threads call back into Go, and how a Go
// context cancels a long Rust computation.
package concurrency

// region: preamble

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../target/release/libconcurrency.a -ldl -lm -lpthread
#include "concurrency.h"
*/
import "C"

// endregion

import (
	"errors"
	"unsafe"
)

// region: per-item-and-batched
// MixOne crosses into Rust for a single item.
func MixOne(x uint64) (uint64, error) {
	var out C.uint64_t
	if err := check("MixOne", C.cc_mix(C.uint64_t(x), &out)); err != nil {
		return 0, err
	}
	return uint64(out), nil
}

// MixBatch crosses once for all of in, writing len(in) results to out.
// MixBatch(xs, xs) works in place; out and in may not overlap otherwise.
func MixBatch(in, out []uint64) error {
	if len(out) < len(in) {
		return errors.New("concurrency: MixBatch: out is shorter than in")
	}
	out = out[:len(in)]
	if partialOverlap(in, out) {
		return &Error{Op: "MixBatch", Code: CodeOverlap}
	}
	if len(in) == 0 {
		return nil
	}
	return check("MixBatch", C.cc_mix_batch((*C.uint64_t)(unsafe.SliceData(in)), (*C.uint64_t)(unsafe.SliceData(out)), C.uintptr_t(len(in))))
}

// partialOverlap reports whether a and b, of equal length, share memory
// without being the same elements. Comparing addresses is all it does:
// nothing converts an integer back into a pointer.
func partialOverlap(a, b []uint64) bool {
	if len(a) == 0 {
		return false
	}
	start, other := uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&b[0]))
	size := uintptr(len(a)) * unsafe.Sizeof(a[0])
	return start != other && start < other+size && other < start+size
}

// endregion

// MixSum is the wrapping sum of mix over items, computed on the calling thread.
func MixSum(items []uint64) (uint64, error) {
	var sum C.uint64_t
	if err := check("MixSum", C.cc_mix_sum((*C.uint64_t)(unsafe.SliceData(items)), C.uintptr_t(len(items)), &sum)); err != nil {
		return 0, err
	}
	return uint64(sum), nil
}

// Noop crosses into Rust and back.
func Noop() error { return check("Noop", C.cc_noop()) }

// Spin does CPU-bound work in Rust proportional to units.
func Spin(units uint64) (uint64, error) {
	var out C.uint64_t
	if err := check("Spin", C.cc_spin(C.uint64_t(units), &out)); err != nil {
		return 0, err
	}
	return uint64(out), nil
}

// SpinFor keeps the calling goroutine's OS thread busy in Rust for ms milliseconds.
func SpinFor(ms uint32) (uint64, error) {
	var out C.uint64_t
	if err := check("SpinFor", C.cc_spin_for_ms(C.uint32_t(ms), &out)); err != nil {
		return 0, err
	}
	return uint64(out), nil
}

// ActiveCalls is how many threads are inside Spin or SpinFor right now.
func ActiveCalls() (int, error) {
	var n C.uintptr_t
	if err := check("ActiveCalls", C.cc_active_calls(&n)); err != nil {
		return 0, err
	}
	return int(n), nil
}

// TakePeakCalls returns the most threads inside Spin or SpinFor at once since
// the last call, and starts counting again.
func TakePeakCalls() (int, error) {
	var n C.uintptr_t
	if err := check("TakePeakCalls", C.cc_take_peak_calls(&n)); err != nil {
		return 0, err
	}
	return int(n), nil
}

// mixGo is the same SplitMix64 finaliser in Go: the tests' reference.
func mixGo(x uint64) uint64 {
	z := x + 0x9E3779B97F4A7C15
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// region: limiter
// Limiter lets at most cap(l) goroutines into Rust at once. Without one, each
// goroutine in a long cgo call holds an OS thread, the scheduler hands its P
// to a new thread to run the next goroutine, and that one enters Rust too:
// Rust work ends up on more threads than GOMAXPROCS, fighting for the cores.
type Limiter chan struct{}

// NewLimiter returns a Limiter admitting n calls at a time.
func NewLimiter(n int) Limiter { return make(Limiter, n) }

// Do runs f once a slot is free.
func (l Limiter) Do(f func()) {
	l <- struct{}{}
	defer func() { <-l }()
	f()
}

// endregion
