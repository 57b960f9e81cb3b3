// Package tools builds the workload with its symbols and runs outside tools (perf, valgrind) on it.
package tools

import (
	"bytes"
	"fmt"
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
