// Package errmap parses semantic versions in Rust and returns Rust's errors,
// and Rust's panics, as one typed Go error.
package errmap

// region: preamble

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../target/release/liberror_mapping.a -ldl -lm -lpthread
#cgo noescape em_version_parse
#cgo nocallback em_version_parse
#cgo noescape em_version_decode
#cgo nocallback em_version_decode
#cgo noescape em_version_bump_major
#cgo nocallback em_version_bump_major
#include "error_mapping.h"
*/
import "C"

// endregion

import (
	"encoding/binary"
	"fmt"
	"unsafe"
)

// Version is a semantic version without pre-release or build metadata.
type Version struct{ Major, Minor, Patch uint32 }

func (v Version) String() string { return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch) }

// EncodedLen is the length of the packed form DecodeVersion accepts.
const EncodedLen = C.EM_ENCODED_LEN

// Encode returns the packed form: three little-endian uint32s.
func (v Version) Encode() []byte {
	b := make([]byte, 0, EncodedLen)
	b = binary.LittleEndian.AppendUint32(b, v.Major)
	b = binary.LittleEndian.AppendUint32(b, v.Minor)
	return binary.LittleEndian.AppendUint32(b, v.Patch)
}

func fromC(v C.EmVersion) Version {
	return Version{uint32(v.major), uint32(v.minor), uint32(v.patch)}
}

// region: wrapper
// ParseVersion parses "MAJOR.MINOR.PATCH" in Rust. A Go string may hold any
// bytes; Rust checks that they are UTF-8 and says where they stop being so.
func ParseVersion(s string) (Version, error) {
	var out C.EmVersion
	var cerr C.EmError
	text := (*C.uint8_t)(unsafe.Pointer(unsafe.StringData(s)))
	if status := C.em_version_parse(text, C.size_t(len(s)), &out, &cerr); status != C.EM_STATUS_OK {
		return Version{}, newError("ParseVersion", status, &cerr)
	}
	return fromC(out), nil
}

// endregion

// DecodeVersion decodes the packed form. Any length but EncodedLen, nil
// included, is an error that Rust reports and Go returns.
func DecodeVersion(b []byte) (Version, error) {
	var out C.EmVersion
	var cerr C.EmError
	ptr := (*C.uint8_t)(unsafe.SliceData(b)) // nil for a nil slice: Rust accepts NULL with length 0
	if status := C.em_version_decode(ptr, C.size_t(len(b)), &out, &cerr); status != C.EM_STATUS_OK {
		return Version{}, newError("DecodeVersion", status, &cerr)
	}
	return fromC(out), nil
}

// region: bump
// BumpMajor returns the next major version. The Rust code has a bug: it
// panics at major 2³²−1. catch_unwind in every export turns that panic into
// an error matching ErrPanic, and the process carries on.
func (v Version) BumpMajor() (Version, error) {
	cv := C.EmVersion{major: C.uint32_t(v.Major), minor: C.uint32_t(v.Minor), patch: C.uint32_t(v.Patch)}
	var cerr C.EmError
	if status := C.em_version_bump_major(&cv, &cerr); status != C.EM_STATUS_OK {
		return Version{}, newError("BumpMajor", status, &cerr)
	}
	return fromC(cv), nil
}

// endregion
