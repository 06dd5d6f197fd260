package sim_test

import (
	"context"
	"math"
	"testing"

	"alliancesim/sim"
)

// A share's estimate is a count over its denominator: p × n is a whole number for every
// probability per run and rate per decision, and a mean per run is over all runs.
func TestMetricDenominators(t *testing.T) {
	buckPassed := int64(0)
	for _, tc := range []struct {
		scenario  string
		threshold float64 // buckpass.threshold: 1 makes a buck-passer abstain whenever others fight
	}{{"europe-2025", 0.5}, {"europe-2025", 1}, {"baltic-no-tripwire", 1}, {"taiwan-coalition", 0.5}} {
		buckPassed += checkDenominators(t, tc.scenario, tc.threshold)
	}
	if buckPassed == 0 {
		t.Error("no decision was buck-passed: reliability's denominator is not told from abandonment's")
	}
}

func checkDenominators(t *testing.T, scenario string, threshold float64) (buckPassed int64) {
	spec := scenarioSpec(t, scenario)
	spec.Params.Buckpass.Threshold = threshold
	spec.Runs, spec.Steps = 500, 15
	res, err := sim.Ensemble(context.Background(), spec, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum := sim.Summarize(spec, res.Acc)
	for _, m := range sim.Metrics() {
		iv, ok := m.Value(sum)
		n := m.Denominator(spec, res.Acc)
		if !ok || math.IsNaN(iv.P) {
			if n != 0 && !math.IsNaN(iv.P) {
				t.Errorf("%s %s: no value, denominator %d", scenario, m.Name, n)
			}
			continue
		}
		if n <= 0 || n > res.Acc.Runs && m.Kind != sim.Rate {
			t.Errorf("%s: denominator %d of %d runs", m.Name, n, res.Acc.Runs)
			continue
		}
		switch m.Kind {
		case sim.Probability, sim.Rate:
			k := iv.P * float64(n)
			if math.Abs(k-math.Round(k)) > 1e-6 {
				t.Errorf("%s: p %v × n %d = %v, not a count", m.Name, iv.P, n, k)
			}
		default:
			if n != res.Acc.Runs {
				t.Errorf("%s: a mean per run over %d of %d runs", m.Name, n, res.Acc.Runs)
			}
		}
	}
	return res.Acc.BuckPassed
}
