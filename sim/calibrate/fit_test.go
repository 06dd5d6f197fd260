package calibrate

import (
	"context"
	"math"
	"strings"
	"testing"

	"alliancesim/agents"
)

// fittedParams returns the defaults with every version 4 mechanism on and the decision
// parameters of the version 4 fit (docs/ODD.md §9): model.r_ref 0.5, model.s 0.127, war.cost
// 1.81, hybrid.gain 0.367. fittedPop is its population, r ~ Beta(0.454, 2.64).
func fittedParams() agents.Params {
	p := agents.DefaultParams()
	p.Model.Dyadic, p.War.Overstretch, p.Hybrid.Escalation, p.Hybrid.EscUmbrella, p.Buckpass.Diffusion = true, 1, 1, 0, 0.5
	p.Model.RRef, p.Model.S, p.War.Cost, p.Hybrid.Gain = 0.5, 0.127, 1.81, 0.367
	return p
}

func fittedPop(pairs int) Population { return smallPop(pairs, 0.454, 2.64) }

// v3FitParams returns version 3's calibration: the version 4 mechanisms off, model.s 0.09,
// war.cost 0.8, hybrid.gain 0.3.
func v3FitParams() agents.Params {
	p := agents.DefaultParams()
	p.V3()
	p.Model.S, p.War.Cost, p.Hybrid.Gain = 0.09, 0.8, 0.3
	return p
}

