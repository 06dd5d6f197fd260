package explore

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Criterion selects how LHS chooses among candidate Latin hypercubes.
type Criterion int

const (
	// None returns the first random Latin hypercube.
	None Criterion = iota
	// Maximin keeps the candidate with the largest minimum distance between two points
	// (Johnson, Moore and Ylvisaker 1990), so that no two design points nearly coincide.
	Maximin
	// Correlation keeps the candidate with the smallest largest absolute Pearson correlation
	// between two columns (Iman and Conover 1982), so that factors' effects are not confounded.
	Correlation
)

// LHSCandidates is the number of random Latin hypercubes that the Maximin and Correlation
// criteria choose from.
const LHSCandidates = 20

// String returns the criterion's name as the command line spells it.
func (c Criterion) String() string {
	switch c {
	case None:
		return "none"
	case Maximin:
		return "maximin"
	case Correlation:
		return "correlation"
	}
	return fmt.Sprintf("Criterion(%d)", int(c))
}

// ParseCriterion returns the criterion named s ("none", "maximin" or "correlation").
func ParseCriterion(s string) (Criterion, error) {
	for _, c := range []Criterion{None, Maximin, Correlation} {
		if s == c.String() {
			return c, nil
		}
	}
	return 0, fmt.Errorf("criterion %q: want none, maximin or correlation", s)
}

// LHS returns a Latin hypercube sample (McKay, Beckman and Conover 1979) of n points in
// [0, 1)^k: each coordinate's n strata [i/n, (i+1)/n) hold exactly one point each, at a
// uniform position within its stratum. With a criterion other than None it draws
// LHSCandidates hypercubes and returns the best; the result is a pure function of
// (n, k, seed, crit). It panics if n or k is negative or crit is unknown.
func LHS(n, k int, seed uint64, crit Criterion) [][]float64 {
	if n < 0 || k < 0 {
		panic(fmt.Sprintf("explore: LHS(%d, %d): negative size", n, k))
	}
	var score func([][]float64) float64 // larger is better
	switch crit {
	case None:
	case Maximin:
		score = minDistance2
	case Correlation:
		score = func(x [][]float64) float64 { return -maxAbsCorrelation(x) }
	default:
		panic(fmt.Sprintf("explore: LHS: unknown %v", crit))
	}
	rng := rand.New(rand.NewPCG(seed, streamLHS))
	best := latinHypercube(n, k, rng)
	if score == nil || n < 2 {
		return best
	}
	bestScore := score(best)
	for range LHSCandidates - 1 {
		x := latinHypercube(n, k, rng)
		// Strictly better only, so that ties keep the earlier candidate.
		if s := score(x); s > bestScore {
			best, bestScore = x, s
		}
	}
	return best
}

// Streams of the PCG generators, one per use, so that two uses of one seed are independent.
const (
	streamLHS = 0x4c4853 + iota // "LHS"
	streamMorris
	streamBootstrap
)

func latinHypercube(n, k int, rng *rand.Rand) [][]float64 {
	flat := make([]float64, n*k)
	x := make([][]float64, n)
	for i := range x {
		x[i] = flat[i*k : (i+1)*k : (i+1)*k]
	}
	perm := make([]int, n)
	for j := range k {
		for i := range perm {
			perm[i] = i
		}
		rng.Shuffle(n, func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
		for i, p := range perm {
			u := (float64(p) + rng.Float64()) / float64(n)
			x[i][j] = math.Min(u, math.Nextafter(1, 0)) // rounding could give exactly 1
		}
	}
	return x
}

// minDistance2 returns the smallest squared Euclidean distance between two rows of x. It
// sweeps the rows in order of their first coordinate, so that a pair whose first
// coordinates alone are farther apart than the best distance so far ends the inner loop.
func minDistance2(x [][]float64) float64 {
	m := math.Inf(1)
	if len(x) < 2 || len(x[0]) == 0 {
		return m
	}
	order := make([]int, len(x))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(x[a][0], x[b][0]) })
	for ia, a := range order {
		for _, b := range order[ia+1:] {
			if t := x[b][0] - x[a][0]; t*t >= m {
				break
			}
			var d float64
			for c, xa := range x[a] {
				t := xa - x[b][c]
				d += t * t
				if d >= m {
					break
				}
			}
			m = math.Min(m, d)
		}
	}
	return m
}

// maxAbsCorrelation returns the largest absolute Pearson correlation between two columns of
// x (0 with fewer than two columns).
func maxAbsCorrelation(x [][]float64) float64 {
	if len(x) == 0 {
		return 0
	}
	n, k := len(x), len(x[0])
	// Centre and scale each column once; the correlation is then a dot product.
	z := make([][]float64, k)
	for c := range k {
		col := make([]float64, n)
		var mean float64
		for i := range x {
			mean += x[i][c]
		}
		mean /= float64(n)
		var ss float64
		for i := range x {
			col[i] = x[i][c] - mean
			ss += col[i] * col[i]
		}
		if ss > 0 {
			s := 1 / math.Sqrt(ss)
			for i := range col {
				col[i] *= s
			}
		}
		z[c] = col
	}
	var m float64
	for a := range k {
		for b := a + 1; b < k; b++ {
			var r float64
			for i := range n {
				r += z[a][i] * z[b][i]
			}
			m = math.Max(m, math.Abs(r))
		}
	}
	return m
}
