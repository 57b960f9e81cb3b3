// Command contracts hex-encodes one input through each memory contract: Go
// memory lent for a call, a caller's buffer, a Rust allocation, copies both
// ways, pinned parts, and a pinned buffer Rust keeps across calls. Every path
// must print the same encoding.
package main

import (
	"fmt"
	"log"

	"example.com/handbook/memory-contracts"
)

// region: main
func main() {
	src := []byte("Go ⇄ Rust")
	fmt.Printf("input: %q (%d bytes)\n\n", src, len(src))

	fmt.Printf("%-34s %s\n", "borrowed for one call (Encode):", must(contracts.Encode(src)))

	buf := make([]byte, 64)
	n, _ := contracts.EncodeInto(buf, src)
	fmt.Printf("%-34s %s\n", "caller's buffer (EncodeInto):", buf[:n])
	_, err := contracts.EncodeInto(buf[:4], src)
	fmt.Printf("%-34s %v\n", "caller's buffer, too small:", err)
	copy(buf, src)
	_, err = contracts.EncodeInto(buf, buf[:len(src)])
	fmt.Printf("%-34s %v\n", "output overlapping the input:", err)

	fmt.Printf("%-34s %s\n", "Rust allocates (EncodeRustAlloc):", must(contracts.EncodeRustAlloc(src)))
	fmt.Printf("%-34s %s\n", "copied both ways (EncodeCopy):", must(contracts.EncodeCopy(src)))
	fmt.Printf("%-34s %s\n", "pinned parts (EncodeVectored):", must(contracts.EncodeVectored(src[:2], src[2:])))

	s, err := contracts.NewSink(2 * len(src))
	if err != nil {
		log.Fatal(err)
	}
	for _, part := range [][]byte{src[:2], src[2:6], src[6:]} {
		s.Write(part)
	}
	_, err = s.Write([]byte("!"))
	fmt.Printf("%-34s %s\n", "kept across calls (Sink):", s.Bytes())
	fmt.Printf("%-34s %v\n", "one more byte:", err)
	if err := s.Close(); err != nil {
		log.Fatal(err)
	}
}

// must stops the command on an error: here only a caught Rust panic.
func must(b []byte, err error) []byte {
	if err != nil {
		log.Fatal(err)
	}
	return b
}

// endregion
