// Package checksum computes Adler-32 (RFC 1950) in pure Go and in Rust through cgo.
package checksum

const (
	mod  = 65521
	nmax = 5552 // zlib's NMAX: the longest chunk whose weighted byte sum fits in uint32
)

// region: go-kernel
// Adler32Go is the pure Go implementation, the same chunked formulation as the
// Rust kernel, so the benchmark compares compilers and the crossing, not
// algorithms. Per chunk, s1 grows by the sum of the bytes and s2 by each byte
// weighted by how many bytes (itself included) remain in the chunk, plus len·s1.
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

// endregion
