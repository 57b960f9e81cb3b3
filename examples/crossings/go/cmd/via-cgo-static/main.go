// Command via-cgo-static runs the kernel through cgo and the crate's staticlib.
package main

import (
	"example.com/handbook/crossings/cgostatic"
	"example.com/handbook/crossings/internal/via"
)

type lib struct{}

func (lib) Adler32(d []byte) (uint32, error) { return cgostatic.Adler32(d) }
func (lib) Fail(how uint32) error            { return cgostatic.Fail(how) }
func (lib) Close() error                     { cgostatic.Close(); return nil }

func main() {
	via.Main(func() (via.Crossing, error) { return lib{}, cgostatic.Init() })
}
