package contracts

/*
#include "memory_contracts.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// ErrSinkFull is returned by Sink.Write when the encoding does not fit.
var ErrSinkFull = errors.New("contracts: sink buffer is full")

// ErrClosed is returned by Sink.Write after Close.
var ErrClosed = errors.New("contracts: use of closed Sink")

// region: sink
// Sink collects hex output in a Go buffer that Rust writes into across many
// calls: Rust keeps the buffer's address between calls. cgo allows that only
// for pinned memory, so the buffer stays pinned from NewSink until Close.
//
// A Sink is safe for concurrent use: a mutex serializes Write, Bytes and
// Close, because the Rust sink may be used by one thread at a time and Close
// frees it.
type Sink struct {
	mu      sync.Mutex
	buf     []byte
	pinner  *runtime.Pinner
	ptr     *C.McSink // nil once closed
	n       int       // bytes written
	cleanup runtime.Cleanup
}

// sinkRefs is what the safety-net cleanup needs; it must not reach the Sink.
type sinkRefs struct {
	ptr    *C.McSink
	pinner *runtime.Pinner
}

// NewSink makes a sink with room for capacity bytes of hex (capacity/2 input bytes).
func NewSink(capacity int) (*Sink, error) {
	if capacity < 0 { // before pinning: nothing to undo
		return nil, fmt.Errorf("contracts: NewSink: negative capacity %d", capacity)
	}
	buf := make([]byte, max(capacity, 1)) // Pin needs an element to point at
	pinner := new(runtime.Pinner)
	pinner.Pin(&buf[0])                              // pins the whole array: the GC will neither move nor free it
	p := C.mc_sink_new(ptr(buf), C.size_t(capacity)) // Rust keeps the address
	if p == nil {
		pinner.Unpin() // Rust made no sink, so it holds no address
		return nil, fmt.Errorf("mc_sink_new: %w", ErrPanic)
	}
	s := &Sink{buf: buf[:capacity], pinner: pinner, ptr: p}
	s.cleanup = runtime.AddCleanup(s, releaseForgotten, sinkRefs{p, pinner})
	return s, nil
}

// release frees the Rust sink first and unpins second: once Rust has forgotten
// the address, the buffer is ordinary Go memory again. Even if the free
// panicked, Rust never touches the buffer again (mc_sink_free's contract).
func release(r sinkRefs) error {
	err := statusError("mc_sink_free", C.mc_sink_free(r.ptr))
	r.pinner.Unpin()
	return err
}

// releaseForgotten is the cleanup for a Sink nobody closed. It has no caller
// to return an error to; a panic in the free was printed by Rust's panic hook.
func releaseForgotten(r sinkRefs) { _ = release(r) }

// Write appends the hex encoding of p, which Rust only borrows for the call.
// If it does not fit, Write writes nothing and returns ErrSinkFull.
func (s *Sink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ptr == nil {
		return 0, ErrClosed
	}
	r := C.mc_sink_write(s.ptr, ptr(p), C.size_t(len(p)))
	runtime.KeepAlive(s) // or the cleanup could free the sink during the call
	switch err := statusError("mc_sink_write", r.status); {
	case errors.Is(err, io.ErrShortBuffer):
		return 0, ErrSinkFull
	case err != nil:
		return 0, err
	}
	s.n = int(r.len)
	return len(p), nil
}

// Bytes returns what Rust has written so far: a view of the Go buffer itself,
// no copy. It stays valid after Close; later writes never change its bytes.
func (s *Sink) Bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf[:s.n:s.n]
}

// Close releases the Rust sink and unpins the buffer. A second Close does nothing.
func (s *Sink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ptr == nil {
		return nil
	}
	s.cleanup.Stop()
	err := release(sinkRefs{s.ptr, s.pinner})
	s.ptr = nil
	return err
}

// endregion
