package explore

import (
	"fmt"
	"math"
	"slices"
)

// Robust summarises one policy option's outcomes across the points of a design.
type Robust struct {
	Mean        float64 `json:"mean"`
	P10         float64 `json:"p10"`         // 10th percentile across points
	P90         float64 `json:"p90"`         // 90th percentile across points
	Satisficing float64 `json:"satisficing"` // share of points meeting the threshold
	MaxRegret   float64 `json:"max_regret"`  // largest shortfall from the best option at a point
	MeanRegret  float64 `json:"mean_regret"` // mean shortfall from the best option
}

// Robustness compares options across the points of a design: y[o][p] is option o's outcome
// at point p, with common random numbers, so that a column is a paired comparison. If larger
// is true larger outcomes are better; otherwise smaller ones are (a probability of war, a
// cost).
//
// For each option it returns the mean; the 10th and 90th percentiles (linear interpolation
// between order statistics, Hyndman and Fan's 1996 type 7, the default of R and NumPy); the
// satisficing share, the share of points where the outcome meets threshold (y ≥ threshold
// if larger, y ≤ threshold otherwise; Simon 1956, Lempert and Collins 2007); and Savage's
// (1951) regret: at each point, how far the option falls short of the best option there,
// |y - best|, with its maximum (minimax regret) and mean over points.
//
// A point at which any option's outcome is NaN is left out of every statistic, so that all
// options are compared on the same points; with no point left the statistics are NaN. It
// panics if the rows of y differ in length.
func Robustness(y [][]float64, threshold float64, larger bool) []Robust {
	if len(y) == 0 {
		return nil
	}
	np := len(y[0])
	for o, row := range y {
		if len(row) != np {
			panic(fmt.Sprintf("explore: Robustness: option %d has %d points, option 0 has %d", o, len(row), np))
		}
	}
	var keep []int
	for p := range np {
		ok := true
		for _, row := range y {
			ok = ok && !math.IsNaN(row[p])
		}
		if ok {
			keep = append(keep, p)
		}
	}
	best := make([]float64, len(keep))
	for j, p := range keep {
		best[j] = y[0][p]
		for _, row := range y[1:] {
			if larger {
				best[j] = math.Max(best[j], row[p])
			} else {
				best[j] = math.Min(best[j], row[p])
			}
		}
	}
	out := make([]Robust, len(y))
	nan := math.NaN()
	for o, row := range y {
		if len(keep) == 0 {
			out[o] = Robust{nan, nan, nan, nan, nan, nan}
			continue
		}
		v := make([]float64, len(keep))
		var sum, regret, maxRegret float64
		var meets int
		for j, p := range keep {
			v[j] = row[p]
			sum += v[j]
			if (larger && v[j] >= threshold) || (!larger && v[j] <= threshold) {
				meets++
			}
			r := math.Abs(best[j] - v[j])
			regret += r
			maxRegret = math.Max(maxRegret, r)
		}
		slices.Sort(v)
		n := float64(len(keep))
		out[o] = Robust{
			Mean: sum / n, P10: quantile7(v, 0.1), P90: quantile7(v, 0.9),
			Satisficing: float64(meets) / n, MaxRegret: maxRegret, MeanRegret: regret / n,
		}
	}
	return out
}

// quantile7 returns the p-quantile of the sorted values v by Hyndman and Fan's type 7:
// the order statistic at 1-based position 1 + (n-1)p, interpolated linearly.
func quantile7(v []float64, p float64) float64 {
	h := float64(len(v)-1) * p
	lo := int(math.Floor(h))
	if lo+1 >= len(v) {
		return v[len(v)-1]
	}
	return v[lo] + (h-float64(lo))*(v[lo+1]-v[lo])
}
