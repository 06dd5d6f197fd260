package explore

import (
	"math"
	"slices"
	"testing"
)

func TestMorrisPoints(t *testing.T) {
	m := Morris{R: 50, K: 5, Levels: 6}
	pts := m.Points(3)
	if len(pts) != m.Rows() {
		t.Fatalf("%d rows, want %d", len(pts), m.Rows())
	}
	step, delta := 1.0/5, m.Delta()
	visits := make([]int, m.Levels)
	for r := range m.R {
		moved := make([]bool, m.K)
		for t0 := range m.K + 1 {
			p := pts[r*(m.K+1)+t0]
			for _, u := range p {
				lv := math.Round(u / step)
				if u < 0 || u > 1 || math.Abs(u-lv*step) > 1e-12 {
					t.Fatalf("trajectory %d: %v off the grid", r, u)
				}
				visits[int(lv)]++
			}
			if t0 == 0 {
				continue
			}
			q := pts[r*(m.K+1)+t0-1]
			n := 0
			for i := range p {
				if p[i] != q[i] {
					n++
					if math.Abs(math.Abs(p[i]-q[i])-delta) > 1e-12 || moved[i] {
						t.Fatalf("trajectory %d step %d: factor %d moves %v", r, t0, i, p[i]-q[i])
					}
					moved[i] = true
				}
			}
			if n != 1 {
				t.Fatalf("trajectory %d step %d: %d factors move", r, t0, n)
			}
		}
	}
	// Every level is visited, and none far more than another (the point of Delta's choice).
	for lv, v := range visits {
		if v < len(pts)*m.K/m.Levels/2 {
			t.Errorf("level %d visited %d times of %d", lv, v, len(pts)*m.K)
		}
	}
}

