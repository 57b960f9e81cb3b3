// Command via-process runs the kernel in a child process, the Rust crossings-server.
package main

import (
	"example.com/handbook/crossings/internal/via"
	"example.com/handbook/crossings/subprocess"
)

func main() {
	via.Main(func() (via.Crossing, error) {
		path, err := via.Env("RUST_BIN")
		if err != nil {
			return nil, err
		}
		return subprocess.Start(path)
	})
}
