// Command evolve is the runnable end of the abi-evolution example.
package main

import (
	"fmt"
	"log"

	evolve "example.com/handbook/abi-evolution"
)

func main() {
	// The package's init has already checked that the library can serve this wrapper.
	sum, err := evolve.Checksum([]byte("abc"), evolve.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("FNV-1a of %q: %#x\n", "abc", sum)
	fmt.Printf("wrapper built for ABI %d.%d\n", evolve.Major, evolve.Minor)
}
