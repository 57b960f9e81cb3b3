package concurrency

// This file has an //export, so its preamble may only declare, never define
// (cgo copies it into two C files). Definitions live in other files' preambles;
// the header holds only declarations.

/*
#include "concurrency.h"
*/
import "C"

import "runtime/cgo"

// region: export
// ccGoVisit is called by Rust, possibly on a thread Go did not create. The
// handle stands for a Go value that Rust may not hold a pointer to. A Go
// panic must not escape into Rust frames, so the recover comes first, before
// anything that can panic: Value panics on an invalid handle, and a handle to
// another type fails the assertion. Either becomes a status Rust returns.
//
//export ccGoVisit
func ccGoVisit(handle C.uintptr_t, index, value C.uint64_t) (status C.CcStatus) {
	defer func() {
		if recover() != nil {
			status = C.CC_STATUS_BAD_HANDLE
		}
	}()
	v, ok := cgo.Handle(handle).Value().(*visitor)
	if !ok {
		return C.CC_STATUS_BAD_HANDLE
	}
	return v.visit(uint64(index), uint64(value))
}

// endregion
