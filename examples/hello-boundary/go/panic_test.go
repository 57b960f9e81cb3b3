package hello

import (
	"errors"
	"slices"
	"testing"
)

// region: panic-test
// panicCalls reaches each export through its Go wrapper. The hook itself is
// the one export left out.
var panicCalls = map[string]func() error{
	"hb_add":         func() error { _, err := Add(1, 2); return err },
	"hb_abi_version": func() error { _, err := libraryABIVersion(); return err },
}

// TestEveryExportReturnsAPanicAsAnError makes each export in the header panic
// inside Rust and checks that Go gets ErrPanic: no crash, no made-up value.
func TestEveryExportReturnsAPanicAsAnError(t *testing.T) {
	exports := headerExports(t)
	for _, name := range exports {
		if name == "hb_test_panic_in" {
			continue
		}
		call, ok := panicCalls[name]
		if !ok {
			t.Errorf("%s declares %s, which panicCalls lacks: add a call through its Go wrapper", headerPath, name)
			continue
		}
		if !testPanicIn(name) {
			t.Fatalf("the hook refused to arm %s", name)
		}
		err := call()
		testPanicIn("") // disarm, in case the wrapper never crossed
		if !errors.Is(err, ErrPanic) {
			t.Errorf("%s panicked in Rust, and its Go wrapper returned %v, want ErrPanic", name, err)
		}
	}
	for name := range panicCalls {
		if !slices.Contains(exports, name) {
			t.Errorf("panicCalls names %s, which %s does not declare", name, headerPath)
		}
	}
}

// endregion
