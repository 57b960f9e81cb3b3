// Command latency measures how long a request that makes one short Rust call waits and runs, when
// more goroutines serve requests than GOMAXPROCS allows to run, alone and beside long calls that hold
// threads (in Rust through cgo, or the same work in Go). Requests are due on a fixed schedule and
// each latency counts from when the request was due, not from when its goroutine got around to it,
// so time spent waiting for the scheduler is in the figures (a loop that timed only the call would
// leave it out). It prints p50, p99 and p99.9 per scenario, and the OS threads created so far.
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
	// interval between one goroutine's requests: 8 goroutines make 8 000 requests a second in all.
	interval = time.Millisecond
)

// region: scenario
// measure runs callers goroutines, each serving requests due every interval and making one short
// Rust call per request, with background (if any) looping in longs other goroutines meanwhile. It
// returns every request's latency in nanoseconds, from when it was due to when its call returned.
func measure(requests int, background func()) []float64 {
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
	start := time.Now()
	for c := range callers {
		wg.Go(func() {
			own := make([]float64, 0, requests)
			for i := range requests {
				due := start.Add(time.Duration(i) * interval)
				time.Sleep(time.Until(due))
				observing.Hash(data)
				own = append(own, float64(time.Since(due).Nanoseconds()))
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
	// 1 s per scenario in both modes: when requests fall behind, their latency grows with the length
	// of the run, so a shorter check would not be comparable with the record.
	const requests = 1000
	threads := pprof.Lookup("threadcreate")
	for _, s := range []struct {
		name       string
		background func()
	}{
		{"alone", nil},
		{"beside-long-rust", func() { observing.Busy(longFor) }},
		{"beside-long-go", goBusy},
	} {
		lat := measure(requests, s.background)
		slices.Sort(lat)
		for _, q := range []struct {
			name string
			q    float64
		}{{"p50", 0.50}, {"p99", 0.99}, {"p99.9", 0.999}} {
			figures.Emit(fmt.Sprintf("latency-%s/%s", q.name, s.name), figures.Quantile(lat, q.q), "ns")
		}
		// Threads are never given back: the count only grows, scenario after scenario.
		figures.Emit("threads-created/after-"+s.name, float64(threads.Count()), "threads")
	}
}
