package hello

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// headerPath is the cbindgen header this package compiles against.
const headerPath = "../rust/include/hello_boundary.h"

var comments = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)

// headerCode returns the header without its comments.
func headerCode(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(headerPath)
	if err != nil {
		t.Fatal(err)
	}
	return comments.ReplaceAllString(string(b), "")
}

// headerExports lists the functions the header declares, in order.
func headerExports(t *testing.T) []string {
	t.Helper()
	var names []string
	for _, m := range regexp.MustCompile(`\b(hb_\w+)\s*\(`).FindAllStringSubmatch(headerCode(t), -1) {
		names = append(names, m[1])
	}
	if len(names) == 0 {
		t.Fatalf("%s declares no hb_ function", headerPath)
	}
	return slices.Compact(names)
}
