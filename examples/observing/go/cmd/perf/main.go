// Command perf profiles the workload with Linux perf while two goroutines spend their time in a long
// Rust call. perf names Rust's own function, which runtime/pprof cannot; the figures say how far each
// way of unwinding gets from there back towards the Go caller: frame pointers (-g), which Go keeps and
// Rust omits by default on x86-64 Linux, DWARF call frame information, and frame pointers again with
// the crate rebuilt to keep them. Where perf cannot run, the program says
// so on standard error and prints perf-ran false.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"example.com/handbook/observing/internal/figures"
	"example.com/handbook/observing/internal/tools"
)

func main() {
	dir, err := os.MkdirTemp("", "observing-perf-")
	if err != nil {
		log.Fatal(err)
	}
	err = run(dir)
	os.RemoveAll(dir) // before exiting: log.Fatal skips deferred calls
	if err != nil {
		log.Fatal(err)
	}
}

// run builds the workload into dir and measures it.
func run(dir string) error {
	length := "1s"
	if figures.Check() {
		length = "300ms"
	}
	plain, err := tools.BuildWorkload(dir)
	if err != nil {
		return err
	}
	withFP, err := tools.BuildWorkloadWithRustFramePointers(dir)
	if err != nil {
		return err
	}
	for _, v := range []struct{ name, bin, unwind string }{
		{"fp", plain, "fp"},
		{"dwarf", plain, "dwarf"},
		{"fp-rust-frame-pointers", withFP, "fp"},
	} {
		children, self, err := record(dir, v.bin, length, v.unwind)
		var exit *exec.ExitError
		if errors.Is(err, exec.ErrNotFound) || errors.As(err, &exit) {
			fmt.Fprintf(os.Stderr, "perf cannot run here, so this step measured nothing: %v\n", err)
			figures.Emit("perf-ran", false, "")
			return nil
		}
		if err != nil {
			return err
		}
		if v.name == "fp" {
			figures.Emit("perf-ran", true, "")
			figures.Emit("perf-self-in-obs_busy", self["obs_busy"], "%")
		}
		// A chain "reaches" a frame when most samples in obs_busy have that frame above them.
		half := self["obs_busy"] / 2
		figures.Emit("perf-"+v.name+"-reaches-cgo-wrapper", match(children, "_Cfunc_obs_busy") > half, "")
		figures.Emit("perf-"+v.name+"-reaches-asmcgocall", children["runtime.asmcgocall.abi0"] > half, "")
		figures.Emit("perf-"+v.name+"-reaches-go-caller", children["main.main.func1"] > half, "")
	}
	return nil
}

// region: perf-record
// record samples the workload on the cpu-clock software event (it works in VMs without hardware
// counters) with call chains unwound the given way, and reads the report. --no-buildid-cache: perf
// keeps binaries in ~/.debug by GNU build ID, and Go derives that ID from its own build ID, which
// does not cover the Rust library: after a change to Rust alone, a cached copy would name the old
// binary's functions.
func record(dir, bin, length, unwind string) (children, self map[string]float64, err error) {
	data := filepath.Join(dir, filepath.Base(bin)+"-"+unwind+".data")
	if _, err := tools.Run("perf", "record", "--no-buildid-cache", "-e", "cpu-clock", "--call-graph", unwind, "-o", data, "--", bin, "-busy", length); err != nil {
		return nil, nil, err
	}
	report, err := tools.Run("perf", "report", "-i", data, "--stdio", "--children", "--sort", "symbol", "-q", "-g", "none")
	if err != nil {
		return nil, nil, err
	}
	return shares(report)
}

// endregion

// match is the largest share of a symbol containing part (cgo names its wrappers _cgo_<hash>_Cfunc_<name>).
func match(shares map[string]float64, part string) float64 {
	best := 0.0
	for name, v := range shares {
		if strings.Contains(name, part) {
			best = max(best, v)
		}
	}
	return best
}

// shares reads `perf report --children -q` lines, "  97.10%  0.00%  [.] obs_busy", into the
// share of samples with the symbol anywhere on the stack (children) and at the top (self).
func shares(report []byte) (children, self map[string]float64, err error) {
	children, self = map[string]float64{}, map[string]float64{}
	s := bufio.NewScanner(bytes.NewReader(report))
	for s.Scan() {
		f := strings.Fields(s.Text())
		if len(f) < 4 || f[2] != "[.]" && f[2] != "[k]" {
			continue
		}
		c, err1 := strconv.ParseFloat(strings.TrimSuffix(f[0], "%"), 64)
		sf, err2 := strconv.ParseFloat(strings.TrimSuffix(f[1], "%"), 64)
		if err1 != nil || err2 != nil {
			return nil, nil, fmt.Errorf("perf report: cannot read line %q", s.Text())
		}
		// Columns after the symbol, if any, are "-" placeholders.
		name := strings.TrimRight(strings.Join(f[3:], " "), " -")
		children[name], self[name] = c, sf
	}
	return children, self, s.Err()
}
