package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// fakeRepo lays out a repository root with examples/Cargo.toml and one example
// with core, rust and go folders, holding the given files (relative to the
// example folder) over a file in each.
func fakeRepo(t *testing.T, files map[string]string) workspace {
	t.Helper()
	root := t.TempDir()
	w := workspace{root: root, example: filepath.Join(root, "examples", "demo"), nightly: "nightly-2026-05-20"}
	write := func(path, body string) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "examples", "Cargo.toml"), "[workspace]\nmembers = [\"a/rust\", \"demo/rust\"]\n")
	base := map[string]string{"core/src/lib.rs": "", "rust/src/lib.rs": "", "go/x.go": "package x\n"}
	for name, body := range files {
		base[name] = body
	}
	for name, body := range base {
		write(filepath.Join(w.example, name), body)
	}
	return w
}

func TestCopyPlantsTheBugOnceAndOnlyInTheCopy(t *testing.T) {
	w := fakeRepo(t, map[string]string{"rust/src/lib.rs": "fn f() {\n    check();\n}\n", "go/x.go": "package x\n"})
	p := plant{id: "p", file: "rust/src/lib.rs", find: "    check();", replace: "    // planted", finding: regexp.MustCompile(".")}
	dst, err := w.copyWith(p.id, &p)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dst, "rust/src/lib.rs"))
	if string(got) != "fn f() {\n    // planted\n}\n" {
		t.Errorf("the copy holds %q", got)
	}
	orig, _ := os.ReadFile(filepath.Join(w.example, "rust/src/lib.rs"))
	if !strings.Contains(string(orig), "check();") {
		t.Errorf("the example itself was changed: %q", orig)
	}
	manifest, _ := os.ReadFile(filepath.Join(filepath.Dir(dst), "Cargo.toml"))
	if !strings.Contains(string(manifest), `members = ["demo/core", "demo/rust"]`) {
		t.Errorf("the copy's workspace: %s", manifest)
	}
}

func TestAPlantThatNoLongerMatchesFailsLoudly(t *testing.T) {
	w := fakeRepo(t, map[string]string{"rust/src/lib.rs": "check();\ncheck();\n"})
	for find, want := range map[string]string{"check();": "2 times", "gone();": "0 times"} {
		p := plant{id: "p", file: "rust/src/lib.rs", find: find, replace: "x"}
		if _, err := w.copyWith(p.id, &p); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "plants.go") {
			t.Errorf("find %q: %v; want an error saying %s and naming plants.go", find, err, want)
		}
	}
}

func TestACopyLosesStaleFilesAndKeepsUnchangedOnes(t *testing.T) {
	w := fakeRepo(t, map[string]string{"go/x.go": "package x\n"})
	dst, err := w.copyWith("c", nil)
	if err != nil {
		t.Fatal(err)
	}
	finding := filepath.Join(dst, "go/testdata/fuzz/FuzzLookup/abc")
	if err := os.MkdirAll(filepath.Dir(finding), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(finding, []byte("found"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(filepath.Join(dst, "go/x.go"), old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := w.copyWith("c", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(finding); !os.IsNotExist(err) {
		t.Errorf("a finding from the last run survived the copy: %v", err)
	}
	if st, err := os.Stat(filepath.Join(dst, "go/x.go")); err != nil || !st.ModTime().Equal(old) {
		t.Errorf("an unchanged file was rewritten (cargo and go would rebuild): %v", err)
	}
}
