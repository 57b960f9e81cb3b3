// Command workload is what the perf and instructions programs observe from outside, built with
// `go build` so it keeps its symbol table (`go run` strips it: -s -w). -busy keeps two goroutines in
// a long Rust call for that long; -hash hashes 64 KiB through cgo that many times.
package main

import (
	"flag"
	"sync"
	"time"

	"example.com/handbook/observing"
)

func main() {
	busy := flag.Duration("busy", 0, "keep two goroutines in Rust this long")
	hashes := flag.Int("hash", 0, "hash 64 KiB through cgo this many times")
	flag.Parse()
	data := make([]byte, 64<<10)
	for range *hashes {
		observing.Hash(data)
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for start := time.Now(); time.Since(start) < *busy; {
				observing.Busy(10 * time.Millisecond)
			}
		})
	}
	wg.Wait()
}
