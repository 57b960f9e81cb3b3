package concurrency

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include "concurrency.h"
extern CcStatus ccGoVisit(uintptr_t handle, uint64_t index, uint64_t value);
*/
import "C"

import (
	"runtime/cgo"
	"sync"
)

// visitor is the Go value behind a callback's handle.
type visitor struct {
	fn       func(index, value uint64)
	mu       sync.Mutex
	panicked any // the first panic of any callback
}

// visit runs fn for one item. A panic in fn must not unwind into Rust's
// frames: it is recovered here, remembered for the caller, and becomes a
// status that tells Rust to stop.
func (v *visitor) visit(index, value uint64) (status C.CcStatus) {
	defer func() {
		if r := recover(); r != nil {
			v.mu.Lock()
			defer v.mu.Unlock()
			if v.panicked == nil {
				v.panicked = r
			}
			status = C.CC_STATUS_CALLBACK_PANICKED
		}
	}()
	v.fn(index, value)
	return C.CC_STATUS_OK
}

// err is the error for what the export returned, with the callback's panic.
func (v *visitor) err(op string, status C.CcStatus) error {
	if status == C.CC_STATUS_CALLBACK_PANICKED {
		v.mu.Lock()
		defer v.mu.Unlock()
		return &Error{Op: op, Code: CodeCallbackPanicked, Panic: v.panicked}
	}
	return check(op, status)
}

// region: visit
// Visit calls fn(i, mix(i)) for every i below n, called back from Rust on
// the calling thread. A cgo.Handle carries fn through Rust: Go's pointer rules
// forbid handing Rust a Go pointer it would keep and pass back. A panic in fn
// stops the visit and comes back as an error matching ErrCallbackPanicked.
func Visit(n uint64, fn func(index, value uint64)) error {
	v := &visitor{fn: fn}
	h := cgo.NewHandle(v)
	defer h.Delete() // Rust is done with it once the call returns
	return v.err("Visit", C.cc_visit(C.CcVisitFn(C.ccGoVisit), C.uintptr_t(h), C.uint64_t(n)))
}

// Visit is like the function Visit, but fn runs concurrently on the pool's
// threads, which Rust created: fn must be safe for concurrent use.
func (p *Pool) Visit(n uint64, fn func(index, value uint64)) error {
	v := &visitor{fn: fn}
	h := cgo.NewHandle(v)
	defer h.Delete()
	return p.use(func(ptr *C.CcPool) error {
		return v.err("Pool.Visit", C.cc_pool_visit(ptr, C.CcVisitFn(C.ccGoVisit), C.uintptr_t(h), C.uint64_t(n)))
	})
}

// endregion
