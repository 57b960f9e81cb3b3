// Command supplychain prints what the supply-chain tools can and cannot see
// in this example, as JSON figures: what cargo-deny finds in the crates'
// lockfile (licences, bans, sources: the checks that work offline), and the
// Rust crates inside the Go binary that Go's build information, and so
// govulncheck, does not list.
package main

import (
	"fmt"
	"os"

	"example.com/handbook/boundary-security/internal/measure"
)

var emit = measure.Emit

func main() {
	for _, step := range []func() error{cargoDeny, inspectBinary} {
		if err := step(); err != nil {
			fmt.Fprintln(os.Stderr, "supplychain:", err)
			os.Exit(1)
		}
	}
}
