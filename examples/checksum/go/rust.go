package checksum

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../target/release/libchecksum.a -ldl -lm -lpthread
#include <stdlib.h>
#include "checksum.h"
*/
import "C"

import "unsafe"

// region: zero-copy
// Adler32Rust hands Rust a pointer into the Go slice itself: no copy. cgo's
// rules allow it because the bytes hold no Go pointers, and Go keeps the
// memory alive and in place until the call returns. Rust must not keep it.
func Adler32Rust(data []byte) uint32 {
	if len(data) == 0 {
		return uint32(C.cs_adler32(nil, 0))
	}
	ptr := (*C.uint8_t)(unsafe.SliceData(data))
	return uint32(C.cs_adler32(ptr, C.size_t(len(data))))
}

// endregion

// region: copying
// Adler32RustCopy copies the bytes into C memory first (C.CBytes mallocs),
// the way many first attempts do. It is correct, and it pays for a malloc, a
// full copy and a free on every call.
func Adler32RustCopy(data []byte) uint32 {
	if len(data) == 0 {
		return uint32(C.cs_adler32(nil, 0))
	}
	buf := C.CBytes(data)
	defer C.free(buf)
	return uint32(C.cs_adler32((*C.uint8_t)(buf), C.size_t(len(data))))
}

// endregion

// region: noop
// Noop crosses into Rust and back without doing any work.
func Noop() { C.cs_noop() }

// endregion
