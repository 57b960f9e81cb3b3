package evolve

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// region: init-test
// TestNewerWrapperStopsAtInit builds cmd/evolve against a copy of the header
// that claims a minor version the library does not have yet, then runs it:
// the package's init must stop it before main calls Rust.
func TestNewerWrapperStopsAtInit(t *testing.T) {
	newer.once.Do(func() { newer.out, newer.err = runNewerWrapper() })
	out, err := newer.out, newer.err
	want := "cannot serve a Go wrapper built for 1.999"
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 2 || !strings.Contains(out, want) || strings.Contains(out, "FNV-1a") {
		t.Fatalf("cmd/evolve built for ABI 1.999: %v, want exit status 2 (a panic in init) with %q and no call:\n%s", err, want, out)
	}
}

// endregion

// newer is the one build and run per test process (-count=3 runs the test three times).
var newer struct {
	once sync.Once
	out  string
	err  error
}

func runNewerWrapper() (string, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go command is not on PATH: %w", err)
	}
	header, err := os.ReadFile(headerPath)
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "abi-evolution")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	minor := regexp.MustCompile(`(?m)^#define AE_ABI_MINOR \d+$`)
	if err := os.WriteFile(filepath.Join(dir, "abi_evolution.h"), minor.ReplaceAll(header, []byte("#define AE_ABI_MINOR 999")), 0o644); err != nil {
		return "", err
	}
	// cgo puts CGO_CFLAGS before the package's own -I, so this copy wins.
	cflags := os.Getenv("CGO_CFLAGS")
	if cflags == "" {
		cflags = "-O2 -g"
	}
	bin := filepath.Join(dir, "evolve")
	build := exec.Command(goTool, "build", "-o", bin, "./cmd/evolve")
	build.Env = append(os.Environ(), "CGO_CFLAGS="+cflags+" -I"+dir)
	if out, err := build.CombinedOutput(); err != nil {
		return string(out), fmt.Errorf("go build: %w", err)
	}
	out, err := exec.Command(bin).CombinedOutput()
	return string(out), err
}
