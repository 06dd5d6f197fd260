package sim_test

import (
	"context"
	"math"
	"testing"

	"alliancesim/sim"
)

// The focus state's deterrence failure is undefined, not 0, for a state that never held a
// guarantee, and is the failure among the runs in which it did otherwise.
func TestFocusFailureUndefinedWithoutGuarantee(t *testing.T) {
	ms, err := sim.LookupMetrics("focus_failure")
	if err != nil {
		t.Fatal(err)
	}
	for _, test := range []struct {
		scenario string
		defined  bool
	}{{"ukraine-porcupine", false}, {"ukraine-agreements", true}} {
		spec := scenarioSpec(t, test.scenario)
		spec.Runs = 256
		res, err := sim.Ensemble(context.Background(), spec, sim.Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		sum := sim.Summarize(spec, res.Acc)
		v, ok := ms[0].Value(sum)
		if !ok {
			t.Fatalf("%s: no focus state", test.scenario)
		}
		if test.defined == math.IsNaN(v.P) {
			t.Errorf("%s: focus_failure %v; want defined: %v", test.scenario, v, test.defined)
		}
		if test.defined && v.P != stateSummary(t, sum, "Ukraine").DeterrenceFailure.P {
			t.Errorf("%s: focus_failure %v, Ukraine's deterrence failure %v", test.scenario, v, stateSummary(t, sum, "Ukraine").DeterrenceFailure)
		}
	}
}
