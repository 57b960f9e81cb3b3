// Command hello is the runnable end of the hello-boundary example.
package main

import (
	"fmt"
	"log"

	hello "example.com/handbook/hello-boundary"
)

// region: main
func main() {
	// The package's init has already compared the ABI versions: a mismatch
	// stops the program before this line.
	sum, err := hello.Add(2, 40)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Rust says 2 + 40 = %d\n", sum)
	fmt.Printf("ABI version %d matches the header\n", hello.ABIVersion)
}

// endregion
