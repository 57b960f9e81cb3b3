package concurrency

/*
#cgo CFLAGS: -I${SRCDIR}/../rust/include
#include "concurrency.h"
*/
import "C"

import (
	"context"
	"sync/atomic"
	"unsafe"
)

// region: cancel
// Search finds the smallest i at or above start whose mix(i) has at least
// zeroBits leading zero bits: about 2^zeroBits tries. Rust cannot see a Go
// context, so Go shares a flag with it: context.AfterFunc sets the flag when
// ctx is done, and the Rust loop checks it every few thousand tries.
func Search(ctx context.Context, start uint64, zeroBits uint) (uint64, error) {
	if ctx.Err() != nil {
		return 0, context.Cause(ctx)
	}
	var cancel uint32 // Go writes it with sync/atomic, Rust reads it as an AtomicU32
	stop := context.AfterFunc(ctx, func() { atomic.StoreUint32(&cancel, 1) })
	defer stop()

	var found C.uint64_t
	switch status := C.cc_search(C.uint64_t(start), C.uint32_t(zeroBits), (*C.uint32_t)(unsafe.Pointer(&cancel)), &found); status {
	case C.CC_STATUS_OK:
		return uint64(found), nil
	case C.CC_STATUS_CANCELLED:
		return 0, context.Cause(ctx)
	default:
		return 0, check("Search", status)
	}
}

// endregion
