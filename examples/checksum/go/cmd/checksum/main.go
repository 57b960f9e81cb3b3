// Command checksum prints the Adler-32 of a few inputs from both implementations.
package main

import (
	"fmt"

	"example.com/handbook/checksum"
)

func main() {
	for _, s := range []string{"", "Wikipedia", "Go calls Rust through cgo"} {
		data := []byte(s)
		fmt.Printf("%-28q go=%08x rust=%08x\n", s, checksum.Adler32Go(data), checksum.Adler32Rust(data))
	}
}
