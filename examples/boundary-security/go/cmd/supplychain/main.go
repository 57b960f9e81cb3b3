// Command supplychain prints what the supply-chain tools can and cannot see
// in this example, as JSON figures: the crates cargo-deny checks (licences,
// bans, duplicate versions, offline), and the Rust crates inside the Go binary
// that Go's build information, and so govulncheck, does not list.
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type figure struct {
	Figure string `json:"figure"`
	Value  any    `json:"value"`
	Unit   string `json:"unit,omitempty"`
}

func emit(name string, value any, unit string) {
	line, err := json.Marshal(figure{name, value, unit})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(line))
}

func main() {
	for _, step := range []func() error{inspectBinary} {
		if err := step(); err != nil {
			fmt.Fprintln(os.Stderr, "supplychain:", err)
			os.Exit(1)
		}
	}
}
