package concurrency

import (
	"context"
	"encoding/binary"
	"errors"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func items(n int) []uint64 {
	s := make([]uint64, n)
	for i := range s {
		s[i] = uint64(i) * 0x9E3779B97F4A7C15
	}
	return s
}

func mixSumGo(s []uint64) (sum uint64) {
	for _, x := range s {
		sum += mixGo(x)
	}
	return sum
}

// withGOMAXPROCS runs f with GOMAXPROCS set to n, then restores it.
func withGOMAXPROCS(n int, f func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(n))
	f()
}

func TestBatchPerItemAndGoAgree(t *testing.T) {
	in := items(1000)
	out := make([]uint64, len(in))
	MixBatch(in, out)
	for i, x := range in {
		if MixOne(x) != out[i] || mixGo(x) != out[i] {
			t.Fatalf("item %d: per-item %x, batch %x, Go %x", i, MixOne(x), out[i], mixGo(x))
		}
	}
	if got, want := MixSum(in), mixSumGo(in); got != want {
		t.Fatalf("MixSum = %x, Go says %x", got, want)
	}
	MixBatch(nil, nil) // an empty batch crosses nothing
}

func TestPoolSumsMatchGo(t *testing.T) {
	in := items(1 << 16)
	want := mixSumGo(in)
	for _, threads := range []int{1, 2, 4} {
		p, err := NewPool(threads)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.MixSum(in); got != want {
			t.Errorf("pool of %d: %x, want %x", threads, got, want)
		}
		p.Close()
		if got := MixSumNewPool(threads, in); got != want {
			t.Errorf("new pool of %d per call: %x, want %x", threads, got, want)
		}
	}
}

// region: threads-test
// With GOMAXPROCS=1, 32 goroutines all sit inside Rust at the same moment.
// Only one P exists, so each blocked cgo call must hold an OS thread of its
// own without a P, and the process now has at least 32 threads.
func TestEachBlockedCallHoldsAnOSThread(t *testing.T) {
	const n = 32
	withGOMAXPROCS(1, func() {
		if !AllInsideAtOnce(n, 10*time.Second) {
			t.Fatalf("%d goroutines never were inside Rust at once", n)
		}
	})
	threads, err := OSThreads()
	if err != nil {
		t.Skip("no /proc/self/status:", err)
	}
	if threads < n {
		t.Fatalf("%d OS threads after %d simultaneous blocked calls", threads, n)
	}
}

// endregion

// region: scheduler-test
// A goroutine in a long Rust call keeps its OS thread, but not its P: sysmon
// sees the P stuck "in a system call" and hands it to another thread, so
// other goroutines keep running even with GOMAXPROCS=1.
func TestLongRustCallDoesNotStopOtherGoroutines(t *testing.T) {
	withGOMAXPROCS(1, func() {
		var done atomic.Bool
		go func() { SpinFor(300); done.Store(true) }()
		for ActiveCalls() == 0 && !done.Load() {
			time.Sleep(time.Millisecond) // lets the spinner start
		}
		ticks := 0 // Go work done while the only P's goroutine is in Rust
		for ActiveCalls() == 1 {
			time.Sleep(time.Millisecond)
			ticks++
		}
		if ticks == 0 {
			t.Fatal("no Go code ran during a 300 ms Rust call: the P was never handed off")
		}
	})
}

// endregion

// region: gomaxprocs-test
// GOMAXPROCS limits goroutines running Go code, not threads running Rust:
// with GOMAXPROCS=1, two long Rust calls still run in parallel.
func TestGOMAXPROCSDoesNotLimitRust(t *testing.T) {
	withGOMAXPROCS(1, func() {
		TakePeakCalls()
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { SpinFor(100) })
		}
		wg.Wait()
		if peak := TakePeakCalls(); peak != 2 {
			t.Fatalf("at most %d Rust calls at once, want 2", peak)
		}
	})
}

// endregion

