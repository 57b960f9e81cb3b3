package contracts

import (
	"errors"
	"os"
	"regexp"
	"slices"
	"testing"
)

// region: panic-every-export
// panicCalls reaches each export of the header through the Go API. Each
// returns what the caller would get back; for a forced panic that must be an
// error matching ErrPanic and no value.
var panicCalls = map[string]func() (any, error){
	"mc_hex_encode":          func() (any, error) { return Encode([]byte("Go")) },
	"mc_hex_encode_alloc":    func() (any, error) { return EncodeRustAlloc([]byte("Go")) },
	"mc_bytes_free":          func() (any, error) { return EncodeRustAlloc([]byte("Go")) },
	"mc_hex_encode_vectored": func() (any, error) { return EncodeVectored([]byte("G"), []byte("o")) },
	"mc_sink_new":            func() (any, error) { return NewSink(8) },
	"mc_sink_write": func() (any, error) {
		s, err := NewSink(8)
		if err != nil {
			return nil, err
		}
		defer s.Close()
		n, err := s.Write([]byte("Go"))
		return n, err
	},
	"mc_sink_free": func() (any, error) {
		s, err := NewSink(8)
		if err != nil {
			return nil, err
		}
		return nil, s.Close()
	},
}

// The hook itself is the one export not in the table.
const hookExport = "mc_test_panic_in"

func TestEveryExportTurnsAPanicIntoAnError(t *testing.T) {
	for _, name := range headerExports(t) {
		if name == hookExport {
			continue
		}
		call, ok := panicCalls[name]
		if !ok {
			t.Errorf("%s is in the header but not in panicCalls: add a call that reaches it", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Cleanup(func() { armPanic("") })
			armPanic(name)
			v, err := call()
			if !errors.Is(err, ErrPanic) {
				t.Fatalf("forced panic in %s: got %v, %v; want an error matching ErrPanic", name, v, err)
			}
			if !isZero(v) {
				t.Fatalf("forced panic in %s: got the value %v beside the error", name, v)
			}
			if v, err := call(); err != nil { // one-shot, and the library still works
				t.Fatalf("after the panic: %v, %v", v, err)
			}
		})
	}
}

func isZero(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case []byte:
		return v == nil
	case *Sink:
		return v == nil
	case int:
		return v == 0
	}
	return false
}

// headerExports lists the functions the cbindgen header declares.
func headerExports(t *testing.T) []string {
	t.Helper()
	const path = "../rust/include/memory_contracts.h"
	h, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^[A-Za-z].*?\b(mc_\w+)\(`).FindAllSubmatch(h, -1) {
		names = append(names, string(m[1]))
	}
	if !slices.Contains(names, hookExport) || len(names) < 2 {
		t.Fatalf("%s: found exports %v; the pattern no longer matches the header", path, names)
	}
	return names
}

// endregion
