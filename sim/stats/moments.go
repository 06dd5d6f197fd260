package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Moments accumulates the count, sum and sum of squares of a sample, from which it gives the
// mean, the sample standard deviation and a Student-t interval for the mean. The zero value
// is an empty sample.
//
// Raw power sums are kept, rather than Welford's running mean and sum of squared deviations,
// because they merge by plain addition: N is exact, and merging per-worker accumulators in a
// fixed order gives bit-identical results however the runs were split, which the ensemble's
// reproducibility guarantee needs. The price is cancellation in SumSq - Sum²/N when the mean
// is large relative to the standard deviation: the variance loses roughly
// log10(mean²/variance) of float64's ~16 significant digits. Simulator outputs (counts,
// proportions, durations of modest size) lose a few digits at most; a quantity like
// 1e6 ± 1 should be shifted by a rough centre before it is added.
type Moments struct {
	N     int64
	Sum   float64
	SumSq float64
}

// Add adds x to the sample. NaN is ignored and not counted, so a run that could not
// produce a value does not shift the mean; ±Inf is added and makes the results infinite or NaN.
func (m *Moments) Add(x float64) {
	if math.IsNaN(x) {
		return
	}
	m.N++
	m.Sum += x
	m.SumSq += x * x
}

// Merge adds the sample o to m. Merging is exact for N; for the sums it is ordinary
// floating-point addition, deterministic for a fixed order of merges.
func (m *Moments) Merge(o Moments) {
	m.N += o.N
	m.Sum += o.Sum
	m.SumSq += o.SumSq
}

// Mean returns the sample mean, or NaN if N == 0.
func (m Moments) Mean() float64 {
	if m.N == 0 {
		return math.NaN()
	}
	return m.Sum / float64(m.N)
}

// Var returns the sample variance with divisor N-1, (SumSq - Sum²/N)/(N-1), clamped at 0
// because cancellation can leave a tiny negative number for a (nearly) constant sample.
// It is NaN if N < 2.
func (m Moments) Var() float64 {
	if m.N < 2 {
		return math.NaN()
	}
	n := float64(m.N)
	return math.Max(0, (m.SumSq-m.Sum*m.Sum/n)/(n-1))
}

// SD returns the sample standard deviation sqrt(Var()), with divisor N-1. It is NaN if N < 2.
func (m Moments) SD() float64 { return math.Sqrt(m.Var()) }

// MeanCI returns the mean with the Student-t confidence interval
// mean ± t_{N-1, (1+conf)/2} · SD/sqrt(N) at confidence level conf (for example 0.95).
//
// The t interval is exact for normal data and, by the central limit theorem, close for the
// averages of many runs that a simulator reports. If N == 1, P is the single value and Lo and
// Hi are NaN; if N == 0 all three are NaN. MeanCI panics unless 0 < conf < 1.
func (m Moments) MeanCI(conf float64) Interval {
	checkConf(conf)
	iv := Interval{P: m.Mean(), Lo: math.NaN(), Hi: math.NaN()}
	if m.N < 2 {
		return iv
	}
	// Quantile uses no random numbers, so the nil Src of this StudentsT is never touched.
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(m.N - 1)}.Quantile(1 - (1-conf)/2)
	half := t * m.SD() / math.Sqrt(float64(m.N))
	iv.Lo, iv.Hi = iv.P-half, iv.P+half
	return iv
}
