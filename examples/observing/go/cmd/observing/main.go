// Command observing hashes a few inputs in Rust through cgo, then has Rust hold 64 MiB and prints
// how much each side's own figure moved: Rust's counting allocator sees it, Go's runtime does not.
package main

import (
	"fmt"
	"log"

	"example.com/handbook/observing"
)

const mib = 1 << 20

func main() {
	for _, in := range []string{"", "a", "Go calls Rust"} {
		fmt.Printf("fnv1a(%q) = %016x\n", in, observing.Hash([]byte(in)))
	}
	before, err := observing.ReadMemory()
	if err != nil {
		log.Fatal(err)
	}
	buf, ok := observing.NewBuffer(64 * mib)
	if !ok {
		log.Fatal("Rust could not allocate 64 MiB")
	}
	defer buf.Free()
	after, err := observing.ReadMemory()
	if err != nil {
		log.Fatal(err)
	}
	// Whole MiB: the few bytes either side allocates meanwhile do not change the lesson.
	fmt.Printf("Rust holds 64 MiB: Rust's counter grew by %d MiB, Go's mapped memory by %d MiB\n",
		int64(after.RustLive-before.RustLive)/mib, (int64(after.GoMapped)-int64(before.GoMapped))/mib)
}
