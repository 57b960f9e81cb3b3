// Package cgostatic calls the Rust kernel through cgo, linked into the Go
// binary from the crate's staticlib: nothing ships beside the binary, and
// building needs a C toolchain for each target.
package cgostatic

/*
#cgo CFLAGS: -I${SRCDIR}/../../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../../target/release/libcrossings.a -ldl -lm -lpthread
#include "crossings.h"
*/
import "C"

import (
	"unsafe"

	"example.com/handbook/crossings"
)

// region: calls
// Init makes the library usable; the static library needs no loading, only its
// init.
func Init() error {
	if err := crossings.CheckABI("libcrossings.a", uint32(C.crossings_abi_version())); err != nil {
		return err
	}
	return crossings.Check("Init", int32(C.crossings_init()))
}

// Adler32 hands Rust a pointer into the slice itself: no copy (the bytes hold
// no Go pointers).
func Adler32(data []byte) (uint32, error) {
	var out C.uint32_t
	status := C.crossings_adler32((*C.uint8_t)(unsafe.SliceData(data)), C.size_t(len(data)), &out)
	return uint32(out), crossings.Check("Adler32", int32(status))
}

// endregion

// Noop crosses and comes back without work.
func Noop() error { return crossings.Check("Noop", int32(C.crossings_noop())) }

// Fail asks Rust to fail (crossings.FailPanic or FailAbort).
func Fail(how uint32) error { return crossings.Check("Fail", int32(C.crossings_fail(C.uint32_t(how)))) }

// Close is crossings_shutdown: later calls fail until Init.
func Close() { C.crossings_shutdown() }
