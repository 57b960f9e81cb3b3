package hello

import (
	"math"
	"testing"
)

// region: go-test
func TestAddMatchesGo(t *testing.T) {
	cases := []struct{ a, b int32 }{{2, 40}, {-5, 5}, {0, 0}, {math.MaxInt32, 1}, {math.MinInt32, -1}}
	for _, c := range cases {
		if got, err := Add(c.a, c.b); got != c.a+c.b || err != nil {
			t.Errorf("Add(%d, %d) = %d, %v; Go computes %d", c.a, c.b, got, err, c.a+c.b)
		}
	}
}

// endregion

func TestABIVersionMatches(t *testing.T) {
	if err := checkABI(); err != nil {
		t.Fatal(err)
	}
}

func FuzzAddMatchesGo(f *testing.F) {
	f.Add(int32(1), int32(2))
	f.Add(int32(math.MaxInt32), int32(1))
	f.Fuzz(func(t *testing.T, a, b int32) {
		if got, err := Add(a, b); got != a+b || err != nil {
			t.Fatalf("Add(%d, %d) = %d, %v; Go computes %d", a, b, got, err, a+b)
		}
	})
}

// BenchmarkAdd measures one whole crossing: Go → C ABI → Rust → back.
func BenchmarkAdd(b *testing.B) {
	var sink int32
	for i := 0; b.Loop(); i++ {
		var err error
		if sink, err = Add(sink, int32(i)); err != nil {
			b.Fatal(err)
		}
	}
	_ = sink
}
