// Command releases measures one cgo crossing with whichever Go release runs
// it, so the same source gives one row per release (GOTOOLCHAIN=go1.22.12 …):
// a call of ae_abi_version, which only returns a constant in Rust, so what it
// costs is almost all crossing. It prints one JSON line per figure.
package main

/*
#cgo CFLAGS: -I${SRCDIR}/../../rust/include
#cgo LDFLAGS: ${SRCDIR}/../../../target/release/libabi_evolution.a -ldl -lm -lpthread
#include "abi_evolution.h"
*/
import "C"

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"time"
)

// region: measure
// crossing returns the nanoseconds of one call in each of `samples` timed
// loops of about `loop` each.
func crossing(samples int, loop time.Duration) []float64 {
	n := 1000
	for { // grow the loop until it lasts long enough to time
		if d := timeCalls(n); d >= loop/4 {
			n = int(float64(n) * float64(loop) / float64(d))
			break
		}
		n *= 4
	}
	perCall := make([]float64, samples)
	for i := range perCall {
		perCall[i] = math.Round(float64(timeCalls(n).Nanoseconds())/float64(n)*100) / 100
	}
	return perCall
}

func timeCalls(n int) time.Duration {
	start := time.Now()
	for i := 0; i < n; i++ {
		C.ae_abi_version()
	}
	return time.Since(start)
}

// endregion

func main() {
	// Check mode (CI) takes fewer, shorter samples than a recording.
	samples, loop := 15, 200*time.Millisecond
	if os.Getenv("HANDBOOK_MODE") == "check" {
		samples, loop = 5, 50*time.Millisecond
	}
	perCall := crossing(samples, loop)
	sorted := slices.Clone(perCall)
	slices.Sort(sorted)
	// The median: one slow loop (a preemption, another process) does not move it.
	line, err := json.Marshal(map[string]any{"figure": "cgo-call", "value": sorted[samples/2], "unit": "ns", "samples": perCall})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(line))
}
