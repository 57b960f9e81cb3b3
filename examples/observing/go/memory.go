package observing

import (
	"bufio"
	"fmt"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
)

// region: memory-snapshot
// Memory is one reading of the process's memory as each side sees it.
type Memory struct {
	// RSS is resident memory of the whole process, from the kernel (/proc/self/status VmRSS).
	RSS uint64
	// GoMapped is all memory the Go runtime mapped; runtime/metrics says it excludes memory mapped
	// by code called through cgo.
	GoMapped uint64
	// GoHeapObjects is memory in Go heap objects, live or not yet swept.
	GoHeapObjects uint64
	// GoHeapGoal is the heap size the collector aims for, which GOMEMLIMIT lowers under pressure.
	GoHeapGoal uint64
	// RustLive is what Rust's counting global allocator holds, read through the boundary.
	RustLive uint64
}

var memoryMetrics = []string{
	"/memory/classes/total:bytes",
	"/memory/classes/heap/objects:bytes",
	"/gc/heap/goal:bytes",
}

// ReadMemory takes a snapshot; it fails only where /proc/self/status is missing (not Linux).
func ReadMemory() (Memory, error) {
	samples := make([]metrics.Sample, len(memoryMetrics))
	for i, name := range memoryMetrics {
		samples[i].Name = name
	}
	metrics.Read(samples)
	rss, err := residentBytes()
	if err != nil {
		return Memory{}, err
	}
	return Memory{
		RSS:           rss,
		GoMapped:      samples[0].Value.Uint64(),
		GoHeapObjects: samples[1].Value.Uint64(),
		GoHeapGoal:    samples[2].Value.Uint64(),
		RustLive:      RustLiveBytes(),
	}, nil
}

// endregion

// residentBytes is VmRSS from /proc/self/status, which the kernel reports in kB.
func residentBytes() (uint64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("observing: reading RSS: %w", err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("observing: /proc/self/status: VmRSS %q: %w", rest, err)
			}
			return kb << 10, nil
		}
	}
	if err := s.Err(); err != nil {
		return 0, fmt.Errorf("observing: reading /proc/self/status: %w", err)
	}
	return 0, fmt.Errorf("observing: /proc/self/status has no VmRSS line")
}
