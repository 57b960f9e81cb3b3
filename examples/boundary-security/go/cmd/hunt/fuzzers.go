package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"example.com/handbook/boundary-security/internal/measure"
)

// result is what one fuzzer run did: how long it ran and how many inputs it tried.
type result struct {
	seconds float64
	execs   int64
}

// A hunter is a fuzzer, or Miri, run on a copy of the example.
type hunter struct {
	name string
	// hunt runs it on a planted copy until it reports p.finding.
	hunt func(w workspace, copyDir string, p plant) (result, error)
	// campaign runs it on an unchanged copy for seconds; any finding fails.
	campaign func(w workspace, copyDir string, seconds int) (result, error)
}

var (
	goFuzz    = hunter{"go-fuzz", goHunt, goCampaign}
	cargoFuzz = hunter{"cargo-fuzz", cargoHunt, cargoCampaign}
	miriCheck = hunter{"miri", miriHunt, nil}
)

// fuzzRun is what one run of a command printed, whether it exited non-zero, and how long it took.
type fuzzRun struct {
	out    string
	failed bool
	took   time.Duration
}

// run runs name args in dir with extra variables, for at most limit; only a
// command that cannot start is an error.
func run(dir string, env []string, name string, args ...string) (fuzzRun, error) {
	return runFor(24*time.Hour, dir, env, name, args...)
}

func runFor(limit time.Duration, dir string, env []string, name string, args ...string) (fuzzRun, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	r := fuzzRun{string(out), err != nil, time.Since(start)}
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		return r, fmt.Errorf("%s: %w", name, err)
	}
	return r, nil
}

// must runs a build step, which must succeed.
func must(what, dir string, env []string, name string, args ...string) error {
	r, err := run(dir, env, name, args...)
	if err == nil && r.failed {
		err = fmt.Errorf("%s failed:\n%s", what, tail(r.out))
	}
	return err
}

func tail(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return strings.Join(lines[max(0, len(lines)-30):], "\n")
}

// region: go-fuzz
// goBuild builds the copy's static library and returns the environment its Go
// tests need: no go.work (the copy is not in it), and a define carrying the
// library's digest so Go relinks when a plant changes it.
func goBuild(copyDir string) ([]string, error) {
	base := filepath.Dir(copyDir)
	target := filepath.Join(base, "target")
	if err := must("cargo build", base, []string{"CARGO_TARGET_DIR=" + target}, "cargo", "build", "--release", "-p", "boundary-security"); err != nil {
		return nil, err
	}
	lib, err := os.ReadFile(filepath.Join(target, "release", "libboundary_security.a"))
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(lib)
	return []string{"GOWORK=off", fmt.Sprintf("CGO_CFLAGS=-O2 -g -DHANDBOOK_HUNT_%x", digest[:8])}, nil
}

var goFailed = regexp.MustCompile(`--- FAIL: FuzzLookup \(([\d.]+)s\)`)

func goFuzzRun(copyDir string, seconds int) (fuzzRun, error) {
	env, err := goBuild(copyDir)
	if err != nil {
		return fuzzRun{}, err
	}
	// go test -fuzz keeps the inputs it found interesting in GOCACHE and starts
	// from them next time; start from the committed seeds alone instead, so the
	// time to find a planted bug is not shortened by the last hunt for it.
	cache, err := run(copyDir, env, "go", "env", "GOCACHE")
	if err != nil || cache.failed {
		return fuzzRun{}, fmt.Errorf("go env GOCACHE: %v %s", err, cache.out)
	}
	if err := os.RemoveAll(filepath.Join(strings.TrimSpace(cache.out), "fuzz", "example.com", "handbook", "boundary-security", "FuzzLookup")); err != nil {
		return fuzzRun{}, err
	}
	return run(filepath.Join(copyDir, "go"), env, "go", "test", "-run", "^$", "-fuzz", "^FuzzLookup$", "-fuzztime", fmt.Sprintf("%ds", seconds), ".")
}

func goHunt(_ workspace, copyDir string, p plant) (result, error) {
	r, err := goFuzzRun(copyDir, p.budget)
	if err != nil {
		return result{}, err
	}
	out := r.out
	m := goFailed.FindStringSubmatch(out)
	if !r.failed || m == nil || !strings.Contains(out, "Failing input written to") {
		return result{}, fmt.Errorf("go test -fuzz did not report the planted bug within %d s:\n%s", p.budget, tail(out))
	}
	if !p.finding.MatchString(out) {
		return result{}, fmt.Errorf("go test -fuzz failed, but not with %q:\n%s", p.finding, tail(out))
	}
	seconds, _ := strconv.ParseFloat(m[1], 64)
	return result{seconds, goExecs(out)}, nil
}

// goProgress is the fuzzing engine's status line, printed every 3 s and at the end.
var goProgress = regexp.MustCompile(`fuzz: elapsed: (\w+), execs: (\d+) `)

func goExecs(out string) int64 {
	all := goProgress.FindAllStringSubmatch(out, -1)
	if len(all) == 0 {
		return 0
	}
	n, _ := strconv.ParseInt(all[len(all)-1][2], 10, 64)
	return n
}