func TestMorrisLinear(t *testing.T) {
	// Every elementary effect of y = Σ b_i u_i is b_i, whatever the step.
	b := []float64{1, -2, 0, 5}
	m := Morris{R: 10, K: len(b), Levels: 4}
	pts := m.Points(1)
	got, err := m.Indices(pts, evaluate(pts, func(u []float64) float64 {
		var y float64
		for i, bi := range b {
			y += bi * u[i]
		}
		return y
	}), 100, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, bi := range b {
		if math.Abs(got.Mu[i]-bi) > 1e-9 || math.Abs(got.MuStar[i]-math.Abs(bi)) > 1e-9 || got.Sigma[i] > 1e-9 || got.MuStarConf[i] > 1e-9 || got.SigmaConf[i] > 1e-9 {
			t.Errorf("factor %d: mu %v mu* %v sigma %v conf %v, want mu %v mu* %v sigma 0 conf 0",
				i, got.Mu[i], got.MuStar[i], got.Sigma[i], got.MuStarConf[i], bi, math.Abs(bi))
		}
	}
}

func TestMorrisNonlinear(t *testing.T) {
	// y = u1² + u1·u2 with a dummy u3, on 4 levels (Delta = 2/3). Factor 1 moves between a base
	// b ∈ {0, 1/3} and b + 2/3, so its effect is 2b + 2/3 (from u1²) plus the current u2, each
	// of u2's levels 0, 1/3, 2/3, 1 equally likely: μ = μ* = 1 + 1/2 = 1.5. Factor 2's effect
	// is the current u1 ≥ 0: μ* = 0.5. Factor 3 has none.
	m := Morris{R: 400, K: 3, Levels: 4}
	pts := m.Points(5)
	got, err := m.Indices(pts, evaluate(pts, func(u []float64) float64 { return u[0]*u[0] + u[0]*u[1] }), 500, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{1.5, 0.5, 0} {
		t.Logf("factor %d: mu* %.4f ± %.4f (want %.4f), mu %.4f, sigma %.4f", i+1, got.MuStar[i], got.MuStarConf[i], want, got.Mu[i], got.Sigma[i])
		if math.Abs(got.MuStar[i]-want) > got.MuStarConf[i]+1e-12 {
			t.Errorf("factor %d: mu* %.4f ± %.4f, want %.4f", i+1, got.MuStar[i], got.MuStarConf[i], want)
		}
	}
	if math.Abs(got.Mu[0]-got.MuStar[0]) > 1e-12 || got.Sigma[2] != 0 || got.SigmaConf[2] != 0 {
		t.Errorf("mu %v, sigma %v ± %v: want mu1 = mu*1, sigma3 = 0 exactly", got.Mu, got.Sigma, got.SigmaConf)
	}
	// σ's interval: 0 exactly where every effect is equal (the dummy, and the linear case
	// above), positive and narrow next to σ itself for the factors whose effects vary.
	for i := range 2 {
		if !(got.SigmaConf[i] > 0) || !(got.SigmaConf[i] < got.Sigma[i]/4) {
			t.Errorf("factor %d: sigma %.4f ± %.4f, want a positive half-width under a quarter of sigma", i+1, got.Sigma[i], got.SigmaConf[i])
		}
	}
}

func TestMorrisErrors(t *testing.T) {
	m := Morris{R: 2, K: 2, Levels: 4}
	pts := m.Points(1)
	y := make([]float64, len(pts))
	if _, err := m.Indices(pts[:5], y[:5], 10, 1); err == nil {
		t.Error("short design: no error")
	}
	bad := make([][]float64, len(pts))
	for i := range pts {
		bad[i] = append([]float64(nil), pts[i]...)
	}
	bad[1][0], bad[1][1] = 0.5, 0.5
	bad[0][0], bad[0][1] = 0, 0
	if _, err := m.Indices(bad, y, 10, 1); err == nil {
		t.Error("a step moving two factors: no error")
	}
	for _, m := range []Morris{{R: 1, K: 2, Levels: 4}, {R: 2, K: 0, Levels: 4}, {R: 2, K: 2, Levels: 3}} {
		if _, err := m.Indices(nil, nil, 10, 1); err == nil {
			t.Errorf("%+v: no error", m)
		}
	}
}

func TestMorrisCandidates(t *testing.T) {
	// Points on a line at 0, 0.1 and 1: dropping the middle one keeps the most spread.
	if got := spread([][]float64{{0}, {0.1}, {1}}, 3, 1, 2); !slices.Equal(got, []int{0, 2}) {
		t.Errorf("spread kept %v, want [0 2]", got)
	}
	total := func(pts [][]float64, r, l int) float64 {
		var s float64
		for a := range r {
			for b := a + 1; b < r; b++ {
				for _, p := range pts[a*l : (a+1)*l] {
					for _, q := range pts[b*l : (b+1)*l] {
						var e float64
						for i := range p {
							e += (p[i] - q[i]) * (p[i] - q[i])
						}
						s += math.Sqrt(e)
					}
				}
			}
		}
		return s
	}
	plain := Morris{R: 10, K: 4, Levels: 4}
	chosen := Morris{R: 10, K: 4, Levels: 4, Candidates: 100}
	for seed := range uint64(5) {
		p, c := plain.Points(seed), chosen.Points(seed)
		if len(c) != chosen.Rows() {
			t.Fatalf("%d rows, want %d", len(c), chosen.Rows())
		}
		// The plain design is the first 10 of the 100 candidates, so the choice can only
		// spread wider.
		if sp, sc := total(p, 10, 5), total(c, 10, 5); !(sc > sp) {
			t.Errorf("seed %d: spread %v, plain %v", seed, sc, sp)
		}
		if _, err := chosen.Indices(c, evaluate(c, func(u []float64) float64 { return u[0] - u[3] }), 10, 1); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
	}
	if err := (Morris{R: 10, K: 2, Levels: 4, Candidates: 5}).check(); err == nil {
		t.Error("5 candidates for 10 trajectories: no error")
	}
}
