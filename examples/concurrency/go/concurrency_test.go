package concurrency

import (
	"context"
	"encoding/binary"
	"errors"
	"math/bits"
	"runtime"
	"runtime/cgo"
	"slices"
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

// must(f())(t) is f's value, or stops the test on f's error. Call it on the
// test's own goroutine; elsewhere use t.Error.
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// withGOMAXPROCS runs f with GOMAXPROCS set to n, then restores it.
func withGOMAXPROCS(n int, f func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(n))
	f()
}

func TestBatchPerItemAndGoAgree(t *testing.T) {
	in := items(1000)
	out := make([]uint64, len(in))
	if err := MixBatch(in, out); err != nil {
		t.Fatal(err)
	}
	for i, x := range in {
		if one := must(MixOne(x))(t); one != out[i] || mixGo(x) != out[i] {
			t.Fatalf("item %d: per-item %x, batch %x, Go %x", i, one, out[i], mixGo(x))
		}
	}
	if got, want := must(MixSum(in))(t), mixSumGo(in); got != want {
		t.Fatalf("MixSum = %x, Go says %x", got, want)
	}
	if err := MixBatch(nil, nil); err != nil { // an empty batch crosses nothing
		t.Fatal(err)
	}
}

// MixBatch(xs, xs) works in place; a partial overlap is refused, and the
// slice is left as it was.
func TestMixBatchInPlaceAndOverlap(t *testing.T) {
	xs := items(100)
	want := make([]uint64, len(xs))
	for i, x := range xs {
		want[i] = mixGo(x)
	}
	if err := MixBatch(xs, xs); err != nil {
		t.Fatalf("MixBatch(xs, xs) = %v", err)
	}
	if !slices.Equal(xs, want) {
		t.Fatal("MixBatch(xs, xs) did not mix every item in place")
	}
	if err := MixBatch(xs[:50], xs[50:]); err != nil {
		t.Fatalf("adjacent halves share no element, yet MixBatch = %v", err)
	}
	before := slices.Clone(xs)
	for _, c := range []struct{ in, out []uint64 }{{xs[:99], xs[1:]}, {xs[1:], xs[:99]}, {xs[10:20], xs[15:]}} {
		if err := MixBatch(c.in, c.out); !errors.Is(err, ErrOverlap) {
			t.Errorf("partial overlap: MixBatch = %v, want ErrOverlap", err)
		}
	}
	if !slices.Equal(xs, before) {
		t.Fatal("a refused MixBatch wrote to out")
	}
	if err := MixBatch(xs, xs[:1]); err == nil {
		t.Fatal("MixBatch with a short out returned nil")
	}
}

func TestPoolSumsMatchGo(t *testing.T) {
	in := items(1 << 16)
	want := mixSumGo(in)
	for _, threads := range []int{1, 2, 4} {
		p, err := NewPool(threads)
		if err != nil {
			t.Fatal(err)
		}
		if got := must(p.MixSum(in))(t); got != want {
			t.Errorf("pool of %d: %x, want %x", threads, got, want)
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		if got := must(MixSumNewPool(threads, in))(t); got != want {
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
		if !must(AllInsideAtOnce(n, 10*time.Second))(t) {
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
		go func() {
			if _, err := SpinFor(300); err != nil {
				t.Error(err)
			}
			done.Store(true)
		}()
		for must(ActiveCalls())(t) == 0 && !done.Load() {
			time.Sleep(time.Millisecond) // lets the spinner start
		}
		ticks := 0 // Go work done while the only P's goroutine is in Rust
		for must(ActiveCalls())(t) == 1 {
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
		must(TakePeakCalls())(t)
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { spinFor(t, 100) })
		}
		wg.Wait()
		if peak := must(TakePeakCalls())(t); peak != 2 {
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
			must(TakePeakCalls())(t)
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					if l == nil {
						spinFor(t, 50)
					} else {
						l.Do(func() { spinFor(t, 50) })
					}
				})
			}
			wg.Wait()
			return must(TakePeakCalls())(t)
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

// spinFor is SpinFor for any goroutine of a test: it reports an error with t.Error.
func spinFor(t *testing.T, ms uint32) {
	if _, err := SpinFor(ms); err != nil {
		t.Error(err)
	}
}

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
	if !errors.Is(err, ErrCallbackPanicked) || err.Error() != "concurrency: Pool.Visit: callback panicked: boom" {
		t.Fatalf("Visit with a panicking callback = %v", err)
	}
}

// A handle that names no visitor, or a value of another type, reaches the
// callback as an error status, never as a panic through Rust's frames.
func TestBadHandleBecomesAnError(t *testing.T) {
	other := cgo.NewHandle("not a visitor")
	defer other.Delete()
	for _, h := range []uintptr{0, uintptr(other)} {
		if err := visitWithHandle(h, 3); !errors.Is(err, ErrBadHandle) {
			t.Errorf("handle %d: %v, want ErrBadHandle", h, err)
		}
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
		if err := MixBatch(in, out); err != nil {
			t.Fatal(err)
		}
		for i, x := range in {
			if one := must(MixOne(x))(t); out[i] != one || out[i] != mixGo(x) {
				t.Fatalf("item %d (%x): batch %x, per-item %x, Go %x", i, x, out[i], one, mixGo(x))
			}
		}
		if must(MixSum(in))(t) != mixSumGo(in) {
			t.Fatal("MixSum disagrees with Go")
		}
	})
}

// endregion
