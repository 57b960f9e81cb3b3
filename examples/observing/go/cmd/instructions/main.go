// Command instructions runs one fixed workload (64 KiB hashed 200 times through cgo) several times,
// timing each run and counting its instructions under valgrind's cachegrind, in the whole process
// and in the Rust kernel: wall time moves with whatever else the machine does, the instruction count does not.
package main

import (
	"errors"
	"fmt"
	"log"
	"os"
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
// process (Go's runtime included) and in the Rust kernel (cachegrind.out: "fn=<name>" starts a
// function's lines, "<line> <Ir>" follow; cachegrind counts each function's own instructions).
func instructions(dir, bin string) (whole, kernel float64, err error) {
	out := filepath.Join(dir, "cachegrind.out")
	if _, err := tools.Run("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file="+out, bin, "-hash", hashes); err != nil {
		return 0, 0, err
	}
	text, err := os.ReadFile(out)
	if err != nil {
		return 0, 0, err
	}
	fn := ""
	for line := range strings.Lines(string(text)) {
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case strings.HasPrefix(f[0], "fn="):
			fn = strings.TrimPrefix(line, "fn=")
			fn = strings.TrimSpace(fn)
		case f[0] == "summary:" && len(f) == 2:
			whole, err = strconv.ParseFloat(f[1], 64)
		case kernelFns[fn] && len(f) == 2 && f[0][0] >= '0' && f[0][0] <= '9':
			n, perr := strconv.ParseFloat(f[1], 64)
			kernel, err = kernel+n, errors.Join(err, perr)
		}
	}
	if err == nil && (whole == 0 || kernel == 0) {
		err = fmt.Errorf("%s: no summary line or no lines of the kernel", out)
	}
	return whole, kernel, err
}

// endregion

func main() {
	runs := 7
	if figures.Check() {
		runs = 3
	}
	dir, err := os.MkdirTemp("", "observing-cachegrind-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	bin, err := tools.BuildWorkload(dir)
	if err != nil {
		log.Fatal(err)
	}
	var wall, whole, kernel []float64
	for range runs {
		start := time.Now()
		if _, err := tools.Run(bin, "-hash", hashes); err != nil {
			log.Fatal(err)
		}
		wall = append(wall, float64(time.Since(start).Nanoseconds()))
		w, k, err := instructions(dir, bin)
		if err != nil {
			fmt.Fprintf(os.Stderr, "valgrind cannot run here, so this step counted nothing: %v\n", err)
			figures.Emit("cachegrind-ran", false, "")
			return
		}
		whole, kernel = append(whole, w), append(kernel, k)
	}
	figures.Emit("cachegrind-ran", true, "")
	figures.EmitSamples("wall", figures.Median(slices.Clone(wall)), "ns", wall)
	figures.Emit("wall-range-pct", rangePct(wall), "%")
	figures.EmitSamples("instructions-process", figures.Median(slices.Clone(whole)), "instructions", whole)
	figures.Emit("instructions-process-range-pct", rangePct(whole), "%")
	figures.EmitSamples("instructions-kernel", figures.Median(slices.Clone(kernel)), "instructions", kernel)
	figures.Emit("instructions-kernel-range-pct", rangePct(kernel), "%")
}

// rangePct is (max − min) / median of values, in percent: how far apart the runs are.
func rangePct(values []float64) float64 {
	return 100 * (slices.Max(values) - slices.Min(values)) / figures.Median(slices.Clone(values))
}
