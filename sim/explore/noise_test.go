package explore

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestBinomialNoiseVarUnbiased sums the estimator over the binomial distribution: its
// expectation must be the true variance p(1-p)/n of a proportion.
func TestBinomialNoiseVarUnbiased(t *testing.T) {
	for _, c := range []struct {
		n int
		p float64
	}{{2, 0.5}, {10, 0.1}, {200, 0.3}} {
		d := distuv.Binomial{N: float64(c.n), P: c.p}
		var e float64
		for k := 0; k <= c.n; k++ {
			e += d.Prob(float64(k)) * BinomialNoiseVar(k, c.n)
		}
		if want := c.p * (1 - c.p) / float64(c.n); math.Abs(e-want) > 1e-12 {
			t.Errorf("n=%d p=%v: E[estimate] = %v, want %v", c.n, c.p, e, want)
		}
	}
	if !math.IsNaN(BinomialNoiseVar(1, 1)) {
		t.Error("one run: want NaN")
	}
}

func TestMeanNoiseVar(t *testing.T) {
	// 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, s² = 32/7, s²/n = 4/7.
	if got := MeanNoiseVar([]float64{2, 4, 4, 4, 5, 5, 7, 9}); math.Abs(got-4.0/7) > 1e-12 {
		t.Errorf("MeanNoiseVar = %v, want 4/7", got)
	}
}

// TestNoiseShare simulates a design whose points have a true war probability p uniform on
// [0.2, 0.8], each estimated from 100 runs. Var(p) = 0.6²/12 = 0.03 and
// E[p(1-p)]/100 = (0.5 - 0.28)/100 = 0.0022, so the noise share is 0.0022/0.0322 ≈ 0.0683.
func TestNoiseShare(t *testing.T) {
	const points, runs = 4000, 100
	rng := rand.New(rand.NewPCG(1, 2))
	y := make([]float64, points)
	var pointVar []float64
	for i := range y {
		p := 0.2 + 0.6*rng.Float64()
		k := 0
		for range runs {
			if rng.Float64() < p {
				k++
			}
		}
		y[i] = float64(k) / runs
		if i%4 == 0 { // noise measured at a quarter of the points
			pointVar = append(pointVar, BinomialNoiseVar(k, runs))
		}
	}
	got, err := NoiseShare(y, pointVar)
	if err != nil {
		t.Fatal(err)
	}
	want := 0.0022 / 0.0322
	if math.Abs(got.Share-want) > 0.006 || got.Points != points/4 {
		t.Errorf("NoiseShare = %+v, want share %.4f", got, want)
	}
	if _, err := NoiseShare(y, []float64{-1}); err == nil {
		t.Error("negative variance: no error")
	}
	if n, _ := NoiseShare([]float64{1, 1}, []float64{0.1}); !math.IsNaN(n.Share) {
		t.Errorf("constant output: share %v, want NaN", n.Share)
	}
}
