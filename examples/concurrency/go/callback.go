package concurrency

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include "concurrency.h"
extern void ccGoVisit(uintptr_t handle, uint64_t index, uint64_t value);
*/
import "C"

import (
	"fmt"
	"runtime/cgo"
	"sync"
)

// visitor is the Go value behind a callback's handle.
type visitor struct {
	fn       func(index, value uint64)
	mu       sync.Mutex
	panicked any // the first panic of any callback
}

// recoverPanic is deferred by every callback: it keeps a Go panic from
// unwinding into Rust's frames, and remembers it for the caller.
func (v *visitor) recoverPanic() {
	if r := recover(); r != nil {
		v.mu.Lock()
		defer v.mu.Unlock()
		if v.panicked == nil {
			v.panicked = r
		}
	}
}

// region: visit
// Visit calls fn(i, mix(i)) for every i below n, called back from Rust on
// the calling thread. A cgo.Handle carries fn through Rust: Go's pointer rules
// forbid handing Rust a Go pointer it would keep and pass back.
func Visit(n uint64, fn func(index, value uint64)) error {
	v := &visitor{fn: fn}
	h := cgo.NewHandle(v)
	defer h.Delete() // Rust is done with it once the call returns
	C.cc_visit(C.CcVisitFn(C.ccGoVisit), C.uintptr_t(h), C.uint64_t(n))
	return v.err()
}

// Visit is like the function Visit, but fn runs concurrently on the pool's
// threads, which Rust created: fn must be safe for concurrent use.
func (p *Pool) Visit(n uint64, fn func(index, value uint64)) error {
	v := &visitor{fn: fn}
	h := cgo.NewHandle(v)
	defer h.Delete()
	C.cc_pool_visit(p.p, C.CcVisitFn(C.ccGoVisit), C.uintptr_t(h), C.uint64_t(n))
	return v.err()
}

// endregion

func (v *visitor) err() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.panicked != nil {
		return fmt.Errorf("concurrency: callback panicked: %v", v.panicked)
	}
	return nil
}
