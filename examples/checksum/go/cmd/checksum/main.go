// Command checksum prints the Adler-32 of a few inputs from both implementations.
package main

import (
	"fmt"
	"log"

	"example.com/handbook/checksum"
)

func main() {
	for _, s := range []string{"", "Wikipedia", "Go calls Rust through cgo"} {
		data := []byte(s)
		rust, err := checksum.Adler32Rust(data)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%-28q go=%08x rust=%08x\n", s, checksum.Adler32Go(data), rust)
	}
}
