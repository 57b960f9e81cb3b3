package hello

import (
	"math"
	"testing"
)

// region: go-test
func TestAddMatchesGo(t *testing.T) {
	cases := []struct{ a, b int32 }{{2, 40}, {-5, 5}, {0, 0}, {math.MaxInt32, 1}, {math.MinInt32, -1}}
	for _, c := range cases {
		if got, want := Add(c.a, c.b), c.a+c.b; got != want {
			t.Errorf("Add(%d, %d) = %d, Go computes %d", c.a, c.b, got, want)
		}
	}
}

// endregion

func TestABIVersionMatches(t *testing.T) {
	if err := CheckABI(); err != nil {
		t.Fatal(err)
	}
}

func FuzzAddMatchesGo(f *testing.F) {
	f.Add(int32(1), int32(2))
	f.Add(int32(math.MaxInt32), int32(1))
	f.Fuzz(func(t *testing.T, a, b int32) {
		if got, want := Add(a, b), a+b; got != want {
			t.Fatalf("Add(%d, %d) = %d, Go computes %d", a, b, got, want)
		}
	})
}

// BenchmarkAdd measures one whole crossing: Go → C ABI → Rust → back.
func BenchmarkAdd(b *testing.B) {
	var sink int32
	for i := 0; b.Loop(); i++ {
		sink = Add(sink, int32(i))
	}
	_ = sink
}
