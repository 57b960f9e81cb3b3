package evolve

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"testing"
)

// region: status-test
// statusHistory is every status code in the order it was added: the code is
// its index. Append a line when Rust adds a code; editing one is a break.
var statusHistory = []string{
	"AE_STATUS_OK",           // 1.0
	"AE_STATUS_NULL_POINTER", // 1.0
	"AE_STATUS_PANIC",        // 1.0
	"AE_STATUS_BAD_SIZE",     // 1.1
	"AE_STATUS_TOO_LARGE",    // 1.2
}

// TestStatusCodesOnlyGrow fails when the header renumbers, removes or inserts
// a status code, and when the wrapper has no error for one.
func TestStatusCodesOnlyGrow(t *testing.T) {
	b, err := os.ReadFile(headerPath)
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	for _, m := range regexp.MustCompile(`(?m)^\s*(AE_STATUS_\w+) = (\d+),`).FindAllStringSubmatch(string(b), -1) {
		if code, _ := strconv.Atoi(m[2]); code != len(header) {
			t.Fatalf("%s: %s = %s, want %d: codes count up from 0 in the order they were added", headerPath, m[1], m[2], len(header))
		}
		header = append(header, m[1])
	}
	if !slices.Equal(header[:min(len(header), len(statusHistory))], statusHistory) || len(header) < len(statusHistory) {
		t.Fatalf("%s defines %v; it must begin with every code it ever had, in order: %v", headerPath, header, statusHistory)
	}
	if len(header) > len(statusHistory) {
		t.Fatalf("%s adds %v: append it to statusHistory and give it an error in statusErrors", headerPath, header[len(statusHistory):])
	}
	if len(statusErrors) != len(header) {
		t.Fatalf("statusErrors maps %d codes, the header defines %d", len(statusErrors), len(header))
	}
}

// endregion
