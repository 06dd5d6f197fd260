package explore

import (
	"math"
	"testing"
)

func TestLHSStrata(t *testing.T) {
	for _, crit := range []Criterion{None, Maximin, Correlation} {
		for _, c := range []struct{ n, k int }{{1, 3}, {2, 1}, {10, 4}, {97, 6}} {
			x := LHS(c.n, c.k, 7, crit)
			if len(x) != c.n {
				t.Fatalf("%v n=%d k=%d: %d rows", crit, c.n, c.k, len(x))
			}
			for j := range c.k {
				hit := make([]int, c.n)
				for _, row := range x {
					if len(row) != c.k || row[j] < 0 || row[j] >= 1 {
						t.Fatalf("%v n=%d k=%d: row %v", crit, c.n, c.k, row)
					}
					hit[int(row[j]*float64(c.n))]++
				}
				for s, h := range hit {
					if h != 1 {
						t.Errorf("%v n=%d k=%d: column %d stratum %d holds %d points", crit, c.n, c.k, j, s, h)
					}
				}
			}
		}
	}
}

func TestLHSDeterministic(t *testing.T) {
	a, b := LHS(50, 3, 11, Maximin), LHS(50, 3, 11, Maximin)
	c := LHS(50, 3, 12, Maximin)
	same := func(x, y [][]float64) bool {
		for i := range x {
			for j := range x[i] {
				if x[i][j] != y[i][j] {
					return false
				}
			}
		}
		return true
	}
	if !same(a, b) {
		t.Error("two calls with one seed differ")
	}
	if same(a, c) {
		t.Error("seeds 11 and 12 give the same design")
	}
}

// TestLHSCriteria checks that each criterion improves its own measure over None, on average
// over seeds (the first candidate is None's design, so it can never be worse).
func TestLHSCriteria(t *testing.T) {
	const seeds = 10
	var dNone, dMax, rNone, rCorr float64
	for seed := range uint64(seeds) {
		none := LHS(40, 4, seed, None)
		dNone += minDistance2(none)
		rNone += maxAbsCorrelation(none)
		max := LHS(40, 4, seed, Maximin)
		corr := LHS(40, 4, seed, Correlation)
		if minDistance2(max) < minDistance2(none) {
			t.Errorf("seed %d: maximin's minimum distance %v < none's %v", seed, minDistance2(max), minDistance2(none))
		}
		if maxAbsCorrelation(corr) > maxAbsCorrelation(none) {
			t.Errorf("seed %d: correlation's %v > none's %v", seed, maxAbsCorrelation(corr), maxAbsCorrelation(none))
		}
		dMax += minDistance2(max)
		rCorr += maxAbsCorrelation(corr)
	}
	if !(dMax > 1.5*dNone) {
		t.Errorf("maximin: mean squared minimum distance %v, none %v: want a clear gain", dMax/seeds, dNone/seeds)
	}
	if !(rCorr < 0.7*rNone) {
		t.Errorf("correlation: mean largest |r| %v, none %v: want a clear gain", rCorr/seeds, rNone/seeds)
	}
}

func TestParseCriterion(t *testing.T) {
	for _, c := range []Criterion{None, Maximin, Correlation} {
		got, err := ParseCriterion(c.String())
		if err != nil || got != c {
			t.Errorf("ParseCriterion(%q) = %v, %v", c.String(), got, err)
		}
	}
	if _, err := ParseCriterion("best"); err == nil {
		t.Error("ParseCriterion(best): no error")
	}
}

func TestMinDistance(t *testing.T) {
	// The sweep must agree with the plain all-pairs minimum.
	for seed := range uint64(5) {
		x := LHS(60, 3, seed, None)
		want := math.Inf(1)
		for i := range x {
			for j := i + 1; j < len(x); j++ {
				var d float64
				for c := range x[i] {
					d += (x[i][c] - x[j][c]) * (x[i][c] - x[j][c])
				}
				want = math.Min(want, d)
			}
		}
		if got := minDistance2(x); got != want {
			t.Errorf("seed %d: minDistance2 = %v, want %v", seed, got, want)
		}
	}
}
