package contracts_test

import (
	"fmt"

	"example.com/handbook/memory-contracts"
)

// region: example
func ExampleEncodeInto() {
	src := []byte("Go ⇄ Rust")
	dst := make([]byte, 8) // too small on purpose

	n, err := contracts.EncodeInto(dst, src)
	fmt.Println(n, err) // nothing written; Rust says how much room it needs

	dst = make([]byte, n)
	n, err = contracts.EncodeInto(dst, src)
	fmt.Println(n, err, string(dst[:n]))
	// Output:
	// 22 short buffer
	// 22 <nil> 476f20e287842052757374
}

// endregion
