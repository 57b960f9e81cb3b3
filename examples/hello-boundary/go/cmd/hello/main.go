// Command hello is the runnable end of the hello-boundary example.
package main

import (
	"fmt"
	"log"

	hello "example.com/handbook/hello-boundary"
)

// region: main
func main() {
	if err := hello.CheckABI(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Rust says 2 + 40 = %d\n", hello.Add(2, 40))
	fmt.Printf("ABI version %d matches the header\n", hello.ABIVersion)
}

// endregion
