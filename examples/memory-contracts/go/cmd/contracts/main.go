// Command contracts hex-encodes one input through each memory contract: Go
// memory lent for a call, a caller's buffer, a Rust allocation, copies both
// ways, pinned parts, and a pinned buffer Rust keeps across calls. Every path
// must print the same encoding.
package main

import (
	"fmt"

	"example.com/handbook/memory-contracts"
)

// region: main
func main() {
	src := []byte("Go ⇄ Rust")
	fmt.Printf("input: %q (%d bytes)\n\n", src, len(src))

	fmt.Printf("%-34s %s\n", "borrowed for one call (Encode):", contracts.Encode(src))

	buf := make([]byte, 64)
	n, _ := contracts.EncodeInto(buf, src)
	fmt.Printf("%-34s %s\n", "caller's buffer (EncodeInto):", buf[:n])
	_, err := contracts.EncodeInto(buf[:4], src)
	fmt.Printf("%-34s %v\n", "caller's buffer, too small:", err)

	fmt.Printf("%-34s %s\n", "Rust allocates (EncodeRustAlloc):", contracts.EncodeRustAlloc(src))
	fmt.Printf("%-34s %s\n", "copied both ways (EncodeCopy):", contracts.EncodeCopy(src))
	fmt.Printf("%-34s %s\n", "pinned parts (EncodeVectored):", contracts.EncodeVectored(src[:2], src[2:]))

	s := contracts.NewSink(2 * len(src))
	for _, part := range [][]byte{src[:2], src[2:6], src[6:]} {
		s.Write(part)
	}
	_, err = s.Write([]byte("!"))
	fmt.Printf("%-34s %s\n", "kept across calls (Sink):", s.Bytes())
	fmt.Printf("%-34s %v\n", "one more byte:", err)
	s.Close()
}

// endregion
