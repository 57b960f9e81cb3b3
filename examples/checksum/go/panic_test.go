package checksum

import (
	"errors"
	"os"
	"regexp"
	"slices"
	"testing"
)

const headerPath = "../rust/include/checksum.h"

// headerExports lists the functions the cbindgen header declares.
func headerExports(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(headerPath)
	if err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`).ReplaceAll(b, nil)
	var names []string
	for _, m := range regexp.MustCompile(`\b(cs_\w+)\s*\(`).FindAllSubmatch(code, -1) {
		names = append(names, string(m[1]))
	}
	if len(names) == 0 {
		t.Fatalf("%s declares no cs_ function", headerPath)
	}
	return slices.Compact(names)
}

// region: panic-test
// panicCalls reaches each export through its Go wrapper. The hook itself,
// cs_test_panic_in, is the one export left out.
var panicCalls = map[string]func() error{
	"cs_adler32": func() error { _, err := Adler32Rust([]byte("Wikipedia")); return err },
	"cs_noop":    Noop,
}

// TestEveryExportReturnsAPanicAsAnError makes each export in the header panic
// inside Rust and checks that Go gets ErrPanic: no crash, no made-up value.
func TestEveryExportReturnsAPanicAsAnError(t *testing.T) {
	exports := headerExports(t)
	for _, name := range exports {
		if name == "cs_test_panic_in" {
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
