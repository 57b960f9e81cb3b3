// Package figures prints measured figures as JSON lines for scripts/verify to record:
// {"figure":"name","value":…,"unit":"…"}.
package figures

import (
	"encoding/json"
	"log"
	"os"
	"slices"
)

// Check reports whether verify runs the program in check mode (HANDBOOK_MODE=check): measure less,
// enough to see that the figures still hold.
func Check() bool { return os.Getenv("HANDBOOK_MODE") == "check" }

// Mode is check or record, as verify set it; record when unset (a reader running the program).
func Mode() string {
	if Check() {
		return "check"
	}
	return "record"
}

var out = json.NewEncoder(os.Stdout)

// Emit prints one figure: value is a number, a string or a boolean; unit may be empty.
func Emit(name string, value any, unit string) { emit(line{name, value, unit, nil}) }

// EmitSamples prints a number with the samples it summarises.
func EmitSamples(name string, value float64, unit string, samples []float64) {
	emit(line{name, value, unit, samples})
}

type line struct {
	Figure  string    `json:"figure"`
	Value   any       `json:"value"`
	Unit    string    `json:"unit,omitempty"`
	Samples []float64 `json:"samples,omitempty"`
}

func emit(l line) {
	if err := out.Encode(l); err != nil {
		log.Fatalf("figures: writing %s: %v", l.Figure, err)
	}
}

// Quantile is the q-quantile of sorted values by the nearest-rank method: the smallest value with at
// least q of the values at or below it.
func Quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		log.Fatal("figures: quantile of no values")
	}
	rank := int(q*float64(len(sorted))+0.999999999) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}

// Median of values (sorted in place).
func Median(values []float64) float64 {
	slices.Sort(values)
	n := len(values)
	if n%2 == 1 {
		return values[n/2]
	}
	return (values[n/2-1] + values[n/2]) / 2
}
