// Command errmap parses a few versions in Rust and prints what Go receives:
// a value, or a typed error with its code, offset and message.
package main

import (
	"errors"
	"fmt"

	errmap "example.com/handbook/error-mapping"
)

// region: main
func main() {
	inputs := []string{"1.27.3", "1.x.3", "01.2.3", "1.2.99999999999", "1.2.\xff", ""}
	for _, in := range inputs {
		v, err := errmap.ParseVersion(in)
		fmt.Printf("%-20q ", in)
		var e *errmap.Error
		switch {
		case err == nil:
			fmt.Printf("%-13s %v\n", "ok", v)
		case errors.As(err, &e):
			fmt.Printf("%-13v offset %2d: %s\n", e.Code, e.Offset, e.Msg)
		}
	}

	_, err := errmap.DecodeVersion([]byte{1, 2, 3})
	fmt.Println("decode 3 bytes:      ", err)

	// A bug in Rust: panics at major 2^32-1. The guard returns it as an error;
	// Rust's panic hook still prints the panic to stderr.
	_, err = errmap.Version{Major: 4294967295}.BumpMajor()
	fmt.Println("bump 4294967295.0.0: ", err)
	fmt.Println("is ErrPanic:         ", errors.Is(err, errmap.ErrPanic))
	v, err := errmap.Version{Major: 1, Minor: 4}.BumpMajor()
	fmt.Println("still working:       ", v, err)
}

// endregion
