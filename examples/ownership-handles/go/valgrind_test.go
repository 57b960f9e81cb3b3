package handles

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// scenarioEnv names the scenario a re-executed test binary runs instead of its tests.
const scenarioEnv = "HANDLES_VALGRIND_SCENARIO"

// region: valgrind-scenarios
// Each scenario runs alone in a process under valgrind. Leaks repeat ten
// times, so a stale copy of one pointer left on a stack cannot hide them all.
var scenarios = map[string]func(){
	"clean": func() {
		tl := must(NewTally())
		for _, w := range strings.Fields("the cat saw the dog and the bird") {
			tl.Add(w)
			tl.AddNoCopy(w)
		}
		tl.Count("the")
		tl.Distinct()
		tl.Top(3)
		tl.Close()
		tl.Close()       // harmless
		_, _ = tl.Top(1) // ErrClosed, no crossing
		for range 10 {
			must(NewTally()).Add("forgotten") // no Close: the cleanup must free them
		}
		for deadline := time.Now().Add(30 * time.Second); must(LiveObjects()) > 0 && time.Now().Before(deadline); {
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
		}
		if n := must(LiveObjects()); n > 0 {
			fmt.Fprintf(os.Stderr, "%d tallies were never freed\n", n)
			os.Exit(3)
		}
	},
	"leak-rust-string": func() {
		tl := must(NewTally())
		defer tl.Close()
		tl.Add("go")
		for range 10 {
			tl.topLeaks(1)
		}
	},
	"leak-c-string": func() {
		tl := must(NewTally())
		defer tl.Close()
		for range 10 {
			tl.addLeaks("go")
		}
	},
	"double-free": func() {
		tl := must(NewTally())
		tl.Add("go")
		tl.closeUnguarded()
		tl.closeUnguarded()
	},
}

// endregion

func TestMain(m *testing.M) {
	if name := os.Getenv(scenarioEnv); name != "" {
		run, ok := scenarios[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "unknown scenario %q\n", name)
			os.Exit(2)
		}
		run()
		fmt.Printf("scenario %s finished\n", name)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// buildTestBinary compiles this package's tests without -race: valgrind
// cannot run a binary built with ThreadSanitizer. -ldflags=-w leaves out Go's
// DWARF 5, which older valgrind releases cannot read; symbol names remain.
func buildTestBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is not on PATH: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "handles.test")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, goTool, "test", "-c", "-o", bin, "-ldflags=-w", ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go test -c: %v\n%s", err, out)
	}
	return bin
}

// region: valgrind-test
// TestValgrind runs each scenario under valgrind's memcheck. The clean one
// must show no leak and no invalid access; each mistake must be caught.
func TestValgrind(t *testing.T) {
	valgrind, err := exec.LookPath("valgrind")
	if err != nil {
		t.Fatal("valgrind is not installed. This test is the proof that no Rust or C memory " +
			"leaks, so it fails instead of skipping: install valgrind (apt-get install valgrind)")
	}
	bin := buildTestBinary(t)
	cases := []struct {
		scenario string
		want     []string // in valgrind's report; none means a clean run
	}{
		{"clean", nil},
		{"leak-rust-string", []string{"definitely lost", "oh_tally_top"}},
		{"leak-c-string", []string{"definitely lost", "Cfunc__Cmalloc"}},
		{"double-free", []string{"Invalid free", "oh_tally_free"}},
	}
	for _, c := range cases {
		t.Run(c.scenario, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, valgrind,
				"--error-exitcode=99", "--leak-check=full",
				"--show-leak-kinds=definite,indirect", "--errors-for-leak-kinds=definite,indirect",
				"--suppressions=testdata/go-runtime.supp", bin)
			// One P: valgrind runs one thread at a time, and idle Go threads spinning
			// for work would slow it many times over.
			cmd.Env = append(os.Environ(), scenarioEnv+"="+c.scenario, "GOMAXPROCS=1")
			out, err := cmd.CombinedOutput()
			if c.want == nil {
				if err != nil || !strings.Contains(string(out), "finished") {
					t.Fatalf("valgrind found errors in the clean scenario (%v):\n%s", err, out)
				}
				return
			}
			if code := cmd.ProcessState.ExitCode(); code != 99 {
				t.Fatalf("valgrind exit code %d, want 99 (errors found):\n%s", code, out)
			}
			for _, w := range c.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("valgrind's report lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// endregion
