package handles

/*
#include <stdlib.h>
#include "ownership_handles.h"
*/
import "C"

import "unsafe"

// testPanicIn arms Rust's testing hook: the next call of the named export
// panics inside its catch_unwind, once. An empty name disarms it. Only tests
// call it (a _test.go file cannot use cgo).
func testPanicIn(export string) bool {
	if export == "" {
		return bool(C.oh_test_panic_in(nil))
	}
	name := C.CString(export)
	defer C.free(unsafe.Pointer(name))
	return bool(C.oh_test_panic_in(name))
}
