package contracts

import (
	"os/exec"
	"strings"
	"testing"
)

// region: valgrind-test
// TestValgrind runs Rust-allocating paths under valgrind's memcheck: the clean
// scenario must show no leak and no invalid access, and reading a slice that
// aliases freed Rust memory must be caught.
func TestValgrind(t *testing.T) {
	t.Parallel()
	valgrind, err := exec.LookPath("valgrind")
	if err != nil {
		t.Fatal("valgrind is not installed. This test is the proof that every Rust and C " +
			"allocation is freed, so it fails instead of skipping: install valgrind (apt-get install valgrind)")
	}
	// No -race (valgrind cannot run ThreadSanitizer binaries); -w leaves out
	// DWARF 5, which older valgrind releases cannot read.
	bin := buildTestBinary(t, nil, "-ldflags=-w")
	args := []string{valgrind, "--error-exitcode=99", "--leak-check=full",
		"--show-leak-kinds=definite,indirect", "--errors-for-leak-kinds=definite,indirect",
		"--suppressions=testdata/go-runtime.supp", bin}

	t.Run("clean", func(t *testing.T) {
		t.Parallel()
		out, code := runScenario(t, "valgrind-clean", args...)
		if code != 0 || !strings.Contains(out, "finished") {
			t.Fatalf("valgrind found errors (exit code %d):\n%s", code, out)
		}
	})
	t.Run("alias-freed", func(t *testing.T) {
		t.Parallel()
		out, code := runScenario(t, "valgrind-alias-freed", args...)
		if code != 99 || !strings.Contains(out, "Invalid read") || !strings.Contains(out, "free'd") || !strings.Contains(out, "mc_hex_encode_alloc") {
			t.Fatalf("want valgrind to report reading freed memory; exit code %d:\n%s", code, out)
		}
	})
}

// endregion
