package contracts

/*
#include "memory_contracts.h"
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// region: vectored
// EncodeVectored hex-encodes the concatenation of parts in one call. Rust gets
// an array of descriptors, each pointing at one part: Go memory that holds Go
// pointers. cgo passes such memory only if every pointer in it is pinned, so
// each part is pinned for the duration of the call. The only error is a caught
// Rust panic: dst is fresh, so it overlaps nothing.
func EncodeVectored(parts ...[]byte) ([]byte, error) {
	var pinner runtime.Pinner
	defer pinner.Unpin() // after the call: Rust keeps no pointer
	descs := make([]C.McSlice, len(parts))
	total := 0
	for i, p := range parts {
		if len(p) == 0 {
			continue // a zero descriptor: NULL with length 0
		}
		pinner.Pin(unsafe.SliceData(p))
		descs[i] = C.McSlice{ptr: ptr(p), len: C.size_t(len(p))}
		total += len(p)
	}
	dst := make([]byte, 2*total)
	r := C.mc_hex_encode_vectored(unsafe.SliceData(descs), C.size_t(len(descs)), ptr(dst), C.size_t(len(dst)))
	if err := statusError("mc_hex_encode_vectored", r.status); err != nil {
		return nil, err
	}
	return dst[:r.len], nil
}

// endregion
