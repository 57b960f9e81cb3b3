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
	"errors"
	"fmt"
	"io"
	"unsafe"
)

// ErrOverlap is returned when the output buffer shares bytes with the input:
// a caller bug, refused rather than copied around (see EncodeInto).
var ErrOverlap = errors.New("contracts: output buffer overlaps the input")

// ErrPanic is returned when Rust panicked: a bug in the library, caught at
// the boundary. The panic message went to standard error.
var ErrPanic = errors.New("contracts: rust panicked")

// statusError maps a failed status to an error; op names the Rust export.
func statusError(op string, s C.McStatus) error {
	switch s {
	case C.MC_STATUS_OK:
		return nil
	case C.MC_STATUS_SHORT_BUFFER:
		return io.ErrShortBuffer
	case C.MC_STATUS_OVERLAP:
		return ErrOverlap
	case C.MC_STATUS_PANIC:
		return fmt.Errorf("%s: %w", op, ErrPanic)
	}
	// NULL pointers never leave this package; anything else is a library bug.
	return fmt.Errorf("contracts: %s: unexpected status %d", op, s)
}

// region: borrow
// ptr is the address of b's first byte, or nil for a nil slice. Rust never
// dereferences it when the length it gets with it is 0.
func ptr(b []byte) *C.uint8_t { return (*C.uint8_t)(unsafe.SliceData(b)) }

// Encode returns the hex encoding of src. Both slices are Go memory lent to
// Rust for the duration of one call, with no copy: Rust reads src, writes dst,
// and keeps neither pointer once it returns. cgo allows it because neither
// slice holds Go pointers. The only error is a caught Rust panic.
func Encode(src []byte) ([]byte, error) {
	dst := make([]byte, 2*len(src))
	r := C.mc_hex_encode(ptr(src), C.size_t(len(src)), ptr(dst), C.size_t(len(dst)))
	if err := statusError("mc_hex_encode", r.status); err != nil {
		return nil, err
	}
	return dst[:r.len], nil
}

// endregion

// region: output-buffer
// EncodeInto writes the hex encoding of src into dst and returns the number of
// bytes written. If dst is shorter than 2*len(src) it writes nothing and
// returns the length needed with io.ErrShortBuffer. A caller that reuses dst
// across calls allocates nothing at all. If dst and src share any byte it
// returns ErrOverlap and writes nothing: Rust would read and write the same
// bytes through two slices, which is undefined behaviour.
func EncodeInto(dst, src []byte) (int, error) {
	if overlap(dst, src) {
		return 0, ErrOverlap
	}
	r := C.mc_hex_encode(ptr(src), C.size_t(len(src)), ptr(dst), C.size_t(len(dst)))
	if err := statusError("mc_hex_encode", r.status); err != nil && !errors.Is(err, io.ErrShortBuffer) {
		return 0, err
	}
	n := int(r.len)
	if n > len(dst) {
		return n, io.ErrShortBuffer
	}
	return n, nil
}

// overlap reports whether a and b share a byte. Go memory passed to cgo does
// not move during the call, and heap slices never move.
func overlap(a, b []byte) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	pa, pb := uintptr(unsafe.Pointer(unsafe.SliceData(a))), uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return pa < pb+uintptr(len(b)) && pb < pa+uintptr(len(a))
}

// endregion

// region: rust-alloc
// EncodeRustAlloc lets Rust allocate the result. Go cannot keep a slice of
// Rust's memory past the free, so the result is copied into Go memory and the
// original goes straight back to Rust, with the length Rust reported.
func EncodeRustAlloc(src []byte) (out []byte, err error) {
	var p *C.uint8_t
	r := C.mc_hex_encode_alloc(ptr(src), C.size_t(len(src)), &p)
	if err := statusError("mc_hex_encode_alloc", r.status); err != nil {
		return nil, err
	}
	defer func() {
		if ferr := statusError("mc_bytes_free", C.mc_bytes_free(p, r.len)); ferr != nil {
			out, err = nil, ferr
		}
	}()
	return goBytes(unsafe.Pointer(p), r.len), nil
}

// goBytes copies n bytes of C or Rust memory into a new Go slice. C.GoBytes
// takes a C.int, which would cut a result of 2 GiB or more.
func goBytes(p unsafe.Pointer, n C.size_t) []byte {
	if n == 0 {
		return []byte{}
	}
	return append([]byte(nil), unsafe.Slice((*byte)(p), n)...)
}

// endregion

// region: copy
// EncodeCopy never lends Go memory to Rust: src is copied into C memory
// (C.CBytes), Rust writes into a C buffer, and the result is copied back.
// That is two mallocs, two copies and two frees per call, and each C.free is
// one more cgo call.
func EncodeCopy(src []byte) ([]byte, error) {
	in := C.CBytes(src) // malloc + copy
	defer C.free(in)
	out := C.malloc(C.size_t(2 * len(src)))
	defer C.free(out)
	r := C.mc_hex_encode((*C.uint8_t)(in), C.size_t(len(src)), (*C.uint8_t)(out), C.size_t(2*len(src)))
	if err := statusError("mc_hex_encode", r.status); err != nil {
		return nil, err
	}
	return goBytes(out, r.len), nil // malloc'd memory → new Go slice
}

// endregion
