// Command latency measures how long one short Rust call takes, as its callers see it, when more
// goroutines call than GOMAXPROCS allows to run, alone and beside long calls that hold threads (in
// Rust through cgo, or in Go). It prints p50, p99 and p99.9 per scenario, and the OS threads the
// scheduler started for it.
package main

import (
	"fmt"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"example.com/handbook/observing"
	"example.com/handbook/observing/internal/figures"
)

const (
	procs   = 2         // GOMAXPROCS, fixed so the figures mean the same on a bigger machine
	callers = 4 * procs // goroutines making short calls
	longs   = 2 * procs // goroutines making long calls
	longFor = 5 * time.Millisecond
)

// region: scenario
// measure runs callers goroutines making calls short calls each, with background (if any) looping in
// longs other goroutines until they finish, and returns every short call's latency in µs.
func measure(calls int, background func()) []float64 {
	var stop atomic.Bool
	var bg sync.WaitGroup
	if background != nil {
		for range longs {
			bg.Go(func() {
				for !stop.Load() {
					background()
				}
			})
		}
	}
	data := make([]byte, 64)
	lat := make([][]float64, callers)
	var wg sync.WaitGroup
	for c := range callers {
		wg.Go(func() {
			own := make([]float64, 0, calls)
			for range calls {
				start := time.Now()
				observing.Hash(data)
				own = append(own, float64(time.Since(start).Nanoseconds())/1e3)
			}
			lat[c] = own
		})
	}
	wg.Wait()
	stop.Store(true)
	bg.Wait()
	return slices.Concat(lat...)
}

// endregion

// goBusy is the Go counterpart of a long Rust call: the same kind of work, preemptible by Go's scheduler.
func goBusy() {
	block := make([]byte, 256)
	for start := time.Now(); time.Since(start) < longFor; {
		for i := range block {
			block[i] ^= byte(i)
		}
	}
}

func main() {
	runtime.GOMAXPROCS(procs)
	calls := 200_000
	if figures.Check() {
		calls = 20_000
	}
	threads := pprof.Lookup("threadcreate")
	for _, s := range []struct {
		name       string
		background func()
	}{
		{"alone", nil},
		{"beside-long-rust", func() { observing.Busy(longFor) }},
		{"beside-long-go", goBusy},
	} {
		before := threads.Count()
		lat := measure(calls, s.background)
		slices.Sort(lat)
		for _, q := range []struct {
			name string
			q    float64
		}{{"p50", 0.50}, {"p99", 0.99}, {"p99.9", 0.999}} {
			figures.Emit(fmt.Sprintf("latency-%s/%s", q.name, s.name), figures.Quantile(lat, q.q), "µs")
		}
		figures.Emit("threads-started/"+s.name, float64(threads.Count()-before), "threads")
	}
}