func goCampaign(_ workspace, copyDir string, seconds int) (result, error) {
	r, err := goFuzzRun(copyDir, seconds)
	if err != nil {
		return result{}, err
	}
	all := goProgress.FindAllStringSubmatch(r.out, -1)
	if r.failed || len(all) == 0 {
		return result{}, fmt.Errorf("go test -fuzz failed on the unchanged code:\n%s", tail(r.out))
	}
	elapsed, err := time.ParseDuration(all[len(all)-1][1])
	if err != nil {
		return result{}, err
	}
	return result{elapsed.Seconds(), goExecs(r.out)}, nil
}

// endregion

// region: cargo-fuzz
// cargoFuzzVersion is the release verify installs (TOOLS in src/lib/commands/commands.ts).
const cargoFuzzVersion = "0.13.1"

var (
	cargoExecs = regexp.MustCompile(`stat::number_of_executed_units: (\d+)`)
	cargoDone  = regexp.MustCompile(`Done (\d+) runs in (\d+) second`)
)

// cargoFuzzRun builds the copy's fuzz target with AddressSanitizer on the
// pinned nightly, then runs it for at most seconds from the committed seed
// corpus (read only: new inputs go to a temporary folder, and so do findings).
func cargoFuzzRun(w workspace, copyDir string, seconds int) (fuzzRun, error) {
	tool, err := measure.Tool("cargo-fuzz", cargoFuzzVersion)
	if err != nil {
		return fuzzRun{}, err
	}
	fuzzDir := filepath.Join(copyDir, "rust", "fuzz")
	env := []string{"RUSTUP_TOOLCHAIN=" + w.nightly}
	// One target folder for every copy: libFuzzer and the other registry crates build once, each copy's own crates
	// (at their own paths) beside them.
	common := []string{"--fuzz-dir", fuzzDir, "--target-dir", filepath.Join(filepath.Dir(filepath.Dir(copyDir)), "cargo-fuzz-target")}
	if err := must("cargo fuzz build", copyDir, env, tool, append([]string{"fuzz", "build", "lookup"}, common...)...); err != nil {
		return fuzzRun{}, err
	}
	scratch, err := os.MkdirTemp("", "hunt-cargo-fuzz-")
	if err != nil {
		return fuzzRun{}, err
	}
	defer os.RemoveAll(scratch)
	args := append([]string{"fuzz", "run", "lookup"}, common...)
	args = append(args, scratch, filepath.Join(fuzzDir, "corpus", "lookup"), "--",
		fmt.Sprintf("-max_total_time=%d", seconds), "-seed=1", "-print_final_stats=1", "-artifact_prefix="+scratch+"/")
	return run(copyDir, env, tool, args...)
}

func cargoHunt(w workspace, copyDir string, p plant) (result, error) {
	r, err := cargoFuzzRun(w, copyDir, p.budget)
	if err != nil {
		return result{}, err
	}
	out := r.out
	if !r.failed {
		return result{}, fmt.Errorf("cargo fuzz did not report the planted bug within %d s:\n%s", p.budget, tail(out))
	}
	if !p.finding.MatchString(out) {
		return result{}, fmt.Errorf("cargo fuzz failed, but not with %q:\n%s", p.finding, tail(out))
	}
	m := cargoExecs.FindStringSubmatch(out)
	if m == nil {
		return result{}, errors.New("cargo fuzz printed no stat::number_of_executed_units")
	}
	execs, _ := strconv.ParseInt(m[1], 10, 64)
	return result{r.took.Seconds(), execs}, nil
}

func cargoCampaign(w workspace, copyDir string, seconds int) (result, error) {
	r, err := cargoFuzzRun(w, copyDir, seconds)
	if err != nil {
		return result{}, err
	}
	m := cargoDone.FindStringSubmatch(r.out)
	if r.failed || m == nil {
		return result{}, fmt.Errorf("cargo fuzz failed on the unchanged code:\n%s", tail(r.out))
	}
	execs, _ := strconv.ParseInt(m[1], 10, 64)
	secs, _ := strconv.ParseFloat(m[2], 64)
	return result{secs, execs}, nil
}

// endregion

// region: miri
// miriHunt runs the copy's Rust tests twice: in a release build, where they
// must pass (the plant is one tests alone miss), then under Miri on the pinned
// nightly, which must report it within the budget.
func miriHunt(w workspace, copyDir string, p plant) (result, error) {
	base := filepath.Dir(copyDir)
	env := []string{"CARGO_TARGET_DIR=" + filepath.Join(base, "target"), "RUSTUP_AUTO_INSTALL=0"}
	if err := must("cargo test on the planted copy (Miri's plant must pass it)", base, env, "cargo", "test", "--release", "-p", "boundary-security"); err != nil {
		return result{}, err
	}
	r, err := runFor(time.Duration(p.budget)*time.Second, base, env, "cargo", "+"+w.nightly, "miri", "test", "-p", "boundary-security")
	if err != nil {
		return result{}, err
	}
	if !r.failed || !p.finding.MatchString(r.out) {
		return result{}, fmt.Errorf("Miri did not report %q within %d s:\n%s", p.finding, p.budget, tail(r.out))
	}
	return result{r.took.Seconds(), 0}, nil
}

// endregion
