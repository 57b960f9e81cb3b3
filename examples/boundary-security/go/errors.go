package security

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include "boundary_security.h"
*/
import "C"

import "fmt"

// Reason says which check refused an input.
type Reason int32

// One reason per status of the Rust library, from its header, so Go and Rust
// cannot disagree on the numbers.
const (
	reasonOK          Reason = C.HB_STATUS_OK
	ReasonNullPointer Reason = C.HB_STATUS_NULL_POINTER
	ReasonTooLarge    Reason = C.HB_STATUS_TOO_LARGE
	ReasonBadMagic    Reason = C.HB_STATUS_BAD_MAGIC
	ReasonTruncated   Reason = C.HB_STATUS_TRUNCATED
	ReasonCount       Reason = C.HB_STATUS_COUNT_TOO_LARGE
	ReasonKeyLength   Reason = C.HB_STATUS_BAD_KEY_LENGTH
	ReasonUTF8        Reason = C.HB_STATUS_BAD_UTF8
	ReasonNUL         Reason = C.HB_STATUS_NUL_BYTE
	ReasonTrailing    Reason = C.HB_STATUS_TRAILING_BYTES
	ReasonNotFound    Reason = C.HB_STATUS_NOT_FOUND
	ReasonTooSmall    Reason = C.HB_STATUS_BUFFER_TOO_SMALL
	ReasonOverlap     Reason = C.HB_STATUS_OVERLAP
	ReasonPanicked    Reason = C.HB_STATUS_PANICKED
)

var reasons = map[Reason]string{
	reasonOK:          "ok",
	ReasonNullPointer: "null pointer",
	ReasonTooLarge:    "document larger than 1 MiB",
	ReasonBadMagic:    "not an HBK1 document",
	ReasonTruncated:   "document ends inside a field",
	ReasonCount:       "entry count larger than the document can hold",
	ReasonKeyLength:   "key length not in 1..=64",
	ReasonUTF8:        "key or value is not UTF-8",
	ReasonNUL:         "key or value holds a NUL byte",
	ReasonTrailing:    "bytes after the last entry",
	ReasonNotFound:    "no such key",
	ReasonTooSmall:    "output buffer too small",
	ReasonOverlap:     "output overlaps an input",
	ReasonPanicked:    "Rust panicked (a bug in the library)",
}

func (r Reason) String() string {
	if s, ok := reasons[r]; ok {
		return s
	}
	return fmt.Sprintf("status %d", int32(r))
}

// Error is an input refused, by the Go wrapper (InGo) or by Rust.
type Error struct {
	Op     string
	Reason Reason
	InGo   bool
}

func (e *Error) Error() string {
	side := "rust"
	if e.InGo {
		side = "go"
	}
	return fmt.Sprintf("%s: %v (refused in %s)", e.Op, e.Reason, side)
}
