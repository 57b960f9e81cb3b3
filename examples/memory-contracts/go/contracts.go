// Package contracts hex-encodes bytes in Rust through four memory contracts:
// Go memory lent for one call, a caller-provided output buffer, a result Rust
// allocates and Go hands back, and Go memory Rust keeps across calls (pinned).
// The copying path is here too, to show what the others save.
package contracts

// region: preamble

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../target/release/libmemory_contracts.a -ldl -lm -lpthread
#include <stdlib.h>
#include "memory_contracts.h"
*/
import "C"

// endregion

import (
	"io"
	"unsafe"
)

// region: borrow
// ptr is the address of b's first byte, or nil for a nil slice. Rust never
// dereferences it when the length it gets with it is 0.
func ptr(b []byte) *C.uint8_t { return (*C.uint8_t)(unsafe.SliceData(b)) }

// Encode returns the hex encoding of src. Both slices are Go memory lent to
// Rust for the duration of one call, with no copy: Rust reads src, writes dst,
// and keeps neither pointer once it returns. cgo allows it because neither
// slice holds Go pointers.
func Encode(src []byte) []byte {
	dst := make([]byte, 2*len(src))
	n := C.mc_hex_encode(ptr(src), C.size_t(len(src)), ptr(dst), C.size_t(len(dst)))
	return dst[:n]
}

// endregion

// region: output-buffer
// EncodeInto writes the hex encoding of src into dst and returns the number of
// bytes written. If dst is shorter than 2*len(src) it writes nothing and
// returns the length needed with io.ErrShortBuffer. A caller that reuses dst
// across calls allocates nothing at all.
func EncodeInto(dst, src []byte) (int, error) {
	n := int(C.mc_hex_encode(ptr(src), C.size_t(len(src)), ptr(dst), C.size_t(len(dst))))
	if n > len(dst) {
		return n, io.ErrShortBuffer
	}
	return n, nil
}

// endregion

// region: rust-alloc
// EncodeRustAlloc lets Rust allocate the result. Go cannot keep a slice of
// Rust's memory past the free, so C.GoBytes copies it into Go memory and the
// original goes straight back to Rust, with the length Rust reported.
func EncodeRustAlloc(src []byte) []byte {
	var n C.size_t
	p := C.mc_hex_encode_alloc(ptr(src), C.size_t(len(src)), &n)
	defer C.mc_bytes_free(p, n)
	return C.GoBytes(unsafe.Pointer(p), C.int(n))
}

// endregion

// region: copy
// EncodeCopy never lends Go memory to Rust: src is copied into C memory
// (C.CBytes), Rust writes into a C buffer, and C.GoBytes copies the result
// back. That is two mallocs, two copies and two frees per call, and each
// C.free is one more cgo call.
func EncodeCopy(src []byte) []byte {
	in := C.CBytes(src) // malloc + copy
	defer C.free(in)
	out := C.malloc(C.size_t(2 * len(src)))
	defer C.free(out)
	n := C.mc_hex_encode((*C.uint8_t)(in), C.size_t(len(src)), (*C.uint8_t)(out), C.size_t(2*len(src)))
	return C.GoBytes(out, C.int(n)) // malloc'd memory → new Go slice
}

// endregion
