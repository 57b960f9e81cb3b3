package security

import (
	"errors"
	"strings"
	"testing"
)

var doc = encode([2]string{"lang", "rust"}, [2]string{"ffi", "cgo"}, [2]string{"long", strings.Repeat("x", 100)})

func TestLookupAndValidate(t *testing.T) {
	for key, want := range map[string]string{"lang": "rust", "ffi": "cgo", "long": strings.Repeat("x", 100)} {
		if got, err := Lookup(doc, key); err != nil || got != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", key, got, err, want)
		}
	}
	if n, err := Validate(doc); n != 3 || err != nil {
		t.Errorf("Validate = %d, %v; want 3 entries", n, err)
	}
	if _, err := Lookup(doc, "go"); !isReason(err, ReasonNotFound, false) {
		t.Errorf("Lookup of a missing key: %v", err)
	}
}

// region: both-sides
// Each bad key is refused twice: by the wrapper before crossing, and by Rust
// when the wrapper is skipped, as a C caller or a careless Go caller would.
func TestBadKeysAreRefusedOnBothSides(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want Reason
	}{
		{"", ReasonKeyLength},
		{strings.Repeat("k", MaxKey+1), ReasonKeyLength},
		{"l\xffng", ReasonUTF8},
		{"lang\x00", ReasonNUL},
	} {
		if _, err := Lookup(doc, tc.key); !isReason(err, tc.want, true) {
			t.Errorf("Lookup(%q) = %v; want %v refused in Go", tc.key, err, tc.want)
		}
		var out [8]byte
		if _, raw := lookup(doc, tc.key, out[:]); raw != tc.want {
			t.Errorf("raw lookup(%q): Rust says %v; want %v", tc.key, raw, tc.want)
		}
	}
}

// endregion

func TestHostileDocumentsAreRefusedInRust(t *testing.T) {
	hostileCount := append([]byte("HBK1\xff\xff\xff\xff"), 1, 'k', 0, 0)
	nulValue := encode([2]string{"k", "a\x00b"})
	for _, tc := range []struct {
		name string
		doc  []byte
		want Reason
	}{
		{"nil", nil, ReasonTruncated},
		{"hostile count", hostileCount, ReasonCount},
		{"NUL in a value", nulValue, ReasonNUL},
		{"trailing bytes", append(encode(), 0), ReasonTrailing},
	} {
		if _, err := Validate(tc.doc); !isReason(err, tc.want, false) {
			t.Errorf("%s: Validate = %v; want %v refused in Rust", tc.name, err, tc.want)
		}
	}
}

func TestOversizedDocumentIsRefusedOnBothSides(t *testing.T) {
	big := make([]byte, MaxDoc+1)
	if _, err := Validate(big); !isReason(err, ReasonTooLarge, true) {
		t.Errorf("Validate(1 MiB + 1) = %v; want refused in Go", err)
	}
	if _, raw := validate(big); raw != ReasonTooLarge {
		t.Errorf("raw validate(1 MiB + 1): Rust says %v", raw)
	}
}

func TestOverlappingOutputIsRefusedInRust(t *testing.T) {
	buf := append([]byte(nil), doc...)
	if _, raw := lookup(buf, "lang", buf[len(buf)-8:]); raw != ReasonOverlap {
		t.Errorf("output inside the document: Rust says %v; want %v", raw, ReasonOverlap)
	}
}

func isReason(err error, want Reason, inGo bool) bool {
	var e *Error
	return errors.As(err, &e) && e.Reason == want && e.InGo == inGo
}
