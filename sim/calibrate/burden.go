package calibrate

import (
	"fmt"
	"math"

	"alliancesim/agents"
	"alliancesim/sim/stats"
)

// Published size–burden rank correlations among NATO members.
const (
	// NATO1964 is Olson & Zeckhauser's (1966) rank correlation of GNP and defence burden
	// among NATO members in 1964: the large pay disproportionately (free-riding).
	NATO1964 = 0.49
	// NATO2024 is the same correlation in the 2024 data (NATO defence expenditure estimates):
	// the frontline states, mostly small, spend most.
	NATO2024 = -0.36
)

// SizeBurden returns Spearman's rank correlation of economy and defence burden over states
// (ties at mid-ranks; NaN when fewer than two states or either variable is constant).
func SizeBurden(e, b []float64) (float64, error) {
	if len(e) != len(b) {
		return 0, fmt.Errorf("size–burden correlation: %d economies but %d burdens", len(e), len(b))
	}
	return stats.Spearman(e, b, nil), nil
}

// FreerideBurdens returns the burdens of an alliance whose members all free-ride, at the
// Olson–Zeckhauser equilibrium of docs/ODD.md §7.3 (freeride.alpha of p), clamped to the model's
// burden range: the static counterpart of running the alliance with every member `freeride`.
// With the 2024 economies of NATO only the USA pays, the others sit at burden_min, and the
// rank correlation of economy and burden is positive, as in 1964.
func FreerideBurdens(p agents.Params, e []float64) []float64 {
	s := agents.FreerideEquilibrium(e, p.Freeride.Alpha)
	b := make([]float64, len(e))
	for i := range s {
		b[i] = math.Min(p.Model.BurdenMax, math.Max(p.Model.BurdenMin, s[i]/e[i]))
	}
	return b
}
