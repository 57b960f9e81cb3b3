package evolve

import (
	"os/exec"
	"strings"
	"testing"
)

// region: deprecated-test
// TestDeprecatedExportWarns compiles a C caller of the deprecated export with
// the header: the compiler must name it deprecated and say what to use.
func TestDeprecatedExportWarns(t *testing.T) {
	cc, err := exec.LookPath("cc")
	if err != nil {
		t.Skip("no C compiler:", err)
	}
	caller := `#include "abi_evolution.h"
uint64_t old_caller(void) { uint64_t sum = 0; ae_checksum(0, 0, 7, &sum); return sum; }
`
	cmd := exec.Command(cc, "-fsyntax-only", "-Werror=deprecated-declarations", "-I../rust/include", "-x", "c", "-")
	cmd.Stdin = strings.NewReader(caller)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "ae_checksum") || !strings.Contains(string(out), "is deprecated: use ae_checksum_with") {
		t.Fatalf("a C call of ae_checksum compiled without a deprecation error (%v):\n%s", err, out)
	}
}

// endregion
