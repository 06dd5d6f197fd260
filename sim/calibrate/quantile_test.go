package calibrate

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// The fast quantile agrees with gonum's to within the precision of either.
func TestBetaQuantile(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct{ a, b float64 }{
		{1, 4}, {0.3, 5.5}, {0.05, 40}, {2, 2}, {0.9, 5}, {0.5, 0.5}, {30, 3}, {0.02, 0.02},
	} {
		q := newBetaQuantile(c.a, c.b)
		d := distuv.Beta{Alpha: c.a, Beta: c.b}
		us := []float64{0, 1e-300, 1e-9, 0.5, 1 - 1e-9, 1}
		for range 300 {
			us = append(us, rng.Float64())
		}
		for _, u := range us {
			got, want := q.at(u), d.Quantile(u)
			// Compare in x where the quantile is well conditioned, in F where it is not
			// (deep in a tail the CDF is flat to float64 precision, so many x share one F).
			if math.Abs(got-want) > 1e-9*math.Max(want, 1e-300) && math.Abs(d.CDF(got)-u) > 1e-12 {
				t.Errorf("Beta(%g, %g) quantile of %g: %.17g, gonum %.17g", c.a, c.b, u, got, want)
			}
		}
		// Monotone in u, which common random numbers rely on; with b far below 1 a quarter
		// of the mass lies within a few ulps of 1, where no float64 quantile is monotone.
		if c.b < 0.1 {
			continue
		}
		for i := 1; i < 1000; i++ {
			u0, u1 := float64(i-1)/1000, float64(i)/1000
			if q.at(u1) < q.at(u0) {
				t.Errorf("Beta(%g, %g): quantile decreases between %g and %g", c.a, c.b, u0, u1)
			}
		}
	}
}
