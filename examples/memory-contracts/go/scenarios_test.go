package contracts

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// scenarioEnv names the scenario a re-executed test binary runs instead of its tests.
const scenarioEnv = "CONTRACTS_SCENARIO"

// region: scenarios
// Each scenario runs alone in a child process: the ones that break the rules
// end it with a panic or a fatal error, which a test cannot recover from.
var scenarios = map[string]func(){
	"unpinned-argument": func() {
		fmt.Printf("%s\n", encodeVectoredUnpinned([]byte("Go"), []byte("Rust")))
	},
	"go-pointer-in-c-memory": func() {
		fmt.Printf("%s\n", encodeVectoredInCMemory([]byte("Go"), []byte("Rust")))
	},
	"forgotten-unpin": func() {
		sinkWithoutUnpin([]byte("Go"))
		for range 100 { // the leak is reported by a finalizer, after a GC
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
		}
	},
	"valgrind-clean": func() {
		src := pattern(1000)
		for _, encode := range paths {
			must(encode(src))
			must(encode(nil))
		}
		for range 10 {
			s, err := NewSink(64)
			if err != nil {
				panic(err)
			}
			s.Write(src[:10]) // no Close: the cleanup must free and unpin
		}
		for range 5 {
			runtime.GC()
			time.Sleep(20 * time.Millisecond)
		}
	},
	"valgrind-alias-freed": func() {
		out := encodeRustAllocNoCopy([]byte("Go ⇄ Rust"))
		sum := 0
		for _, b := range out { // reads memory Rust has already freed
			sum += int(b)
		}
		fmt.Println("checksum of freed bytes:", sum)
	},
}

// endregion

// region: test-main
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

// endregion

// buildTestBinary compiles this package's tests into a new binary, with the
// environment and flags given, bounded in time.
func buildTestBinary(t *testing.T, env []string, flags ...string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is not on PATH: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "contracts.test")
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	args := append([]string{"test", "-c", "-o", bin}, flags...)
	build := exec.CommandContext(ctx, goTool, append(args, ".")...)
	build.Env = append(os.Environ(), env...)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go test -c %v: %v\n%s", flags, err, out)
	}
	return bin
}

// runScenario runs one scenario in a child process (optionally under a tool
// such as valgrind) and returns its combined output and exit code.
func runScenario(t *testing.T, scenario string, command ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, command[0], command[1:]...)
	// One P: valgrind runs one thread at a time, and with more Ps the Go runtime's
	// idle threads spinning for work make it many times slower.
	cmd.Env = append(os.Environ(), scenarioEnv+"="+scenario, "GOMAXPROCS=1")
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("scenario %s timed out:\n%s", scenario, out)
	}
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("scenario %s: %v", scenario, err)
	}
	return string(out), cmd.ProcessState.ExitCode()
}
