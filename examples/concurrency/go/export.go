package concurrency

// This file has an //export, so its preamble may only declare, never define
// (cgo copies it into two C files). Definitions live in other files' preambles.

/*
#include <stdint.h>
extern void ccGoVisit(uintptr_t handle, uint64_t index, uint64_t value);
*/
import "C"

import "runtime/cgo"

// region: export
// ccGoVisit is called by Rust, possibly on a thread Go did not create. The
// handle stands for a Go value that Rust may not hold a pointer to. A Go
// panic must not escape into Rust frames: recover it here and record it.
//
//export ccGoVisit
func ccGoVisit(handle C.uintptr_t, index, value C.uint64_t) {
	v := cgo.Handle(handle).Value().(*visitor)
	defer v.recoverPanic()
	v.fn(uint64(index), uint64(value))
}

// endregion
