// Command via-cgo-dynamic runs the kernel through cgo and the crate's cdylib.
package main

import (
	"example.com/handbook/crossings/cgodynamic"
	"example.com/handbook/crossings/internal/via"
)

type lib struct{}

func (lib) Adler32(d []byte) (uint32, error) { return cgodynamic.Adler32(d) }
func (lib) Fail(how uint32) error            { return cgodynamic.Fail(how) }
func (lib) Close() error                     { cgodynamic.Close(); return nil }

func main() {
	via.Main(func() (via.Crossing, error) { return lib{}, cgodynamic.Init() })
}
