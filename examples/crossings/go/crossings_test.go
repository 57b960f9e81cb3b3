package crossings_test

import (
	"hash/adler32"
	"testing"

	"example.com/handbook/crossings"
	"example.com/handbook/crossings/internal/benchsizes"
)

func TestAdler32GoAgreesWithStdlib(t *testing.T) {
	for _, n := range []int{0, 1, 16, 5551, 5552, 5553, 1 << 20} {
		data := crossings.Pattern(n)
		if got, want := crossings.Adler32Go(data), adler32.Checksum(data); got != want {
			t.Errorf("Adler32Go(%d bytes) = %08x, hash/adler32 says %08x", n, got, want)
		}
	}
}

// BenchmarkGo is the reference every crossing's series is drawn against.
func BenchmarkGo(b *testing.B) {
	benchsizes.Run(b, func(d []byte) (uint32, error) { return crossings.Adler32Go(d), nil })
}

// A library of another version found first loads without complaint; the ABI check is what refuses it.
func TestCheckABIRefusesAnotherVersion(t *testing.T) {
	if err := crossings.CheckABI("libcrossings.so", crossings.ABIVersion); err != nil {
		t.Fatalf("the expected version: %v", err)
	}
	if err := crossings.CheckABI("libcrossings.so", crossings.ABIVersion+1); err == nil {
		t.Fatal("another version was accepted")
	}
}
