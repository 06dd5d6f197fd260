package agents

import "sort"

// FreerideSpending returns a free-rider's best-response defence spending s = b*E when its allies
// spend others in all, for the utility U = (1-alpha)*ln(E-s) + alpha*ln(s+others)
// (Olson & Zeckhauser 1966):
//
//	s = max(0, alpha*E - (1-alpha)*others)
func FreerideSpending(e, others, alpha float64) float64 {
	return max(0, alpha*e-(1-alpha)*others)
}

// FreerideEquilibrium returns the Nash equilibrium spending of an alliance whose members have
// economies es, each maximising (1-alpha)*ln(E-s) + alpha*ln(sum of all s): the contributors are
// the largest members whose E exceeds ((1-alpha)/alpha)*Q*, with Q* = alpha*Y_C/(alpha +
// |C|*(1-alpha)), and each pays s_i = E_i - ((1-alpha)/alpha)*Q*. The others pay nothing.
func FreerideEquilibrium(es []float64, alpha float64) []float64 {
	idx := make([]int, len(es))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return es[idx[a]] > es[idx[b]] })
	k := (1 - alpha) / alpha
	var q float64
	y := 0.0
	n := 0
	for c, i := range idx {
		yc := y + es[i]
		qc := alpha * yc / (alpha + float64(c+1)*(1-alpha))
		// The prefix C is valid when all its members exceed k*Q*; since es is sorted, checking
		// the smallest member suffices.
		if es[i] <= k*qc {
			break
		}
		y, q, n = yc, qc, c+1
	}
	s := make([]float64, len(es))
	for _, i := range idx[:n] {
		s[i] = es[i] - k*q
	}
	return s
}
