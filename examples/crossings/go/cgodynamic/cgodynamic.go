// Package cgodynamic calls the Rust kernel through cgo, linked against the
// crate's cdylib (libcrossings.so), which the dynamic loader finds when the
// program starts. The linker writes the run path as DT_RUNPATH, so the loader
// tries LD_LIBRARY_PATH, then beside the binary ($ORIGIN), then, in development
// builds only, the Cargo target folder (rpath_dev.go), then the system's
// folders (ld.so(8)). Build with `-tags ship` for a binary whose run path names
// its own folder only, the way it ships.
package cgodynamic

// region: preamble

/*
#cgo CFLAGS: -I${SRCDIR}/../../rust/include
#cgo LDFLAGS: -L${SRCDIR}/../../../target/release -lcrossings -Wl,-rpath,$ORIGIN
#include "crossings.h"
*/
import "C"

// endregion

import (
	"unsafe"

	"example.com/handbook/crossings"
)

// region: init
// Init checks that the library the loader found is the one these wrappers were
// written for, then initialises it. A stale libcrossings.so found first on the
// search path is refused here rather than misread later.
func Init() error {
	if err := crossings.CheckABI("libcrossings.so", uint32(C.crossings_abi_version())); err != nil {
		return err
	}
	return crossings.Check("Init", int32(C.crossings_init()))
}

// Close is crossings_shutdown: later calls fail until Init. The loader never
// unloads the library.
func Close() { C.crossings_shutdown() }

// endregion

// Adler32 hands Rust a pointer into the slice itself, as the static build does.
func Adler32(data []byte) (uint32, error) {
	var out C.uint32_t
	status := C.crossings_adler32((*C.uint8_t)(unsafe.SliceData(data)), C.size_t(len(data)), &out)
	return uint32(out), crossings.Check("Adler32", int32(status))
}

// Noop crosses and comes back without work.
func Noop() error { return crossings.Check("Noop", int32(C.crossings_noop())) }

// Fail asks Rust to fail (crossings.FailPanic or FailAbort).
func Fail(how uint32) error { return crossings.Check("Fail", int32(C.crossings_fail(C.uint32_t(how)))) }
