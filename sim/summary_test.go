package sim_test

import (
	"math"
	"slices"
	"testing"

	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// The summary's probabilities are Wilson intervals at 95% (z = 1.959964), and reliability
// leaves buck-passes out of its denominator while reliability_incl_buckpass counts them as not
// honoured (docs/ODD.md §7.8). 2 failures in 10 runs; 13 decisions: 2 honoured, 8 abandoned,
// 3 buck-passed. The bounds are computed by hand from Wilson's formula with z = 1.959963984540054.
func TestSummaryIntervals(t *testing.T) {
	spec := sim.Triangle()
	acc := sim.NewAccumulator(spec)
	acc.Runs, acc.Failures = 10, 2
	acc.Triggered, acc.Honoured, acc.Abandoned, acc.BuckPassed = 13, 2, 8, 3
	s := sim.Summarize(spec, acc)
	for _, test := range []struct {
		name string
		got  stats.Interval
		want stats.Interval
	}{
		{"deterrence failure, 2/10", s.DeterrenceFailure, stats.Interval{P: 0.2, Lo: 0.056682151454375274, Hi: 0.5098375284633583}},
		{"reliability, 2/(13-3)", s.Reliability, stats.Interval{P: 0.2, Lo: 0.056682151454375274, Hi: 0.5098375284633583}},
		{"reliability incl. buck-passes, 2/13", s.ReliabilityAll, stats.Interval{P: 0.15384615384615385, Lo: 0.04325817835808121, Hi: 0.4223463101948254}},
		{"abandonment, 8/13", s.Abandonment, stats.Interval{P: 0.6153846153846154, Lo: 0.3552289151266569, Hi: 0.8229029220223744}},
		{"buck-passing, 3/13", s.BuckPassing, stats.Interval{P: 0.23076923076923078, Lo: 0.08179528718498563, Hi: 0.502563759467275}},
	} {
		if math.Abs(test.got.P-test.want.P) > 1e-12 || math.Abs(test.got.Lo-test.want.Lo) > 1e-12 || math.Abs(test.got.Hi-test.want.Hi) > 1e-12 {
			t.Errorf("%s: %+v, want %+v", test.name, test.got, test.want)
		}
	}
}

// Kaplan–Meier censoring (docs/ODD.md §7.8): a protected state's failure time is censored at
// its conquest or clienthood, or at the horizon, and an event after the censoring step does not
// count; a state never protected is not counted. Five runs in which B is protected, over 5
// steps: conquered at 3; failed at 2 (conquered later); neither; a client at 3; a client at 3
// with a failure recorded at 4. So S(2) = 4/5, with 4 at risk at step 3 and 1 at step 4.
func TestSurvivalCensoredAtConquest(t *testing.T) {
	spec := sim.Triangle()
	spec.Steps = 5
	acc := sim.NewAccumulator(spec)
	for _, b := range []sim.StateRecord{
		{Protected: true, Conquered: true, CensorStep: 3},
		{Protected: true, FailureStep: 2, AttackStep: 2, Conquered: true, CensorStep: 4},
		{Protected: true},
		{Protected: true, Client: true, CensorStep: 3, AttackStep: 1},
		{Protected: true, Client: true, CensorStep: 3, AttackStep: 4, FailureStep: 4},
		{}, // never protected
	} {
		rec := &sim.Record{States: make([]sim.StateRecord, len(spec.States)), FailureStep: b.FailureStep}
		rec.States[1] = b
		acc.Add(rec)
	}
	sa := &acc.States[1]
	for _, test := range []struct {
		name      string
		got, want []int64
	}{
		{"B's failure events", sa.FailEvents, []int64{0, 0, 1, 0, 0, 0}},
		{"B's failures censored", sa.FailCensored, []int64{0, 0, 0, 3, 0, 1}},
		{"B's first attacks", sa.AttackEvents, []int64{0, 1, 1, 0, 0, 0}},
		{"B's first attacks censored", sa.AttackCensored, []int64{0, 0, 0, 2, 0, 2}},
		{"runs' failures", acc.FailEvents, []int64{0, 0, 1, 0, 1, 0}},
		{"runs' failures censored", acc.FailCensored, []int64{0, 0, 0, 0, 0, 4}},
	} {
		if !slices.Equal(test.got, test.want) {
			t.Errorf("%s: %v, want %v", test.name, test.got, test.want)
		}
	}
	km := sim.Summarize(spec, acc).PerState[1].Survival
	for _, want := range []struct {
		step   int
		s      float64
		atRisk int64
	}{{1, 1, 5}, {2, 0.8, 5}, {3, 0.8, 4}, {4, 0.8, 1}, {5, 0.8, 1}} {
		if p := km[want.step]; math.Abs(p.S-want.s) > 1e-15 || p.AtRisk != want.atRisk {
			t.Errorf("B's survival at step %d: S %g with %d at risk, want %g with %d", want.step, p.S, p.AtRisk, want.s, want.atRisk)
		}
	}
}
