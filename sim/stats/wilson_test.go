package stats

import (
	"math"
	"testing"
)

func TestWilson(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		k, n int64
		want Interval
		tol  float64
	}{
		// Published: Newcombe (1998c), Two-sided confidence intervals for the single
		// proportion: comparison of seven methods, Statistics in Medicine 17:857, worked
		// examples for method 3 (Wilson score, no continuity correction), 4 decimals. The same
		// numbers are the expected values in the test suite of the R package propint.
		{"Newcombe 81/263", 81, 263, Interval{81.0 / 263, 0.2553, 0.3662}, 0.5e-4},
		{"Newcombe 15/148", 15, 148, Interval{15.0 / 148, 0.0624, 0.1605}, 0.5e-4},

		// Hand-computed, k = 2, n = 10, z = Z95, z² = 3.8414588206941254:
		//   den    = n + z²                    = 13.841458820694125
		//   centre = (k + z²/2)/den            = 3.9207294103470627/13.841458820694125
		//                                      = 0.28325983995886680
		//   rad    = k(n-k)/n + z²/4           = 1.6 + 0.96036470517353135 = 2.5603647051735314
		//   half   = z·sqrt(rad)/den           = 1.959963984540054·1.6001139663078787/13.841458820694125
		//                                      = 0.22657768850449150
		//   Lo, Hi = centre ∓ half             = 0.05668215145437530, 0.50983752846335830
		{"hand 2/10", 2, 10, Interval{0.2, 0.0566821514543753, 0.5098375284633583}, 1e-15},

		// Hand-computed boundary cases: at k = 0 the bounds are 0 and z²/(n+z²), at k = n
		// they are n/(n+z²) and 1. For n = 20: 3.8414588206941254/23.841458820694125 =
		// 0.16112515805281938. For n = 10: 3.8414588206941254/13.841458820694125 =
		// 0.2775327998628892 and 10/13.841458820694125 = 0.7224672001371107.
		{"0/20", 0, 20, Interval{0, 0, 0.16112515805281938}, 1e-15},
		{"0/10", 0, 10, Interval{0, 0, 0.2775327998628892}, 1e-15},
		{"10/10", 10, 10, Interval{1, 0.7224672001371107, 1}, 1e-15},

		// n == 0: nothing is known.
		{"0/0", 0, 0, Interval{nan, nan, nan}, 0},
	} {
		checkInterval(t, tc.name, Wilson(tc.k, tc.n, Z95), tc.want, tc.tol)
	}
}

func TestWilsonProperties(t *testing.T) {
	for n := int64(1); n <= 60; n++ {
		prevLo, prevHi := -1.0, -1.0
		for k := int64(0); k <= n; k++ {
			iv := Wilson(k, n, Z95)
			if !(0 <= iv.Lo && iv.Lo <= iv.P && iv.P <= iv.Hi && iv.Hi <= 1) {
				t.Fatalf("Wilson(%d, %d) = %+v: want 0 <= Lo <= P <= Hi <= 1", k, n, iv)
			}
			// Symmetry: the interval for n-k is the reflection of the one for k.
			m := Wilson(n-k, n, Z95)
			if math.Abs(iv.Lo-(1-m.Hi)) > 1e-14 || math.Abs(iv.Hi-(1-m.Lo)) > 1e-14 {
				t.Fatalf("Wilson(%d, %d) = %+v is not the reflection of Wilson(%d, %d) = %+v", k, n, iv, n-k, n, m)
			}
			// Monotone in k.
			if iv.Lo < prevLo || iv.Hi < prevHi {
				t.Fatalf("Wilson(%d, %d) bounds decreased", k, n)
			}
			prevLo, prevHi = iv.Lo, iv.Hi
			// Never degenerate: even at k = 0 or k = n the interval has width.
			if iv.Width() <= 0 {
				t.Fatalf("Wilson(%d, %d) has zero width", k, n)
			}
		}
	}
	// z = 0 collapses to the point estimate; a larger z gives a wider interval.
	if iv := Wilson(3, 10, 0); iv.Lo != 0.3 || iv.Hi != 0.3 {
		t.Errorf("Wilson(3, 10, 0) = %+v, want [0.3, 0.3]", iv)
	}
	if Wilson(3, 10, TwoSidedZ(0.99)).Width() <= Wilson(3, 10, Z95).Width() {
		t.Error("99% interval not wider than 95%")
	}
}

func TestWilsonPanics(t *testing.T) {
	mustPanic(t, "k > n", func() { Wilson(3, 2, Z95) })
	mustPanic(t, "k < 0", func() { Wilson(-1, 2, Z95) })
	mustPanic(t, "n < 0", func() { Wilson(0, -1, Z95) })
	mustPanic(t, "z < 0", func() { Wilson(1, 2, -1) })
	mustPanic(t, "z NaN", func() { Wilson(1, 2, math.NaN()) })
}
