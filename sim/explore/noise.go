package explore

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
)

// Noise is the Monte Carlo noise in an output measured at the points of a design.
type Noise struct {
	Share    float64 `json:"share"`     // NoiseVar / TotalVar, capped at 1
	NoiseVar float64 `json:"noise_var"` // mean sampling variance of a point's output
	TotalVar float64 `json:"total_var"` // variance of the output across all design points
	Points   int     `json:"points"`    // points at which the noise was measured
}

// NoiseShare estimates how much of the variance of an output across a design is Monte Carlo
// noise rather than the factors' doing. y holds the output at every design point (each the
// estimate from a point's runs, such as a share of runs ending in war); pointVar holds, for
// some of the points (a random subset, or all of them), the sampling variance of that
// estimate: the variance it would show if the point were run again with other seeds (see
// [BinomialNoiseVar], [MeanNoiseVar], or the variance of replicate estimates).
//
// By the law of total variance, Var(Y) = Var(E[Y|x]) + E[Var(Y|x)]: the output's variance
// across the design is the factors' part plus the mean noise variance. NoiseShare returns the
// estimate E[Var(Y|x)]/Var(Y), the mean of pointVar over the sample variance (n-1 divisor) of
// y, capped at 1. This is the share of variance that the Sobol' and Morris estimators will
// attribute to the factors although no factor causes it (see the package documentation for
// its effect on S1 and ST); a share of a few per cent can be ignored, a share near the
// smaller indices cannot. It assumes the noise at a point does not depend on the noise at
// another; with common random numbers across points the noise is correlated and the real
// effect on the indices is smaller. The share is NaN if y has fewer than two values or no
// variance, or pointVar is empty. It returns an error if a value is NaN or negative.
func NoiseShare(y, pointVar []float64) (Noise, error) {
	for i, v := range y {
		if math.IsNaN(v) {
			return Noise{}, fmt.Errorf("noise share: output %d is NaN", i)
		}
	}
	var noise float64
	for i, v := range pointVar {
		if !(v >= 0) {
			return Noise{}, fmt.Errorf("noise share: sampling variance %d is %v, want ≥ 0", i, v)
		}
		noise += v
	}
	n := Noise{NoiseVar: math.NaN(), TotalVar: variance(y), Points: len(pointVar), Share: math.NaN()}
	if len(pointVar) > 0 {
		n.NoiseVar = noise / float64(len(pointVar))
	}
	if n.TotalVar > 0 {
		n.Share = math.Min(n.NoiseVar/n.TotalVar, 1)
	}
	return n, nil
}

// BinomialNoiseVar returns the unbiased estimate p(1-p)/(n-1), with p = successes/runs, of
// the sampling variance of a proportion estimated from runs independent runs. It is NaN for
// fewer than two runs and panics unless 0 ≤ successes ≤ runs.
func BinomialNoiseVar(successes, runs int) float64 {
	if successes < 0 || successes > runs {
		panic(fmt.Sprintf("explore: BinomialNoiseVar(%d, %d): want 0 ≤ successes ≤ runs", successes, runs))
	}
	if runs < 2 {
		return math.NaN()
	}
	p := float64(successes) / float64(runs)
	return p * (1 - p) / float64(runs-1)
}

// MeanNoiseVar returns s²/n, the estimated sampling variance of the mean of the n per-run
// values x, where s² is their sample variance (n-1 divisor). It is NaN for fewer than two
// values.
func MeanNoiseVar(x []float64) float64 {
	return variance(x) / float64(len(x))
}

// variance returns the sample variance (n-1 divisor) of x by gonum's corrected two-pass
// algorithm, which stays exact for a nearly constant sample where the one-pass formula
// cancels; NaN for fewer than two values.
func variance(x []float64) float64 {
	if len(x) < 2 {
		return math.NaN()
	}
	return stat.Variance(x, nil)
}

// sd returns the sample standard deviation of x, NaN for fewer than two values.
func sd(x []float64) float64 { return math.Sqrt(variance(x)) }
