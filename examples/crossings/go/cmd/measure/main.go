// Command measure prints, as JSON lines verify records (`{"figure":…,"value":…,"unit":…}`), what only
// whole programs show about each crossing: start-up to the first answer, binary size and what must
// ship beside it, whether it cross-compiles with CGO_ENABLED=0 for darwin/arm64, and whether the Go
// process survives a Rust panic and a Rust abort. It builds the cmd/via-* programs into a
// temporary folder and runs them. HANDBOOK_MODE=check runs fewer start-ups than record.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// variant is one crossing: its via program and the artifact it needs at run time, if any.
type variant struct {
	name  string
	ships string // the variable holding the path of what ships beside the binary
}

var variants = []variant{
	{"go", ""},
	{"cgo-static", ""},
	{"cgo-dynamic", "RUST_CDYLIB"},
	{"purego", "RUST_CDYLIB"},
	{"wazero", "RUST_WASM_MODULE"},
	{"process", "RUST_BIN"},
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(1)
	}
}

// figure prints one line verify records: value is a number (with its unit) or a boolean (unit "").
func figure(name string, value any, unit string, samples ...float64) {
	line, err := json.Marshal(struct {
		Figure  string    `json:"figure"`
		Value   any       `json:"value"`
		Unit    string    `json:"unit,omitempty"`
		Samples []float64 `json:"samples,omitempty"`
	}{name, value, unit, samples})
	if err != nil {
		panic(err) // only numbers, booleans and strings are passed
	}
	fmt.Println(string(line))
}

func run() error {
	starts := 25
	if os.Getenv("HANDBOOK_MODE") == "check" {
		starts = 5
	}
	dir, err := os.MkdirTemp("", "crossings-measure-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for _, v := range variants {
		bin := filepath.Join(dir, "via-"+v.name)
		if out, err := goBuild(bin, "./cmd/via-"+v.name); err != nil {
			return fmt.Errorf("building via-%s: %v\n%s", v.name, err, out)
		}
		if err := measure(v, bin, starts); err != nil {
			return fmt.Errorf("via-%s: %w", v.name, err)
		}
	}
	return shipWithoutLibrary(dir)
}

func goBuild(out, pkg string, extra ...string) ([]byte, error) {
	return exec.Command("go", append(append([]string{"build"}, extra...), "-o", out, pkg)...).CombinedOutput()
}

// region: measure
func measure(v variant, bin string, starts int) error {
	info, err := os.Stat(bin)
	if err != nil {
		return err
	}
	figure("binary-size/"+v.name, info.Size(), "bytes")
	shipped := int64(0)
	if v.ships != "" {
		if info, err = os.Stat(os.Getenv(v.ships)); err != nil {
			return fmt.Errorf("%s: %w", v.ships, err)
		}
		shipped = info.Size()
	}
	figure("ships-beside/"+v.name, shipped, "bytes")

	// Start-up to the first answer: a whole process, so the dynamic loader's work counts too.
	times := make([]float64, starts)
	for i := range times {
		begin := time.Now()
		out, err := exec.Command(bin, "sum", "16").CombinedOutput()
		times[i] = float64(time.Since(begin).Nanoseconds())
		if err != nil {
			return fmt.Errorf("sum 16: %v\n%s", err, out)
		}
	}
	sorted := slices.Sorted(slices.Values(times))
	figure("startup/"+v.name, sorted[len(sorted)/2], "ns", times...)

	cross := exec.Command("go", "build", "-o", os.DevNull, "./cmd/via-"+v.name)
	cross.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=darwin", "GOARCH=arm64")
	figure("builds-darwin-arm64-without-cgo/"+v.name, cross.Run() == nil, "")

	if v.name == "go" {
		return nil
	}
	for _, how := range []string{"panic", "abort"} {
		out, err := exec.Command(bin, "fail", how).Output()
		survived := err == nil && strings.HasPrefix(string(out), "survived: ")
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			return fmt.Errorf("fail %s: %w", how, err)
		}
		figure("go-survives-"+how+"/"+v.name, survived, "")
	}
	return nil
}

// endregion

// region: ship
// shipWithoutLibrary builds the cgo-dynamic program as it ships (`-tags ship`: its run path names
// its own folder only), and runs it without the library, with a copy beside it, and with an older
// build of it beside it (testdata/stale.c).
func shipWithoutLibrary(dir string) error {
	shipDir := filepath.Join(dir, "ship")
	bin := filepath.Join(shipDir, "via-cgo-dynamic")
	if out, err := goBuild(bin, "./cmd/via-cgo-dynamic", "-tags", "ship"); err != nil {
		return fmt.Errorf("building via-cgo-dynamic -tags ship: %v\n%s", err, out)
	}
	alone := shipped(bin).Run()
	figure("starts-without-library/cgo-dynamic", alone == nil, "")
	so, err := os.ReadFile(os.Getenv("RUST_CDYLIB"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(shipDir, "libcrossings.so"), so, 0o755); err != nil {
		return err
	}
	beside := shipped(bin).Run()
	figure("starts-with-library-beside/cgo-dynamic", beside == nil, "")

	// Another version beside it: the loader takes it, and Init refuses it.
	cc := os.Getenv("CC")
	if cc == "" {
		cc = "cc"
	}
	lib := filepath.Join(shipDir, "libcrossings.so")
	if out, err := exec.Command(cc, "-shared", "-fPIC", "-o", lib, "cmd/measure/testdata/stale.c").CombinedOutput(); err != nil {
		return fmt.Errorf("building the stale library: %v\n%s", err, out)
	}
	var stderr strings.Builder
	stale := shipped(bin)
	stale.Stderr = &stderr
	figure("starts-with-another-version-beside/cgo-dynamic", stale.Run() == nil, "")
	figure("another-version-error/cgo-dynamic", strings.TrimSpace(stderr.String()), "")
	return nil
}

// endregion

// shipped runs the shipped binary without LD_LIBRARY_PATH, which the loader searches before the run
// path: a developer's setting must not find a library that a user's machine would lack.
func shipped(bin string) *exec.Cmd {
	cmd := exec.Command(bin, "sum", "16")
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "LD_LIBRARY_PATH=") })
	return cmd
}
