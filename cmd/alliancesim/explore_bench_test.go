package main

import (
	"context"
	"math"
	"testing"

	"alliancesim/config"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// benchExploration is an exploration of eight factors of the default scenario, for the benchmarks of the issue's
// reference exploration: Sobol' indices of 8 factors from N = 1024 base samples, 200 runs a
// point.
func benchExploration(b *testing.B, n int) *exploration {
	b.Helper()
	f, err := config.Open(defaultScenario)
	if err != nil {
		b.Fatal(err)
	}
	num := func(v float64) *float64 { return &v }
	for _, x := range []struct {
		path   string
		lo, hi float64
	}{
		{"state.Russia.claims.Ukraine", 0.5, 1}, {"honour.a0", -3.4, -1.4}, {"kind.agreement.aid", 0, 0.1},
		{"model.s", 0.07, 0.28}, {"war.cost", 1, 2.5}, {"rep.init", 0.3, 0.9}, {"model.gamma", 1, 2}, {"hybrid.gain", 0.2, 0.6},
	} {
		f.Factors = append(f.Factors, config.Factor{Path: x.path, Min: num(x.lo), Max: num(x.hi)})
	}
	if err := f.Validate(); err != nil {
		b.Fatal(err)
	}
	if err := f.Set("simulation.runs", "200"); err != nil {
		b.Fatal(err)
	}
	rf := &runFlags{}
	a := &exploreArgs{design: "sobol", samples: n, replicates: -1, resamples: exploreResamples,
		metric: "focus_armed_attacked", discover: "focus_armed_attacked>0.1", threshold: "focus_armed_attacked<0.1"}
	x, _, err := newExplorationOf(rf, a, f, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	return x
}

// BenchmarkExplorePoint measures one design point of the reference exploration: 200 runs of
// the default scenario on one core. The exploration has N(K+2) = 10,240 points and 50
// replicates; on W cores it takes about 10,290/W times this.
func BenchmarkExplorePoint(b *testing.B) {
	x := benchExploration(b, 4)
	var scratch sim.Spec
	b.ResetTimer()
	for i := range b.N {
		if _, err := x.unit(context.Background(), i%len(x.plan.Points), &scratch); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExploreOverhead measures everything of the reference exploration but its runs: the
// design (10,240 points of a 16-dimensional Sobol' sequence, and the factors' values), and the
// analysis of one option's outcomes (Sobol' indices with 1,000 bootstrap resamples, the noise
// share, PRIM and robustness). Add the encoding of its files, which scale the same way.
func BenchmarkExploreOverhead(b *testing.B) {
	for range b.N {
		x := benchExploration(b, 1024)
		p := x.plan
		// Outcomes that vary with the factors, as a model's would.
		var units []exploreUnit
		for u := range p.units() {
			pt := u
			if u >= len(p.Points) {
				pt = p.Replicates[u-len(p.Points)]
			}
			v := p.Points[pt]
			y := 0.5 + 0.3*math.Sin(6*v[0]) + 0.1*v[1]*v[3] + 0.01*float64(u%7)
			units = append(units, exploreUnit{Index: u, Options: [][]stats.Interval{{{P: y, Lo: y, Hi: y}}}})
		}
		res, err := newExploreResult(provenance{}, p, units)
		if err != nil {
			b.Fatal(err)
		}
		if res.Results[0].Sobol == nil {
			b.Fatal("no indices")
		}
		_ = res.pointsCSV()
	}
}
