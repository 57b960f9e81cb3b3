// Command memory has Rust allocate memory while GOMEMLIMIT is far below it, and prints the process's
// memory as the kernel (RSS), Go's runtime/metrics and Rust's counting allocator each report it.
package main

import (
	"log"
	"runtime"
	"runtime/debug"

	"example.com/handbook/observing"
	"example.com/handbook/observing/internal/figures"
)

const mib = 1 << 20

func emit(when string, m observing.Memory) {
	figures.Emit("rss/"+when, m.RSS, "bytes")
	figures.Emit("go-mapped/"+when, m.GoMapped, "bytes")
	figures.Emit("go-heap-goal/"+when, m.GoHeapGoal, "bytes")
	figures.Emit("rust-live/"+when, m.RustLive, "bytes")
}

func read() observing.Memory {
	m, err := observing.ReadMemory()
	if err != nil {
		log.Fatal(err)
	}
	return m
}

// region: limit-ignored
func main() {
	const limit, rust = 64 * mib, 256 * mib
	debug.SetMemoryLimit(limit) // what GOMEMLIMIT=64MiB sets
	figures.Emit("memory-limit", limit, "bytes")
	runtime.GC()
	emit("before", read())

	var gc runtime.MemStats
	runtime.ReadMemStats(&gc)
	cycles := gc.NumGC
	buf, ok := observing.NewBuffer(rust)
	if !ok {
		log.Fatalf("Rust could not allocate %d MiB", rust/mib)
	}
	emit("rust-holding", read())
	runtime.ReadMemStats(&gc)
	figures.Emit("gc-cycles-while-rust-allocated", float64(gc.NumGC-cycles), "cycles")

	buf.Free()
	emit("after-free", read())
}

// endregion
