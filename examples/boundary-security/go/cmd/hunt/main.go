// Command hunt shows that each fuzzer finds a bug of the kind it is there
// for. For every planted bug (plants.go) it puts the bug into a copy of the
// example and runs that bug's fuzzer on the copy until the fuzzer reports it,
// failing if the budget runs out first. With HANDBOOK_MODE=record it also runs
// a campaign of each fuzzer on the unchanged code, which must find nothing.
//
// It prints one JSON line per figure, {"figure":…,"value":…,"unit":…}, and
// exits 1 naming the plant or campaign that failed.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// campaignSeconds is how long each fuzzer runs on the unchanged code when recording.
const campaignSeconds = 60

type figure struct {
	Figure string  `json:"figure"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
}

func emit(name string, value float64, unit string) {
	line, err := json.Marshal(figure{name, value, unit})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(line))
}

func main() {
	if err := huntAll(); err != nil {
		fmt.Fprintln(os.Stderr, "hunt:", err)
		os.Exit(1)
	}
}

func huntAll() error {
	mode := os.Getenv("HANDBOOK_MODE")
	if mode != "check" && mode != "record" {
		return fmt.Errorf("HANDBOOK_MODE is %q: want check or record", mode)
	}
	w, err := findWorkspace()
	if err != nil {
		return err
	}
	for _, p := range plants {
		fmt.Fprintf(os.Stderr, "hunt: %s (%s, budget %d s)\n", p.id, p.fuzzer.name, p.budget)
		copyDir, err := w.copyWith(p.id, &p)
		if err != nil {
			return fmt.Errorf("%s: %w", p.id, err)
		}
		found, err := p.fuzzer.hunt(w, copyDir, p)
		if err != nil {
			return fmt.Errorf("%s (planted in %s): %w", p.id, filepath.Join(w.example, p.file), err)
		}
		emit(p.id+"/budget", float64(p.budget), "s")
		emit(p.id+"/found-after", found.seconds, "s")
		if found.execs > 0 { // go test -fuzz prints no count when it fails before its first status line
			emit(p.id+"/execs", float64(found.execs), "execs")
		}
	}
	if mode != "record" {
		return nil
	}
	for _, f := range []fuzzer{goFuzz, cargoFuzz} {
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
		emit(f.name+"-campaign/execs", float64(c.execs), "execs")
		emit(f.name+"-campaign/failures", 0, "failures")
	}
	return nil
}
