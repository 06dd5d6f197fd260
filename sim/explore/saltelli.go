package explore

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"alliancesim/sim/stats"
)

// ErrConstantOutput is returned (wrapped) by the index estimators when every output value is
// the same: the output has no variance to apportion among the factors.
var ErrConstantOutput = errors.New("the output is constant, so there is no variance to apportion")

// Saltelli is the design for Sobol' indices of Saltelli (2002) and Saltelli et al. (2010):
// two independent N×K matrices A and B, taken side by side from one 2K-dimensional Sobol'
// sequence, and for each factor i the matrix AB^i (A with column i from B) and, for
// second-order indices, BA^i (B with column i from A).
//
// Rows are laid out as SALib's saltelli and sobol samplers lay them out, so that outputs can
// be cross-checked with SALib's sobol.analyze: for each base row j, the rows
//
//	A_j, AB^1_j, ..., AB^K_j, [BA^1_j, ..., BA^K_j,] B_j
//
// that is N(K+2) rows, or N(2K+2) with SecondOrder.
type Saltelli struct {
	N           int  // base samples, ideally a power of two
	K           int  // factors
	SecondOrder bool // also lay out BA^i, for the second-order indices S2
}

func (s Saltelli) block() int {
	if s.SecondOrder {
		return 2*s.K + 2
	}
	return s.K + 2
}

// Rows returns the number of design points, N(K+2) or N(2K+2).
func (s Saltelli) Rows() int { return s.N * s.block() }

func (s Saltelli) check() error {
	if s.N < 2 {
		return fmt.Errorf("saltelli: %d base samples: want at least 2", s.N)
	}
	if s.K < 1 || 2*s.K > MaxSobolDim {
		return fmt.Errorf("saltelli: %d factors: want 1 to %d", s.K, MaxSobolDim/2)
	}
	return nil
}

// Points returns the design's Rows() points in [0, 1)^K, built from the 2K-dimensional Sobol'
// sequence starting at index skip. It panics if the design is invalid (fewer than 2 base
// samples, or K outside [1, MaxSobolDim/2]).
func (s Saltelli) Points(skip int) [][]float64 {
	if err := s.check(); err != nil {
		panic("explore: " + err.Error())
	}
	base := SobolSequence(s.N, 2*s.K, skip)
	k := s.K
	flat := make([]float64, s.Rows()*k)
	pts := make([][]float64, s.Rows())
	for i := range pts {
		pts[i] = flat[i*k : (i+1)*k : (i+1)*k]
	}
	blk := s.block()
	for j, ab := range base {
		a, b := ab[:k], ab[k:]
		rows := pts[j*blk : (j+1)*blk]
		copy(rows[0], a)
		for i := range k {
			copy(rows[1+i], a)
			rows[1+i][i] = b[i]
			if s.SecondOrder {
				copy(rows[1+k+i], b)
				rows[1+k+i][i] = a[i]
			}
		}
		copy(rows[blk-1], b)
	}
	return pts
}

// SobolIndices are variance-based sensitivity indices with the half-widths of their
// bootstrap 95% confidence intervals. The JSON field names are SALib's. S2 and S2Conf are
// nil without second-order indices; otherwise S2[i][j] for i < j is the second-order index
// of factors i and j, and the other entries are NaN (null in JSON), as in SALib.
type SobolIndices struct {
	S1     []float64   // first-order indices, Saltelli et al. (2010) estimator
	S1Conf []float64   // half-width of S1's 95% bootstrap interval
	ST     []float64   // total-order indices, Jansen (1999) estimator
	STConf []float64   // half-width of ST's 95% bootstrap interval
	S2     [][]float64 // second-order indices, Saltelli (2002) estimator
	S2Conf [][]float64 // half-width of S2's 95% bootstrap interval
}

