package hello_test

import (
	"fmt"

	hello "example.com/handbook/hello-boundary"
)

// region: example
func ExampleAdd() {
	fmt.Println(hello.Add(2, 40))
	fmt.Println(hello.Add(2147483647, 1)) // wraps, as int32 does in Go
	// Output:
	// 42 <nil>
	// -2147483648 <nil>
}

// endregion
