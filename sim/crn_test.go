package sim_test

import (
	"context"
	"testing"

	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// Common random numbers: the difference between two grid points measured with the same run
// seeds has a narrower interval than the same difference measured with independent seeds. The
// README quotes the ratio this test logs (go test -run CRN -v ./sim).
func TestCRNNarrowsDifference(t *testing.T) {
	spec := defaultSpec(t)
	spec.Runs = 4096
	metrics, err := sim.LookupMetrics("focus_covered_attacked")
	if err != nil {
		t.Fatal(err)
	}
	measure := func(aid float64, seed uint64) *sim.SweepPoint {
		s := *spec
		s.Params.Kind.Agreement.Aid = aid
		s.Seed = seed
		pt := &sim.SweepPoint{}
		if err := sim.Measure(context.Background(), &s, pt, metrics, sim.Options{Workers: 2}); err != nil {
			t.Fatal(err)
		}
		return pt
	}
	a, b, c := measure(0.04, 1), measure(0.06, 1), measure(0.06, 2)
	paired, _, ok := sim.PairedDiff(a, b, 0, spec.Runs)
	if !ok {
		t.Fatal("no paired difference")
	}
	n := int64(spec.Runs)
	k := func(p *sim.SweepPoint) int64 { return int64(p.Metrics[0].P*float64(n) + 0.5) }
	indep := stats.IndependentDifference(k(c), n, k(a), n, stats.Z95)
	ratio := indep.Width() / paired.Width()
	t.Logf("kind.agreement.aid 0.04 -> 0.06, %d runs: paired (CRN) %.4f [%.4f, %.4f] width %.4f; independent seeds %.4f [%.4f, %.4f] width %.4f; ratio %.2f",
		spec.Runs, paired.P, paired.Lo, paired.Hi, paired.Width(), indep.P, indep.Lo, indep.Hi, indep.Width(), ratio)
	if ratio < 1.5 {
		t.Errorf("CRN narrows the interval of a difference only %.2f-fold", ratio)
	}
}
