package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"alliancesim/agents"
	"alliancesim/sim/stats"
)

// firstStepAttack returns the probability that the aggressor of a fresh duel world attacks in a
// covered mode in the first step, computed from the agents package's rules alone.
func firstStepAttack(t *testing.T, s *Spec) float64 {
	t.Helper()
	p := &s.Params
	w := NewWorld()
	w.Reset(s, rand.New(rand.NewPCG(1, 1)))
	pa, pt := w.pw[0], w.pw[1]
	d := agents.Distance(s.States[0].Lon, s.States[0].Lat, s.States[1].Lon, s.States[1].Lat)
	reach := agents.Reach(d, p.Model.Lambda, 0)
	var eus []float64
	var covered []bool
	for m := agents.ArmedAttack; m < agents.NumModes; m++ {
		o := agents.Option{Mode: m, PA: pa, PT: pt, R: 0.8, Reach: reach}
		cov := false
		for _, g := range s.Guarantees {
			terms := g.Resolve(&p.Kind)
			if !terms.Trigger.Covers(m) {
				continue
			}
			cov = true
			gi := g.Guarantors[0]
			q := p.Honour.Credibility(agents.Commitment{W: terms.W, Stake: terms.Stake, Rho: p.Rep.Init,
				WillMean: 0.6, NuclearAggressor: true, PA: pa, PG: w.pw[gi],
				ReachAG: agents.Reach(agents.Distance(s.States[0].Lon, s.States[0].Lat, s.States[gi].Lon, s.States[gi].Lat), p.Model.Lambda, 0)})
			dg := agents.Distance(s.States[gi].Lon, s.States[gi].Lat, s.States[1].Lon, s.States[1].Lat)
			switch terms.Response {
			case agents.Fight:
				o.Support += q * w.pw[gi] * agents.Reach(dg, p.Model.Lambda, 0)
			case agents.Arms:
				o.Support += q * p.Model.Surge * p.Model.Kappa * s.States[gi].Burden * s.States[gi].Economy
			case agents.Sanctions:
				o.Sanctions += q
			}
		}
		_, eu := p.Utility(&o)
		eus = append(eus, eu)
		covered = append(covered, cov)
	}
	den := 1.0
	for _, eu := range eus {
		den += math.Exp((eu - p.Model.Mu) / p.Model.S)
	}
	pi := 0.0
	for j, eu := range eus {
		if covered[j] {
			pi += math.Exp((eu-p.Model.Mu)/p.Model.S) / den
		}
	}
	return pi
}

// With fixed burdens, no growth noise and nothing that changes before the first attack, the
// attack probability is the same every step, so the step of first failure is geometric:
// P(failure by T) = 1 - (1-pi)^T. The ensemble estimate and its Kaplan–Meier curve must agree.
func TestClosedFormGeometric(t *testing.T) {
	const runs, steps = 20000, 10
	for _, k := range []agents.Kind{agents.Assurance, agents.Treaty, agents.Agreement} {
		s := withGuarantee(duel(runs, steps), k)
		// Nothing may change before the first failure: no aid moving powers, and hybrid attacks
		// that take nothing when they succeed.
		s.Guarantees[0].Terms.Aid, s.Guarantees[0].Set = 0, SetAid
		s.Params.Hybrid.Gain = 0
		pi := firstStepAttack(t, s)
		if pi < 0.01 || pi > 0.5 {
			t.Fatalf("%v: per-step failure probability %.4f is degenerate", k, pi)
		}
		res, err := Ensemble(t.Context(), s, Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		sum := Summarize(s, res.Acc)
		want := 1 - math.Pow(1-pi, steps)
		ci := stats.Wilson(res.Acc.Failures, res.Acc.Runs, 3.2905) // 99.9%
		if !ci.Contains(want) {
			t.Errorf("%v: P(failure by %d) = %.4f [%.4f, %.4f], closed form %.4f (pi = %.4f)",
				k, steps, sum.DeterrenceFailure.P, ci.Lo, ci.Hi, want, pi)
		}
		for _, pt := range sum.Survival[1:] {
			if w := math.Pow(1-pi, float64(pt.Step)); math.Abs(pt.S-w) > 4*math.Sqrt(w*(1-w)/runs)+1e-9 {
				t.Errorf("%v: S(%d) = %.4f, want %.4f", k, pt.Step, pt.S, w)
			}
		}
	}
}

// A world without an aggressor never fails, and a world with a guarantee-less target has no
// covered failure even when attacked.
func TestNoFailureWithoutCoverage(t *testing.T) {
	s := duel(500, 10)
	res, err := Ensemble(t.Context(), s, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Acc.Failures != 0 {
		t.Errorf("failures without any guarantee: %d", res.Acc.Failures)
	}
	if res.Acc.States[1].Attacked == 0 {
		t.Errorf("Ukraine never attacked in %d runs", res.Acc.Runs)
	}
	s.States[0].Claims = nil
	s = withGuarantee(s, agents.Alliance)
	res, err = Ensemble(t.Context(), s, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Acc.Counts[cAttacks].Sum != 0 {
		t.Errorf("attacks with no revisionist: %g", res.Acc.Counts[cAttacks].Sum)
	}
}

// The step allocates nothing once a run is set up.
func TestStepAllocs(t *testing.T) {
	s := withGuarantee(duel(1, 1000), agents.Alliance)
	for i := range s.States {
		s.States[i].Strategy = agents.Balance{}
	}
	w := NewWorld()
	w.Reset(s, rand.New(rand.NewPCG(1, 2)))
	w.Step()
	if allocs := testing.AllocsPerRun(200, w.Step); allocs != 0 {
		t.Errorf("Step allocates %v times", allocs)
	}
}
