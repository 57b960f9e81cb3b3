package handles

// Mistakes the ownership guide shows, compiled so that tests can prove each
// one fails (see mistakes_test.go and valgrind_test.go). Never call them.

/*
#include <stdlib.h>
#include "ownership_handles.h"
*/
import "C"

import (
	"runtime"
	"time"
	"unsafe"
)

// region: mistake-no-keepalive
// distinctAfterNoKeepAlive is distinctAfter without runtime.KeepAlive. Once
// t.ptr is read nothing uses t, so the GC may collect t during the call, and
// its cleanup frees the Rust object while Rust is still using it.
func (t *Tally) distinctAfterNoKeepAlive(d time.Duration) (int64, error) {
	var n C.int64_t
	status := C.oh_tally_distinct_after(t.ptr, C.uint32_t(d.Milliseconds()), &n)
	return int64(n), statusError("distinctAfterNoKeepAlive", status)
}

// endregion

// region: mistake-nul
// addTruncating is Add without the NUL check: C.CString copies every byte and
// adds a NUL, but Rust reads only up to the first NUL, so it counts a different
// word than the caller passed.
func (t *Tally) addTruncating(word string) (uint64, error) {
	cword := C.CString(word)
	defer C.free(unsafe.Pointer(cword))
	var n C.uint64_t
	status := C.oh_tally_add(t.ptr, cword, &n)
	runtime.KeepAlive(t)
	return count("addTruncating", n, status)
}

// endregion

// region: mistake-leak-rust-string
// topLeaks copies the Rust string into Go memory and forgets the original:
// C.GoString copies, it does not take ownership, and Go's GC never sees
// memory Rust allocated.
func (t *Tally) topLeaks(n int) (string, error) {
	var cs *C.char
	status := C.oh_tally_top(t.ptr, C.size_t(n), &cs)
	runtime.KeepAlive(t)
	if err := statusError("topLeaks", status); err != nil {
		return "", err
	}
	return C.GoString(cs), nil
}

// endregion

// region: mistake-leak-c-string
// addLeaks forgets to free the C.CString copy. Rust only borrowed it, so
// nobody frees it.
func (t *Tally) addLeaks(word string) (uint64, error) {
	var n C.uint64_t
	status := C.oh_tally_add(t.ptr, C.CString(word), &n)
	runtime.KeepAlive(t)
	return count("addLeaks", n, status)
}

// endregion

// region: mistake-double-free
// closeUnguarded is Close without the nil check and without clearing t.ptr:
// a second call hands Rust a pointer it has already freed.
func (t *Tally) closeUnguarded() error {
	t.cleanup.Stop()
	return statusError("closeUnguarded", C.oh_tally_free(t.ptr))
}

// endregion
