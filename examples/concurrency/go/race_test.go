package concurrency

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// The race detector stops a test that races, so each racy program runs in a
// child process: this test binary again, with RACE_CHILD naming the program.
var raceChildren = map[string]func(){
	"fold":        func() { _, _ = SumMixedRacy(items(4096), 4) },
	"plain":       func() { racyPair(false) },
	"behind-cgo":  func() { racyPair(true) },
	"fold-atomic": func() { _, _ = SumMixed(items(4096), 4) },
}

// region: race-hidden
// racyPair has two goroutines write the same variable with nothing ordering
// them; the sleep makes the writes far apart in time, which the detector
// ignores. With withCgo, each goroutine also calls Rust once. The race
// detector models every cgo call as taking one global lock ("possible
// synchronization in C code", runtime/cgocall.go), so that call is enough to
// order the two writes in its eyes, and it reports nothing.
func racyPair(withCgo bool) int {
	var shared int
	var wg sync.WaitGroup
	wg.Go(func() {
		shared = 1
		if withCgo {
			_ = Noop() // only its synchronisation matters here
		}
	})
	wg.Go(func() {
		time.Sleep(100 * time.Millisecond) // not synchronisation: only time separates the writes
		if withCgo {
			_ = Noop()
		}
		shared = 2
	})
	wg.Wait()
	return shared
}

// endregion

func runRaceChild(t *testing.T, name string) (stderr string, failed bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestRaceChild$")
	cmd.Env = append(os.Environ(), "RACE_CHILD="+name)
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &errb, &errb
	err := cmd.Run()
	return errb.String(), err != nil
}

// TestRaceChild is the child's entry point; without RACE_CHILD it does nothing.
func TestRaceChild(t *testing.T) {
	if f := raceChildren[os.Getenv("RACE_CHILD")]; f != nil {
		f()
	}
}

// region: race-test
func TestRaceDetectorSeesGoRacesButNotThroughCgo(t *testing.T) {
	if !raceEnabled {
		t.Skip("run with go test -race")
	}
	for _, c := range []struct {
		child     string
		reported  bool
		mustNames string
	}{
		{"fold", true, "SumMixedRacy"}, // a Go race around Rust calls: caught
		{"plain", true, "racyPair"},    // two unordered Go writes: caught
		{"behind-cgo", false, ""},      // the same writes, each after a cgo call: missed
		{"fold-atomic", false, ""},     // the fix: nothing to report
	} {
		stderr, failed := runRaceChild(t, c.child)
		reported := strings.Contains(stderr, "WARNING: DATA RACE")
		if reported != c.reported || failed != c.reported {
			t.Errorf("%s: race reported %t (child failed %t), want %t\n%s", c.child, reported, failed, c.reported, stderr)
		}
		if c.mustNames != "" && !strings.Contains(stderr, c.mustNames) {
			t.Errorf("%s: the report does not point at %s:\n%s", c.child, c.mustNames, stderr)
		}
	}
}

// endregion
