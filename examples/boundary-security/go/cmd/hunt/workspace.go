package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// The example's crates and module, copied into each hunt's folder.
var copied = []string{"core", "rust", "go"}

// Build output and fuzzer findings, never copied (a finding copied back would
// make the next hunt find its bug at once).
var skipped = map[string]bool{"target": true, "artifacts": true, "corpus-out": true}

type workspace struct {
	root, example, nightly string
}

// findWorkspace locates the example (the folder above go/ holding
// example.yaml) and the repository root (holding rust-toolchain-miri.toml,
// which names the nightly cargo-fuzz builds with).
func findWorkspace() (workspace, error) {
	dir, err := os.Getwd()
	if err != nil {
		return workspace{}, err
	}
	var w workspace
	for d := dir; w.root == ""; d = filepath.Dir(d) {
		if w.example == "" && exists(filepath.Join(d, "example.yaml")) {
			w.example = d
		}
		if exists(filepath.Join(d, "rust-toolchain-miri.toml")) {
			w.root = d
		}
		if filepath.Dir(d) == d {
			return w, fmt.Errorf("no example.yaml and rust-toolchain-miri.toml above %s: run from the example's go/ folder", dir)
		}
	}
	if w.example == "" {
		return w, fmt.Errorf("no example.yaml above %s", dir)
	}
	pin, err := os.ReadFile(filepath.Join(w.root, "rust-toolchain-miri.toml"))
	if err != nil {
		return w, err
	}
	m := regexp.MustCompile(`(?m)^channel = "(nightly-\d{4}-\d{2}-\d{2})"$`).FindSubmatch(pin)
	if m == nil {
		return w, errors.New(`rust-toolchain-miri.toml: no line channel = "nightly-YYYY-MM-DD"`)
	}
	w.nightly = string(m[1])
	return w, nil
}

// copyWith mirrors the example into examples/target/hunt/<name>/<slug> (with
// the bug p planted, if any) and returns that folder. The place is the same on
// every run and files are written only when their bytes change, so cargo and go
// rebuild only what a change touched. A workspace Cargo.toml naming just the
// copied crates sits above it, as examples/Cargo.toml does above the original.
func (w workspace) copyWith(name string, p *plant) (string, error) {
	base := filepath.Join(w.root, "examples", "target", "hunt", name)
	dst := filepath.Join(base, filepath.Base(w.example))
	manifest, err := os.ReadFile(filepath.Join(w.root, "examples", "Cargo.toml"))
	if err != nil {
		return "", err
	}
	members := regexp.MustCompile(`(?m)^members = \[.*\]$`)
	if !members.Match(manifest) {
		return "", errors.New("examples/Cargo.toml: no one-line `members = [...]` to replace")
	}
	slug := filepath.Base(w.example)
	manifest = members.ReplaceAll(manifest, fmt.Appendf(nil, `members = ["%s/core", "%s/rust"]`, slug, slug))
	if err := writeIfChanged(filepath.Join(base, "Cargo.toml"), manifest); err != nil {
		return "", err
	}
	planted := false
	for _, top := range copied {
		want := map[string]bool{}
		err := filepath.WalkDir(filepath.Join(w.example, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if skipped[d.Name()] || strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(w.example, path)
			body, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if p != nil && rel == filepath.FromSlash(p.file) {
				if n := bytes.Count(body, []byte(p.find)); n != 1 {
					return fmt.Errorf("%s holds %q %d times, not once: update the plant in go/cmd/hunt/plants.go", path, p.find, n)
				}
				body = bytes.Replace(body, []byte(p.find), []byte(p.replace), 1)
				planted = true
			}
			want[rel] = true
			return writeIfChanged(filepath.Join(dst, rel), body)
		})
		if err != nil {
			return "", err
		}
		if err := removeOthers(dst, top, want); err != nil {
			return "", err
		}
	}
	if p != nil && !planted {
		return "", fmt.Errorf("no file %s in the example to plant into", p.file)
	}
	return dst, nil
}

// removeOthers deletes files under dst/top that the example does not have
// (a fuzzer's finding from the last run, a file since deleted).
func removeOthers(dst, top string, want map[string]bool) error {
	return filepath.WalkDir(filepath.Join(dst, top), func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if skipped[d.Name()] && d.IsDir() {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(dst, path)
		if !d.IsDir() && !want[rel] {
			return os.Remove(path)
		}
		return nil
	})
}

func writeIfChanged(path string, body []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, body) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, body, 0o644)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
