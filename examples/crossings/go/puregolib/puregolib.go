// Package puregolib calls the Rust kernel in the crate's cdylib through purego:
// the library is opened with dlopen at run time, and the Go side builds with
// CGO_ENABLED=0, so it needs no C toolchain and cross-compiles like pure Go.
package puregolib

import (
	"errors"
	"fmt"
	"unsafe"

	"github.com/ebitengine/purego"

	"example.com/handbook/crossings"
)

// region: open
// Lib is an opened libcrossings.so. Close it once; calls after Close fail. The
// library is loaded once per process whatever the number of Opens, so its init
// state is shared: Close shuts it down for every Lib.
type Lib struct {
	handle     uintptr
	abiVersion func() uint32
	initLib    func() int32
	shutdown   func()
	adler32    func(data *byte, n uintptr, out *uint32) int32
	noop       func() int32
	fail       func(how uint32) int32
}

// Open loads the library at path and initialises it. A missing file, a missing
// symbol or another ABI version is an error here, at start-up, rather than a
// crash at the first call.
func Open(path string) (l *Lib, err error) {
	handle, err := purego.Dlopen(path, purego.RTLD_NOW|purego.RTLD_LOCAL)
	if err != nil {
		return nil, fmt.Errorf("crossings: %w", err)
	}
	l = &Lib{handle: handle}
	defer func() {
		// RegisterLibFunc panics on a missing symbol: a library from another build.
		if r := recover(); r != nil {
			err = fmt.Errorf("crossings: %s: %v", path, r)
		}
		if err != nil {
			err = errors.Join(err, purego.Dlclose(handle))
			l = nil
		}
	}()
	purego.RegisterLibFunc(&l.abiVersion, handle, "crossings_abi_version")
	purego.RegisterLibFunc(&l.initLib, handle, "crossings_init")
	purego.RegisterLibFunc(&l.shutdown, handle, "crossings_shutdown")
	purego.RegisterLibFunc(&l.adler32, handle, "crossings_adler32")
	purego.RegisterLibFunc(&l.noop, handle, "crossings_noop")
	purego.RegisterLibFunc(&l.fail, handle, "crossings_fail")
	if err := crossings.CheckABI(path, l.abiVersion()); err != nil {
		return nil, err
	}
	return l, crossings.Check("Init", l.initLib())
}

// endregion

// Adler32 passes a pointer into the slice itself, under cgo's rules: Rust must
// not keep it.
func (l *Lib) Adler32(data []byte) (uint32, error) {
	if l.handle == 0 {
		return 0, errClosed
	}
	var out uint32
	status := l.adler32(unsafe.SliceData(data), uintptr(len(data)), &out)
	return out, crossings.Check("Adler32", status)
}

// Noop crosses and comes back without work.
func (l *Lib) Noop() error {
	if l.handle == 0 {
		return errClosed
	}
	return crossings.Check("Noop", l.noop())
}

// Fail asks Rust to fail (crossings.FailPanic or FailAbort).
func (l *Lib) Fail(how uint32) error {
	if l.handle == 0 {
		return errClosed
	}
	return crossings.Check("Fail", l.fail(how))
}

var errClosed = errors.New("crossings: library closed")

// Close shuts the library down and closes the handle (glibc may keep it
// mapped).
func (l *Lib) Close() error {
	if l.handle == 0 {
		return errClosed
	}
	l.shutdown()
	h := l.handle
	l.handle = 0
	return purego.Dlclose(h)
}
