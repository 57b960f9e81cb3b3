package concurrency

// Aids for this package's tests, which cannot use cgo themselves.

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include <stdlib.h>
#include "concurrency.h"
extern CcStatus ccGoVisit(uintptr_t handle, uint64_t index, uint64_t value);
*/
import "C"

import "unsafe"

// testPanicIn arms Rust's test hook: the next call of the named export
// panics inside its guard, once.
func testPanicIn(export string) error {
	name := C.CString(export)
	defer C.free(unsafe.Pointer(name))
	return check("testPanicIn", C.cc_test_panic_in(name))
}

// visitWithHandle is Visit with a handle of the caller's choosing: a bad one
// must come back as an error, not a crash.
func visitWithHandle(handle uintptr, n uint64) error {
	return check("visitWithHandle", C.cc_visit(C.CcVisitFn(C.ccGoVisit), C.uintptr_t(handle), C.uint64_t(n)))
}

// livePools is how many pools Rust has built and not yet freed.
func livePools() (int, error) {
	var n C.uintptr_t
	if err := check("livePools", C.cc_live_pools(&n)); err != nil {
		return 0, err
	}
	return int(n), nil
}
