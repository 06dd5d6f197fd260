package sim

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// economy is phase 1: growth with guns-versus-butter drag, then capability accrual with aid.
// One normal draw per state, conquered states included, keeps the stream aligned across runs.
func (w *World) economy() {
	p := &w.p.Model
	for i := range w.n {
		z := w.rng.NormFloat64()
		if w.conquered[i] {
			continue
		}
		w.e[i] *= math.Exp(w.g[i] + p.SigmaG*z - p.SigmaG*p.SigmaG/2 - p.Phi*max(0, w.b[i]-p.BRef))
	}
	clear(w.aidShare)
	clear(w.aidIn)
	for k := range w.gs {
		gk := &w.gs[k]
		alpha := gk.terms.Aid
		if alpha <= 0 || gk.start > w.t {
			continue
		}
		// Pairs are stored grouped by guarantor: split each guarantor's aid equally over its
		// in-force protégés.
		for lo := gk.lo; lo < gk.hi; {
			g := w.pairs[lo].g
			hi := lo
			m := 0
			for hi < gk.hi && w.pairs[hi].g == g {
				if w.inForce(hi) {
					m++
				}
				hi++
			}
			if m > 0 {
				out := alpha * p.Kappa * w.b[g] * w.e[g]
				w.aidShare[g] += alpha
				for pi := lo; pi < hi; pi++ {
					if w.inForce(pi) {
						w.aidIn[w.pairs[pi].p] += out / float64(m)
					}
				}
			}
			lo = hi
		}
	}
	for i := range w.n {
		if w.conquered[i] {
			continue
		}
		keep := max(0, 1-w.aidShare[i])
		w.pw[i] = (1-p.Delta)*w.pw[i] + p.Kappa*w.b[i]*w.e[i]*keep + w.aidIn[i]
	}
}

// betaDraw draws a Beta(alpha, beta) variate from rng (gonum, with the run's own source).
func betaDraw(rng *rand.Rand, alpha, beta float64) float64 {
	return distuv.Beta{Alpha: alpha, Beta: beta, Src: rng}.Rand()
}
