package explore

import (
	"fmt"
	"math"
	"math/rand/v2"

	"alliancesim/sim/stats"

	"gonum.org/v1/gonum/stat"
)

// Morris is the elementary-effects screening design of Morris (1991, Technometrics 33:161)
// with the μ* measure of Campolongo, Cariboni and Saltelli (2007, Environmental Modelling &
// Software 22:1509): R trajectories of K+1 points on the grid {0, 1/(Levels-1), ..., 1}^K,
// each point differing from the previous one in one factor by ±Delta().
//
// With Candidates > R, Points draws that many trajectories and keeps the R that spread
// farthest over the space (Campolongo et al. 2007), so that few trajectories still explore
// the whole range of every factor.
type Morris struct {
	R          int // trajectories
	K          int // factors
	Levels     int // grid levels per factor, even and at least 2 (4 is usual)
	Candidates int // trajectories to choose the R from; 0 or R means no choice
}

// Delta returns the step of an elementary effect, Levels/(2(Levels-1)), the step that makes
// every grid level equally likely to be visited (Morris 1991).
func (m Morris) Delta() float64 { return float64(m.Levels) / (2 * float64(m.Levels-1)) }

// Rows returns the number of design points, R(K+1).
func (m Morris) Rows() int { return m.R * (m.K + 1) }

func (m Morris) check() error {
	switch {
	case m.R < 2:
		return fmt.Errorf("morris: %d trajectories: want at least 2", m.R)
	case m.K < 1:
		return fmt.Errorf("morris: %d factors: want at least 1", m.K)
	case m.Levels < 2 || m.Levels%2 != 0:
		return fmt.Errorf("morris: %d levels: want an even number, at least 2", m.Levels)
	case m.Candidates != 0 && m.Candidates < m.R:
		return fmt.Errorf("morris: %d candidates for %d trajectories: want 0 or at least %d", m.Candidates, m.R, m.R)
	}
	return nil
}

// Points returns the R trajectories one after another, Rows() points in all. Each trajectory
// starts at a random grid point from which every factor can move by Delta(), visits the
// factors in a random order and moves each up or down at random (Morris 1991's randomised
// orientation matrix). Coordinates lie on the grid and include 1, so a caller mapping them to
// a categorical level or through an unbounded inverse CDF must clamp them below 1. The design
// is a pure function of m and seed. It panics if the design is invalid.
func (m Morris) Points(seed uint64) [][]float64 {
	if err := m.check(); err != nil {
		panic("explore: " + err.Error())
	}
	if m.Candidates <= m.R {
		return m.trajectories(m.R, seed)
	}
	all := m.trajectories(m.Candidates, seed)
	keep := spread(all, m.Candidates, m.K+1, m.R)
	pts := make([][]float64, 0, m.Rows())
	for _, t := range keep {
		pts = append(pts, all[t*(m.K+1):(t+1)*(m.K+1)]...)
	}
	return pts
}

// trajectories draws r random trajectories.
func (m Morris) trajectories(r int, seed uint64) [][]float64 {
	rng := rand.New(rand.NewPCG(seed, streamMorris))
	k, delta := m.K, m.Delta()
	step := 1 / float64(m.Levels-1)
	flat := make([]float64, r*(k+1)*k)
	pts := make([][]float64, r*(k+1))
	for i := range pts {
		pts[i] = flat[i*k : (i+1)*k : (i+1)*k]
	}
	order := make([]int, k)
	up := make([]bool, k)
	for r := range r {
		traj := pts[r*(k+1) : (r+1)*(k+1)]
		for i := range k {
			// Base levels 0 .. Levels/2-1 are those from which +Delta stays on the grid.
			base := float64(rng.IntN(m.Levels/2)) * step
			up[i] = rng.IntN(2) == 0
			if up[i] {
				traj[0][i] = base
			} else {
				traj[0][i] = base + delta
			}
			order[i] = i
		}
		rng.Shuffle(k, func(a, b int) { order[a], order[b] = order[b], order[a] })
		for t, i := range order {
			copy(traj[t+1], traj[t])
			if up[i] {
				traj[t+1][i] += delta
			} else {
				traj[t+1][i] -= delta
			}
			// Snap to the grid so that sums of steps never stray by a rounding error.
			traj[t+1][i] = math.Round(traj[t+1][i]/step) * step
		}
	}
	return pts
}

