// Command profile takes a CPU profile with runtime/pprof while goroutines spend their time in a Rust
// call, and prints where the profile puts those samples: in runtime.cgocall, and in Rust frames (none
// without a cgo traceback symboliser, which this program does not install).
package main

import (
	"bytes"
	"log"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/pprof/profile"

	"example.com/handbook/observing"
	"example.com/handbook/observing/internal/figures"
)

// region: profile
func main() {
	length := 2 * time.Second
	if figures.Check() {
		length = 500 * time.Millisecond
	}
	var buf bytes.Buffer
	if err := pprof.StartCPUProfile(&buf); err != nil {
		log.Fatal(err)
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for !stop.Load() {
				observing.Busy(10 * time.Millisecond)
			}
		})
	}
	time.Sleep(length)
	stop.Store(true)
	wg.Wait()
	pprof.StopCPUProfile()

	p, err := profile.Parse(&buf)
	if err != nil {
		log.Fatal(err)
	}
	var total, inCgocall, inRust int64
	for _, s := range p.Sample {
		n := s.Value[0] // samples
		total += n
		if has(s, func(f string) bool { return f == "runtime.cgocall" }) {
			inCgocall += n
		}
		if has(s, func(f string) bool { return strings.HasPrefix(f, "obs_") || strings.Contains(f, "observing::") }) {
			inRust += n
		}
	}
	if total == 0 {
		log.Fatal("the profile has no samples")
	}
	figures.Emit("pprof-share-in-cgocall", 100*float64(inCgocall)/float64(total), "%")
	figures.Emit("pprof-share-in-rust-frames", 100*float64(inRust)/float64(total), "%")
}

// endregion

// has reports whether any frame of the sample's stack is a function f matches.
func has(s *profile.Sample, match func(string) bool) bool {
	for _, loc := range s.Location {
		for _, line := range loc.Line {
			if line.Function != nil && match(line.Function.Name) {
				return true
			}
		}
	}
	return false
}
