package checksum

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../target/release/libchecksum.a -ldl -lm -lpthread
#include <stdlib.h>
#include "checksum.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// ErrPanic is returned, wrapped, when Rust panicked during the call. Rust
// caught the panic at the boundary and printed it to standard error.
var ErrPanic = errors.New("checksum: Rust panicked")

// result turns what an export returned into Go values: the checksum means
// something only when the status is OK.
func result(op string, r C.CsSum) (uint32, error) {
	switch r.status {
	case C.CS_STATUS_OK:
		return uint32(r.value), nil
	case C.CS_STATUS_PANIC:
		return 0, fmt.Errorf("checksum: %s: %w", op, ErrPanic)
	}
	// NULL with a length, or an impossible length: this wrapper broke the contract.
	return 0, fmt.Errorf("checksum: %s: Rust returned status %d", op, r.status)
}

// region: zero-copy
// Adler32Rust hands Rust a pointer into the Go slice itself: no copy. cgo's
// rules allow it because the bytes hold no Go pointers, and Go keeps the
// memory alive and in place until the call returns. Rust must not keep it.
func Adler32Rust(data []byte) (uint32, error) {
	if len(data) == 0 {
		return result("Adler32Rust", C.cs_adler32(nil, 0))
	}
	ptr := (*C.uint8_t)(unsafe.SliceData(data))
	return result("Adler32Rust", C.cs_adler32(ptr, C.size_t(len(data))))
}

// endregion

// region: copying
// Adler32RustCopy copies the bytes into C memory first (C.CBytes mallocs),
// the way many first attempts do. It is correct, and it pays for a malloc, a
// full copy and a free on every call.
func Adler32RustCopy(data []byte) (uint32, error) {
	if len(data) == 0 {
		return result("Adler32RustCopy", C.cs_adler32(nil, 0))
	}
	buf := C.CBytes(data)
	defer C.free(buf)
	return result("Adler32RustCopy", C.cs_adler32((*C.uint8_t)(buf), C.size_t(len(data))))
}

// endregion

// region: noop
// Noop crosses into Rust and back without doing any work.
func Noop() error {
	if status := C.cs_noop(); status != C.CS_STATUS_OK {
		return fmt.Errorf("checksum: Noop: %w", ErrPanic)
	}
	return nil
}

// endregion
