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

// region: status
// The errors a call returns, one per status code the header defines.
var (
	ErrNullPointer = errors.New("evolve: NULL pointer")
	ErrPanic       = errors.New("evolve: Rust panicked")
	ErrBadSize     = errors.New("evolve: Rust knows no AeOptions of this size")
	ErrTooLarge    = errors.New("evolve: input longer than Options.MaxLen")
)

// statusErrors maps each status code to its error, indexed by the code:
// codes are only ever appended, so a code keeps its meaning in every version.
var statusErrors = [...]error{
	C.AE_STATUS_OK:           nil,
	C.AE_STATUS_NULL_POINTER: ErrNullPointer,
	C.AE_STATUS_PANIC:        ErrPanic,
	C.AE_STATUS_BAD_SIZE:     ErrBadSize,  // since 1.1
	C.AE_STATUS_TOO_LARGE:    ErrTooLarge, // since 1.2
}

// errorOf maps a status to its error; a code added after this wrapper's
// header is still an error, never success.
func errorOf(status C.AeStatus) error {
	if status >= 0 && int(status) < len(statusErrors) {
		return statusErrors[status]
	}
	return fmt.Errorf("evolve: status %d, newer than this wrapper's ABI %d.%d", int32(status), Major, Minor)
}

// endregion

// Options are ae_checksum_with's options, in Go.
type Options struct {
	Seed uint64
	// MaxLen refuses longer inputs with ErrTooLarge; 0: no limit. Since 1.2.
	MaxLen uint64
}

// region: checksum
// Checksum returns the FNV-1a checksum of data as opts say. The C struct
// carries its own size, so a library of a later minor version reads only the
// fields this wrapper's header has.
func Checksum(data []byte, opts Options) (uint64, error) {
	copts := C.AeOptions{size: C.sizeof_AeOptions, seed: C.uint64_t(opts.Seed), max_len: C.uint64_t(opts.MaxLen)}
	var sum C.uint64_t
	status := C.ae_checksum_with((*C.uint8_t)(unsafe.SliceData(data)), C.size_t(len(data)), &copts, &sum)
	if err := errorOf(status); err != nil {
		return 0, err
	}
	return uint64(sum), nil
}

// endregion
