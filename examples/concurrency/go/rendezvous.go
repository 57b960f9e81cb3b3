package concurrency

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include "concurrency.h"
*/
import "C"

import (
	"errors"
	"sync"
	"time"
)

// region: rendezvous
// AllInsideAtOnce starts n goroutines that each call into Rust and block
// there until all n are inside together. It reports whether they all met
// before timeout. GOMAXPROCS does not limit this: a goroutine in a cgo call
// holds an OS thread but not a P, so n calls need n threads, and Go makes them.
func AllInsideAtOnce(n int, timeout time.Duration) (bool, error) {
	var r *C.CcRendezvous
	if err := check("AllInsideAtOnce", C.cc_rendezvous_new(C.uintptr_t(max(n, 0)), &r)); err != nil {
		return false, err
	}
	statuses := make([]C.CcStatus, max(n, 0))
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { statuses[i] = C.cc_rendezvous_wait(r, C.uint32_t(timeout.Milliseconds())) })
	}
	wg.Wait()
	met := true
	errs := []error{check("AllInsideAtOnce", C.cc_rendezvous_free(r))}
	for _, s := range statuses {
		if s == C.CC_STATUS_TIMED_OUT {
			met = false
		} else {
			errs = append(errs, check("AllInsideAtOnce", s))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	return met, nil
}

// endregion
