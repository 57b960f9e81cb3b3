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
	err := concurrency.MixBatch(in, out) // one crossing for all three
	one, errOne := concurrency.MixOne(0)
	fmt.Printf("%#x %#x %v %v\n", out[0], one, err, errOne)

	fmt.Println(concurrency.MixBatch(in, in))         // the same slice: mixed in place
	fmt.Println(concurrency.MixBatch(in[:2], in[1:])) // overlapping: refused
	// Output:
	// 0xe220a8397b1dcdaf 0xe220a8397b1dcdaf <nil> <nil>
	// <nil>
	// concurrency: MixBatch: input and output overlap
}
