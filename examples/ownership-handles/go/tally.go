// Package handles wraps a Rust object in a Go type: Go holds an opaque handle,
// Close gives the object back to Rust, and a cleanup frees it if Close was
// forgotten. Strings cross in both directions, each with a stated owner.
package handles

// region: preamble

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../target/release/libownership_handles.a -ldl -lm -lpthread
#cgo noescape oh_live_tallies
#cgo nocallback oh_live_tallies
#cgo noescape oh_tally_new
#cgo nocallback oh_tally_new
#cgo noescape oh_tally_add
#cgo nocallback oh_tally_add
#cgo noescape oh_tally_add_bytes
#cgo nocallback oh_tally_add_bytes
#cgo noescape oh_tally_count
#cgo nocallback oh_tally_count
#cgo noescape oh_tally_distinct
#cgo nocallback oh_tally_distinct
#cgo noescape oh_tally_top
#cgo nocallback oh_tally_top
#cgo noescape oh_tally_distinct_after
#cgo nocallback oh_tally_distinct_after
#include <stdlib.h>
#include "ownership_handles.h"
*/
import "C"

// endregion

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"
	"unsafe"
)

// region: type
// Tally counts words. The counting and the storage happen in Rust: a Tally
// holds only the handle, a pointer Go may copy and pass back but never
// dereference. Like bytes.Buffer, a Tally is not safe for concurrent use.
type Tally struct {
	ptr     *C.OhTally // nil once closed
	cleanup runtime.Cleanup
}

// ErrClosed is returned by every method called after Close.
var ErrClosed = errors.New("handles: use of closed Tally")

// ErrInvalidWord is returned for a word that is not valid UTF-8 or holds a NUL byte.
var ErrInvalidWord = errors.New("handles: word is not valid UTF-8 or contains a NUL byte")

// ErrPanic is returned, wrapped, when Rust panicked during the call. Rust
// caught the panic at the boundary and printed it to standard error. The
// Tally is still safe to use and to Close; its counts may miss that call.
var ErrPanic = errors.New("handles: Rust panicked")

// endregion

// region: status
// statusError turns the status every export returns into a Go error.
func statusError(op string, s C.OhStatus) error {
	switch s {
	case C.OH_STATUS_OK:
		return nil
	case C.OH_STATUS_INVALID_WORD:
		return ErrInvalidWord
	case C.OH_STATUS_PANIC:
		return fmt.Errorf("handles: %s: %w", op, ErrPanic)
	}
	// NULL or an impossible length: this wrapper broke the contract.
	return fmt.Errorf("handles: %s: Rust returned status %d", op, s)
}

// endregion

// region: new
// NewTally creates an empty tally in Rust. Call Close when done with it.
func NewTally() (*Tally, error) {
	var ptr *C.OhTally
	if err := statusError("NewTally", C.oh_tally_new(&ptr)); err != nil {
		return nil, err
	}
	t := &Tally{ptr: ptr}
	// The safety net: if t becomes unreachable and Close was never called, the
	// GC runs freeTally(ptr) some time later. The cleanup receives the C pointer,
	// never t itself: a cleanup that could reach t would keep t alive forever.
	t.cleanup = runtime.AddCleanup(t, freeTally, ptr)
	return t, nil
}

// freeTally has no caller to return an error to (os.File's finalizer drops
// its error too): a panic in Rust's free was printed by Rust, and the object
// leaks.
func freeTally(ptr *C.OhTally) { C.oh_tally_free(ptr) }

// endregion

// region: close
// Close frees the Rust object now. Calling it again does nothing, and every
// other method returns ErrClosed afterwards, so misuse is a Go error rather
// than a use-after-free in Rust.
func (t *Tally) Close() error {
	if t.ptr == nil {
		return nil // already closed: there is nothing left to free
	}
	t.cleanup.Stop() // Close freed it; the safety net must not free it again
	status := C.oh_tally_free(t.ptr)
	t.ptr = nil // even after a panic: a leak is better than a second free
	return statusError("Close", status)
}

// endregion

// count is the answer of an export that counts: n means something only when
// the status is OK.
func count(op string, n C.uint64_t, s C.OhStatus) (uint64, error) {
	if err := statusError(op, s); err != nil {
		return 0, err
	}
	return uint64(n), nil
}

