package sim

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"alliancesim/sim/stats"
)

// The coverage of the intervals an adaptive ensemble reports, on Bernoulli(p) streams: the
// watched metric is a proportion with a Wilson 95% interval, as every yes/no metric is.
//
// coverageExact computes it exactly, by dynamic programming over the successes k at each
// checkpoint (and whether the rule has already decided to stop at the next one); rule is
// Precision.next or a rival. coverageSim simulates it, drawing each stage's successes and
// following Precision.Grow itself.

// stopRule returns, after a checkpoint of n runs with watched half-width hw, the next checkpoint
// and whether the ensemble stops there, or stop now (m == 0).
type stopRule func(n int, hw float64) (m int, last bool)

func coverageExact(p float64, first, maxRuns int, rule stopRule) (coverage, meanRuns float64) {
	type state struct {
		k    int
		last bool
	}
	dist := map[state]float64{{0, false}: 1}
	n := 0
	for m := first; len(dist) > 0; {
		// The successes of the stage (n, m]: Binomial(m-n, p), where it is not negligible.
		b := distuv.Binomial{N: float64(m - n), P: p}
		mu, sd := float64(m-n)*p, math.Sqrt(float64(m-n)*p*(1-p))
		lo, hi := max(0, int(mu-12*sd)-5), min(m-n, int(mu+12*sd)+5)
		pmf := make([]float64, hi-lo+1)
		for i := range pmf {
			pmf[i] = b.Prob(float64(lo + i))
		}
		grown := map[state]float64{}
		for s, w := range dist {
			for i, q := range pmf {
				grown[state{s.k + lo + i, s.last}] += w * q
			}
		}
		n, dist = m, map[state]float64{}
		next := 0
		for s, w := range grown {
			if w < 1e-18 {
				continue
			}
			iv := stats.Wilson(int64(s.k), int64(n), stats.Z95)
			stop, after, last := s.last || n >= maxRuns, 0, false
			if !stop {
				after, last = rule(n, HalfWidth(iv))
				stop = after == 0
			}
			if stop {
				if iv.Contains(p) {
					coverage += w
				}
				meanRuns += w * float64(n)
				continue
			}
			next = after // the same for every state: checkpoints do not depend on the data
			dist[state{s.k, last}] += w
		}
		m = next
	}
	return coverage, meanRuns
}

func coverageSim(p float64, prec Precision, first, reps int, rng *rand.Rand) (covered int) {
	for range reps {
		k, n := 0, 0
		var iv stats.Interval
		_, err := prec.Grow(first, func(m int) (float64, error) {
			k += int(distuv.Binomial{N: float64(m - n), P: p, Src: rng}.Rand())
			n = m
			iv = stats.Wilson(int64(k), int64(n), stats.Z95)
			return HalfWidth(iv), nil
		})
		if err != nil {
			panic(err)
		}
		if iv.Contains(p) {
			covered++
		}
	}
	return covered
}

// The rule's nominal 95% intervals cover the truth at least 94% of the time, for proportions
// from rare to common and targets from loose to tight, computed exactly; a simulation of the
// rule itself, thousands of replications each, agrees with the exact figure.
func TestPrecisionCoverage(t *testing.T) {
	const maxRuns = 100_000
	reps := 4000
	if raceEnabled {
		reps = 100
	}
	rng := rand.New(rand.NewPCG(14, 95))
	worst, worstCase := 1.0, ""
	for _, first := range []int{256, 1024} {
		for _, h := range []float64{0.005, 0.01, 0.02, 0.03, 0.05} {
			// The five of issue 14, and where the obvious rule undercovers most.
			for _, p := range []float64{0.01, 0.015, 0.05, 0.085, 0.2, 0.265, 0.5, 0.9} {
				prec := Precision{Metric: Metric{Value: func(*Summary) (stats.Interval, bool) { return stats.Interval{}, true }},
					HalfWidth: h, MaxRuns: maxRuns}
				name := fmt.Sprintf("first=%d target=%v p=%v", first, h, p)
				exact, runs := coverageExact(p, prec.First(first), maxRuns, prec.next)
				if exact < 0.94 {
					t.Errorf("%s: exact coverage %.4f, want >= 0.94", name, exact)
				}
				if exact < worst {
					worst, worstCase = exact, name
				}
				mc := float64(coverageSim(p, prec, first, reps, rng)) / float64(reps)
				if se := math.Sqrt(exact * (1 - exact) / float64(reps)); math.Abs(mc-exact) > 4*se {
					t.Errorf("%s: simulated coverage %.4f (%d replications) far from exact %.4f", name, mc, reps, exact)
				}
				t.Logf("%s: coverage exact %.4f, simulated %.4f; mean runs %.0f", name, exact, mc, runs)
			}
		}
	}
	t.Logf("lowest exact coverage %.4f (%s)", worst, worstCase)
}

var precisionScan = flag.Bool("precision.scan", false, "TestPrecisionCoverageScan: scan p finely (a minute or two)")

