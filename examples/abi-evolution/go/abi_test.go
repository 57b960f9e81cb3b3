package evolve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/handbook/internal/abilock"
)

const (
	headerPath = "../rust/include/abi_evolution.h"
	lockPath   = "../rust/abi.lock"
)

var versionMacros = []string{"AE_ABI_MAJOR", "AE_ABI_MINOR"}

// region: lock-test
// TestHeaderMatchesABILock fails when the header's declarations change while
// its version does not.
func TestHeaderMatchesABILock(t *testing.T) {
	if err := abilock.Check(headerPath, lockPath, versionMacros...); err != nil {
		t.Fatal(err)
	}
}

// endregion

// region: lock-fails-on-copy
// TestABILockFailsOnACopy proves the check can fail: on a copy of the header
// and lock, a changed declaration under the same version fails it, a comment
// does not, and a bumped version passes once the lock records it.
func TestABILockFailsOnACopy(t *testing.T) {
	header, err := os.ReadFile(headerPath)
	if err != nil {
		t.Fatal(err)
	}
	lock, err := os.ReadFile(lockPath)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(old, new string) string {
		if !strings.Contains(string(header), old) {
			t.Fatalf("%s no longer contains %q: update this test", headerPath, old)
		}
		return strings.Replace(string(header), old, new, 1)
	}
	widened := edit("uint64_t max_len;", "uint64_t max_len;\n  uint32_t flags;")
	bumped, next := bump(t, widened)
	for _, c := range []struct {
		name, header, lock, fails string
	}{
		{"a field appended, version kept", widened, string(lock), "changed its declarations"},
		{"a comment changed", edit("/**", "/** Reworded."), string(lock), ""},
		{"a field appended, minor bumped, lock not", bumped, string(lock), "add the line `" + next + " "},
		{"a field appended, minor bumped, lock too", bumped, string(lock) + next + " " + sum(t, widened) + "\n", ""},
	} {
		dir := t.TempDir()
		h, l := filepath.Join(dir, "abi_evolution.h"), filepath.Join(dir, "abi.lock")
		if err := os.WriteFile(h, []byte(c.header), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(l, []byte(c.lock), 0o644); err != nil {
			t.Fatal(err)
		}
		err := abilock.Check(h, l, versionMacros...)
		if c.fails == "" && err != nil || c.fails != "" && (err == nil || !strings.Contains(err.Error(), c.fails)) {
			t.Errorf("%s: got %v, want %s", c.name, err, map[bool]string{true: "no error", false: "an error containing " + c.fails}[c.fails == ""])
		}
	}
}

// endregion

// bump returns header with its minor version one higher, and that version.
func bump(t *testing.T, header string) (string, string) {
	t.Helper()
	v, _, err := abilock.Declarations(headerPath, versionMacros...)
	if err != nil {
		t.Fatal(err)
	}
	old := fmt.Sprintf("#define AE_ABI_MINOR %d\n", v[1])
	if !strings.Contains(header, old) {
		t.Fatalf("the header does not say %q", old)
	}
	next := abilock.Version{v[0], v[1] + 1}
	return strings.Replace(header, old, fmt.Sprintf("#define AE_ABI_MINOR %d\n", next[1]), 1), next.String()
}

// sum is the declarations' sum of header, as abilock computes it.
func sum(t *testing.T, header string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "h.h")
	if err := os.WriteFile(f, []byte(header), 0o644); err != nil {
		t.Fatal(err)
	}
	_, s, err := abilock.Declarations(f, versionMacros...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