// region: limiter-test
// Without a limit, goroutines making long Rust calls pile into Rust on more
// threads than GOMAXPROCS; a Limiter of GOMAXPROCS keeps them to that.
func TestLimiterBoundsRustCalls(t *testing.T) {
	withGOMAXPROCS(2, func() {
		run := func(l Limiter) int {
			TakePeakCalls()
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					if l == nil {
						SpinFor(50)
					} else {
						l.Do(func() { SpinFor(50) })
					}
				})
			}
			wg.Wait()
			return TakePeakCalls()
		}
		if peak := run(nil); peak <= 2 {
			t.Errorf("unlimited: at most %d Rust calls at once, want more than GOMAXPROCS=2", peak)
		}
		if peak := run(NewLimiter(2)); peak > 2 {
			t.Errorf("limited to 2: %d Rust calls at once", peak)
		}
	})
}

// endregion

// region: callback-test
func TestCallbacksFromTheCallingThread(t *testing.T) {
	var got []uint64 // no lock: Visit calls back on the calling thread, in order
	if err := Visit(100, func(i, v uint64) {
		if i != uint64(len(got)) || v != mixGo(i) {
			t.Errorf("callback %d: index %d value %x", len(got), i, v)
		}
		got = append(got, v)
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 100 {
		t.Fatalf("%d callbacks, want 100", len(got))
	}
}

func TestCallbacksFromRustPoolThreads(t *testing.T) {
	p, err := NewPool(2)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var count, sum atomic.Uint64 // concurrent callbacks: atomics, or a mutex
	if err := p.Visit(10_000, func(i, v uint64) { count.Add(1); sum.Add(v) }); err != nil {
		t.Fatal(err)
	}
	var want uint64
	for i := range uint64(10_000) {
		want += mixGo(i)
	}
	if count.Load() != 10_000 || sum.Load() != want {
		t.Fatalf("%d callbacks summing to %x, want 10000 and %x", count.Load(), sum.Load(), want)
	}
}

func TestCallbackPanicBecomesAnError(t *testing.T) {
	p, err := NewPool(2)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	err = p.Visit(100, func(i, _ uint64) {
		if i == 42 {
			panic("boom")
		}
	})
	if err == nil || err.Error() != "concurrency: callback panicked: boom" {
		t.Fatalf("Visit with a panicking callback = %v", err)
	}
}

// endregion

// region: cancel-test
func TestSearchStopsWhenTheContextIsDone(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Search(ctx, 0, 64) // would run for centuries
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Search = %v, want context.DeadlineExceeded", err)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Fatalf("Search took %v to notice a 20ms deadline", elapsed)
	}

	ctx, cancelCause := context.WithCancelCause(context.Background())
	cancelCause(errors.New("user went away"))
	if _, err := Search(ctx, 0, 64); err == nil || err.Error() != "user went away" {
		t.Fatalf("Search on a done context = %v", err)
	}
}

// endregion

func TestSearchFindsTheFirstMatch(t *testing.T) {
	got, err := Search(context.Background(), 1000, 16)
	if err != nil {
		t.Fatal(err)
	}
	want := uint64(1000)
	for bits.LeadingZeros64(mixGo(want)) < 16 {
		want++
	}
	if got != want {
		t.Fatalf("Search found %d, Go finds %d", got, want)
	}
}

// region: fuzz
// Any bytes become a batch that crosses the boundary; the batched call, the
// per-item call and the Go reference must agree on every item.
func FuzzMixBatch(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("eight by"))
	f.Add(make([]byte, 8*33))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := make([]uint64, len(data)/8)
		for i := range in {
			in[i] = binary.LittleEndian.Uint64(data[8*i:])
		}
		out := make([]uint64, len(in))
		MixBatch(in, out)
		for i, x := range in {
			if out[i] != MixOne(x) || out[i] != mixGo(x) {
				t.Fatalf("item %d (%x): batch %x, per-item %x, Go %x", i, x, out[i], MixOne(x), mixGo(x))
			}
		}
		if MixSum(in) != mixSumGo(in) {
			t.Fatal("MixSum disagrees with Go")
		}
	})
}

// endregion
