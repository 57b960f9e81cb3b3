package contracts

/*
#include "memory_contracts.h"
*/
import "C"

import (
	"errors"
	"runtime"
)

// ErrSinkFull is returned by Sink.Write when the encoding does not fit.
var ErrSinkFull = errors.New("contracts: sink buffer is full")

// ErrClosed is returned by Sink.Write after Close.
var ErrClosed = errors.New("contracts: use of closed Sink")

// region: sink
// Sink collects hex output in a Go buffer that Rust writes into across many
// calls: Rust keeps the buffer's address between calls. cgo allows that only
// for pinned memory, so the buffer stays pinned from NewSink until Close.
type Sink struct {
	buf     []byte
	pinner  *runtime.Pinner
	ptr     *C.McSink // nil once closed
	n       int       // bytes written, as of the last Bytes or Close
	cleanup runtime.Cleanup
}

// sinkRefs is what the safety-net cleanup needs; it must not reach the Sink.
type sinkRefs struct {
	ptr    *C.McSink
	pinner *runtime.Pinner
}

// NewSink makes a sink with room for capacity bytes of hex (capacity/2 input bytes).
func NewSink(capacity int) *Sink {
	buf := make([]byte, max(capacity, 1)) // Pin needs an element to point at
	pinner := new(runtime.Pinner)
	pinner.Pin(&buf[0]) // pins the whole array: the GC will neither move nor free it
	s := &Sink{buf: buf[:capacity], pinner: pinner}
	s.ptr = C.mc_sink_new(ptr(buf), C.size_t(capacity)) // Rust keeps the address
	s.cleanup = runtime.AddCleanup(s, release, sinkRefs{s.ptr, pinner})
	return s
}

// release frees the Rust sink first and unpins second: once Rust has forgotten
// the address, the buffer is ordinary Go memory again.
func release(r sinkRefs) {
	C.mc_sink_free(r.ptr)
	r.pinner.Unpin()
}

// Write appends the hex encoding of p, which Rust only borrows for the call.
// If it does not fit, Write writes nothing and returns ErrSinkFull.
func (s *Sink) Write(p []byte) (int, error) {
	if s.ptr == nil {
		return 0, ErrClosed
	}
	ok := C.mc_sink_write(s.ptr, ptr(p), C.size_t(len(p)))
	runtime.KeepAlive(s) // or the cleanup could free the sink during the call
	if !ok {
		return 0, ErrSinkFull
	}
	return len(p), nil
}

// Bytes returns what Rust has written so far: a view of the Go buffer itself,
// no copy. It stays valid after Close.
func (s *Sink) Bytes() []byte {
	if s.ptr != nil {
		s.n = int(C.mc_sink_len(s.ptr))
		runtime.KeepAlive(s)
	}
	return s.buf[:s.n:s.n]
}

// Close releases the Rust sink and unpins the buffer. A second Close does nothing.
func (s *Sink) Close() error {
	if s.ptr == nil {
		return nil
	}
	s.cleanup.Stop()
	s.n = int(C.mc_sink_len(s.ptr))
	release(sinkRefs{s.ptr, s.pinner})
	s.ptr = nil
	return nil
}

// endregion
