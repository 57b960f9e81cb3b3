// Command via-wazero runs the kernel compiled to wasm32-wasip1 in wazero.
package main

import (
	"context"
	"os"

	"example.com/handbook/crossings/internal/via"
	"example.com/handbook/crossings/wasmguest"
)

func main() {
	via.Main(func() (via.Crossing, error) {
		path, err := via.Env("RUST_WASM_MODULE")
		if err != nil {
			return nil, err
		}
		return wasmguest.Open(context.Background(), path, os.Stderr)
	})
}
