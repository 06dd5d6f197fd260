package stats

import "math"

// PairedDifference returns the difference p1 - p2 of two proportions measured on the same n
// paired subjects, with a confidence interval at normal quantile z by Newcombe's method 10,
// the hybrid score ("square-and-add") interval for paired proportions (Newcombe 1998b,
// Improved confidence intervals for the difference between binomial proportions based on
// paired data, Statistics in Medicine 17:2635–2650).
//
// The counts are the cells of the paired 2×2 table:
//
//	n11: event under both 1 and 2    n10: event under 1 only
//	n01: event under 2 only          n00: event under neither
//
// so p1 = (n11+n10)/n, p2 = (n11+n01)/n and P = (n10-n01)/n. In the simulator the two
// arms are the same runs under two policies with common random numbers.
//
// The method combines the Wilson intervals [l1, u1] and [l2, u2] of p1 and p2 with the
// correlation φ between them:
//
//	Lo = P - sqrt((p1-l1)² - 2φ(p1-l1)(u2-p2) + (u2-p2)²)
//	Hi = P + sqrt((u1-p1)² - 2φ(u1-p1)(p2-l2) + (p2-l2)²)
//
// where φ is the phi coefficient of the table, (n11·n00 - n10·n01)/sqrt(product of the four
// margins), with Newcombe's continuity correction: a positive numerator is reduced by n/2
// and floored at 0, and φ = 0 when a margin is empty. A positive correlation, which common
// random numbers are meant to create, narrows the interval relative to
// [IndependentDifference]; with φ = 0 the two coincide. Lo and Hi lie in [-1, 1].
//
// When n == 0, P, Lo and Hi are NaN. PairedDifference panics if a count is negative or z is
// negative, infinite or NaN.
func PairedDifference(n11, n10, n01, n00 int64, z float64) Interval {
	if n11 < 0 || n10 < 0 || n01 < 0 || n00 < 0 {
		panic("stats: PairedDifference needs non-negative counts")
	}
	checkZ(z)
	n := n11 + n10 + n01 + n00
	if n == 0 {
		return nanInterval()
	}
	k1, k2 := n11+n10, n11+n01
	w1, w2 := Wilson(k1, n, z), Wilson(k2, n, z)

	// φ in float64: the product of the margins overflows int64 once n exceeds about 10^4.75,
	// and the cross products n11·n00 and n10·n01 are exact in float64 while n < 10^8.
	var phi float64
	f := func(v int64) float64 { return float64(v) }
	if margins := f(k1) * f(n-k1) * f(k2) * f(n-k2); margins > 0 {
		num := f(n11)*f(n00) - f(n10)*f(n01)
		if num > 0 {
			num = math.Max(0, num-f(n)/2)
		}
		phi = num / math.Sqrt(margins)
	}

	// P = (n10-n01)/n is p1-p2 rounded once instead of three times.
	p := f(n10-n01) / f(n)
	dl1, du1 := w1.P-w1.Lo, w1.Hi-w1.P
	dl2, du2 := w2.P-w2.Lo, w2.Hi-w2.P
	// |φ| ≤ 1 makes both radicands ≥ (a-b)² ≥ 0 in exact arithmetic; the Max guards rounding.
	lo := p - math.Sqrt(math.Max(0, dl1*dl1-2*phi*dl1*du2+du2*du2))
	hi := p + math.Sqrt(math.Max(0, du1*du1-2*phi*du1*dl2+dl2*dl2))
	return Interval{P: p, Lo: math.Max(-1, lo), Hi: math.Min(1, hi)}
}

// IndependentDifference returns the difference p1 - p2 = k1/n1 - k2/n2 of two proportions
// from independent samples, with Newcombe's method 10 interval, the hybrid score
// ("square-and-add") combination of the two Wilson intervals (Newcombe 1998a, Interval
// estimation for the difference between independent proportions: comparison of eleven
// methods, Statistics in Medicine 17:873–890):
//
//	Lo = P - sqrt((p1-l1)² + (u2-p2)²)
//	Hi = P + sqrt((u1-p1)² + (p2-l2)²)
//
// It is [PairedDifference] with φ = 0, and is what the same comparison would give had the
// two arms used independent random numbers, which shows how much common random numbers
// narrow the interval. Lo and Hi lie in [-1, 1].
//
// When n1 == 0 or n2 == 0, P, Lo and Hi are NaN. It panics if a count is negative, k1 > n1,
// k2 > n2, or z is negative, infinite or NaN.
func IndependentDifference(k1, n1, k2, n2 int64, z float64) Interval {
	if n1 < 0 || n2 < 0 || k1 < 0 || k2 < 0 || k1 > n1 || k2 > n2 {
		panic("stats: IndependentDifference needs 0 <= k <= n for both samples")
	}
	checkZ(z)
	if n1 == 0 || n2 == 0 {
		return nanInterval()
	}
	w1, w2 := Wilson(k1, n1, z), Wilson(k2, n2, z)
	d := w1.P - w2.P
	dl1, du1 := w1.P-w1.Lo, w1.Hi-w1.P
	dl2, du2 := w2.P-w2.Lo, w2.Hi-w2.P
	lo := d - math.Sqrt(dl1*dl1+du2*du2)
	hi := d + math.Sqrt(du1*du1+dl2*dl2)
	return Interval{P: d, Lo: math.Max(-1, lo), Hi: math.Min(1, hi)}
}
