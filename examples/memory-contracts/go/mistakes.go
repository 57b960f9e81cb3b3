package contracts

// Mistakes the memory-contracts guide shows, compiled so that tests can prove
// each one is caught (see checks_test.go and valgrind_test.go). Never call them.

/*
#include <stdlib.h>
#include "memory_contracts.h"
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// region: mistake-unpinned
// encodeVectoredUnpinned is EncodeVectored without the Pinner. The descriptor
// array is Go memory holding unpinned Go pointers, so cgo's default check
// panics at the call, before Rust runs.
func encodeVectoredUnpinned(parts ...[]byte) []byte {
	descs := make([]C.McSlice, len(parts))
	total := 0
	for i, p := range parts {
		descs[i] = C.McSlice{ptr: ptr(p), len: C.size_t(len(p))}
		total += len(p)
	}
	dst := make([]byte, 2*total)
	r := C.mc_hex_encode_vectored(unsafe.SliceData(descs), C.size_t(len(descs)), ptr(dst), C.size_t(len(dst)))
	return dst[:r.len]
}

// endregion

// region: mistake-c-memory
// encodeVectoredInCMemory dodges that panic by building the descriptors in C
// memory. The default check looks only at what a call is given, so it misses
// this, and the program prints the right answer. But the GC cannot see
// pointers stored in C memory, and a descriptor kept for a later call would
// point at memory the GC has freed. GOEXPERIMENT=cgocheck2 catches the store.
func encodeVectoredInCMemory(parts ...[]byte) []byte {
	size := C.size_t(unsafe.Sizeof(C.McSlice{}))
	descs := unsafe.Slice((*C.McSlice)(C.calloc(C.size_t(len(parts)), size)), len(parts))
	defer C.free(unsafe.Pointer(unsafe.SliceData(descs)))
	total := 0
	for i, p := range parts {
		descs[i] = C.McSlice{ptr: ptr(p), len: C.size_t(len(p))} // a Go pointer stored in C memory
		total += len(p)
	}
	dst := make([]byte, 2*total)
	r := C.mc_hex_encode_vectored(unsafe.SliceData(descs), C.size_t(len(descs)), ptr(dst), C.size_t(len(dst)))
	return dst[:r.len]
}

// endregion

// region: mistake-forgotten-unpin
// sinkWithoutUnpin frees the Rust sink but never unpins the buffer it lent.
// A pinned object is never freed, so the Go runtime treats a Pinner that
// becomes unreachable while still holding pins as a bug, and panics.
func sinkWithoutUnpin(data []byte) {
	var pinner runtime.Pinner
	buf := make([]byte, 2*len(data)+1)
	pinner.Pin(&buf[0])
	s := C.mc_sink_new(ptr(buf), C.size_t(len(buf)))
	C.mc_sink_write(s, ptr(data), C.size_t(len(data)))
	C.mc_sink_free(s)
	// missing: pinner.Unpin()
}

// endregion

// region: mistake-alias-freed
// encodeRustAllocNoCopy skips the copy by viewing Rust's buffer as
// a Go slice, then frees the buffer on the way out: the caller gets a slice
// into freed memory. The GC does not know the slice points outside Go's heap.
func encodeRustAllocNoCopy(src []byte) []byte {
	var p *C.uint8_t
	r := C.mc_hex_encode_alloc(ptr(src), C.size_t(len(src)), &p)
	defer C.mc_bytes_free(p, r.len)
	return unsafe.Slice((*byte)(unsafe.Pointer(p)), int(r.len))
}

// endregion