// Indices estimates Sobol' indices from the outputs y of the design's points, in the order of
// Points. Each index's confidence half-width is 1.96 times the standard deviation of the
// index over resamples bootstrap resamples of the N base rows (the normal-approximation
// interval SALib reports), drawn from a PCG generator seeded with seed; with fewer than two
// resamples the half-widths are NaN.
//
// The estimators, on outputs centred by their mean and with V the variance of the A and B
// outputs pooled:
//
//	S1_i  = mean(f(B) (f(AB^i) - f(A))) / V          Saltelli et al. (2010)
//	ST_i  = mean((f(A) - f(AB^i))^2) / (2V)          Jansen (1999)
//	S2_ij = mean(f(BA^i) f(AB^j) - f(A) f(B)) / V - S1_i - S1_j   Saltelli (2002)
//
// It returns an error if len(y) is not Rows(), y holds a NaN or infinity, or the outputs are
// constant (wrapping ErrConstantOutput).
func (s Saltelli) Indices(y []float64, resamples int, seed uint64) (*SobolIndices, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	if len(y) != s.Rows() {
		return nil, fmt.Errorf("saltelli: %d outputs for a design of %d rows (N=%d, K=%d, second order %t)",
			len(y), s.Rows(), s.N, s.K, s.SecondOrder)
	}
	var mean float64
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("saltelli: output %d is %v", i, v)
		}
		mean += v
	}
	mean /= float64(len(y))
	n, k, blk := s.N, s.K, s.block()
	// Columns of centred outputs: a, b, and ab[i], ba[i] per factor.
	col := func(off int) []float64 {
		c := make([]float64, n)
		for j := range c {
			c[j] = y[j*blk+off] - mean
		}
		return c
	}
	e := estimator{a: col(0), b: col(blk - 1), ab: make([][]float64, k)}
	for i := range k {
		e.ab[i] = col(1 + i)
	}
	if s.SecondOrder {
		e.ba = make([][]float64, k)
		for i := range k {
			e.ba[i] = col(1 + k + i)
		}
	}
	all := make([]int, n)
	for j := range all {
		all[j] = j
	}
	res := &SobolIndices{S1: make([]float64, k), ST: make([]float64, k)}
	if !e.estimate(all, res.S1, res.ST) {
		return nil, fmt.Errorf("saltelli: %w", ErrConstantOutput)
	}
	if s.SecondOrder {
		res.S2 = nanSquare(k)
		e.estimate2(all, res.S1, res.S2)
	}

	// Bootstrap: every resample draws one set of base rows, shared by all indices as in
	// SALib, and the spread of each index over resamples gives its interval.
	res.S1Conf, res.STConf = make([]float64, k), make([]float64, k)
	// b1[i][r], bt[i][r], b2[i][j][r]: index values of resample r.
	b1, bt := make([][]float64, k), make([][]float64, k)
	var b2 [][][]float64
	for i := range k {
		b1[i], bt[i] = make([]float64, resamples), make([]float64, resamples)
	}
	var s2 [][]float64
	if s.SecondOrder {
		res.S2Conf, s2 = nanSquare(k), nanSquare(k)
		b2 = make([][][]float64, k)
		for i := range k {
			b2[i] = make([][]float64, k)
			for j := i + 1; j < k; j++ {
				b2[i][j] = make([]float64, resamples)
			}
		}
	}
	rng := rand.New(rand.NewPCG(seed, streamBootstrap))
	idx := make([]int, n)
	s1, st := make([]float64, k), make([]float64, k)
	for r := range resamples {
		for j := range idx {
			idx[j] = rng.IntN(n)
		}
		if !e.estimate(idx, s1, st) {
			// A resample of identical outputs: its indices are 0, as SALib counts them.
			clear(s1)
			clear(st)
		}
		for i := range k {
			b1[i][r], bt[i][r] = s1[i], st[i]
		}
		if s.SecondOrder {
			e.estimate2(idx, s1, s2)
			for i := range k {
				for j := i + 1; j < k; j++ {
					b2[i][j][r] = s2[i][j]
				}
			}
		}
	}
	for i := range k {
		res.S1Conf[i] = stats.Z95 * sd(b1[i])
		res.STConf[i] = stats.Z95 * sd(bt[i])
		for j := i + 1; j < k && s.SecondOrder; j++ {
			res.S2Conf[i][j] = stats.Z95 * sd(b2[i][j])
		}
	}
	return res, nil
}

// estimator holds the centred output columns of a Saltelli design.
type estimator struct {
	a, b   []float64
	ab, ba [][]float64
}

// variance returns the population variance of the a and b outputs of rows idx.
func (e *estimator) variance(idx []int) float64 {
	var sum, sum2 float64
	for _, j := range idx {
		sum += e.a[j] + e.b[j]
		sum2 += e.a[j]*e.a[j] + e.b[j]*e.b[j]
	}
	m := 2 * float64(len(idx))
	mu := sum / m
	return math.Max(sum2/m-mu*mu, 0)
}

// estimate writes the first- and total-order indices computed on rows idx into s1 and st;
// it reports false if those rows' outputs have no variance.
func (e *estimator) estimate(idx []int, s1, st []float64) bool {
	v := e.variance(idx)
	if !(v > 0) {
		return false
	}
	m := float64(len(idx))
	for i, ab := range e.ab {
		var f, t float64
		for _, j := range idx {
			d := ab[j] - e.a[j]
			f += e.b[j] * d
			t += d * d
		}
		s1[i] = f / m / v
		st[i] = t / m / (2 * v)
	}
	return true
}

// estimate2 writes the second-order indices computed on rows idx into the upper triangle of
// s2, given the first-order indices s1 of the same rows.
func (e *estimator) estimate2(idx []int, s1 []float64, s2 [][]float64) {
	v := e.variance(idx)
	m := float64(len(idx))
	for i := range e.ab {
		for j := i + 1; j < len(e.ab); j++ {
			if !(v > 0) {
				s2[i][j] = 0
				continue
			}
			var sum float64
			for _, r := range idx {
				sum += e.ba[i][r]*e.ab[j][r] - e.a[r]*e.b[r]
			}
			s2[i][j] = sum/m/v - s1[i] - s1[j]
		}
	}
}

func nanSquare(k int) [][]float64 {
	m := make([][]float64, k)
	for i := range m {
		m[i] = make([]float64, k)
		for j := range m[i] {
			m[i][j] = math.NaN()
		}
	}
	return m
}
