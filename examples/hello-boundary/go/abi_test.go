package hello

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"example.com/handbook/internal/abilock"
)

const lockPath = "../rust/abi.lock"

var versionLine = regexp.MustCompile(`(?m)^#define HB_ABI_VERSION (\d+)\n`)

// region: abi-lock-test
// TestHeaderMatchesABILock fails when the header's declarations change while
// HB_ABI_VERSION stays the same: a Go wrapper built against the old header
// would pass the version check and call the new library wrongly. The check
// (examples/internal/abilock) hashes the header without comments, whitespace
// differences and the version line, and compares the hash with the line
// abi.lock records for the version.
func TestHeaderMatchesABILock(t *testing.T) {
	if err := abilock.Check(headerPath, lockPath, "HB_ABI_VERSION"); err != nil {
		t.Fatal(err)
	}
}

// endregion

var mismatch struct {
	once sync.Once
	out  string
	err  error
}

// TestMismatchedLibraryStopsTheProgram builds cmd/hello against a copy of the
// header that says another ABI version, then runs it: the package's init must
// stop it before main calls Rust, naming both versions.
func TestMismatchedLibraryStopsTheProgram(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is not on PATH: %v", err)
	}
	mismatch.once.Do(func() { mismatch.out, mismatch.err = runMismatched(goTool) })
	out, err := mismatch.out, mismatch.err
	want := fmt.Sprintf("Rust library ABI version %d, Go wrapper expects 999", ABIVersion)
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 2 || !strings.Contains(out, want) || strings.Contains(out, "Rust says") {
		t.Fatalf("cmd/hello against a mismatched header: %v, want exit status 2 (a panic in init) with %q and no call:\n%s", err, want, out)
	}
}

func runMismatched(goTool string) (string, error) {
	dir, err := os.MkdirTemp("", "hello-abi")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	header, err := os.ReadFile(headerPath)
	if err != nil {
		return "", err
	}
	fake := versionLine.ReplaceAll(header, []byte("#define HB_ABI_VERSION 999\n"))
	if err := os.WriteFile(filepath.Join(dir, "hello_boundary.h"), fake, 0o644); err != nil {
		return "", err
	}
	// cgo puts CGO_CFLAGS before the package's own -I, so this copy wins.
	cflags := os.Getenv("CGO_CFLAGS")
	if cflags == "" {
		cflags = "-O2 -g"
	}
	bin := filepath.Join(dir, "hello")
	build := exec.Command(goTool, "build", "-o", bin, "./cmd/hello")
	build.Env = append(os.Environ(), "CGO_CFLAGS="+cflags+" -I"+dir)
	if out, err := build.CombinedOutput(); err != nil {
		return string(out), fmt.Errorf("go build: %w", err)
	}
	out, err := exec.Command(bin).CombinedOutput()
	return string(out), err
}
