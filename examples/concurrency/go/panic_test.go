package concurrency

import (
	"context"
	"errors"
	"os"
	"reflect"
	"regexp"
	"slices"
	"testing"
	"time"
)

// panicCases calls every export in the header through its Go wrapper. Each
// case does its setup, then arm(), then the one call that must fail; it
// returns what the wrapper returned.
var panicCases = map[string]func(t *testing.T, arm func()) (any, error){
	"cc_mix": func(_ *testing.T, arm func()) (any, error) { arm(); return MixOne(1) },
	"cc_mix_batch": func(_ *testing.T, arm func()) (any, error) {
		in, out := items(8), make([]uint64, 8)
		arm()
		err := MixBatch(in, out)
		return slices.Max(out), err // nothing written
	},
	"cc_mix_sum":         func(_ *testing.T, arm func()) (any, error) { arm(); return MixSum(items(8)) },
	"cc_noop":            func(_ *testing.T, arm func()) (any, error) { arm(); return nil, Noop() },
	"cc_active_calls":    func(_ *testing.T, arm func()) (any, error) { arm(); return ActiveCalls() },
	"cc_take_peak_calls": func(_ *testing.T, arm func()) (any, error) { arm(); return TakePeakCalls() },
	"cc_spin":            func(_ *testing.T, arm func()) (any, error) { arm(); return Spin(100) },
	"cc_spin_for_ms":     func(_ *testing.T, arm func()) (any, error) { arm(); return SpinFor(1) },
	"cc_rendezvous_new":  func(_ *testing.T, arm func()) (any, error) { arm(); return AllInsideAtOnce(1, time.Second) },
	"cc_rendezvous_wait": func(_ *testing.T, arm func()) (any, error) { arm(); return AllInsideAtOnce(1, time.Second) },
	// The forced panic comes before the free: this rendezvous is leaked.
	"cc_rendezvous_free": func(_ *testing.T, arm func()) (any, error) { arm(); return AllInsideAtOnce(1, time.Second) },
	"cc_pool_new":        func(_ *testing.T, arm func()) (any, error) { arm(); return NewPool(1) },
	"cc_pool_free": func(t *testing.T, arm func()) (any, error) {
		p := must(NewPool(1))(t)
		arm()
		return nil, p.Close() // the pool is leaked, never freed twice
	},
	"cc_pool_mix_sum": func(t *testing.T, arm func()) (any, error) {
		p := must(NewPool(1))(t)
		defer closePool(t, p)
		arm()
		return p.MixSum(items(8))
	},
	"cc_mix_sum_new_pool": func(_ *testing.T, arm func()) (any, error) { arm(); return MixSumNewPool(1, items(8)) },
	"cc_live_pools":       func(_ *testing.T, arm func()) (any, error) { arm(); return livePools() },
	"cc_visit": func(_ *testing.T, arm func()) (any, error) {
		calls := 0
		arm()
		err := Visit(3, func(_, _ uint64) { calls++ })
		return calls, err
	},
	"cc_pool_visit": func(t *testing.T, arm func()) (any, error) {
		p := must(NewPool(1))(t)
		defer closePool(t, p)
		arm()
		return nil, p.Visit(3, func(_, _ uint64) { t.Error("callback ran after a panic") })
	},
	"cc_search": func(_ *testing.T, arm func()) (any, error) { arm(); return Search(context.Background(), 0, 1) },
	// Armed for itself, the hook's next call panics instead of arming.
	"cc_test_panic_in": func(_ *testing.T, arm func()) (any, error) { arm(); return nil, testPanicIn("cc_noop") },
}

func closePool(t *testing.T, p *Pool) {
	if err := p.Close(); err != nil {
		t.Error(err)
	}
}

// headerExports lists the functions the generated header declares.
func headerExports(t *testing.T) []string {
	const header = "../rust/include/concurrency.h"
	src, err := os.ReadFile(header)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^[a-zA-Z][\w ]*?[\s*](cc_\w+)\(`).FindAllSubmatch(src, -1) {
		names = append(names, string(m[1]))
	}
	if len(names) == 0 {
		t.Fatalf("%s: no cc_ function declarations found", header)
	}
	return names
}

// region: panic-test
// Every export, forced to panic inside its guard, must give Go an error
// matching ErrPanic and a zero value: never a crash, never a plausible
// result. A new export in the header without a case here fails the test.
func TestEveryExportTurnsAPanicIntoAnError(t *testing.T) {
	exports := headerExports(t)
	for name := range panicCases {
		if !slices.Contains(exports, name) {
			t.Errorf("panicCases has %s, which the header does not declare", name)
		}
	}
	for _, name := range exports {
		call, ok := panicCases[name]
		if !ok {
			t.Errorf("%s is in the header but has no case in panicCases", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			arm := func() {
				if err := testPanicIn(name); err != nil {
					t.Fatal(err)
				}
			}
			v, err := call(t, arm)
			if !errors.Is(err, ErrPanic) {
				t.Fatalf("with a panic forced in %s: error %v, want one matching ErrPanic", name, err)
			}
			if v != nil && !reflect.ValueOf(v).IsZero() {
				t.Errorf("with a panic forced in %s: value %v beside the error, want the zero value", name, v)
			}
			if err := Noop(); err != nil { // the hook fired once and disarmed
				t.Fatalf("after the panic in %s: %v", name, err)
			}
		})
	}
}

// endregion
