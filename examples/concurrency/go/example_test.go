package concurrency_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"example.com/handbook/concurrency"
)

// region: example
func ExampleSearch() {
	// Found quickly: about 2^12 tries.
	i, err := concurrency.Search(context.Background(), 0, 12)
	fmt.Println(i, err)

	// About 2^64 tries: only the context's deadline ends it.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err = concurrency.Search(ctx, 0, 64)
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	// Output:
	// 7326 <nil>
	// true
}

// endregion

func ExampleMixBatch() {
	in := []uint64{0, 1, 2}
	out := make([]uint64, len(in))
	concurrency.MixBatch(in, out) // one crossing for all three
	fmt.Printf("%#x %#x\n", out[0], concurrency.MixOne(0))
	// Output:
	// 0xe220a8397b1dcdaf 0xe220a8397b1dcdaf
}