// region: string-in
// Add counts one occurrence of word and returns its new count.
func (t *Tally) Add(word string) (uint64, error) {
	if t.ptr == nil {
		return 0, ErrClosed
	}
	// A C string ends at its first NUL: C.CString would silently cut
	// "go\x00lang" down to "go", so refuse such a word here.
	if strings.IndexByte(word, 0) >= 0 {
		return 0, ErrInvalidWord
	}
	cword := C.CString(word) // a malloc'd copy: Go allocated it, Go frees it
	defer C.free(unsafe.Pointer(cword))
	var n C.uint64_t
	status := C.oh_tally_add(t.ptr, cword, &n)
	runtime.KeepAlive(t)
	return count("Add", n, status)
}

// endregion

// region: bytes-in
// AddNoCopy is Add without the copy: Rust borrows the string's own bytes for
// the duration of the call, as a pointer and a length. Go strings may hold
// any bytes, so Rust checks them (UTF-8, no NUL).
func (t *Tally) AddNoCopy(word string) (uint64, error) {
	if t.ptr == nil {
		return 0, ErrClosed
	}
	// For "" StringData may return nil; Rust accepts NULL with length 0.
	data := (*C.uint8_t)(unsafe.Pointer(unsafe.StringData(word)))
	var n C.uint64_t
	status := C.oh_tally_add_bytes(t.ptr, data, C.size_t(len(word)), &n)
	runtime.KeepAlive(t)
	return count("AddNoCopy", n, status)
}

// endregion

// Count reports how many times word was added. A word Add refused has count 0.
func (t *Tally) Count(word string) (uint64, error) {
	if t.ptr == nil {
		return 0, ErrClosed
	}
	if strings.IndexByte(word, 0) >= 0 {
		return 0, ErrInvalidWord
	}
	cword := C.CString(word)
	defer C.free(unsafe.Pointer(cword))
	var n C.uint64_t
	status := C.oh_tally_count(t.ptr, cword, &n)
	runtime.KeepAlive(t)
	return count("Count", n, status)
}

// region: keepalive
// Distinct reports how many different words were added.
func (t *Tally) Distinct() (int, error) {
	if t.ptr == nil {
		return 0, ErrClosed
	}
	var n C.uint64_t
	status := C.oh_tally_distinct(t.ptr, &n) // the last use of t is reading t.ptr...
	// ...so without this line the GC could find t unreachable while Rust is
	// still running, and the cleanup would free the object under Rust's feet.
	runtime.KeepAlive(t)
	d, err := count("Distinct", n, status)
	return int(d), err
}

// endregion

// region: string-out
// Top returns the n most frequent words, one "word count" line each, most
// frequent first and ties in byte order.
func (t *Tally) Top(n int) (string, error) {
	if t.ptr == nil {
		return "", ErrClosed
	}
	var cs *C.char
	status := C.oh_tally_top(t.ptr, C.size_t(max(n, 0)), &cs)
	runtime.KeepAlive(t)
	if err := statusError("Top", status); err != nil {
		return "", err
	}
	top := C.GoString(cs) // a copy in Go memory, made before the free
	// Rust allocated it, so Rust frees it.
	if err := statusError("Top", C.oh_string_free(cs)); err != nil {
		return "", err
	}
	return top, nil
}

// endregion

// LiveObjects reports how many Rust tallies exist: made and not yet freed,
// whether by Close or by the cleanup.
func LiveObjects() (int, error) {
	var n C.size_t
	if err := statusError("LiveObjects", C.oh_live_tallies(&n)); err != nil {
		return 0, err
	}
	return int(n), nil
}

// distinctAfter is Distinct after a pause of d inside Rust, a stand-in for any
// long call. Tests use it to show that KeepAlive holds the object for the
// whole call.
func (t *Tally) distinctAfter(d time.Duration) (int64, error) {
	if t.ptr == nil {
		return 0, ErrClosed
	}
	var n C.int64_t
	status := C.oh_tally_distinct_after(t.ptr, C.uint32_t(d.Milliseconds()), &n)
	runtime.KeepAlive(t)
	if err := statusError("distinctAfter", status); err != nil {
		return 0, err
	}
	return int64(n), nil
}
