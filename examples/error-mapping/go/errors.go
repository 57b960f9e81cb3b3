package errmap

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include "error_mapping.h"
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// region: code
// Code says what went wrong: one value per variant of the Rust error enum.
// The values come from the cbindgen header, so Go and Rust cannot disagree.
type Code int32

const (
	CodeNullPointer Code = C.EM_STATUS_NULL_POINTER
	CodeWrongLength Code = C.EM_STATUS_WRONG_LENGTH
	CodeInvalidUTF8 Code = C.EM_STATUS_INVALID_UTF8
	CodeSyntax      Code = C.EM_STATUS_SYNTAX
	CodeOverflow    Code = C.EM_STATUS_OVERFLOW
	CodePanic       Code = C.EM_STATUS_PANIC
)

func (c Code) String() string {
	switch c {
	case CodeNullPointer:
		return "null pointer"
	case CodeWrongLength:
		return "wrong length"
	case CodeInvalidUTF8:
		return "invalid UTF-8"
	case CodeSyntax:
		return "syntax error"
	case CodeOverflow:
		return "overflow"
	case CodePanic:
		return "rust panic"
	}
	// A newer library may add codes: keep the number rather than fail.
	return fmt.Sprintf("Code(%d)", int32(c))
}

// endregion

// region: go-error
// Error is the one error type this package returns, for every Rust error
// variant and for a caught Rust panic. Callers match it with errors.Is
// against the sentinels below, or take it apart with errors.As.
type Error struct {
	Op     string // the Go function that crossed the boundary, e.g. "ParseVersion"
	Code   Code   // which Rust variant
	Offset int    // byte offset into the input, or -1
	Msg    string // Rust's Display text for the error
}

func (e *Error) Error() string {
	if e.Op == "" {
		return "errmap: " + e.Msg
	}
	return "errmap: " + e.Op + ": " + e.Msg
}

// Is lets errors.Is(err, ErrSyntax) match every syntax error, whatever its
// offset or message: a sentinel is an *Error with a Code and no Op.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Op == "" && t.Code == e.Code
}

// Sentinels, one per Code, for errors.Is.
var (
	ErrNullPointer = &Error{Code: CodeNullPointer, Offset: -1, Msg: CodeNullPointer.String()}
	ErrWrongLength = &Error{Code: CodeWrongLength, Offset: -1, Msg: CodeWrongLength.String()}
	ErrInvalidUTF8 = &Error{Code: CodeInvalidUTF8, Offset: -1, Msg: CodeInvalidUTF8.String()}
	ErrSyntax      = &Error{Code: CodeSyntax, Offset: -1, Msg: CodeSyntax.String()}
	ErrOverflow    = &Error{Code: CodeOverflow, Offset: -1, Msg: CodeOverflow.String()}
	ErrPanic       = &Error{Code: CodePanic, Offset: -1, Msg: CodePanic.String()}
)

// endregion

// region: new-error
// newError copies what Rust wrote into the caller-owned EmError into Go
// memory. The message is UTF-8 and not NUL-terminated: it is read by length,
// and that length is clamped to the buffer: a wrong length from the other
// side must not become a read past the end of the struct.
func newError(op string, status C.EmStatus, e *C.EmError) *Error {
	msg := unsafe.Slice((*byte)(unsafe.Pointer(&e.message[0])), len(e.message))
	if n := e.message_len; n < C.size_t(len(msg)) {
		msg = msg[:n]
	}
	return &Error{Op: op, Code: Code(status), Offset: int(e.offset), Msg: string(msg)}
}

// endregion
