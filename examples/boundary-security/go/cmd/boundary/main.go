// Command boundary sends trusted and hostile inputs through the wrapper and
// prints, for each, the value or which side refused it and why.
package main

import (
	"errors"
	"fmt"

	security "example.com/handbook/boundary-security"
)

// region: main
func main() {
	doc := []byte("HBK1\x02\x00\x00\x00\x04lang\x04\x00rust\x03ffi\x03\x00cgo")
	docs := []struct {
		name string
		doc  []byte
	}{
		{"two entries", doc},
		{"count 2^32-1 in 12 bytes", []byte("HBK1\xff\xff\xff\xff\x01k\x00\x00")},
		{"NUL inside a value", []byte("HBK1\x01\x00\x00\x00\x01k\x03\x00a\x00b")},
		{"value not UTF-8", []byte("HBK1\x01\x00\x00\x00\x01k\x01\x00\xff")},
		{"1 MiB + 1 bytes", make([]byte, security.MaxDoc+1)},
	}
	for _, d := range docs {
		n, err := security.Validate(d.doc)
		fmt.Printf("Validate(%s)\n  %s\n", d.name, outcome(fmt.Sprintf("%d entries", n), err))
	}
	for _, key := range []string{"ffi", "go", "", "l\xffng", "lang\x00"} {
		value, err := security.Lookup(doc, key)
		fmt.Printf("Lookup(%q)\n  %s\n", key, outcome(fmt.Sprintf("%q", value), err))
	}
}

// outcome is the result, or which side refused the input and why.
func outcome(result string, err error) string {
	var e *security.Error
	if !errors.As(err, &e) {
		return "→ " + result
	}
	if e.Reason == security.ReasonNotFound {
		return "→ not found"
	}
	side := "Rust"
	if e.InGo {
		side = "Go"
	}
	return fmt.Sprintf("refused in %s: %v", side, e.Reason)
}

// endregion
