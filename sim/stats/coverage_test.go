package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// The tests in this file check the property the intervals exist for: over repeated samples
// from a known truth, a nominal 95% interval covers the truth in about 95% of them. Every
// simulation uses a fixed seed, so the tests are deterministic; the accepted band 93–97% is
// about ±4 binomial standard errors at 2000 replications (SE = sqrt(.95·.05/2000) ≈ 0.005)
// and leaves room for the known small oscillation of the actual coverage of score intervals
// around the nominal level.

const (
	coverageMin = 0.93
	coverageMax = 0.97
)

func checkCoverage(t *testing.T, what string, covered, reps int) {
	t.Helper()
	c := float64(covered) / float64(reps)
	if c < coverageMin || c > coverageMax {
		t.Errorf("%s: coverage %.4f (%d/%d), want in [%.2f, %.2f]", what, c, covered, reps, coverageMin, coverageMax)
	} else {
		t.Logf("%s: coverage %.4f (%d/%d)", what, c, covered, reps)
	}
}

func TestWilsonCoverage(t *testing.T) {
	const (
		n    = 200
		p    = 0.1
		reps = 2000
	)
	// Exact coverage: the sum of the binomial probabilities of the k whose interval covers p.
	bin := distuv.Binomial{N: n, P: p, Src: rand.NewPCG(1, 2)}
	var exact float64
	for k := int64(0); k <= n; k++ {
		if Wilson(k, n, Z95).Contains(p) {
			exact += bin.Prob(float64(k))
		}
	}
	if exact < coverageMin || exact > coverageMax {
		t.Errorf("exact coverage of Wilson at n=%d, p=%v: %.4f", n, p, exact)
	}
	t.Logf("exact coverage of Wilson at n=%d, p=%v: %.4f", n, p, exact)
	// Monte Carlo, as the simulator will use it.
	covered := 0
	for range reps {
		if Wilson(int64(bin.Rand()), n, Z95).Contains(p) {
			covered++
		}
	}
	checkCoverage(t, "Wilson n=200 p=0.1", covered, reps)
	// The simulation itself must agree with the exact coverage (within 4 SE).
	mc := float64(covered) / reps
	if se := math.Sqrt(exact * (1 - exact) / reps); math.Abs(mc-exact) > 4*se {
		t.Errorf("Monte Carlo coverage %.4f far from exact %.4f", mc, exact)
	}
}

func TestMeanCICoverage(t *testing.T) {
	// For normal data the t interval is exact: 95% at any sample size, here 10.
	const (
		mu, sigma = 3.0, 2.0
		size      = 10
		reps      = 2000
	)
	rng := rand.New(rand.NewPCG(1, 2))
	covered := 0
	for range reps {
		var m Moments
		for range size {
			m.Add(mu + sigma*rng.NormFloat64())
		}
		if m.MeanCI(0.95).Contains(mu) {
			covered++
		}
	}
	checkCoverage(t, "MeanCI normal n=10", covered, reps)
}

func TestIndependentDifferenceCoverage(t *testing.T) {
	const (
		n1, p1 = 100, 0.3
		n2, p2 = 120, 0.2
		reps   = 2000
	)
	rng := rand.NewPCG(1, 2)
	b1 := distuv.Binomial{N: n1, P: p1, Src: rng}
	b2 := distuv.Binomial{N: n2, P: p2, Src: rng}
	covered := 0
	for range reps {
		if IndependentDifference(int64(b1.Rand()), n1, int64(b2.Rand()), n2, Z95).Contains(p1 - p2) {
			covered++
		}
	}
	checkCoverage(t, "IndependentDifference", covered, reps)
}

func TestPairedDifferenceCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation; skipped in -short mode")
	}
	// Cell probabilities of (n11, n10, n01, n00): concordant pairs dominate, as with common
	// random numbers. p1 = 0.30+0.15 = 0.45, p2 = 0.30+0.10 = 0.40, true difference 0.05.
	const (
		n    = 150
		reps = 2000
	)
	cells := [4]float64{0.30, 0.15, 0.10, 0.45}
	const diff = 0.15 - 0.10
	rng := rand.New(rand.NewPCG(1, 2))
	covered := 0
	for range reps {
		var c [4]int64
		for range n {
			u := rng.Float64()
			switch {
			case u < cells[0]:
				c[0]++
			case u < cells[0]+cells[1]:
				c[1]++
			case u < cells[0]+cells[1]+cells[2]:
				c[2]++
			default:
				c[3]++
			}
		}
		if PairedDifference(c[0], c[1], c[2], c[3], Z95).Contains(diff) {
			covered++
		}
	}
	checkCoverage(t, "PairedDifference n=150", covered, reps)
}

func TestKaplanMeierCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation; skipped in -short mode")
	}
	// Cohorts of 100 with a constant per-step event probability h, so S(t) = (1-h)^t, and
	// independent censoring: a subject event-free at t is censored at t with probability c.
	// Pointwise coverage of the log(-log) band is checked at three times.
	const (
		size = 100
		h    = 0.05
		c    = 0.03
		T    = 20
		reps = 2000
	)
	checkAt := []int{5, 10, 15}
	rng := rand.New(rand.NewPCG(1, 2))
	covered := make([]int, len(checkAt))
	events, censored := make([]int64, T+1), make([]int64, T+1)
	for range reps {
		clear(events)
		clear(censored)
		for range size {
			for tt := 1; tt <= T; tt++ {
				if rng.Float64() < h {
					events[tt]++
					break
				}
				if tt == T || rng.Float64() < c {
					censored[tt]++
					break
				}
			}
		}
		curve := KaplanMeier(events, censored, Z95)
		for i, tt := range checkAt {
			if p := curve[tt]; p.Lo <= math.Pow(1-h, float64(tt)) && math.Pow(1-h, float64(tt)) <= p.Hi {
				covered[i]++
			}
		}
	}
	for i, tt := range checkAt {
		checkCoverage(t, fmt.Sprintf("KaplanMeier S(%d)", tt), covered[i], reps)
	}
}
