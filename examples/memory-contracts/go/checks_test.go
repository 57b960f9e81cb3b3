package contracts

import (
	"os"
	"strings"
	"testing"
)

// region: test-cgocheck
// The default check (on unless GODEBUG=cgocheck=0) looks at every pointer a
// cgo call is given and panics if the memory it points to holds an unpinned
// Go pointer. The child process is this test binary, re-executed.
func TestCgocheckStopsUnpinnedPointerInArgument(t *testing.T) {
	out, code := runScenario(t, "unpinned-argument", os.Args[0])
	if code == 0 || !strings.Contains(out, "Go pointer to unpinned Go pointer") {
		t.Fatalf("want a cgocheck panic; exit code %d, output:\n%s", code, out)
	}
}

// endregion

// region: test-cgocheck2
// The default check does not see Go pointers written into C memory: in a
// binary built without the experiment, the mistake runs to the end and even
// prints the right answer. (Not this binary: CI also runs these tests in a
// cgocheck2 build.)
func TestDefaultCheckMissesGoPointerInCMemory(t *testing.T) {
	bin := os.Args[0]
	if builtWithCgocheck2 { // this binary would catch it: the point needs one without
		t.Parallel()
		bin = buildTestBinary(t, []string{"GOEXPERIMENT="})
	}
	out, code := runScenario(t, "go-pointer-in-c-memory", bin)
	if code != 0 || !strings.Contains(out, "476f52757374") {
		t.Fatalf("want a silent, successful run; exit code %d, output:\n%s", code, out)
	}
}

// ...while a binary built with GOEXPERIMENT=cgocheck2 checks every store of a
// pointer and stops at the first Go pointer written to C memory. The whole
// standard library is rebuilt for the experiment (cached after the first run).
func TestCgocheck2StopsGoPointerInCMemory(t *testing.T) {
	t.Parallel() // the build is the slow part: let it overlap the valgrind test's build
	bin := os.Args[0]
	if !builtWithCgocheck2 {
		bin = buildTestBinary(t, []string{"GOEXPERIMENT=cgocheck2"})
	}
	out, code := runScenario(t, "go-pointer-in-c-memory", bin)
	if code == 0 || !strings.Contains(out, "Go pointer stored into non-Go memory") {
		t.Fatalf("want a cgocheck2 fatal error; exit code %d, output:\n%s", code, out)
	}
}

// endregion

// region: test-forgotten-unpin
func TestForgottenUnpinPanics(t *testing.T) {
	out, code := runScenario(t, "forgotten-unpin", os.Args[0])
	if code == 0 || !strings.Contains(out, "found leaking pinned pointer") {
		t.Fatalf("want the runtime's leaking-pin panic; exit code %d, output:\n%s", code, out)
	}
}

// endregion
