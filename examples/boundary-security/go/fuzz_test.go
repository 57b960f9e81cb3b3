package security

import (
	"errors"
	"testing"
)

// region: fuzz
// FuzzLookup crosses the boundary with arbitrary bytes, straight to Rust (no
// Go check in front) and through the wrapper. Rust must accept exactly the
// documents the Go reference accepts, refuse exactly the keys the wrapper
// refuses, and return the reference's value. Its seed corpus,
// testdata/fuzz/FuzzLookup, runs with every `go test`.
func FuzzLookup(f *testing.F) {
	f.Fuzz(func(t *testing.T, doc []byte, key string) {
		want, wantCount, refErr := parseReference(doc)
		count, status := validate(doc)
		if (refErr == nil) != (status == reasonOK) {
			t.Fatalf("Rust says %v, the Go reference says %v, for %q", status, refErr, doc)
		}
		if refErr == nil && count != wantCount {
			t.Fatalf("Rust counts %d entries, the reference %d", count, wantCount)
		}

		var out [8]byte
		_, raw := lookup(doc, key, out[:])
		goErr := checkKey("fuzz", key)
		// Rust checks the key before the document, so a key Go refuses is refused
		// for the same reason there; a good key in a good document never is.
		keyRefused := raw == ReasonKeyLength || raw == ReasonUTF8 || raw == ReasonNUL
		if goErr != nil && (!keyRefused || raw != goErr.(*Error).Reason) || goErr == nil && refErr == nil && keyRefused {
			t.Fatalf("key %q: the Go check says %v, Rust says %v", key, goErr, raw)
		}

		value, err := Lookup(doc, key)
		wantValue, found := want[key]
		switch {
		case refErr == nil && goErr == nil && found:
			if err != nil || value != wantValue {
				t.Fatalf("Lookup(%q) = %q, %v; the reference has %q", key, value, err, wantValue)
			}
		case err == nil:
			t.Fatalf("Lookup(%q) = %q, want an error (reference: %v, key: %v)", key, value, refErr, goErr)
		case !errors.As(err, new(*Error)):
			t.Fatalf("Lookup(%q): %v is not an *Error", key, err)
		}
	})
}

// endregion
