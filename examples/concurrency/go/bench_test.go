package concurrency

import (
	"fmt"
	"runtime"
	"runtime/cgo"
	"sync"
	"testing"
)

// region: bench-batching
// PerItem crosses once per item; Batched crosses once for all of them.
func BenchmarkPerItem(b *testing.B) {
	for _, n := range []int{1, 16, 1024} {
		in, out := items(n), make([]uint64, n)
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			var err error
			for b.Loop() {
				for i, x := range in {
					if out[i], err = MixOne(x); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func BenchmarkBatched(b *testing.B) {
	for _, n := range []int{1, 16, 1024} {
		in, out := items(n), make([]uint64, n)
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			for b.Loop() {
				if err := MixBatch(in, out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// endregion

// region: bench-parallel
// One op is 64 jobs of about 100 µs of Rust work each, shared by a growing
// number of goroutines. The peak-in-rust metric is how many threads were
// inside Rust at the same moment during the benchmark.
const jobs, jobUnits = 64, 80_000

func runJobs(b *testing.B, goroutines int, l Limiter) {
	var wg sync.WaitGroup
	per := jobs / goroutines
	spin := func() {
		if _, err := Spin(jobUnits); err != nil {
			b.Error(err)
		}
	}
	for range goroutines {
		wg.Go(func() {
			for range per {
				if l == nil {
					spin()
				} else {
					l.Do(spin)
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkParallel(b *testing.B) {
	for _, g := range []int{1, 2, 8, 64} {
		b.Run(fmt.Sprintf("goroutines=%d", g), func(b *testing.B) {
			must(TakePeakCalls())(b)
			for b.Loop() {
				runJobs(b, g, nil)
			}
			b.ReportMetric(float64(must(TakePeakCalls())(b)), "peak-in-rust")
		})
	}
}

// ParallelLimited is goroutines=64 behind a Limiter of GOMAXPROCS.
func BenchmarkParallelLimited(b *testing.B) {
	b.Run("goroutines=64", func(b *testing.B) {
		l := NewLimiter(runtime.GOMAXPROCS(0))
		must(TakePeakCalls())(b)
		for b.Loop() {
			runJobs(b, 64, l)
		}
		b.ReportMetric(float64(must(TakePeakCalls())(b)), "peak-in-rust")
	})
}

// endregion

// region: bench-pool
// Pool: one sum over 2^18 items on a pool of 1 thread, of 2 (the cores of
// the machine the handbook is measured on), and of 16, far beyond the cores.
func BenchmarkPool(b *testing.B) {
	in := items(1 << 18)
	for _, threads := range []int{1, 2, 16} {
		p, err := NewPool(threads)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) {
			for b.Loop() {
				must(p.MixSum(in))(b)
			}
		})
		if err := p.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// Serial sums on the calling thread; PoolReuse on one 2-thread pool built
// beforehand; NewPoolEachCall builds (and drops) a 2-thread pool in every call.
func BenchmarkSerial(b *testing.B) {
	for _, n := range []int{4096, 1 << 18} {
		in := items(n)
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			for b.Loop() {
				must(MixSum(in))(b)
			}
		})
	}
}

func BenchmarkPoolReuse(b *testing.B) {
	p, err := NewPool(2)
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		if err := p.Close(); err != nil {
			b.Error(err)
		}
	}()
	for _, n := range []int{4096, 1 << 18} {
		in := items(n)
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			for b.Loop() {
				must(p.MixSum(in))(b)
			}
		})
	}
}

func BenchmarkNewPoolEachCall(b *testing.B) {
	for _, n := range []int{4096, 1 << 18} {
		in := items(n)
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			for b.Loop() {
				must(MixSumNewPool(2, in))(b)
			}
		})
	}
}

// endregion

// region: bench-callbacks
// 1024 items handed back to Go one callback at a time, from the calling
// thread or from the pool's threads; compare Batched/items=1024.
func BenchmarkCallback(b *testing.B) {
	var sink uint64
	b.Run("thread=caller/items=1024", func(b *testing.B) {
		for b.Loop() {
			if err := Visit(1024, func(_, v uint64) { sink += v }); err != nil {
				b.Fatal(err)
			}
		}
	})
	p, err := NewPool(runtime.GOMAXPROCS(0))
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		if err := p.Close(); err != nil {
			b.Error(err)
		}
	}()
	b.Run("thread=pool/items=1024", func(b *testing.B) {
		var mu sync.Mutex
		for b.Loop() {
			if err := p.Visit(1024, func(_, v uint64) { mu.Lock(); sink += v; mu.Unlock() }); err != nil {
				b.Fatal(err)
			}
		}
	})
	_ = sink
}

// What a cgo.Handle costs: NewHandle, Value and Delete, once per call.
func BenchmarkHandle(b *testing.B) {
	v := &visitor{}
	for b.Loop() {
		h := cgo.NewHandle(v)
		_ = h.Value().(*visitor)
		h.Delete()
	}
}

// EmptyCall is the floor: one crossing with no work in it.
func BenchmarkEmptyCall(b *testing.B) {
	for b.Loop() {
		if err := Noop(); err != nil {
			b.Fatal(err)
		}
	}
}

// endregion
