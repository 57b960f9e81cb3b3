package crossings

import (
	"errors"
	"fmt"
)

// The statuses the Rust exports return (CrStatus in rust/src/lib.rs), as every crossing sees them.
const (
	StatusOK             = 0
	StatusPanic          = 3
	StatusNotInitialized = 4
)

// Fail modes for crossings_fail: a panic Rust catches, and an abort nothing catches.
const (
	FailPanic = 1
	FailAbort = 2
)

// ABIVersion is the CROSSINGS_ABI_VERSION these wrappers were written against.
const ABIVersion = 1

// ErrPanic is returned, wrapped, when Rust panicked and caught the panic at the boundary.
var ErrPanic = errors.New("crossings: Rust panicked")

// Check turns an export's status into an error naming the operation.
func Check(op string, status int32) error {
	switch status {
	case StatusOK:
		return nil
	case StatusPanic:
		return fmt.Errorf("crossings: %s: %w", op, ErrPanic)
	case StatusNotInitialized:
		return fmt.Errorf("crossings: %s: called before Init or after Close", op)
	}
	return fmt.Errorf("crossings: %s: Rust returned status %d", op, status)
}

// CheckABI refuses a library built for another ABI than these wrappers: a stale copy found first.
func CheckABI(path string, got uint32) error {
	if got != ABIVersion {
		return fmt.Errorf("crossings: %s has ABI version %d, this program needs %d", path, got, ABIVersion)
	}
	return nil
}