// The exact coverage over a fine grid of p (by symmetry of the Wilson interval, p and 1-p cover
// alike), at the first checkpoint where the rule's coverage is lowest. Slow, so run only on
// request: go test ./sim -run TestPrecisionCoverageScan -precision.scan.
func TestPrecisionCoverageScan(t *testing.T) {
	if !*precisionScan {
		t.Skip("run with -precision.scan")
	}
	worst, worstCase := 1.0, ""
	for _, h := range []float64{0.005, 0.01, 0.02, 0.03, 0.05} {
		prec := Precision{HalfWidth: h, MaxRuns: 100_000}
		for i := 1; i <= 100; i++ {
			p := float64(i) * 0.005
			c, _ := coverageExact(p, 256, prec.MaxRuns, prec.next)
			if c < worst {
				worst, worstCase = c, fmt.Sprintf("p=%.3f target=%v", p, h)
			}
			if c < 0.94 {
				t.Errorf("p=%.3f target=%v: exact coverage %.4f", p, h, c)
			}
		}
	}
	t.Logf("lowest exact coverage over p = 0.005, 0.010, ..., 0.5, first checkpoint 256: %.4f (%s)", worst, worstCase)
}

// The obvious rule, stop at the first checkpoint whose own interval meets the target,
// undercovers; this is why Precision looks one stage ahead. At p = 0.015, target 0.01, first
// checkpoint 256, it stops at 512 runs when the successes there are few, which is when the
// interval is narrow and p̂ low.
func TestPrecisionObviousRuleUndercovers(t *testing.T) {
	const (
		p, h, first, maxRuns = 0.015, 0.01, 256, 100_000
	)
	obvious := func(n int, hw float64) (int, bool) {
		if hw <= h {
			return 0, false
		}
		return min(2*n, maxRuns), false
	}
	naive, _ := coverageExact(p, first, maxRuns, obvious)
	prec := Precision{HalfWidth: h, MaxRuns: maxRuns}
	ahead, _ := coverageExact(p, first, maxRuns, prec.next)
	if naive >= 0.94 || ahead < 0.94 {
		t.Errorf("coverage at p=%v, target %v: obvious rule %.4f (want < 0.94), Precision %.4f (want >= 0.94)", p, h, naive, ahead)
	}
	t.Logf("coverage at p=%v, target %v: obvious rule %.4f, Precision %.4f", p, h, naive, ahead)
}

// Why a mean is not among PrecisionMetrics: on a zero-inflated, heavy-tailed outcome like
// focus_economy_lost (2% of runs lose a lognormal amount), the t interval of a mean grown by the
// rule covers far less than 95%, for runs that have not yet met a large loss look precise; the
// ensembles refuse such a metric, and a pooled rate, whose interval counts decisions.
func TestPrecisionRefusesMeans(t *testing.T) {
	const q, h = 0.02, 0.02
	truth := q * math.Exp(0.5)
	reps := 1000
	if raceEnabled {
		reps = 200
	}
	rng := rand.New(rand.NewPCG(7, 14))
	prec := Precision{Metric: Metric{Value: func(*Summary) (stats.Interval, bool) { return stats.Interval{}, true }},
		HalfWidth: h, MaxRuns: 100_000}
	covered := 0
	for range reps {
		var m stats.Moments
		var iv stats.Interval
		if _, err := prec.Grow(256, func(n int) (float64, error) {
			for m.N < int64(n) {
				x := 0.0
				if rng.Float64() < q {
					x = math.Exp(rng.NormFloat64())
				}
				m.Add(x)
			}
			iv = m.MeanCI(0.95)
			return HalfWidth(iv), nil
		}); err != nil {
			t.Fatal(err)
		}
		if iv.Contains(truth) {
			covered++
		}
	}
	c := float64(covered) / float64(reps)
	if c > 0.90 {
		t.Errorf("coverage of a skewed mean under the rule %.3f: the refusal of means rests on its being well below 0.95", c)
	}
	t.Logf("coverage of a zero-inflated lognormal mean under the rule, target %v: %.3f (%d replications)", h, c, reps)
	for _, name := range []string{"focus_economy_lost", "reliability", "abandonment", "entrapment"} {
		ms, err := LookupMetrics(name)
		if err != nil {
			t.Fatal(err)
		}
		p := Precision{Metric: ms[0], HalfWidth: 0.01, MaxRuns: 1000}
		if _, _, err := EnsembleTo(t.Context(), europeLike(256), p, Options{}); err == nil || !strings.Contains(err.Error(), "proportions of runs") {
			t.Errorf("EnsembleTo watching %s: got %v, want a refusal", name, err)
		}
		if _, _, err := MeasureTo(t.Context(), []*Spec{europeLike(256)}, nil, p, Options{}); err == nil {
			t.Errorf("MeasureTo watching %s: no refusal", name)
		}
	}
}
