package errmap

// Calls that the package API never makes, kept for the tests and benchmarks
// that show mistakes failing and measure the guard. Test files cannot use cgo,
// so they reach the raw exports through these.

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include <stdlib.h>
#include "error_mapping.h"
*/
import "C"

import (
	"errors"
	"unsafe"
)

// region: unguarded-call
// bumpMajorUnguarded calls the export without catch_unwind. At major 2³²−1
// the Rust panic cannot unwind out of `extern "C"`: the process aborts, and
// no recover, deferred call or error return in Go ever runs.
func bumpMajorUnguarded(v Version) Version {
	cv := C.EmVersion{major: C.uint32_t(v.Major), minor: C.uint32_t(v.Minor), patch: C.uint32_t(v.Patch)}
	C.em_version_bump_major_unguarded(&cv)
	return fromC(cv)
}

// endregion

// region: errno-style
// parseErrnoStyle is the C-library habit: call, and on failure make a second
// call for the message. Rust keeps that message in a thread-local, and between
// the two cgo calls the Go scheduler may move this goroutine to another OS
// thread: the message read may be another thread's, or none at all.
func parseErrnoStyle(s string) (Version, error) {
	var out C.EmVersion
	if !parseErrnoStyleStatus(s, &out) {
		msg, err := lastErrorMessage()
		if err != nil {
			return Version{}, err
		}
		return Version{}, errors.New(msg) // BUG: maybe another goroutine's message
	}
	return fromC(out), nil
}

func parseErrnoStyleStatus(s string, out *C.EmVersion) bool {
	text := (*C.uint8_t)(unsafe.Pointer(unsafe.StringData(s)))
	return C.em_version_parse_errno_style(text, C.size_t(len(s)), out) == 0
}

// lastErrorMessage reads the calling OS thread's last error: "" if it has none.
func lastErrorMessage() (string, error) {
	var buf [C.EM_MESSAGE_CAP]byte
	n := C.em_last_error_message((*C.uint8_t)(&buf[0]), C.size_t(len(buf)))
	if n < 0 || int(n) > len(buf) {
		return "", &Error{Op: "lastErrorMessage", Code: CodePanic, Offset: -1, Msg: "rust panicked"}
	}
	return string(buf[:n]), nil
}

// endregion

// failParseOnThisThread makes a call that fails, leaving its message in the
// calling OS thread's thread-local.
func failParseOnThisThread(s string) bool {
	var out C.EmVersion
	return !parseErrnoStyleStatus(s, &out)
}

// armPanic makes the next call of the named Rust export panic inside its
// catch_unwind (em_test_panic_in, a testing hook); "" disarms it.
func armPanic(export string) {
	if export == "" {
		C.em_test_panic_in(nil)
		return
	}
	name := C.CString(export)
	defer C.free(unsafe.Pointer(name))
	C.em_test_panic_in(name)
}

// messageCap is the size of EmError's message buffer.
const messageCap = C.EM_MESSAGE_CAP

// errorReportingLength is newError given an EmError as a faulty library
// could fill it: a valid message, and a message_len of n.
func errorReportingLength(n uint64) *Error {
	var e C.EmError
	e.offset = -1
	msg := "expected a digit at byte 2"
	for i := range len(msg) {
		e.message[i] = C.uint8_t(msg[i])
	}
	e.message_len = C.size_t(n)
	return newError("errorReportingLength", C.EM_STATUS_SYNTAX, &e)
}

// parseRaw calls em_version_parse with arguments no Go wrapper would pass:
// any pointer and length, and optionally a NULL output.
func parseRaw(text unsafe.Pointer, n int, nullOut bool) *Error {
	var out C.EmVersion
	var cerr C.EmError
	outp := &out
	if nullOut {
		outp = nil
	}
	if status := C.em_version_parse((*C.uint8_t)(text), C.size_t(n), outp, &cerr); status != C.EM_STATUS_OK {
		return newError("parseRaw", status, &cerr)
	}
	return nil
}

// Package-level C structs: the guard benchmarks reuse them, so neither side
// allocates and the only difference measured is the catch_unwind guard.
var (
	benchVersion C.EmVersion
	benchError   C.EmError
)

func bumpGuardedRaw() {
	benchVersion.major = 1
	if C.em_version_bump_major(&benchVersion, &benchError) != C.EM_STATUS_OK {
		panic("bump failed")
	}
}

func bumpUnguardedRaw() {
	benchVersion.major = 1
	C.em_version_bump_major_unguarded(&benchVersion)
}
