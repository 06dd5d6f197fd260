package stats

import (
	"cmp"
	"math"
	"slices"
)

// RankScratch holds the buffers Spearman needs, so that a caller computing many
// correlations in a loop allocates them once. The zero value is ready to use; the buffers
// grow to the largest sample seen. A RankScratch must not be used by two goroutines at once.
type RankScratch struct {
	rx, ry []float64
	idx    []int
}

// grow makes every buffer at least n long, reallocating only when one is too short.
func (s *RankScratch) grow(n int) {
	if cap(s.rx) < n {
		s.rx = make([]float64, n)
		s.ry = make([]float64, n)
		s.idx = make([]int, n)
	}
	s.rx, s.ry, s.idx = s.rx[:n], s.ry[:n], s.idx[:n]
}

// midRanks writes into r the 1-based ranks of x, tied values sharing the average of the ranks
// they span (mid-ranks). idx is scratch of len(x).
func midRanks(r []float64, x []float64, idx []int) {
	for i := range idx {
		idx[i] = i
	}
	// The comparison closure captures only x and does not escape, so the compiler keeps it on
	// the stack: sorting does not allocate (checked by TestSpearmanNoAllocs).
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		// Positions i..j-1 hold ranks i+1..j, whose average is (i+1+j)/2.
		avg := float64(i+1+j) / 2
		for k := i; k < j; k++ {
			r[idx[k]] = avg
		}
		i = j
	}
}

// Spearman returns Spearman's rank correlation of x and y: the Pearson correlation of their
// ranks, tied values being given their average rank.
//
// The textbook shortcut 1 - 6Σd²/(n(n²-1)) is not used because it is exact only without ties,
// and simulator outputs (integer counts, proportions of few runs) tie a lot.
//
// It returns NaN when n < 2, when either variable is constant (its ranks have no spread), or
// when any value is NaN. scratch supplies reusable buffers (see [RankScratch]); with a
// scratch that has already grown to len(x), Spearman does not allocate. A nil scratch makes
// it allocate its own. Spearman panics if len(x) != len(y).
func Spearman(x, y []float64, scratch *RankScratch) float64 {
	if len(x) != len(y) {
		panic("stats: Spearman needs len(x) == len(y)")
	}
	n := len(x)
	if n < 2 {
		return math.NaN()
	}
	for i := range x {
		if math.IsNaN(x[i]) || math.IsNaN(y[i]) {
			return math.NaN()
		}
	}
	if scratch == nil {
		scratch = new(RankScratch)
	}
	scratch.grow(n)
	rx, ry := scratch.rx, scratch.ry
	midRanks(rx, x, scratch.idx)
	midRanks(ry, y, scratch.idx)

	// Mid-ranks are multiples of 1/2 and their mean is exactly (n+1)/2, so every deviation,
	// product and sum below is exact in float64 while the sums stay under 2^53 (n up to about
	// 10^5): the only rounding is in the final product, square root and division.
	mean := float64(n+1) / 2
	var sxy, sxx, syy float64
	for i := range rx {
		dx, dy := rx[i]-mean, ry[i]-mean
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}
