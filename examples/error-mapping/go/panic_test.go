package errmap

import (
	"errors"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// region: panic-every-export
// panicCalls reaches each export of the header through the Go code that calls
// it. For a forced panic each must return an error and no value.
var panicCalls = map[string]func() (any, error){
	"em_version_parse":  func() (any, error) { return ParseVersion("1.2.3") },
	"em_version_decode": func() (any, error) { return DecodeVersion(Version{1, 2, 3}.Encode()) },
	"em_version_bump_major": func() (any, error) {
		return Version{1, 2, 3}.BumpMajor()
	},
	"em_version_parse_errno_style": func() (any, error) {
		runtime.LockOSThread() // both calls on one thread: the one correct use
		defer runtime.UnlockOSThread()
		return parseErrnoStyle("1.2.3")
	},
	"em_last_error_message": func() (any, error) { return lastErrorMessage() },
	// Deliberately unguarded: TestPanicWithoutGuardAbortsTheProcess shows the abort.
	"em_version_bump_major_unguarded": nil,
}

// The hook itself is the one export not in the table.
const hookExport = "em_test_panic_in"

func TestEveryExportTurnsAPanicIntoAnError(t *testing.T) {
	for _, name := range headerExports(t) {
		call, ok := panicCalls[name]
		switch {
		case name == hookExport:
			continue
		case !ok:
			t.Errorf("%s is in the header but not in panicCalls: add a call that reaches it", name)
			continue
		case call == nil:
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Cleanup(func() { armPanic("") })
			armPanic(name)
			v, err := call()
			// The errno-style wrapper's error is a plain string: the message Rust stored.
			plain := name == "em_version_parse_errno_style"
			if err == nil || !strings.Contains(err.Error(), "rust panicked") || (!plain && !errors.Is(err, ErrPanic)) {
				t.Fatalf("forced panic in %s: got %v, %v; want an error matching ErrPanic", name, v, err)
			}
			if v != (Version{}) && v != "" {
				t.Fatalf("forced panic in %s: got the value %v beside the error", name, v)
			}
			if _, err := call(); err != nil { // one-shot, and the library still works
				t.Fatalf("after the panic: %v", err)
			}
		})
	}
}

// headerExports lists the functions the cbindgen header declares.
func headerExports(t *testing.T) []string {
	t.Helper()
	const path = "../rust/include/error_mapping.h"
	h, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^[A-Za-z].*?\b(em_\w+)\(`).FindAllSubmatch(h, -1) {
		names = append(names, string(m[1]))
	}
	if !slices.Contains(names, hookExport) || len(names) < 2 {
		t.Fatalf("%s: found exports %v; the pattern no longer matches the header", path, names)
	}
	return names
}

// endregion
