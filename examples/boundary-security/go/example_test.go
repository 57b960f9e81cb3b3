package security_test

import (
	"fmt"

	security "example.com/handbook/boundary-security"
)

func ExampleLookup() {
	doc := []byte("HBK1\x01\x00\x00\x00\x04lang\x04\x00rust")
	value, err := security.Lookup(doc, "lang")
	fmt.Println(value, err)
	_, err = security.Lookup(doc, "lang\x00")
	fmt.Println(err)
	// Output:
	// rust <nil>
	// Lookup: key or value holds a NUL byte (refused in go)
}
