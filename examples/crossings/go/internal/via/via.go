// Package via is the body of the cmd/via-* programs: one program per crossing, which cmd/measure
// builds and runs to measure what only a whole process shows (start-up, size, a crash).
package via

import (
	"fmt"
	"os"
	"strconv"

	"example.com/handbook/crossings"
)

// Crossing is what every way across offers.
type Crossing interface {
	Adler32([]byte) (uint32, error)
	Fail(how uint32) error
	Close() error
}

// Main runs `via-<name> sum N` (prints the checksum of N pattern bytes) or `via-<name> fail
// panic|abort` (asks Rust to fail and prints what Go saw, if Go is still running).
func Main(open func() (Crossing, error)) {
	if err := run(open, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(open func() (Crossing, error), args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: %s sum N | fail panic|abort", os.Args[0])
	}
	c, err := open()
	if err != nil {
		return err
	}
	switch args[0] {
	case "sum":
		n, err := strconv.Atoi(args[1])
		if err != nil {
			return err
		}
		sum, err := c.Adler32(crossings.Pattern(n))
		if err != nil {
			return err
		}
		fmt.Printf("%08x\n", sum)
	case "fail":
		how := map[string]uint32{"panic": crossings.FailPanic, "abort": crossings.FailAbort}[args[1]]
		if how == 0 {
			return fmt.Errorf("fail %q: want panic or abort", args[1])
		}
		// Reaching the print means the Go process survived whatever Rust did.
		fmt.Printf("survived: %v\n", c.Fail(how))
	default:
		return fmt.Errorf("unknown command %q", args[0])
	}
	return c.Close()
}

// Env returns the variable verify sets to an artifact's path, or fails naming it.
func Env(name string) (string, error) {
	if v := os.Getenv(name); v != "" {
		return v, nil
	}
	return "", fmt.Errorf("%s is not set: build the crate and export the artifact's path", name)
}
