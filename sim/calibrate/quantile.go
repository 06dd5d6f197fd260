package calibrate

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// betaQuantile is the inverse CDF of a Beta(a, b) distribution, fast enough to draw every pair's
// revisionism at every evaluation of a fit.
//
// gonum's distuv.Beta.Quantile (cephes incbi) takes 5–250 µs a call depending on (a, b), which
// made it most of the cost of a population. Here the CDF is tabulated once per (a, b) on a grid
// of t = logit(x), where it is smooth and monotone from x = e^-700 to 1 - e^-37. A quantile is
// then a binary search for the bracketing cell, a cubic Hermite start and two or three Newton
// steps in t on the exact CDF (mathext.RegIncBeta), safeguarded by bisection: x to a relative
// precision of about 1e-12, the CDF at it to about 1e-15. Below the grid (mass below
// F(e^-700), which only a tiny a puts there) it falls back to gonum; above it x rounds to 1.
// A betaQuantile is immutable once built and safe for concurrent use.
type betaQuantile struct {
	a, b, logB float64
	t, f, d    []float64 // the grid of logit(x), and the CDF and its derivative in t there
	fTop       float64   // F(belowOne): larger u have quantiles that round to 1
}

// belowOne is the largest float64 below 1.
const belowOne = 1 - 0x1p-53

const (
	quantileTLo   = -700.0 // logit of the smallest tabulated x, about e^-700
	quantileTHi   = 37.0   // logit of the largest, 1 - e^-37: beyond it x rounds to 1
	quantileTStep = 0.25
)

func newBetaQuantile(a, b float64) *betaQuantile {
	lga, _ := math.Lgamma(a)
	lgb, _ := math.Lgamma(b)
	lgab, _ := math.Lgamma(a + b)
	q := &betaQuantile{a: a, b: b, logB: lga + lgb - lgab, fTop: mathext.RegIncBeta(a, b, belowOne)}
	n := int((quantileTHi-quantileTLo)/quantileTStep) + 1
	q.t, q.f, q.d = make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		t := quantileTLo + float64(i)*quantileTStep
		x := logistic(t)
		q.t[i], q.f[i], q.d[i] = t, mathext.RegIncBeta(a, b, x), q.slope(x)
	}
	return q
}

// slope returns dF/dt at x = logistic(t): pdf(x) * x * (1-x) = x^a (1-x)^b / B(a, b).
func (q *betaQuantile) slope(x float64) float64 {
	return math.Exp(q.a*math.Log(x) + q.b*math.Log1p(-x) - q.logB)
}

// logistic returns 1/(1+e^-t).
func logistic(t float64) float64 { return 1 / (1 + math.Exp(-t)) }

// at returns the u-quantile. It is non-decreasing in u, which common random numbers rely on,
// except within a few ulps of 1 when b is far below 1 (Beta(0.02, 0.02) puts a quarter of its
// mass there, where float64 cannot resolve the quantile); quantiles that round to 1 are 1.
func (q *betaQuantile) at(u float64) float64 {
	switch {
	case u <= 0:
		return 0
	case u >= 1 || u > q.fTop:
		return 1
	}
	return math.Min(q.solve(u), belowOne)
}

// solve returns the u-quantile for 0 < u < 1.
func (q *betaQuantile) solve(u float64) float64 {
	n := len(q.f)
	switch {
	case u <= q.f[0] || u >= q.f[n-1]:
		return distuv.Beta{Alpha: q.a, Beta: q.b}.Quantile(u)
	}
	// The first grid point with F >= u; the root lies in [t[j-1], t[j]].
	j := sort.SearchFloat64s(q.f, u)
	lo, hi := q.t[j-1], q.t[j]
	flo, fhi := q.f[j-1], q.f[j]
	if fhi == u {
		return logistic(hi)
	}
	// Start from the cubic Hermite interpolation of t as a function of F (slopes dt/dF =
	// 1/d), accurate to about h^4: two Newton steps then reach the precision of RegIncBeta.
	// Where a slope is not finite and positive, or the cubic leaves the cell, start from the
	// linear interpolation.
	s := (u - flo) / (fhi - flo)
	t := lo + (hi-lo)*s
	if dlo, dhi := q.d[j-1], q.d[j]; dlo > 0 && dhi > 0 && !math.IsInf(dlo, 0) && !math.IsInf(dhi, 0) {
		df := fhi - flo
		s2, s3 := s*s, s*s*s
		c := (2*s3-3*s2+1)*lo + (s3-2*s2+s)*df/dlo + (-2*s3+3*s2)*hi + (s3-s2)*df/dhi
		if c > lo && c < hi {
			t = c
		}
	}
	for range 60 {
		x := logistic(t)
		g := mathext.RegIncBeta(q.a, q.b, x) - u
		if g == 0 {
			return x
		}
		if g < 0 {
			lo = t
		} else {
			hi = t
		}
		d := q.slope(x)
		next := t - g/d
		if !(next > lo && next < hi) || d == 0 {
			next = lo + (hi-lo)/2 // Newton left the bracket: bisect
		}
		if math.Abs(next-t) <= 1e-12*math.Max(1, math.Abs(t)) {
			return logistic(next)
		}
		t = next
	}
	return logistic(t)
}
