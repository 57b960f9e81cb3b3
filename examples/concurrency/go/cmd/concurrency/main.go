// Command concurrency runs each idea of the concurrency example once and
// prints what it observed. Every line is a fact that holds on any run (no
// timings, no thread counts beyond the bounds the example guarantees).
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"example.com/handbook/concurrency"
)

// must is v, or ends the program on err: every call here should succeed.
func must[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}

// region: main
func main() {
	// Batching: one crossing for many items gives the same answers as many crossings.
	in := make([]uint64, 1024)
	for i := range in {
		in[i] = uint64(i)
	}
	out := make([]uint64, len(in))
	if err := concurrency.MixBatch(in, out); err != nil {
		log.Fatal(err)
	}
	same := true
	for i, x := range in {
		same = same && must(concurrency.MixOne(x)) == out[i]
	}
	fmt.Println("1024 items, one call or 1024 calls, same results:", same)

	// Blocked calls: each holds an OS thread, whatever GOMAXPROCS says.
	prev := runtime.GOMAXPROCS(1)
	fmt.Println("32 goroutines inside Rust at once with GOMAXPROCS=1:", must(concurrency.AllInsideAtOnce(32, 10*time.Second)))
	if threads, err := concurrency.OSThreads(); err == nil {
		fmt.Println("so the process has at least 32 OS threads:", threads >= 32)
	}

	// A long call keeps its thread but gives up its P: Go keeps running.
	var done atomic.Bool
	go func() { must(concurrency.SpinFor(200)); done.Store(true) }()
	for must(concurrency.ActiveCalls()) == 0 && !done.Load() {
		time.Sleep(time.Millisecond)
	}
	ticks := 0
	for must(concurrency.ActiveCalls()) == 1 {
		time.Sleep(time.Millisecond)
		ticks++
	}
	fmt.Println("Go kept running during a 200 ms Rust call with GOMAXPROCS=1:", ticks > 0)
	runtime.GOMAXPROCS(prev)

	// A limiter keeps long Rust calls to a fixed number of threads.
	limit := concurrency.NewLimiter(2)
	must(concurrency.TakePeakCalls())
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { limit.Do(func() { must(concurrency.SpinFor(20)) }) })
	}
	wg.Wait()
	fmt.Println("8 goroutines through a Limiter of 2, at most 2 in Rust at once:", must(concurrency.TakePeakCalls()) <= 2)

	// A sized Rust pool, built once; callbacks from its threads into Go.
	pool, err := concurrency.NewPool(2)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("2-thread Rust pool, sum of mix over 1024 items: %#016x\n", must(pool.MixSum(in)))
	var calls, sum atomic.Uint64
	if err := pool.Visit(10_000, func(_, v uint64) { calls.Add(1); sum.Add(v) }); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("callbacks from pool threads: %d, sum %#016x\n", calls.Load(), sum.Load())
	if err := pool.Close(); err != nil {
		log.Fatal(err)
	}
	_, err = pool.MixSum(in)
	fmt.Println("after Close:", err, errors.Is(err, concurrency.ErrClosed))

	// A long search, found; and one cancelled by a context deadline.
	found, err := concurrency.Search(context.Background(), 0, 20)
	fmt.Println("first i with 20 leading zero bits in mix(i):", found, err)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = concurrency.Search(ctx, 0, 64)
	fmt.Println("search for 64 zero bits, 20 ms deadline:", err, errors.Is(err, context.DeadlineExceeded))
}

// endregion
