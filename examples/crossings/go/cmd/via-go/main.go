// Command via-go is the baseline: the pure Go kernel, no crossing.
package main

import (
	"errors"

	"example.com/handbook/crossings"
	"example.com/handbook/crossings/internal/via"
)

type pureGo struct{}

func (pureGo) Adler32(d []byte) (uint32, error) { return crossings.Adler32Go(d), nil }
func (pureGo) Fail(uint32) error                { return errors.New("pure Go has no Rust to fail") }
func (pureGo) Close() error                     { return nil }

func main() { via.Main(func() (via.Crossing, error) { return pureGo{}, nil }) }