// spread returns, ascending, the indices of keep of the n trajectories of length l in pts
// that lie far apart. The distance between two trajectories is the sum of the Euclidean
// distances between their points (Campolongo et al. 2007); the spread of a set is the sum
// over its pairs. Instead of Campolongo's exhaustive search over all subsets, it drops one
// trajectory at a time, the one whose removal costs the least spread (the one closest to the
// others), as Ruano, Ribes, Sin and Van Hulle's (2012) local search does in spirit.
func spread(pts [][]float64, n, l, keep int) []int {
	d := make([][]float64, n)
	for a := range d {
		d[a] = make([]float64, n)
	}
	for a := range n {
		for b := a + 1; b < n; b++ {
			var s float64
			for _, p := range pts[a*l : (a+1)*l] {
				for _, q := range pts[b*l : (b+1)*l] {
					var e float64
					for i, v := range p {
						e += (v - q[i]) * (v - q[i])
					}
					s += math.Sqrt(e)
				}
			}
			d[a][b], d[b][a] = s, s
		}
	}
	alive := make([]bool, n)
	sum := make([]float64, n) // distance to the other live trajectories
	for a := range n {
		alive[a] = true
		for b := range n {
			sum[a] += d[a][b]
		}
	}
	for left := n; left > keep; left-- {
		drop := -1
		for a := range n {
			if alive[a] && (drop < 0 || sum[a] < sum[drop]) {
				drop = a
			}
		}
		alive[drop] = false
		for a := range n {
			sum[a] -= d[a][drop]
		}
	}
	var out []int
	for a, ok := range alive {
		if ok {
			out = append(out, a)
		}
	}
	return out
}

// MorrisIndices are the Morris screening measures of each factor. In JSON they carry SALib's
// keys mu, mu_star, sigma and mu_star_conf, and sigma_conf, which SALib does not give.
type MorrisIndices struct {
	Mu         []float64 // mean elementary effect
	MuStar     []float64 // mean absolute elementary effect (Campolongo et al. 2007)
	Sigma      []float64 // standard deviation of the elementary effects
	MuStarConf []float64 // half-width of μ*'s 95% bootstrap interval
	SigmaConf  []float64 // half-width of σ's 95% bootstrap interval
}

// Indices computes the Morris measures from the outputs y at points, the trajectories of
// Points (or any trajectories of K+1 points in which consecutive points differ in exactly
// one coordinate, each coordinate once). An elementary effect is the change in y divided by
// the change in that coordinate, so that effects are per unit of the unit-cube coordinate:
// for y = Σ b_i u_i every effect of factor i is b_i, whatever the step. μ* is the mean
// absolute effect over the R trajectories, a robust proxy for the total index
// (Campolongo et al. 2007); σ (standard deviation, n-1 divisor) large next to μ* signals
// interactions or non-linearity. μ*'s half-width is 1.96 times the standard deviation of μ*
// over resamples bootstrap resamples of the R effects (NaN with fewer than two resamples), and
// σ's likewise, from the same resamples.
func (m Morris) Indices(points [][]float64, y []float64, resamples int, seed uint64) (*MorrisIndices, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	if len(points) != m.Rows() || len(y) != m.Rows() {
		return nil, fmt.Errorf("morris: %d points and %d outputs for a design of %d rows (R=%d, K=%d)",
			len(points), len(y), m.Rows(), m.R, m.K)
	}
	k := m.K
	// ee[i][r] is factor i's elementary effect in trajectory r.
	ee := make([][]float64, k)
	for i := range ee {
		ee[i] = make([]float64, m.R)
	}
	for r := range m.R {
		seen := make([]bool, k)
		for t := range k {
			row := r*(k+1) + t
			a, b := points[row], points[row+1]
			if len(a) != k || len(b) != k {
				return nil, fmt.Errorf("morris: point %d or %d has not %d coordinates", row, row+1, k)
			}
			moved := -1
			for i := range k {
				if a[i] != b[i] {
					if moved >= 0 {
						return nil, fmt.Errorf("morris: points %d and %d differ in coordinates %d and %d, want one", row, row+1, moved, i)
					}
					moved = i
				}
			}
			if moved < 0 || seen[moved] {
				return nil, fmt.Errorf("morris: trajectory %d: step %d does not move a new coordinate", r, t)
			}
			seen[moved] = true
			e := (y[row+1] - y[row]) / (b[moved] - a[moved])
			if math.IsNaN(e) || math.IsInf(e, 0) {
				return nil, fmt.Errorf("morris: output %d or %d is not finite", row, row+1)
			}
			ee[moved][r] = e
		}
	}
	res := &MorrisIndices{
		Mu: make([]float64, k), MuStar: make([]float64, k),
		Sigma: make([]float64, k), MuStarConf: make([]float64, k), SigmaConf: make([]float64, k),
	}
	rng := rand.New(rand.NewPCG(seed, streamBootstrap))
	boot, bootSigma := make([]float64, resamples), make([]float64, resamples)
	drawn := make([]float64, m.R)
	for i, e := range ee {
		var abs float64
		for _, v := range e {
			abs += math.Abs(v)
		}
		res.Mu[i], res.Sigma[i] = stat.MeanStdDev(e, nil)
		res.MuStar[i] = abs / float64(m.R)
		for b := range boot {
			var s float64
			for r := range m.R {
				drawn[r] = e[rng.IntN(m.R)]
				s += math.Abs(drawn[r])
			}
			boot[b] = s / float64(m.R)
			_, bootSigma[b] = stat.MeanStdDev(drawn, nil)
		}
		res.MuStarConf[i] = stats.Z95 * sd(boot)
		res.SigmaConf[i] = stats.Z95 * sd(bootSigma)
	}
	return res, nil
}
