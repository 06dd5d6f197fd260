package sim

import (
	"testing"

	"alliancesim/agents"
)

// Under common random numbers a sweep over the guarantor's reputation, whose effect on
// deterrence is monotone, gives a monotone curve, and the paired interval of a difference is
// narrower than the one independent seeds would give.
func TestSweepMonotoneUnderCRN(t *testing.T) {
	s := withGuarantee(duel(2048, 10), agents.Treaty)
	s.Params.Model.SigmaG = 0.02
	axis := Axis{Path: "rep.init", Values: []float64{0.1, 0.3, 0.5, 0.7, 0.9},
		Labels: []string{"0.1", "0.3", "0.5", "0.7", "0.9"},
		Set:    func(sp *Spec, v float64) { sp.Params.Rep.Init = v }}
	metrics, err := LookupMetrics("deterrence_failure,focus_attacked")
	if err != nil {
		t.Fatal(err)
	}
	pts, err := Sweep(t.Context(), s, []Axis{axis}, SweepOptions{Workers: 2, Metrics: metrics})
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 5 {
		t.Fatalf("%d points, want 5", len(pts))
	}
	for i := 1; i < len(pts); i++ {
		if !(pts[i].Metrics[0].P < pts[i-1].Metrics[0].P) {
			t.Errorf("P(failure) at rep.init %s = %.4f, not below %.4f at %s",
				pts[i].Labels[0], pts[i].Metrics[0].P, pts[i-1].Metrics[0].P, pts[i-1].Labels[0])
		}
		paired, indep, ok := PairedDiff(pts[i-1], pts[i], 0, s.Runs)
		if !ok {
			t.Fatal("no paired difference for a binary metric")
		}
		if want := pts[i].Metrics[0].P - pts[i-1].Metrics[0].P; !paired.Contains(want) || paired.P-want > 1e-12 || want-paired.P > 1e-12 {
			t.Errorf("paired difference %v does not match the point estimates' difference %.4f", paired, want)
		}
		if paired.Width() >= indep.Width() {
			t.Errorf("paired interval %.4f not narrower than independent %.4f", paired.Width(), indep.Width())
		}
	}
	// The base spec is untouched by the sweep.
	if s.Params.Rep.Init != agents.DefaultParams().Rep.Init {
		t.Errorf("sweep changed the base spec: rep.init = %g", s.Params.Rep.Init)
	}
}
