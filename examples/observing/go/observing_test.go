package observing

import (
	"runtime"
	"runtime/debug"
	"testing"
)

const mib = 1 << 20

func TestHashMatchesFNV1a(t *testing.T) {
	// FNV-1a 64 reference values (draft-eastlake-fnv); nil is the empty input.
	for in, want := range map[string]uint64{"": 0xcbf29ce484222325, "a": 0xaf63dc4c8601ec8c} {
		if got := Hash([]byte(in)); got != want {
			t.Errorf("Hash(%q) = %#x, want %#x", in, got, want)
		}
	}
	if got := Hash(nil); got != 0xcbf29ce484222325 {
		t.Errorf("Hash(nil) = %#x", got)
	}
}

func TestHashNativeTimesTheLoop(t *testing.T) {
	if d := HashNative(make([]byte, 1024), 1000); d <= 0 {
		t.Fatalf("HashNative took %v: the loop did not run", d)
	}
}

// region: gomemlimit-test
// TestGoMetricsDoNotCountRust holds the lesson the guide teaches: Rust's allocations are invisible to
// Go's heap metrics and to GOMEMLIMIT. If a Go release ever starts counting them, this fails, and
// the guide's memory section must change.
func TestGoMetricsDoNotCountRust(t *testing.T) {
	const size = 64 * mib
	runtime.GC()
	// A limit far below what Rust is about to hold: if Go counted Rust's bytes, the heap goal would
	// collapse toward it.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(32 * mib))
	before, err := ReadMemory()
	if err != nil {
		t.Skip(err) // not Linux: no RSS to compare
	}
	buf, ok := NewBuffer(size)
	if !ok {
		t.Fatalf("Rust could not allocate %d MiB", size/mib)
	}
	defer buf.Free()
	after, err := ReadMemory()
	if err != nil {
		t.Fatal(err)
	}
	grew := func(a, b uint64) int64 { return int64(b) - int64(a) }
	if g := grew(before.RustLive, after.RustLive); g < size {
		t.Fatalf("Rust's counter grew by %d bytes, want ≥ %d: the counting allocator is not counting", g, size)
	}
	if g := grew(before.RSS, after.RSS); g < size/2 {
		t.Fatalf("RSS grew by %d MiB, want ≥ %d: Rust's pages are not resident, the test proves nothing", g/mib, size/2/mib)
	}
	// Go may allocate a little of its own meanwhile (the test framework, metrics); 8 MiB is far below 64.
	for _, m := range []struct {
		name          string
		before, after uint64
	}{
		{"/memory/classes/total:bytes", before.GoMapped, after.GoMapped},
		{"/memory/classes/heap/objects:bytes", before.GoHeapObjects, after.GoHeapObjects},
	} {
		if g := grew(m.before, m.after); g > 8*mib {
			t.Errorf("%s grew by %d MiB while Rust allocated %d MiB: Go now counts Rust's memory", m.name, g/mib, size/mib)
		}
	}
	if after.GoHeapGoal < before.GoHeapGoal/2 {
		t.Errorf("heap goal fell from %d to %d MiB: GOMEMLIMIT now reacts to Rust's memory", before.GoHeapGoal/mib, after.GoHeapGoal/mib)
	}
}

// endregion
