package checksum_test

import (
	"fmt"

	"example.com/handbook/checksum"
)

func ExampleAdler32Rust() {
	data := []byte("Wikipedia")
	sum, err := checksum.Adler32Rust(data)
	fmt.Printf("%08x %v\n", sum, err)
	fmt.Printf("%08x\n", checksum.Adler32Go(data))
	// Output:
	// 11e60398 <nil>
	// 11e60398
}
