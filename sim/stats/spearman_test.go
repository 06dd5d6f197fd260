package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestSpearman(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		x, y []float64
		want float64
	}{
		// Published: the worked example of Wikipedia's "Spearman's rank correlation
		// coefficient" (IQ against hours of television per week), rho = -29/165. By hand:
		//   ranks of x: 7 1 4 5 3 6 2 10 9 8
		//   ranks of y: 3 1 7 10 8 9 6 4 2 5
		//   d:          4 0 -3 -5 -5 -3 -4 6 7 3,  Σd² = 16+0+9+25+25+9+16+36+49+9 = 194
		//   rho = 1 - 6·194/(10·(100-1)) = 1 - 1164/990 = -174/990 = -29/165 = -0.17575757...
		{"no ties",
			[]float64{106, 86, 100, 101, 99, 103, 97, 113, 112, 110},
			[]float64{7, 0, 27, 50, 28, 29, 20, 12, 6, 17},
			-29.0 / 165},

		// Hand-computed, ties in x: x = 1 2 2 3, y = 1 3 2 4.
		//   mid-ranks of x: 1 2.5 2.5 4, ranks of y: 1 3 2 4, mean rank 2.5
		//   x deviations: -1.5 0 0 1.5, y deviations: -1.5 0.5 -0.5 1.5
		//   Sxy = 2.25+0+0+2.25 = 4.5, Sxx = 4.5, Syy = 2.25+0.25+0.25+2.25 = 5
		//   rho = 4.5/sqrt(4.5·5) = sqrt(0.9) = 0.9486832980505138
		// (The no-ties shortcut would give 1 - 6·0.5/(4·15) = 0.95: wrong with ties.)
		{"ties in x", []float64{1, 2, 2, 3}, []float64{1, 3, 2, 4}, math.Sqrt(0.9)},

		// Hand-computed, ties in both: x = 1 1 2 2, y = 1 2 1 2.
		//   mid-ranks 1.5 1.5 3.5 3.5 and 1.5 3.5 1.5 3.5, deviations -1 -1 1 1 and -1 1 -1 1,
		//   Sxy = 1-1-1+1 = 0, so rho = 0.
		{"ties in both", []float64{1, 1, 2, 2}, []float64{1, 2, 1, 2}, 0},

		// Hand-computed, a three-way tie: x = 5 5 5 1 9, y = 2 4 3 1 5.
		//   mid-ranks of x: 3 3 3 1 5 (positions 2..4 share (2+3+4)/3 = 3), ranks of y: 2 4 3 1 5
		//   deviations from 3: x 0 0 0 -2 2, y -1 1 0 -2 2
		//   Sxy = 4+4 = 8, Sxx = 8, Syy = 1+1+0+4+4 = 10, rho = 8/sqrt(80) = sqrt(0.8)
		{"three-way tie", []float64{5, 5, 5, 1, 9}, []float64{2, 4, 3, 1, 5}, math.Sqrt(0.8)},

		// Monotone but nonlinear: exactly 1 (and -1 reversed).
		{"monotone", []float64{1, 2, 3, 4, 5}, []float64{1, 8, 27, 64, 125}, 1},
		{"antitone", []float64{1, 2, 3, 4, 5}, []float64{5, 3, 1, -1, -100}, -1},

		// Undefined cases.
		{"n = 0", nil, nil, nan},
		{"n = 1", []float64{1}, []float64{2}, nan},
		{"constant x", []float64{3, 3, 3}, []float64{1, 2, 3}, nan},
		{"constant y", []float64{1, 2, 3}, []float64{0, 0, 0}, nan},
		{"NaN", []float64{1, math.NaN(), 3}, []float64{1, 2, 3}, nan},
	} {
		got := Spearman(tc.x, tc.y, nil)
		if !close(got, tc.want, 1e-15) {
			t.Errorf("%s: Spearman = %.17g, want %.17g", tc.name, got, tc.want)
		}
		// Symmetric in its arguments, and the same with a reused scratch.
		var s RankScratch
		if r := Spearman(tc.y, tc.x, &s); !close(r, tc.want, 1e-15) {
			t.Errorf("%s: Spearman(y, x) = %.17g, want %.17g", tc.name, r, tc.want)
		}
	}
	mustPanic(t, "length mismatch", func() { Spearman([]float64{1, 2}, []float64{1}, nil) })
}

func TestSpearmanScratchReuse(t *testing.T) {
	// A scratch grown on a long sample must give the same answers on shorter ones, and
	// vice versa: stale buffer contents must never leak into a result.
	rng := rand.New(rand.NewPCG(1, 2))
	var s RankScratch
	for _, n := range []int{50, 3, 20, 200, 7, 2} {
		x, y := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i] = float64(rng.IntN(10)) // many ties
			y[i] = x[i] + rng.NormFloat64()
		}
		if a, b := Spearman(x, y, &s), Spearman(x, y, nil); a != b {
			t.Errorf("n=%d: with scratch %v, fresh %v", n, a, b)
		}
	}
}

func TestSpearmanNoAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x, y := make([]float64, 500), make([]float64, 500)
	for i := range x {
		x[i] = float64(rng.IntN(50))
		y[i] = rng.Float64()
	}
	var s RankScratch
	Spearman(x, y, &s) // warm-up: grows the buffers
	var sink float64
	allocs := testing.AllocsPerRun(100, func() { sink += Spearman(x, y, &s) })
	if allocs != 0 {
		t.Errorf("Spearman with a grown scratch allocates %v times per call, want 0", allocs)
	}
	_ = sink
}

func BenchmarkSpearman(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	x, y := make([]float64, 1000), make([]float64, 1000)
	for i := range x {
		x[i], y[i] = rng.Float64(), rng.Float64()
	}
	var s RankScratch
	b.ReportAllocs()
	for b.Loop() {
		Spearman(x, y, &s)
	}
}
