// Package evolve calls a Rust library whose C ABI grows across versions
// without breaking the callers built against an older header.
package evolve

// region: preamble

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../target/release/libabi_evolution.a -ldl -lm -lpthread
#include "abi_evolution.h"
*/
import "C"

// endregion

import (
	"errors"
	"fmt"
	"unsafe"
)

// region: compat
// Major and Minor are the ABI version of the header this package was compiled against.
const (
	Major = C.AE_ABI_MAJOR
	Minor = C.AE_ABI_MINOR
)

// init stops the program before any call when the linked library cannot
// serve this wrapper: the library and the wrapper were built from sources no
// caller can reconcile at run time.
func init() {
	if err := compatible(uint32(C.ae_abi_version()), Major, Minor); err != nil {
		panic(err)
	}
}

// compatible accepts a library with the wrapper's major version and at least
// its minor one: a newer minor only added what this wrapper never uses.
func compatible(lib uint32, major, minor uint32) error {
	if lib == 0 { // never a version: Rust panicked
		return fmt.Errorf("evolve: ae_abi_version: %w", ErrPanic)
	}
	libMajor, libMinor := lib>>16, lib&0xffff
	if libMajor != major || libMinor < minor {
		return fmt.Errorf("evolve: Rust library ABI %d.%d cannot serve a Go wrapper built for %d.%d: "+
			"it needs major %d and minor %d or later", libMajor, libMinor, major, minor, major, minor)
	}
	return nil
}

// endregion

// ErrPanic: Rust panicked inside a call, caught it at the boundary and said so.
var ErrPanic = errors.New("evolve: Rust panicked")

// ErrNullPointer: the wrapper passed a NULL pointer Rust refused.
var ErrNullPointer = errors.New("evolve: NULL pointer")

// errorOf maps a status to its error.
func errorOf(status C.AeStatus) error {
	switch status {
	case C.AE_STATUS_OK:
		return nil
	case C.AE_STATUS_NULL_POINTER:
		return ErrNullPointer
	case C.AE_STATUS_PANIC:
		return ErrPanic
	}
	return fmt.Errorf("evolve: status %d, unknown to this wrapper", int32(status))
}

// Checksum returns the FNV-1a checksum of data, starting from seed.
func Checksum(data []byte, seed uint64) (uint64, error) {
	var sum C.uint64_t
	status := C.ae_checksum((*C.uint8_t)(unsafe.SliceData(data)), C.size_t(len(data)), C.uint64_t(seed), &sum)
	if err := errorOf(status); err != nil {
		return 0, err
	}
	return uint64(sum), nil
}
