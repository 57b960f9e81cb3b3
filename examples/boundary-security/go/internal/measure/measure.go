// Package measure is what the example's measure programs (cmd/hunt,
// cmd/supplychain) share: printing figures the way verify reads them, and
// finding the tools verify installs once per machine.
package measure

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Emit prints one figure as verify reads it: a JSON line on stdout.
func Emit(name string, value any, unit string) {
	line, err := json.Marshal(struct {
		Figure string `json:"figure"`
		Value  any    `json:"value"`
		Unit   string `json:"unit,omitempty"`
	}{name, value, unit})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(line))
}

// Tool is the path of a cargo-installed tool in the machine's tools folder,
// where verify installs it (docs/decisions.md, 161).
func Tool(crate, version string) (string, error) {
	dir := os.Getenv("HANDBOOK_TOOLS")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(cache, "go-rust-handbook", "tools")
	}
	bin := filepath.Join(dir, crate+"-"+version, "bin", crate)
	if _, err := os.Stat(bin); err != nil {
		return "", fmt.Errorf("no %s %s at %s: verify installs it (npm run verify -- --example boundary-security)", crate, version, bin)
	}
	return bin, nil
}
