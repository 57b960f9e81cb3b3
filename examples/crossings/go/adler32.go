// Package crossings holds what every way across shares: the pure Go Adler-32 that each crossing is
// measured against, and the input they all checksum. Each crossing is its own package, because a
// staticlib and a cdylib of one crate export the same symbols and cannot share a binary.
package crossings

const (
	mod  = 65521
	nmax = 5552 // zlib's NMAX: the longest chunk whose weighted byte sum fits in uint32
)

// Adler32Go is the reference: the same chunked formulation as the Rust kernel, in pure Go.
func Adler32Go(data []byte) uint32 {
	s1, s2 := uint64(1), uint64(0)
	for len(data) > 0 {
		chunk := data[:min(len(data), nmax)]
		data = data[len(chunk):]
		n := uint32(len(chunk))
		var sum, weighted uint32
		for j, x := range chunk {
			sum += uint32(x)
			weighted += (n - uint32(j)) * uint32(x)
		}
		s2 = (s2 + uint64(n)*s1 + uint64(weighted)) % mod
		s1 = (s1 + uint64(sum)) % mod
	}
	return uint32(s2<<16 | s1)
}

// Pattern is the input every test and benchmark checksums: n bytes that are not all alike.
func Pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + 255)
	}
	return b
}
