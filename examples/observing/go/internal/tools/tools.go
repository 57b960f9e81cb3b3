// Package tools builds the workload with its symbols and runs outside tools (perf, valgrind) on it.
package tools

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// BuildWorkload builds ./cmd/workload into dir with `go build`, which keeps the symbol table that
// perf and cachegrind need to name functions. It runs in the module's folder, the one `go run` ran in.
func BuildWorkload(dir string) (string, error) {
	bin := filepath.Join(dir, "workload")
	if _, err := Run("go", "build", "-o", bin, "./cmd/workload"); err != nil {
		return "", err
	}
	return bin, nil
}

// region: frame-pointers
// BuildWorkloadWithRustFramePointers builds the crate again with -C force-frame-pointers=yes into a
// target folder of its own, and links the workload against that library: cgo puts CGO_LDFLAGS before
// the package's own #cgo LDFLAGS, so the linker takes every Rust symbol from it. The library's digest
// goes into CGO_CFLAGS, as verify does for the usual build, so Go relinks when the library changes.
func BuildWorkloadWithRustFramePointers(dir string) (string, error) {
	target, err := filepath.Abs("../../target/frame-pointers")
	if err != nil {
		return "", err
	}
	build := exec.Command("cargo", "build", "--release", "--locked", "-p", "observing", "--target-dir", target)
	build.Env = append(os.Environ(), "RUSTFLAGS=-C force-frame-pointers=yes")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("cargo build with frame pointers: %w\n%s", err, out)
	}
	lib := filepath.Join(target, "release", "libobserving.a")
	data, err := os.ReadFile(lib)
	if err != nil {
		return "", err
	}
	// Setting CGO_CFLAGS replaces Go's default -O2 -g; keep it, since it decides whether cgo's C
	// wrappers keep frame pointers, and so what perf's chain shows.
	cflags := os.Getenv("CGO_CFLAGS")
	if cflags == "" {
		cflags = "-O2 -g"
	}
	bin := filepath.Join(dir, "workload-rust-frame-pointers")
	link := exec.Command("go", "build", "-o", bin, "./cmd/workload")
	link.Env = append(os.Environ(), "CGO_LDFLAGS="+lib,
		fmt.Sprintf("CGO_CFLAGS=%s -DOBSERVING_FP_LIB=%x", cflags, sha256.Sum256(data)))
	if out, err := link.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build against the frame-pointer library: %w\n%s", err, out)
	}
	return bin, nil
}

// endregion

// Run runs a program and returns its standard output; on failure the error carries its standard error.
func Run(name string, args ...string) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s %v: %w\n%s", name, args, err, stderr.Bytes())
	}
	return stdout.Bytes(), nil
}

// RunStderr runs a program and returns its standard error, where valgrind writes its summary.
func RunStderr(name string, args ...string) ([]byte, error) {
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s %v: %w\n%s", name, args, err, stderr.Bytes())
	}
	return stderr.Bytes(), nil
}
