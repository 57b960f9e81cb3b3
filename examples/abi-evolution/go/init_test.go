package evolve

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// region: init-test
// TestNewerWrapperStopsAtInit builds cmd/evolve against a copy of the header
// that claims a minor version the library does not have yet, then runs it:
// the package's init must stop it before main calls Rust.
func TestNewerWrapperStopsAtInit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is not on PATH: %v", err)
	}
	header, err := os.ReadFile(headerPath)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	minor := regexp.MustCompile(`(?m)^#define AE_ABI_MINOR \d+$`)
	newer := minor.ReplaceAll(header, []byte("#define AE_ABI_MINOR 999"))
	if err := os.WriteFile(filepath.Join(dir, "abi_evolution.h"), newer, 0o644); err != nil {
		t.Fatal(err)
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
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin).CombinedOutput()
	want := "cannot serve a Go wrapper built for 1.999"
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 2 || !strings.Contains(string(out), want) || strings.Contains(string(out), "FNV-1a") {
		t.Fatalf("cmd/evolve built for ABI 1.999: %v, want exit status 2 (a panic in init) with %q and no call:\n%s", err, want, out)
	}
}

// endregion
