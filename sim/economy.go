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
	// Locals of length n, so that the loops need no bounds checks.
	n := w.n
	e, b, g, pw, conquered := w.e[:n], w.b[:n], w.g[:n], w.pw[:n], w.conquered[:n]
	drift, phi, bRef := -p.SigmaG*p.SigmaG/2, p.Phi, p.BRef
	for i := range n {
		z := w.rng.NormFloat64()
		if conquered[i] {
			continue
		}
		e[i] *= math.Exp(g[i] + p.SigmaG*z + drift - phi*max(0, b[i]-bRef))
	}
	aidShare, aidIn := w.aidShare[:n], w.aidIn[:n]
	clear(aidShare)
	clear(aidIn)
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
				out := alpha * p.Kappa * b[g] * e[g]
				aidShare[g] += alpha
				for pi := lo; pi < hi; pi++ {
					if w.inForce(pi) {
						aidIn[w.pairs[pi].p] += out / float64(m)
					}
				}
			}
			lo = hi
		}
	}
	keep, kappa := 1-p.Delta, p.Kappa
	for i := range n {
		if conquered[i] {
			continue
		}
		pw[i] = keep*pw[i] + kappa*b[i]*e[i]*max(0, 1-aidShare[i]) + aidIn[i]
	}
}

// betaDraw draws a Beta(alpha, beta) variate from rng (gonum, with the run's own source).
func betaDraw(rng *rand.Rand, alpha, beta float64) float64 {
	return distuv.Beta{Alpha: alpha, Beta: beta, Src: rng}.Rand()
}
