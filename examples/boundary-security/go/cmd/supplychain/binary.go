package main

import (
	"debug/buildinfo"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// region: blind-spot
// inspectBinary builds the example's command and compares two views of it:
// the module list Go embeds (what govulncheck reads in binary mode) and the
// Rust crates whose code the linker put in, named by their mangled symbols.
func inspectBinary() error {
	dir, err := os.MkdirTemp("", "supplychain-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "boundary")
	build := exec.Command("go", "build", "-o", bin, "./cmd/boundary")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/boundary: %v\n%s", err, out)
	}
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		return err
	}
	modules := []string{info.Main.Path}
	for _, d := range info.Deps {
		modules = append(modules, d.Path)
	}
	crates, err := rustCrates(bin)
	if err != nil {
		return err
	}
	emit("go-modules-listed", strings.Join(modules, ", "), "")
	emit("rust-crates-linked", strings.Join(crates, ", "), "")
	emit("rust-crates-in-build-info", countListed(modules, crates), "")
	return nil
}

// endregion

// Crate names in Rust's two symbol manglings: the first path segment of a
// legacy symbol (`_ZN22boundary_security_core5parse17h…E`), and every crate
// root of a v0 symbol (`_RNv…Cs4X4t9plMPHF_9addr2line…`), which is how the
// standard library and the crates it is built from are mangled.
var (
	legacy    = regexp.MustCompile(`^_ZN(\d+)`)
	v0Root    = regexp.MustCompile(`Cs[0-9A-Za-z]+_(\d+)`)
	crateName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

func rustCrates(bin string) ([]string, error) {
	f, err := elf.Open(bin)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		return nil, err
	}
	var crates []string
	add := func(sym string, at []int) {
		n, err := strconv.Atoi(sym[at[2]:at[3]])
		if err != nil || at[1]+n > len(sym) {
			return
		}
		if name := sym[at[1] : at[1]+n]; crateName.MatchString(name) && !slices.Contains(crates, name) {
			crates = append(crates, name)
		}
	}
	for _, s := range syms {
		switch {
		case strings.HasPrefix(s.Name, "_ZN"):
			if at := legacy.FindStringSubmatchIndex(s.Name); at != nil {
				add(s.Name, at)
			}
		case strings.HasPrefix(s.Name, "_R"):
			for _, at := range v0Root.FindAllStringSubmatchIndex(s.Name, -1) {
				add(s.Name, at)
			}
		}
	}
	slices.Sort(crates)
	return crates, nil
}

// countListed is how many of the crates appear anywhere in the module list.
func countListed(modules, crates []string) int {
	n := 0
	for _, c := range crates {
		for _, m := range modules {
			if strings.Contains(strings.ReplaceAll(m, "-", "_"), c) {
				n++
				break
			}
		}
	}
	return n
}
