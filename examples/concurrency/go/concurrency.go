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

import "unsafe"

// region: per-item-and-batched
// MixOne crosses into Rust for a single item.
func MixOne(x uint64) uint64 { return uint64(C.cc_mix(C.uint64_t(x))) }

// MixBatch crosses once for all of in, writing len(in) results to out.
func MixBatch(in, out []uint64) {
	if len(out) < len(in) {
		panic("concurrency: MixBatch: out is shorter than in")
	}
	if len(in) == 0 {
		return
	}
	C.cc_mix_batch((*C.uint64_t)(unsafe.SliceData(in)), (*C.uint64_t)(unsafe.SliceData(out)), C.uintptr_t(len(in)))
}

// endregion

// MixSum is the wrapping sum of mix over items, computed on the calling thread.
func MixSum(items []uint64) uint64 {
	return uint64(C.cc_mix_sum((*C.uint64_t)(unsafe.SliceData(items)), C.uintptr_t(len(items))))
}

// Noop crosses into Rust and back.
func Noop() { C.cc_noop() }

// Spin does CPU-bound work in Rust proportional to units.
func Spin(units uint64) uint64 { return uint64(C.cc_spin(C.uint64_t(units))) }

// SpinFor keeps the calling goroutine's OS thread busy in Rust for ms milliseconds.
func SpinFor(ms uint32) uint64 { return uint64(C.cc_spin_for_ms(C.uint32_t(ms))) }

// ActiveCalls is how many threads are inside Spin or SpinFor right now.
func ActiveCalls() int { return int(C.cc_active_calls()) }

// TakePeakCalls returns the most threads inside Spin or SpinFor at once since
// the last call, and starts counting again.
func TakePeakCalls() int { return int(C.cc_take_peak_calls()) }

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
