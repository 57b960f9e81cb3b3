package concurrency

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include "concurrency.h"
*/
import "C"

import (
	"sync"
	"time"
)

// region: rendezvous
// AllInsideAtOnce starts n goroutines that each call into Rust and block
// there until all n are inside together. It reports whether they all met
// before timeout. GOMAXPROCS does not limit this: a goroutine in a cgo call
// holds an OS thread but not a P, so n calls need n threads, and Go makes them.
func AllInsideAtOnce(n int, timeout time.Duration) bool {
	r := C.cc_rendezvous_new(C.uintptr_t(n))
	defer C.cc_rendezvous_free(r)
	met := make([]bool, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { met[i] = bool(C.cc_rendezvous_wait(r, C.uint32_t(timeout.Milliseconds()))) })
	}
	wg.Wait()
	for _, ok := range met {
		if !ok {
			return false
		}
	}
	return true
}

// endregion
