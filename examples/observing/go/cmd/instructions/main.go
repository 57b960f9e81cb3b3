// Command instructions runs one fixed workload (64 KiB hashed 200 times through cgo) several times,
// timing each run and counting its instructions under valgrind's cachegrind, in the whole process
// and in the Rust kernel: wall time moves with whatever else the machine does, the kernel's instruction count does not
// (the whole process's varies a little with the Go runtime's own work).
package main

import (
	"errors"
	"fmt"
	"log"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"example.com/handbook/observing/internal/figures"
	"example.com/handbook/observing/internal/tools"
)

const hashes = "200"

// region: cachegrind
// kernelFns are the Rust kernel's functions as cachegrind names them: the export and the hash it calls.
var kernelFns = map[string]bool{"obs_hash": true, "observing::fnv1a": true}

// instructions runs the workload under cachegrind and returns the instructions executed in the whole
// process (Go's runtime included) and in the Rust kernel.
func instructions(dir, bin string) (whole, kernel float64, err error) {
	out := filepath.Join(dir, "cachegrind.out")
	if _, err := tools.Run("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file="+out, bin, "-hash", hashes); err != nil {
		return 0, 0, err
	}
	text, err := os.ReadFile(out)
	if err != nil {
		return 0, 0, err
	}
	return parseCachegrind(out, string(text))
}

// parseCachegrind reads a cachegrind.out file run with --cache-sim=no: "fn=<name>" starts a function's
// lines, "<line> <Ir>" follow (each function's own instructions), "summary: <Ir>" totals the process.
func parseCachegrind(name, text string) (whole, kernel float64, err error) {
	fn, n := "", 0
	for line := range strings.Lines(text) {
		n++
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case strings.HasPrefix(f[0], "fn="):
			fn = strings.TrimSpace(strings.TrimPrefix(line, "fn="))
		case f[0] == "summary:" || kernelFns[fn] && f[0][0] >= '0' && f[0][0] <= '9':
			v, perr := 0.0, error(nil)
			if len(f) == 2 {
				v, perr = strconv.ParseFloat(f[1], 64)
			}
			if len(f) != 2 || perr != nil {
				return 0, 0, fmt.Errorf("%s:%d: expected one instruction count, read %q", name, n, strings.TrimSpace(line))
			}
			if f[0] == "summary:" {
				whole = v
			} else {
				kernel += v
			}
		}
	}
	if whole == 0 || kernel == 0 {
		return 0, 0, fmt.Errorf("%s: no summary line, or no lines of %v", name, slices.Sorted(maps.Keys(kernelFns)))
	}
	return whole, kernel, nil
}

// endregion

func main() {
	dir, err := os.MkdirTemp("", "observing-cachegrind-")
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
	runs := 7
	if figures.Check() {
		runs = 3
	}
	bin, err := tools.BuildWorkload(dir)
	if err != nil {
		return err
	}
	var wall, whole, kernel []float64
	for range runs {
		start := time.Now()
		if _, err := tools.Run(bin, "-hash", hashes); err != nil {
			return err
		}
		wall = append(wall, float64(time.Since(start).Nanoseconds()))
		w, k, err := instructions(dir, bin)
		var exit *exec.ExitError
		if errors.Is(err, exec.ErrNotFound) || errors.As(err, &exit) {
			fmt.Fprintf(os.Stderr, "valgrind cannot run here, so this step counted nothing: %v\n", err)
			figures.Emit("cachegrind-ran", false, "")
			return nil
		}
		if err != nil {
			return err
		}
		whole, kernel = append(whole, w), append(kernel, k)
	}
	figures.Emit("cachegrind-ran", true, "")
	figures.EmitSamples("wall", figures.Median(slices.Clone(wall)), "ns", wall)
	figures.Emit("wall-spread", spread(wall), "×")
	figures.EmitSamples("instructions-process", figures.Median(slices.Clone(whole)), "instructions", whole)
	figures.Emit("instructions-process-spread", spread(whole), "×")
	figures.EmitSamples("instructions-kernel", figures.Median(slices.Clone(kernel)), "instructions", kernel)
	figures.Emit("instructions-kernel-spread", spread(kernel), "×")
	if spread(kernel) != 1 {
		return fmt.Errorf("the Rust kernel executed %v instructions in identical runs: it should be deterministic", kernel)
	}
	return nil
}

// spread is the slowest run over the fastest: 1 when every run counted the same.
func spread(values []float64) float64 {
	return slices.Max(values) / slices.Min(values)
}
