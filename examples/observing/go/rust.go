// Package observing calls a small Rust library through cgo and measures the crossing: throughput
// natively and through cgo, call latency under load, memory Go cannot see, and where profiles put
// the time spent in Rust.
package observing

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../target/release/libobserving.a -ldl -lm -lpthread
#include "observing.h"
*/
import "C"

import (
	"time"
	"unsafe"
)

// Hash is FNV-1a of data, computed in Rust: one cgo call. Rust reads the Go bytes in place and keeps
// no pointer to them.
func Hash(data []byte) uint64 {
	return uint64(C.obs_hash((*C.uint8_t)(unsafe.SliceData(data)), C.size_t(len(data))))
}

// region: native-loop
// HashNative hashes data iterations times inside Rust in one call and returns how long Rust took:
// the kernel's native cost, without a crossing per hash.
func HashNative(data []byte, iterations int) time.Duration {
	ns := C.obs_hash_native_ns((*C.uint8_t)(unsafe.SliceData(data)), C.size_t(len(data)), C.uint64_t(iterations))
	return time.Duration(ns)
}

// endregion

// Busy keeps its thread in Rust for about d of CPU work: a long call.
func Busy(d time.Duration) {
	C.obs_busy(C.uint64_t(d.Microseconds()))
}

// region: rust-live-bytes
// RustLiveBytes is what Rust's global allocator holds right now, read through the boundary from the
// counting allocator: the figure Go's own metrics leave out.
func RustLiveBytes() uint64 {
	return uint64(C.obs_rust_live_bytes())
}

// endregion

// Buffer is memory Rust allocated and owns. Free it exactly once.
type Buffer struct{ p *C.Buffer }

// NewBuffer has Rust allocate n bytes and write each, so the pages count in RSS. It returns false when
// Rust could not allocate them.
func NewBuffer(n int) (Buffer, bool) {
	p := C.obs_buffer_new(C.size_t(n))
	return Buffer{p}, p != nil
}

// Free returns the buffer to Rust; the Buffer must not be used again.
func (b Buffer) Free() {
	C.obs_buffer_free(b.p)
}
