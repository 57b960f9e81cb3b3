package evolve

import "testing"

// region: compat-test
func TestCompatible(t *testing.T) {
	for _, c := range []struct {
		lib          uint32
		major, minor uint32
		ok           bool
	}{
		{1<<16 | 1, 1, 1, true},  // the same version
		{1<<16 | 2, 1, 1, true},  // a newer minor only added things
		{1<<16 | 0, 1, 1, false}, // an older minor lacks what the wrapper may call
		{2<<16 | 1, 1, 1, false}, // another major broke something
		{0, 1, 1, false},         // Rust panicked
	} {
		if err := compatible(c.lib, c.major, c.minor); (err == nil) != c.ok {
			t.Errorf("library %d.%d, wrapper %d.%d: got %v, want ok=%v", c.lib>>16, c.lib&0xffff, c.major, c.minor, err, c.ok)
		}
	}
}

// endregion
