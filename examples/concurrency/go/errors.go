package concurrency

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include "concurrency.h"
*/
import "C"

import (
	"errors"
	"fmt"
)

// region: errors
// Code says why a call into Rust failed: one value per CcStatus in the
// header, so Go and Rust cannot disagree on the numbers.
type Code int32

const (
	CodeBadPointer       Code = C.CC_STATUS_BAD_POINTER
	CodeTooLong          Code = C.CC_STATUS_TOO_LONG
	CodeOverlap          Code = C.CC_STATUS_OVERLAP
	CodeNoPool           Code = C.CC_STATUS_NO_POOL
	CodeExhausted        Code = C.CC_STATUS_EXHAUSTED
	CodePanic            Code = C.CC_STATUS_PANIC
	CodeCallbackPanicked Code = C.CC_STATUS_CALLBACK_PANICKED
	CodeBadHandle        Code = C.CC_STATUS_BAD_HANDLE
)

func (c Code) String() string {
	switch c {
	case CodeBadPointer:
		return "NULL or misaligned pointer"
	case CodeTooLong:
		return "input too long"
	case CodeOverlap:
		return "input and output overlap"
	case CodeNoPool:
		return "could not build a Rust thread pool"
	case CodeExhausted:
		return "search space exhausted"
	case CodePanic:
		return "rust panicked"
	case CodeCallbackPanicked:
		return "callback panicked"
	case CodeBadHandle:
		return "callback handle names no visitor"
	}
	return fmt.Sprintf("Code(%d)", int32(c)) // a newer library may add codes
}

// Error is the error every wrapper returns when Rust reports a failure: the
// Go function that crossed, and the code. Match it with errors.Is against the
// sentinels below.
type Error struct {
	Op    string // the Go function that crossed, e.g. "Pool.MixSum"
	Code  Code
	Panic any // for CodeCallbackPanicked: what the Go callback panicked with
}

func (e *Error) Error() string {
	msg := "concurrency: " + e.Code.String()
	if e.Op != "" {
		msg = "concurrency: " + e.Op + ": " + e.Code.String()
	}
	if e.Panic != nil {
		msg += fmt.Sprintf(": %v", e.Panic)
	}
	return msg
}

// Is makes errors.Is(err, ErrPanic) true for every error with that code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Op == "" && t.Code == e.Code
}

// Sentinels for errors.Is, one per Code.
var (
	ErrBadPointer       = &Error{Code: CodeBadPointer}
	ErrTooLong          = &Error{Code: CodeTooLong}
	ErrOverlap          = &Error{Code: CodeOverlap}
	ErrNoPool           = &Error{Code: CodeNoPool}
	ErrExhausted        = &Error{Code: CodeExhausted}
	ErrPanic            = &Error{Code: CodePanic}
	ErrCallbackPanicked = &Error{Code: CodeCallbackPanicked}
	ErrBadHandle        = &Error{Code: CodeBadHandle}
)

// ErrClosed is returned by every Pool method called after Close.
var ErrClosed = errors.New("concurrency: use of closed Pool")

// check turns a status into nil or an *Error naming op.
func check(op string, status C.CcStatus) error {
	if status == C.CC_STATUS_OK {
		return nil
	}
	return &Error{Op: op, Code: Code(status)}
}

// endregion
