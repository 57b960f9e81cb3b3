// Command crossings checksums the same bytes through each crossing that needs no cgo (purego,
// wazero, a child process) and through pure Go, and prints the answers, which must agree. The two
// cgo crossings have their own programs (cmd/via-cgo-static, cmd/via-cgo-dynamic): a staticlib and
// a cdylib of one crate export the same symbols, so they cannot share a binary.
package main

import (
	"context"
	"fmt"
	"os"

	"example.com/handbook/crossings"
	"example.com/handbook/crossings/internal/via"
	"example.com/handbook/crossings/puregolib"
	"example.com/handbook/crossings/subprocess"
	"example.com/handbook/crossings/wasmguest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	so, err := via.Env("RUST_CDYLIB")
	if err != nil {
		return err
	}
	wasm, err := via.Env("RUST_WASM_MODULE")
	if err != nil {
		return err
	}
	server, err := via.Env("RUST_BIN")
	if err != nil {
		return err
	}
	lib, err := puregolib.Open(so)
	if err != nil {
		return err
	}
	guest, err := wasmguest.Open(context.Background(), wasm, os.Stderr)
	if err != nil {
		return err
	}
	child, err := subprocess.Start(server)
	if err != nil {
		return err
	}
	ways := []struct {
		name string
		c    via.Crossing
	}{{"purego + cdylib", lib}, {"wazero + wasm32-wasip1", guest}, {"child process", child}}
	for _, n := range []int{9, 1 << 20} {
		data := crossings.Pattern(n)
		fmt.Printf("Adler-32 of %d bytes\n  %08x  pure Go\n", n, crossings.Adler32Go(data))
		for _, w := range ways {
			sum, err := w.c.Adler32(data)
			if err != nil {
				return fmt.Errorf("%s: %w", w.name, err)
			}
			fmt.Printf("  %08x  %s\n", sum, w.name)
		}
	}
	for _, w := range ways {
		if err := w.c.Close(); err != nil {
			return fmt.Errorf("%s: %w", w.name, err)
		}
	}
	return nil
}
