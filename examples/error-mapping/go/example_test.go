package errmap_test

import (
	"errors"
	"fmt"

	errmap "example.com/handbook/error-mapping"
)

// region: example
func ExampleParseVersion() {
	v, err := errmap.ParseVersion("1.27.3")
	fmt.Println(v, err)

	_, err = errmap.ParseVersion("1.x.3")
	err = fmt.Errorf("reading go.mod: %w", err) // callers add context as usual
	fmt.Println(err)
	fmt.Println(errors.Is(err, errmap.ErrSyntax), errors.Is(err, errmap.ErrOverflow))

	var e *errmap.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code, "at byte", e.Offset)
	}
	// Output:
	// 1.27.3 <nil>
	// reading go.mod: errmap: ParseVersion: expected a digit at byte 2
	// true false
	// syntax error at byte 2
}

// endregion

// region: example-panic
func ExampleVersion_BumpMajor() {
	v := errmap.Version{Major: 4294967295}
	_, err := v.BumpMajor() // Rust panics inside; the guard turns it into an error
	fmt.Println(errors.Is(err, errmap.ErrPanic))
	fmt.Println(err)
	// Output:
	// true
	// errmap: BumpMajor: rust panicked: major version overflow
}

// endregion
