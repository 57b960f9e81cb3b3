package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"example.com/handbook/boundary-security/internal/measure"
)

// cargoDenyVersion is the release verify installs (TOOLS in src/lib/commands/commands.ts).
const cargoDenyVersion = "0.18.4"

// The checks that need no network. `advisories` fetches the RustSec database.
var offlineChecks = []string{"bans", "licenses", "sources"}

var verdict = regexp.MustCompile(`(?m)^\s*(\w+) (ok|FAILED): `)

// cargoDeny checks the fuzz workspace's lockfile, which holds the FFI crate,
// its core and the fuzzing tools, against ../deny.toml, offline.
func cargoDeny() error {
	tool, err := measure.Tool("cargo-deny", cargoDenyVersion)
	if err != nil {
		return err
	}
	example, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	manifest := filepath.Join(example, "rust", "fuzz", "Cargo.toml")
	// cargo-deny reads every crate in the lockfile, other platforms' included, which a build never downloads.
	if out, err := exec.Command("cargo", "fetch", "--locked", "--manifest-path", manifest).CombinedOutput(); err != nil {
		return fmt.Errorf("cargo fetch: %v\n%s", err, out)
	}
	args := []string{"deny", "--manifest-path", manifest, "--offline", "--locked",
		"check", "--config", filepath.Join(example, "deny.toml"), "--show-stats"}
	out, runErr := exec.Command(tool, append(args, offlineChecks...)...).CombinedOutput()
	var results []string
	for _, m := range verdict.FindAllStringSubmatch(string(out), -1) {
		results = append(results, m[1]+" "+m[2])
	}
	if runErr != nil || len(results) != len(offlineChecks) {
		return fmt.Errorf("cargo deny check %s (rules in %s): %v\n%s", strings.Join(offlineChecks, " "), filepath.Join(example, "deny.toml"), runErr, out)
	}
	lock, err := os.ReadFile(filepath.Join(example, "rust", "fuzz", "Cargo.lock"))
	if err != nil {
		return err
	}
	crates := strings.Count(string(lock), "\n[[package]]\n")
	if crates == 0 {
		return errors.New("rust/fuzz/Cargo.lock lists no package")
	}
	emit("cargo-deny", strings.Join(results, ", "), "")
	emit("cargo-deny-crates", crates, "")
	return nil
}
