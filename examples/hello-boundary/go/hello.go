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

import "fmt"

// region: wrapper
// Add returns a+b computed by Rust. The wrapper is the only place that
// mentions C types: callers see plain Go.
func Add(a, b int32) int32 {
	return int32(C.hb_add(C.int32_t(a), C.int32_t(b)))
}

// endregion

// region: abi-check
// ABIVersion is the version in the header this package was compiled against.
const ABIVersion = C.HB_ABI_VERSION

// CheckABI reports an error when the linked Rust library speaks another ABI
// version than the header this package was built with.
func CheckABI() error {
	if got := uint32(C.hb_abi_version()); got != ABIVersion {
		return fmt.Errorf("hello: Rust library ABI version %d, Go wrapper expects %d", got, ABIVersion)
	}
	return nil
}

// endregion
