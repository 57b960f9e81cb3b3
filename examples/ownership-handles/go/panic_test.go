package handles

import (
	"errors"
	"os"
	"regexp"
	"slices"
	"testing"
)

const headerPath = "../rust/include/ownership_handles.h"

// headerExports lists the functions the cbindgen header declares.
func headerExports(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(headerPath)
	if err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`).ReplaceAll(b, nil)
	var names []string
	for _, m := range regexp.MustCompile(`\b(oh_\w+)\s*\(`).FindAllSubmatch(code, -1) {
		names = append(names, string(m[1]))
	}
	if len(names) == 0 {
		t.Fatalf("%s declares no oh_ function", headerPath)
	}
	return slices.Compact(names)
}

// region: panic-test
// panicCalls reaches each export through the Go method that calls it. The
// hook itself, oh_test_panic_in, is the one export left out.
var panicCalls = map[string]func(tl *Tally) error{
	"oh_live_tallies":         func(*Tally) error { _, err := LiveObjects(); return err },
	"oh_tally_new":            func(*Tally) error { _, err := NewTally(); return err },
	"oh_tally_free":           func(*Tally) error { return closeFresh() },
	"oh_tally_add":            func(tl *Tally) error { _, err := tl.Add("go"); return err },
	"oh_tally_add_bytes":      func(tl *Tally) error { _, err := tl.AddNoCopy("go"); return err },
	"oh_tally_count":          func(tl *Tally) error { _, err := tl.Count("go"); return err },
	"oh_tally_distinct":       func(tl *Tally) error { _, err := tl.Distinct(); return err },
	"oh_tally_top":            func(tl *Tally) error { _, err := tl.Top(1); return err },
	"oh_string_free":          func(tl *Tally) error { _, err := tl.Top(1); return err },
	"oh_tally_distinct_after": func(tl *Tally) error { _, err := tl.distinctAfter(0); return err },
}

// closeFresh closes a new tally, whose free panics in Rust before freeing
// anything; then it frees the object for real, so the test leaks nothing.
func closeFresh() error {
	tl, err := NewTally()
	if err != nil {
		return err
	}
	ptr := tl.ptr
	err = tl.Close()
	freeTally(ptr)
	return err
}

// TestEveryExportReturnsAPanicAsAnError makes each export in the header panic
// inside Rust and checks that Go gets ErrPanic: no crash, no made-up value.
func TestEveryExportReturnsAPanicAsAnError(t *testing.T) {
	tl := must(NewTally())
	defer tl.Close()
	exports := headerExports(t)
	for _, name := range exports {
		if name == "oh_test_panic_in" {
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
		err := call(tl)
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
