package stats

import "math"

// Wilson returns the Wilson score interval for k successes in n trials at normal quantile z
// (use [Z95] for 95%).
//
// Wilson's interval inverts the score test, so unlike the Wald interval p ± z·sqrt(p(1-p)/n)
// it never leaves [0, 1], is not degenerate at k = 0 or k = n, and keeps coverage close to
// nominal for the small counts and extreme proportions a simulator produces (rare events,
// near-certain outcomes). Newcombe (1998c) recommends it for these reasons.
//
// P is k/n. When n == 0, P, Lo and Hi are all NaN. Wilson panics if n < 0, k < 0, k > n or
// z is negative, infinite or NaN.
func Wilson(k, n int64, z float64) Interval {
	if n < 0 || k < 0 || k > n {
		panic("stats: Wilson needs 0 <= k <= n")
	}
	checkZ(z)
	if n == 0 {
		return nanInterval()
	}
	kf, nf := float64(k), float64(n)
	z2 := z * z
	// The usual form ((p + z²/2n) ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), multiplied
	// through by n so that k(n-k)/n is formed from exact integers.
	den := nf + z2
	centre := (kf + z2/2) / den
	half := z * math.Sqrt(kf*(nf-kf)/nf+z2/4) / den
	lo, hi := centre-half, centre+half
	// At k = 0 (k = n) the lower (upper) bound is exactly 0 (1) in exact arithmetic; rounding
	// would otherwise leave ±1e-17, which would be reported as a spurious nonzero bound.
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return Interval{P: kf / nf, Lo: math.Max(0, lo), Hi: math.Min(1, hi)}
}
