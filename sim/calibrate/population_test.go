package calibrate

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"alliancesim/agents"
	"alliancesim/sim"
)

// smallPop is a population small enough for tests under the race detector.
func smallPop(pairs int, a, b float64) Population {
	pop := DefaultPopulation()
	pop.Pairs, pop.A, pop.B = pairs, a, b
	return pop
}

// Each run's draws place the pair as docs/ODD.md §9 says.
func TestPopulationDraws(t *testing.T) {
	p := agents.DefaultParams()
	spec, err := smallPop(200, 0.5, 4).Spec(p, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := spec.Check(); err != nil {
		t.Fatal(err)
	}
	var dist, logRatio, r []float64
	for run := range spec.Runs {
		var s sim.Spec
		spec.CopyTo(&s)
		rng := rand.New(sim.RunSource(spec.Seed, run))
		var v [4]float64
		for i, u := range s.Uncertain {
			v[i] = u.Draw(rng)
			u.Apply(&s, v[i])
		}
		a, b := &s.States[0], &s.States[1]
		if d := agents.Distance(a.Lon, a.Lat, b.Lon, b.Lat); math.Abs(d-v[0]) > 1e-6 {
			t.Fatalf("run %d: capitals %.6f km apart, drew %.6f", run, d, v[0])
		}
		steady := func(st *sim.State) float64 {
			return p.Model.Kappa * st.Burden * st.Economy * (1 + st.Growth) / (st.Growth + p.Model.Delta)
		}
		if x := math.Log(steady(b) / steady(a)); math.Abs(x-v[1]) > 1e-12 {
			t.Fatalf("run %d: log power ratio %g, drew %g", run, x, v[1])
		}
		if a.Revisionism != v[2] || b.Revisionism != v[3] || a.R(1) != v[2] || b.R(0) != v[3] {
			t.Fatalf("run %d: revisionism %g, %g, drew %g, %g", run, a.Revisionism, b.Revisionism, v[2], v[3])
		}
		if a.Nuclear || b.Nuclear || len(s.Guarantees) != 0 || a.Strategy.Name() != "fixed" {
			t.Fatalf("run %d: not a bare pair of fixed states", run)
		}
		dist, logRatio, r = append(dist, v[0]), append(logRatio, v[1]), append(r, v[2], v[3])
	}
	for _, d := range dist {
		if d < 300 || d > 800 {
			t.Errorf("distance %g outside [300, 800] km", d)
		}
	}
	for _, x := range r {
		if !(x > 0 && x < 1) {
			t.Errorf("revisionism %g outside (0, 1)", x)
		}
	}
	// Loose moment checks: 200 pairs, means within about 4 standard errors.
	for _, m := range []struct {
		name     string
		xs       []float64
		mean, sd float64
	}{
		{"distance", dist, 550, 500 / math.Sqrt(12)},
		{"log power ratio", logRatio, 0, 1},
		{"revisionism", r, 0.5 / 4.5, math.Sqrt(0.5 * 4 / (4.5 * 4.5 * 5.5))},
	} {
		sum := 0.0
		for _, x := range m.xs {
			sum += x
		}
		mean := sum / float64(len(m.xs))
		if se := m.sd / math.Sqrt(float64(len(m.xs))); math.Abs(mean-m.mean) > 4*se {
			t.Errorf("%s: mean %.4f, want %.4f ± %.4f", m.name, mean, m.mean, 4*se)
		}
	}
}

func TestPopulationErrors(t *testing.T) {
	p := agents.DefaultParams()
	for _, test := range []struct {
		name string
		pop  Population
		word string
	}{
		{"no pairs", smallPop(0, 1, 4), "pairs and steps"},
		{"zero a", smallPop(10, 0, 4), "Beta"},
		{"infinite b", smallPop(10, 1, math.Inf(1)), "Beta"},
		{"reversed range", Population{Pairs: 1, Steps: 1, A: 1, B: 1, MinKm: 800, MaxKm: 300}, "distance"},
		{"NaN sigma", Population{Pairs: 1, Steps: 1, A: 1, B: 1, MaxKm: 1, SigmaLogRatio: math.NaN()}, "sigma"},
	} {
		_, _, _, err := Rates(context.Background(), p, test.pop, 1, 1)
		if err == nil || !strings.Contains(err.Error(), test.word) {
			t.Errorf("%s: error %v, want one mentioning %q", test.name, err, test.word)
		}
	}
}

// With common random numbers a higher Beta mean (at a fixed a+b, so every quantile rises) can
// only add attacks: each state's chance of attacking, and of attacking by arms, rises with its
// revisionism, and every other draw is the same.
func TestRatesIncreaseWithMean(t *testing.T) {
	p := agents.DefaultParams()
	var prevD, prevW float64
	var first, last [2]float64
	means := []float64{0.05, 0.1, 0.2, 0.4}
	for i, m := range means {
		d, w, meanR, err := Rates(context.Background(), p, smallPop(3000, 5*m, 5*(1-m)), 5, 2)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(meanR-m) > 0.02 {
			t.Errorf("Beta mean %g: mean r drawn %.4f", m, meanR)
		}
		if i > 0 && (d.P < prevD || w.P < prevW) {
			t.Errorf("Beta mean %g: dispute %.4f war %.4f, below %.4f %.4f at the lower mean", m, d.P, w.P, prevD, prevW)
		}
		if d.P < w.P {
			t.Errorf("Beta mean %g: disputes %.4f below wars %.4f", m, d.P, w.P)
		}
		prevD, prevW = d.P, w.P
		if i == 0 {
			first = [2]float64{d.P, w.P}
		}
		last = [2]float64{d.P, w.P}
	}
	if !(last[0] > 2*first[0] && last[1] > 2*first[1]) {
		t.Errorf("rates barely move with the Beta mean: %v to %v", first, last)
	}
}

// Rates do not depend on the number of workers; several steps count attacks per pair-year.
func TestRatesWorkersAndSteps(t *testing.T) {
	p := agents.DefaultParams()
	pop := smallPop(600, 1, 3)
	d1, w1, r1, err := Rates(context.Background(), p, pop, 9, 1)
	if err != nil {
		t.Fatal(err)
	}
	d2, w2, r2, err := Rates(context.Background(), p, pop, 9, 2)
	if err != nil {
		t.Fatal(err)
	}
	if d1 != d2 || w1 != w2 || r1 != r2 {
		t.Errorf("1 worker: %v %v %g; 2 workers: %v %v %g", d1, w1, r1, d2, w2, r2)
	}
	pop.Steps = 3
	d, w, _, err := Rates(context.Background(), p, pop, 9, 2)
	if err != nil {
		t.Fatal(err)
	}
	n := float64(pop.Pairs * pop.Steps)
	for _, iv := range []struct {
		name string
		p    float64
	}{{"dispute", d.P}, {"war", w.P}} {
		if k := iv.p * n; math.Abs(k-math.Round(k)) > 1e-6 || iv.p <= 0 || iv.p >= 1 {
			t.Errorf("%s rate %g over %g pair-years is not a share of counted attacks", iv.name, iv.p, n)
		}
	}
	if !(d.Lo <= d.P && d.P <= d.Hi && w.Lo <= w.P && w.P <= w.Hi) {
		t.Errorf("intervals do not hold their estimates: %v %v", d, w)
	}
}

func TestRatesCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, _, err := Rates(ctx, agents.DefaultParams(), smallPop(5000, 1, 4), 1, 2); err == nil {
		t.Error("no error from a cancelled context")
	}
}
