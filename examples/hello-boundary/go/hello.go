// Package hello calls a Rust static library through cgo.
package hello

// region: preamble

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../target/release/libhello_boundary.a -ldl -lm -lpthread
#include "hello_boundary.h"
*/
import "C"

// endregion

import (
	"errors"
	"fmt"
)

// region: wrapper
// ErrPanic is returned when Rust panicked inside a call. Rust caught the
// panic at the boundary (and printed it to standard error); Go gets an error
// instead of a made-up result.
var ErrPanic = errors.New("hello: Rust panicked")

// Add returns a+b computed by Rust. The wrapper is the only place that
// mentions C types: callers see plain Go.
func Add(a, b int32) (int32, error) {
	sum := C.hb_add(C.int32_t(a), C.int32_t(b))
	if !sum.ok {
		return 0, ErrPanic
	}
	return int32(sum.value), nil
}

// endregion

// region: abi-check
// ABIVersion is the version in the header this package was compiled against.
const ABIVersion = C.HB_ABI_VERSION

// init compares the linked Rust library's ABI version with the header's
// before any other code can call Rust, and stops the program on a mismatch:
// the library and the wrapper were built from different sources, which no
// caller can handle at run time.
func init() {
	if err := checkABI(); err != nil {
		panic(err)
	}
}

func checkABI() error {
	got, err := libraryABIVersion()
	if err != nil {
		return err
	}
	if got != ABIVersion {
		return fmt.Errorf("hello: Rust library ABI version %d, Go wrapper expects %d: build both from the same source", got, ABIVersion)
	}
	return nil
}

// libraryABIVersion asks the linked Rust library which ABI it speaks.
func libraryABIVersion() (uint32, error) {
	v := uint32(C.hb_abi_version())
	if v == 0 { // never a version: Rust panicked
		return 0, fmt.Errorf("hello: hb_abi_version: %w", ErrPanic)
	}
	return v, nil
}

// endregion