// A small real fit: Beta(a, b) from (1, 4) to the targets at the fitted decision parameters.
func TestFitBeta(t *testing.T) {
	pop := smallPop(2000, 1, 4)
	res, err := Fit(context.Background(), fittedParams(), FitOptions{Pop: &pop, Evals: 30, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Beta(%.3f, %.3f), mean r %.3f: dispute %v, war %v, loss %.4f, %d evaluations",
		res.Pop.A, res.Pop.B, res.MeanR, res.Dispute, res.War, res.Loss, res.Evals)
	if r := res.Ratio(DefaultTargets()); r > 1.25 {
		t.Errorf("fit misses a target by a factor %.3f", r)
	}
	if res.Evals > 30+2 {
		t.Errorf("%d evaluations for a budget of 30", res.Evals)
	}
	if f := fittedParams(); res.Params.Model.S != f.Model.S || res.Params.War.Cost != f.War.Cost {
		t.Errorf("fit moved parameters it was not given: %+v", res.Params.Model)
	}
	if want := res.Pop.A / (res.Pop.A + res.Pop.B); math.Abs(res.MeanR-want) > 0.03 {
		t.Errorf("mean r drawn %.4f, Beta mean %.4f", res.MeanR, want)
	}
}

func TestFitErrors(t *testing.T) {
	p := agents.DefaultParams()
	pop := smallPop(100, 1, 4)
	zeroS := agents.DefaultParams()
	zeroS.Model.S = 0
	for _, test := range []struct {
		name string
		p    agents.Params
		opt  FitOptions
		word string
	}{
		{"honour parameter", p, FitOptions{Pop: &pop, Free: []Param{BetaA, HonourA0}}, "does not affect"},
		{"twice", p, FitOptions{Pop: &pop, Free: []Param{BetaA, BetaA}}, "twice"},
		{"unknown", p, FitOptions{Pop: &pop, Free: []Param{Param(42)}}, "does not affect"},
		{"negative target", p, FitOptions{Pop: &pop, Targets: Targets{Dispute: 0.06, War: -1}}, "positive"},
		{"zero start", zeroS, FitOptions{Pop: &pop, Free: []Param{ModelS}}, "start positive"},
	} {
		_, err := Fit(context.Background(), test.p, test.opt)
		if err == nil || !strings.Contains(err.Error(), test.word) {
			t.Errorf("%s: error %v, want one mentioning %q", test.name, err, test.word)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := smallPop(5000, 1, 4)
	if _, err := Fit(ctx, p, FitOptions{Pop: &big}); err == nil {
		t.Error("no error from a cancelled context")
	}
}

// heavy skips a test that fits on a large population, in -short mode and under the race
// detector.
func heavy(t *testing.T) {
	t.Helper()
	if testing.Short() || raceEnabled {
		t.Skip("heavy fit: skipped in -short mode and under the race detector")
	}
}

// The full fit of docs/ODD.md §9 with every version 4 mechanism on (model.r_ref 0.5): Beta(a, b),
// model.s, war.cost and hybrid.gain, started from version 3's calibration and penalised towards
// it, reaches both rates near the shipped point; the values it finds hold on a fresh population
// of 160,000 pairs. (On 160,000 pairs the same fit gives model.s 0.127, war.cost 1.82,
// hybrid.gain 0.415, Beta(0.372, 2.27): the ridge the shipped point lies on.)
func TestFitDecision(t *testing.T) {
	heavy(t)
	start := fittedParams()
	start.Model.S, start.War.Cost, start.Hybrid.Gain = 0.09, 0.8, 0.3
	pop := smallPop(40000, 0.3, 5.6)
	res, err := Fit(context.Background(), start, FitOptions{
		Pop: &pop, Free: []Param{BetaA, BetaB, ModelS, WarCost, HybridGain}, Workers: 2, Evals: 200,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Beta(%.3f, %.3f), mean r %.3f, model.s %.4f, war.cost %.3f, hybrid.gain %.3f: dispute %v, war %v, loss %.5f, %d evaluations",
		res.Pop.A, res.Pop.B, res.MeanR, res.Params.Model.S, res.Params.War.Cost, res.Params.Hybrid.Gain, res.Dispute, res.War, res.Loss, res.Evals)
	if r := res.Ratio(DefaultTargets()); r > 1.1 {
		t.Errorf("fit misses a target by a factor %.3f", r)
	}
	if s, c, g := res.Params.Model.S, res.Params.War.Cost, res.Params.Hybrid.Gain; s < 0.11 || s > 0.16 || c < 1.4 || c > 2.4 || g < 0.3 || g > 0.45 {
		t.Errorf("model.s %.4f, war.cost %.3f, hybrid.gain %.3f: far from the fit documented (0.127, 1.81, 0.367)", s, c, g)
	}
	fresh := res.Pop
	fresh.Pairs = 160000
	d, w, _, err := Rates(context.Background(), res.Params, fresh, 77, 2)
	if err != nil {
		t.Fatal(err)
	}
	tg := DefaultTargets()
	if ratio(d.P, tg.Dispute) > OnsetTolerance || ratio(w.P, tg.War) > OnsetTolerance {
		t.Errorf("fresh population: dispute %v, war %v", d, w)
	}
}

// modelMDParams returns the original decision parameters of version 3, before any
// recalibration: model.s 0.05, war.cost 0.5, hybrid.gain 0.3, the version 4 mechanisms off.
func modelMDParams() agents.Params {
	p := agents.DefaultParams()
	p.V3()
	p.Model.S, p.War.Cost, p.Hybrid.Gain = 0.05, 0.5, 0.3
	return p
}

// The shipped defaults are version 4 with every mechanism on, and the decision parameters of the
// calibration set's member nearest the two-rate fit (in log space over model.s, war.cost,
// hybrid.gain and model.r_ref): the fit itself meets the onset rates but not the concentration
// of disputes in enduring pairs (docs/ODD.md §9.4), so the defaults move into the set by the
// least step.
func TestDefaultsAreFitted(t *testing.T) {
	set, err := DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	f := fittedParams()
	dist := func(m Member) float64 {
		sq := func(x, y float64) float64 { return math.Pow(math.Log(x/y), 2) }
		return sq(m.S, f.Model.S) + sq(m.WarCost, f.War.Cost) + sq(m.HybridGain, f.Hybrid.Gain) + sq(m.RRef, f.Model.RRef)
	}
	near := set[0]
	for _, m := range set[1:] {
		if dist(m) < dist(near) {
			near = m
		}
	}
	want := f
	near.Apply(&want)
	d := agents.DefaultParams()
	if d.Model != want.Model || d.War != want.War || d.Hybrid != want.Hybrid || d.Buckpass != want.Buckpass {
		t.Errorf("defaults\n%+v %+v %+v %+v\nthe set's member nearest the fit gives\n%+v %+v %+v %+v",
			d.Model, d.War, d.Hybrid, d.Buckpass, want.Model, want.War, want.Hybrid, want.Buckpass)
	}
	if d.V3(); d.Model.Dyadic || d.Model.RRef != 0 || d.War.Overstretch != 0 || d.Hybrid.Escalation != 0 || d.Buckpass.Diffusion != 0 {
		t.Errorf("V3 leaves a version 4 mechanism on: %+v", d)
	}
}

// The fitted point reaches both rates on a population of 160,000 pairs (the size the fit needs:
// 40,000 pairs hold about 220 wars and overfit them), for two seeds.
func TestFittedRates(t *testing.T) {
	heavy(t)
	tg := DefaultTargets()
	for _, seed := range []uint64{1, 2} {
		d, w, meanR, err := Rates(context.Background(), fittedParams(), fittedPop(160000), seed, 2)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: dispute %v, war %v, mean r %.4f", seed, d, w, meanR)
		if ratio(d.P, tg.Dispute) > 1.05 || ratio(w.P, tg.War) > 1.1 {
			t.Errorf("seed %d: dispute %.4f, war %.5f: the fit documented misses its targets", seed, d.P, w.P)
		}
	}
}

// Why the defaults were recalibrated: with the original decision parameters no
// Beta(a, b) brings both rates within the tolerance, since disputes are hardly more frequent
// than wars.
func TestModelMDDecisionCannotReachBoth(t *testing.T) {
	heavy(t)
	pop := smallPop(10000, 1, 4)
	res, err := Fit(context.Background(), modelMDParams(), FitOptions{Pop: &pop, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("best Beta(%.3f, %.3f): dispute %v, war %v", res.Pop.A, res.Pop.B, res.Dispute, res.War)
	if r := res.Ratio(DefaultTargets()); r < OnsetTolerance {
		t.Errorf("the original parameters reach both rates within a factor %.2f: update the documentation", r)
	}
	if res.Dispute.P > 2*res.War.P {
		t.Errorf("disputes %.4f more than twice wars %.4f at the original parameters", res.Dispute.P, res.War.P)
	}
}
