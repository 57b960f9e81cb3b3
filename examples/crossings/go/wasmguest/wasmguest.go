// Package wasmguest runs the Rust kernel compiled to wasm32-wasip1 inside
// wazero, a WebAssembly runtime in pure Go: no C toolchain, a sandboxed guest
// memory, and every input copied into it.
package wasmguest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"example.com/handbook/crossings"
)

// Guest is one instance of the module. It is not safe for concurrent use (an
// instance runs one call at a time); open one per goroutine, or guard it. After
// a trap it refuses every call: open another.
type Guest struct {
	ctx     context.Context
	rt      wazero.Runtime
	mem     api.Memory
	adler32 api.Function
	noop    api.Function
	fail    api.Function
	alloc   api.Function
	free    api.Function
	// buf is a guest buffer reused across calls, grown to the largest input so
	// far; out holds the result.
	buf, bufLen, out uint32
	stack            []uint64
	trapped          error
}

// ErrTrapped is returned, wrapped, by every call after the guest trapped (a
// Rust panic or abort).
var ErrTrapped = errors.New("crossings: the WebAssembly guest trapped")

// region: open
// Open compiles the module at path and instantiates it, with the guest's
// standard error going to stderr (a panic message is printed there before the
// trap).
func Open(ctx context.Context, path string, stderr io.Writer) (*Guest, error) {
	wasm, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("crossings: %w", err)
	}
	rt := wazero.NewRuntime(ctx)
	g, err := instantiate(ctx, rt, wasm, stderr)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("crossings: %s: %w", path, err), rt.Close(ctx))
	}
	return g, nil
}

func instantiate(ctx context.Context, rt wazero.Runtime, wasm []byte, stderr io.Writer) (*Guest, error) {
	wasi_snapshot_preview1.MustInstantiate(ctx, rt)
	// A cdylib for wasm32-wasip1 is a WASI "reactor": _initialize sets up the Rust
	// runtime, no _start.
	config := wazero.NewModuleConfig().WithStartFunctions("_initialize").WithStderr(stderr)
	mod, err := rt.InstantiateWithConfig(ctx, wasm, config)
	if err != nil {
		return nil, err
	}
	g := &Guest{ctx: ctx, rt: rt, mem: mod.Memory(), stack: make([]uint64, 3)}
	for name, f := range map[string]*api.Function{
		"crossings_adler32": &g.adler32, "crossings_noop": &g.noop, "crossings_fail": &g.fail,
		"crossings_alloc": &g.alloc, "crossings_free": &g.free,
	} {
		if *f = mod.ExportedFunction(name); *f == nil {
			return nil, fmt.Errorf("no export %s", name)
		}
	}
	version, err := call1(ctx, mod.ExportedFunction("crossings_abi_version"))
	if err != nil {
		return nil, err
	}
	if err := crossings.CheckABI("module", uint32(version)); err != nil {
		return nil, err
	}
	status, err := call1(ctx, mod.ExportedFunction("crossings_init"))
	if err != nil {
		return nil, err
	}
	if err := crossings.Check("Init", int32(status)); err != nil {
		return nil, err
	}
	if g.out, err = g.guestAlloc(4); err != nil {
		return nil, err
	}
	return g, nil
}

// endregion

func call1(ctx context.Context, f api.Function, params ...uint64) (uint64, error) {
	if f == nil {
		return 0, errors.New("missing export")
	}
	r, err := f.Call(ctx, params...)
	if err != nil {
		return 0, err
	}
	return r[0], nil
}

func (g *Guest) guestAlloc(n uint32) (uint32, error) {
	p, err := call1(g.ctx, g.alloc, uint64(n))
	if err == nil && p == 0 {
		err = errors.New("guest out of memory")
	}
	return uint32(p), err
}

// call runs f with the arguments in g.stack; a trap leaves the guest unusable.
func (g *Guest) call(op string, f api.Function) (int32, error) {
	if g.trapped != nil {
		return 0, g.trapped
	}
	if err := f.CallWithStack(g.ctx, g.stack); err != nil {
		g.trapped = fmt.Errorf("crossings: %s: %w: %w", op, ErrTrapped, err)
		return 0, g.trapped
	}
	return int32(uint32(g.stack[0])), nil
}

// region: adler32
// Adler32 copies data into the guest's memory, then calls the kernel on the
// copy: the guest cannot see Go's memory, which is the sandbox.
func (g *Guest) Adler32(data []byte) (uint32, error) {
	if g.trapped != nil {
		return 0, g.trapped
	}
	n := uint32(len(data))
	if uint64(n) != uint64(len(data)) {
		return 0, fmt.Errorf("crossings: %d bytes do not fit in a 32-bit guest", len(data))
	}
	if n > g.bufLen {
		if err := g.grow(n); err != nil {
			return 0, err
		}
	}
	if n > 0 && !g.mem.Write(g.buf, data) {
		return 0, errors.New("crossings: guest buffer outside guest memory")
	}
	g.stack[0], g.stack[1], g.stack[2] = uint64(g.buf), uint64(n), uint64(g.out)
	status, err := g.call("Adler32", g.adler32)
	if err != nil {
		return 0, err
	}
	sum, ok := g.mem.ReadUint32Le(g.out)
	if !ok {
		return 0, errors.New("crossings: result outside guest memory")
	}
	return sum, crossings.Check("Adler32", status)
}

// endregion

func (g *Guest) grow(n uint32) error {
	if g.bufLen > 0 {
		g.stack[0], g.stack[1] = uint64(g.buf), uint64(g.bufLen)
		if _, err := g.call("free", g.free); err != nil {
			return err
		}
	}
	p, err := g.guestAlloc(n)
	if err != nil {
		return err
	}
	g.buf, g.bufLen = p, n
	return nil
}

// Noop crosses into the guest and back without work.
func (g *Guest) Noop() error {
	status, err := g.call("Noop", g.noop)
	if err != nil {
		return err
	}
	return crossings.Check("Noop", status)
}

// Fail asks the guest to fail (crossings.FailPanic or FailAbort): on
// wasm32-wasip1 both trap.
func (g *Guest) Fail(how uint32) error {
	g.stack[0] = uint64(how)
	status, err := g.call("Fail", g.fail)
	if err != nil {
		return err
	}
	return crossings.Check("Fail", status)
}

// Close frees the runtime and everything compiled in it.
func (g *Guest) Close() error { return g.rt.Close(g.ctx) }
