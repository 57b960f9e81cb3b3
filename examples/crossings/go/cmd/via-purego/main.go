// Command via-purego runs the kernel in the cdylib through purego; it builds with CGO_ENABLED=0.
package main

import (
	"example.com/handbook/crossings/internal/via"
	"example.com/handbook/crossings/puregolib"
)

func main() {
	via.Main(func() (via.Crossing, error) {
		path, err := via.Env("RUST_CDYLIB")
		if err != nil {
			return nil, err
		}
		return puregolib.Open(path)
	})
}
