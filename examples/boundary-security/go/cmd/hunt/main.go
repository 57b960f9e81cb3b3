// Command hunt shows that each fuzzer, and Miri, finds a bug of the kind it is
// there for. For every planted bug (plants.go) it puts the bug into a copy of
// the example and runs that bug's checker on the copy until it reports the
// bug, and exits 1 if the budget runs out first. It prints what stays the same from
// run to run (each budget, that the bug was found, the tools), or with -times
// how long and how many inputs each find took, which varies. With -campaign it
// instead runs each fuzzer on the unchanged code, which must find nothing.
//
// Figures are JSON lines on stdout, {"figure":…,"value":…,"unit":…}.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"example.com/handbook/boundary-security/internal/measure"
)

// campaignSeconds is how long each fuzzer runs on the unchanged code.
const campaignSeconds = 60

var emit = measure.Emit

func main() {
	times := flag.Bool("times", false, "print how long each find took and how many inputs it tried")
	campaign := flag.Bool("campaign", false, "run each fuzzer on the unchanged code instead")
	flag.Parse()
	w, err := findWorkspace()
	if err == nil {
		if *campaign {
			err = campaigns(w)
		} else {
			err = hunts(w, *times)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hunt:", err)
		os.Exit(1)
	}
}

func hunts(w workspace, times bool) error {
	if !times {
		emit("nightly", w.nightly, "")
		emit("cargo-fuzz", cargoFuzzVersion, "")
	}
	var failed []error // every hunt runs, so one run reports each fuzzer that missed its bug
	for _, p := range plants {
		fmt.Fprintf(os.Stderr, "hunt: %s (%s, budget %d s)\n", p.id, p.by.name, p.budget)
		copyDir, err := w.copyWith(p.id, &p)
		var found result
		if err == nil {
			found, err = p.by.hunt(w, copyDir, p)
		}
		if err != nil {
			failed = append(failed, fmt.Errorf("%s (planted in %s): %w", p.id, filepath.Join(w.example, p.file), err))
			continue
		}
		if !times {
			emit(p.id+"/budget", p.budget, "s")
			emit(p.id+"/found", true, "")
			continue
		}
		emit(p.id+"/found-after", found.seconds, "s")
		if found.execs > 0 { // go test -fuzz prints no count when it fails before its first status line
			emit(p.id+"/execs", found.execs, "inputs")
		}
	}
	return errors.Join(failed...)
}

func campaigns(w workspace) error {
	for _, f := range []hunter{goFuzz, cargoFuzz} {
		fmt.Fprintf(os.Stderr, "hunt: %s campaign on the unchanged code (%d s)\n", f.name, campaignSeconds)
		copyDir, err := w.copyWith(f.name+"-campaign", nil)
		if err != nil {
			return err
		}
		c, err := f.campaign(w, copyDir, campaignSeconds)
		if err != nil {
			return fmt.Errorf("%s campaign: %w", f.name, err)
		}
		emit(f.name+"-campaign/seconds", c.seconds, "s")
		emit(f.name+"-campaign/execs", c.execs, "inputs")
		emit(f.name+"-campaign/failures", 0, "")
	}
	return nil
}
