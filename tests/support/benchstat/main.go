// Command benchstat-summary prints what benchstat prints for each sample set it reads: the median and the
// 95 % confidence interval, computed by the same call benchstat makes for a unit with no distribution
// assumption (cmd/benchstat/internal/benchtab/builder.go: opts.Units.GetAssumption(unit).Summary(sample, 0.95),
// benchfmt.UnitMetadataMap.GetAssumption: AssumeNothing unless the unit says assume=exact).
//
// Input on stdin: a JSON array of {"id": string, "values": [number]}. Output: a JSON array of
// {"id", "center", "lo", "hi"}, with lo and hi null where benchstat prints ±∞ (too few samples).
package main

import (
	"encoding/json"
	"log"
	"math"
	"os"

	"golang.org/x/perf/benchmath"
)

type set struct {
	ID     string    `json:"id"`
	Values []float64 `json:"values"`
}

type summary struct {
	ID     string   `json:"id"`
	Center float64  `json:"center"`
	Lo     *float64 `json:"lo"`
	Hi     *float64 `json:"hi"`
}

// finite is nil for ±∞, which JSON cannot carry.
func finite(v float64) *float64 {
	if math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func main() {
	var sets []set
	if err := json.NewDecoder(os.Stdin).Decode(&sets); err != nil {
		log.Fatalf("benchstat-summary: reading stdin: %v", err)
	}
	out := make([]summary, 0, len(sets))
	for _, s := range sets {
		sum := benchmath.AssumeNothing.Summary(benchmath.NewSample(s.Values, &benchmath.DefaultThresholds), 0.95)
		out = append(out, summary{s.ID, sum.Center, finite(sum.Lo), finite(sum.Hi)})
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		log.Fatalf("benchstat-summary: writing stdout: %v", err)
	}
}
