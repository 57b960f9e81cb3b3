package contracts

/*
#include <stdlib.h>
#include "memory_contracts.h"
*/
import "C"

import "unsafe"

// armPanic makes the next call of the named Rust export panic inside its
// catch_unwind (mc_test_panic_in, a testing hook); "" disarms it. Test files
// cannot use cgo, so the panic tests reach the hook through this.
func armPanic(export string) {
	if export == "" {
		C.mc_test_panic_in(nil)
		return
	}
	name := C.CString(export)
	defer C.free(unsafe.Pointer(name))
	C.mc_test_panic_in(name)
}

// encodeIntoRaw is EncodeInto without its Go-side overlap check, so a test
// can see that the Rust export refuses overlapping buffers by itself, as it
// must for a C caller.
func encodeIntoRaw(dst, src []byte) error {
	r := C.mc_hex_encode(ptr(src), C.size_t(len(src)), ptr(dst), C.size_t(len(dst)))
	return statusError("mc_hex_encode", r.status)
}
