package concurrency

import (
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"
)

// region: close-test
func TestCloseFreesOnceAndLaterCallsGetErrClosed(t *testing.T) {
	p := must(NewPool(1))(t)
	before := must(livePools())(t)
	closePool(t, p)
	if after := must(livePools())(t); after != before-1 {
		t.Fatalf("%d pools before Close, %d after, want one fewer", before, after)
	}
	closePool(t, p) // a second Close does nothing
	if _, err := p.MixSum(items(8)); !errors.Is(err, ErrClosed) {
		t.Errorf("MixSum after Close = %v, want ErrClosed", err)
	}
	if err := p.Visit(8, func(_, _ uint64) {}); !errors.Is(err, ErrClosed) {
		t.Errorf("Visit after Close = %v, want ErrClosed", err)
	}
	if must(livePools())(t) != before-1 {
		t.Fatal("a call after Close changed the number of pools")
	}
}

// Goroutines keep calling while two others Close: every call either works
// or gets ErrClosed, and the pool is freed exactly once, after the last call.
func TestCloseWhileOtherGoroutinesCall(t *testing.T) {
	p := must(NewPool(2))(t)
	before := must(livePools())(t)
	in, want := items(1024), mixSumGo(items(1024))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				sum, err := p.MixSum(in)
				if errors.Is(err, ErrClosed) {
					return
				}
				if err != nil || sum != want {
					t.Errorf("MixSum during Close = %x, %v", sum, err)
					return
				}
			}
		})
	}
	time.Sleep(5 * time.Millisecond)
	for range 2 {
		wg.Go(func() { closePool(t, p) })
	}
	wg.Wait()
	if after := must(livePools())(t); after != before-1 {
		t.Fatalf("%d pools before, %d after all calls ended, want one fewer", before, after)
	}
}

// A callback may Close the pool it runs on: the pool is freed when the Visit
// that is still running returns, not under it.
func TestCloseFromACallback(t *testing.T) {
	p := must(NewPool(2))(t)
	before := must(livePools())(t)
	err := p.Visit(100, func(i, _ uint64) {
		if i == 0 {
			closePool(t, p)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := must(livePools())(t); after != before-1 {
		t.Fatalf("%d pools before, %d after the Visit returned, want one fewer", before, after)
	}
}

// endregion

// region: cleanup-test
// A Pool nobody closes is freed by its cleanup once the collector finds it
// unreachable: the safety net, not the plan.
func TestForgottenPoolIsFreedByItsCleanup(t *testing.T) {
	before := must(livePools())(t)
	for range 3 {
		must(NewPool(1))(t) // never closed
	}
	deadline := time.Now().Add(10 * time.Second)
	for must(livePools())(t) > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d forgotten pools still alive after 10 s of collections", must(livePools())(t)-before)
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

// endregion
