// Package abilock checks a cbindgen header against its ABI lock: the sha256 of
// the header's declarations recorded for each ABI version. A header whose
// declarations changed while its version did not fails the check, so that,
// where the check runs in CI, a Go wrapper built against the old header cannot
// pass the start-up version check against a library whose declarations changed.
// A changed meaning behind unchanged declarations still needs a reviewer.
//
// A lock is a text file, one `<version> <sha256 in hex>` line per ABI version,
// versions only going up; `#` starts a comment line. A version is the values of
// the header's version macros joined with dots: `2`, or `1.2` for a major and
// a minor.
package abilock

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var comments = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)

// Declarations returns the header's version (the values of `macros`, in order)
// and the sha256 of its declarations: the header without comments, without
// the version macros' lines and with whitespace runs made one space, so
// documentation and layout changes need no new version.
func Declarations(header string, macros ...string) (Version, string, error) {
	b, err := os.ReadFile(header)
	if err != nil {
		return nil, "", err
	}
	code := comments.ReplaceAllString(string(b), "")
	var version Version
	for _, m := range macros {
		line := regexp.MustCompile(`(?m)^#define ` + regexp.QuoteMeta(m) + ` (\d+)\n`)
		found := line.FindStringSubmatch(code)
		if found == nil {
			return nil, "", fmt.Errorf("%s has no `#define %s <number>` line", header, m)
		}
		n, err := strconv.ParseUint(found[1], 10, 32)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %s: %w", header, m, err)
		}
		version = append(version, n)
		code = line.ReplaceAllString(code, "")
	}
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(code), " ")))
	return version, hex.EncodeToString(sum[:]), nil
}

// Version is an ABI version, most significant part first.
type Version []uint64

func (v Version) String() string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = strconv.FormatUint(n, 10)
	}
	return strings.Join(parts, ".")
}

func parseVersion(s string, parts int) (Version, bool) {
	fields := strings.Split(s, ".")
	if len(fields) != parts {
		return nil, false
	}
	v := make(Version, parts)
	for i, f := range fields {
		n, err := strconv.ParseUint(f, 10, 32)
		if err != nil {
			return nil, false
		}
		v[i] = n
	}
	return v, true
}

// Entry is one line of a lock.
type Entry struct {
	Version Version
	Sum     string
	Line    int
}

// Read parses a lock whose versions have `parts` parts; a malformed line, or
// a version that does not go up, is an error naming the file and line.
func Read(lock string, parts int) ([]Entry, error) {
	f, err := os.Open(lock)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var entries []Entry
	s := bufio.NewScanner(f)
	for n := 1; s.Scan(); n++ {
		text := strings.TrimSpace(s.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 2 || len(fields[1]) != 64 {
			return nil, fmt.Errorf("%s:%d: want `<ABI version> <sha256 in hex>`, got %q", lock, n, text)
		}
		v, ok := parseVersion(fields[0], parts)
		if !ok {
			return nil, fmt.Errorf("%s:%d: %q is not a version of %d dot-separated numbers", lock, n, fields[0], parts)
		}
		if len(entries) > 0 && slices.Compare(v, entries[len(entries)-1].Version) <= 0 {
			return nil, fmt.Errorf("%s:%d: version %s does not follow %s: versions only go up", lock, n, v, entries[len(entries)-1].Version)
		}
		entries = append(entries, Entry{v, fields[1], n})
	}
	return entries, s.Err()
}

// region: check
// Check fails when the header's declarations differ from those the lock
// records for the header's version, or when the version is not the lock's
// newest: a changed declaration needs a new version, and versions only go up.
func Check(header, lock string, macros ...string) error {
	version, sum, err := Declarations(header, macros...)
	if err != nil {
		return err
	}
	entries, err := Read(lock, len(macros))
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return fmt.Errorf("%s records no ABI version: add the line `%s %s`", lock, version, sum)
	}
	newest := entries[len(entries)-1]
	switch c := slices.Compare(version, newest.Version); {
	case c > 0:
		return fmt.Errorf("%s says ABI version %s and %s ends at %s: add the line `%s %s` to it", header, version, lock, newest.Version, version, sum)
	case c < 0:
		return fmt.Errorf("%s says ABI version %s, but %s:%d already records %s: ABI versions only go up", header, version, lock, newest.Line, newest.Version)
	case sum != newest.Sum:
		return fmt.Errorf("%s changed its declarations (sha256 %s) but its ABI version is still %s, recorded at %s:%d with %s.\n"+
			"A wrapper built against the old header would pass the version check. Bump the version (%s) in the Rust source, "+
			"regenerate the header (`npm run verify -- --update-headers`), and add the line `<new version> %s` to %s.",
			header, sum, version, lock, newest.Line, newest.Sum, strings.Join(macros, ", "), sum, lock)
	}
	return nil
}

// endregion
