package hello

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const lockPath = "../rust/abi.lock"

var versionLine = regexp.MustCompile(`(?m)^#define HB_ABI_VERSION (\d+)\n`)

// declarationsSum is the sha256 of the header's declarations: comments, the
// version line and whitespace differences do not count.
func declarationsSum(t *testing.T) (version uint64, sum string) {
	t.Helper()
	code := headerCode(t)
	m := versionLine.FindStringSubmatch(code)
	if m == nil {
		t.Fatalf("%s has no #define HB_ABI_VERSION line", headerPath)
	}
	version, _ = strconv.ParseUint(m[1], 10, 32)
	decls := strings.Join(strings.Fields(versionLine.ReplaceAllString(code, "")), " ")
	h := sha256.Sum256([]byte(decls))
	return version, hex.EncodeToString(h[:])
}

// lockEntry is one line of abi.lock: an ABI version and its declarations' sum.
type lockEntry struct {
	version uint64
	sum     string
	line    int
}

func readLock(t *testing.T) []lockEntry {
	t.Helper()
	f, err := os.Open(lockPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var entries []lockEntry
	s := bufio.NewScanner(f)
	for n := 1; s.Scan(); n++ {
		text := strings.TrimSpace(s.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		v, err := strconv.ParseUint(fields[0], 10, 32)
		if len(fields) != 2 || err != nil || len(fields[1]) != 64 {
			t.Fatalf("%s:%d: want `<ABI version> <sha256 in hex>`, got %q", lockPath, n, text)
		}
		if len(entries) > 0 && v <= entries[len(entries)-1].version {
			t.Fatalf("%s:%d: version %d does not follow %d: versions only go up", lockPath, n, v, entries[len(entries)-1].version)
		}
		entries = append(entries, lockEntry{v, fields[1], n})
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return entries
}

// region: abi-lock-test
// TestHeaderMatchesABILock fails when the header's declarations change while
// HB_ABI_VERSION stays the same: a Go wrapper built against the old header
// would pass the version check and call the new library wrongly.
func TestHeaderMatchesABILock(t *testing.T) {
	version, sum := declarationsSum(t)
	entries := readLock(t)
	if len(entries) == 0 {
		t.Fatalf("%s records no ABI version: add the line `%d %s`", lockPath, version, sum)
	}
	newest := entries[len(entries)-1]
	switch {
	case version > newest.version:
		t.Fatalf("HB_ABI_VERSION is %d and %s ends at %d: add the line `%d %s` to it", version, lockPath, newest.version, version, sum)
	case version < newest.version:
		t.Fatalf("HB_ABI_VERSION is %d, but %s:%d already records %d: ABI versions only go up", version, lockPath, newest.line, newest.version)
	case sum != newest.sum:
		t.Fatalf("%s changed its declarations (sha256 %s) but HB_ABI_VERSION is still %d, recorded at %s:%d with %s.\n"+
			"A wrapper built against the old header would pass the version check. Bump HB_ABI_VERSION in rust/src/lib.rs, "+
			"run `npm run verify -- --update-headers --example hello-boundary`, and add the line `%d <sha256 this test then prints>` to %s.",
			headerPath, sum, version, lockPath, newest.line, newest.sum, version+1, lockPath)
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
