package evolve

import (
	"testing"

	"example.com/handbook/internal/abilock"
)

const (
	headerPath = "../rust/include/abi_evolution.h"
	lockPath   = "../rust/abi.lock"
)

var versionMacros = []string{"AE_ABI_MAJOR", "AE_ABI_MINOR"}

// TestHeaderMatchesABILock fails when the header's declarations change while
// its version does not.
func TestHeaderMatchesABILock(t *testing.T) {
	if err := abilock.Check(headerPath, lockPath, versionMacros...); err != nil {
		t.Fatal(err)
	}
}
