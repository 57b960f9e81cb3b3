// Package security reads untrusted HBK1 documents through a Rust parser. The
// wrapper checks what Go can check before crossing; Rust checks everything
// again, because C callers, and Go code that skips the wrapper, reach it too.
package security

// region: preamble

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../target/release/libboundary_security.a -ldl -lm -lpthread
#cgo noescape hb_validate
#cgo nocallback hb_validate
#cgo noescape hb_lookup
#cgo nocallback hb_lookup
#include "boundary_security.h"
*/
import "C"

// endregion

import (
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Limits the Rust library enforces, from its header.
const (
	MaxDoc = C.HB_MAX_DOC
	MaxKey = C.HB_MAX_KEY
)

// region: go-checks
// checkDoc and checkKey are the checks Go makes before crossing: they fail
// fast with an error naming the argument, and keep a length Rust would refuse
// from ever reaching it.
func checkDoc(op string, doc []byte) error {
	if len(doc) > MaxDoc {
		return &Error{Op: op, Reason: ReasonTooLarge, InGo: true}
	}
	return nil
}

func checkKey(op, key string) error {
	switch {
	case len(key) == 0 || len(key) > MaxKey:
		return &Error{Op: op, Reason: ReasonKeyLength, InGo: true}
	case !utf8.ValidString(key):
		return &Error{Op: op, Reason: ReasonUTF8, InGo: true}
	case strings.IndexByte(key, 0) >= 0:
		return &Error{Op: op, Reason: ReasonNUL, InGo: true}
	}
	return nil
}

// endregion

// Validate checks a whole document and returns its number of entries.
func Validate(doc []byte) (int, error) {
	if err := checkDoc("Validate", doc); err != nil {
		return 0, err
	}
	count, status := validate(doc)
	if status != reasonOK {
		return 0, &Error{Op: "Validate", Reason: status}
	}
	return count, nil
}

// region: lookup
// Lookup returns the value of key in doc. A short value is copied into a
// buffer on the stack; a longer one into a buffer of the length Rust reports.
func Lookup(doc []byte, key string) (string, error) {
	if err := checkDoc("Lookup", doc); err != nil {
		return "", err
	}
	if err := checkKey("Lookup", key); err != nil {
		return "", err
	}
	var small [64]byte
	n, status := lookup(doc, key, small[:])
	out := small[:]
	if status == ReasonTooSmall {
		out = make([]byte, n)
		n, status = lookup(doc, key, out)
	}
	if status != reasonOK {
		return "", &Error{Op: "Lookup", Reason: status}
	}
	return string(out[:n]), nil
}

// endregion

// region: raw
// validate and lookup cross with no check of their own: Go memory is lent to
// Rust for the call (Rust keeps no pointer), and a nil or empty slice arrives
// as a null or dangling pointer with length 0, which Rust accepts.
func validate(doc []byte) (int, Reason) {
	var count C.uint32_t
	status := C.hb_validate((*C.uint8_t)(unsafe.SliceData(doc)), C.size_t(len(doc)), &count)
	return int(count), Reason(status)
}

func lookup(doc []byte, key string, out []byte) (int, Reason) {
	var n C.size_t
	status := C.hb_lookup(
		(*C.uint8_t)(unsafe.SliceData(doc)), C.size_t(len(doc)),
		(*C.uint8_t)(unsafe.StringData(key)), C.size_t(len(key)),
		(*C.uint8_t)(unsafe.SliceData(out)), C.size_t(len(out)),
		&n)
	return int(n), Reason(status)
}

// endregion
