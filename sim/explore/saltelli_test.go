package explore

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// ishigami is Ishigami and Homma's (1990) function with a = 7, b = 0.1 on [-π, π]^3, mapped
// from the unit cube.
func ishigami(u []float64) float64 {
	x := make([]float64, 3)
	for i := range x {
		x[i] = -math.Pi + 2*math.Pi*u[i]
	}
	const a, b = 7, 0.1
	s1 := math.Sin(x[0])
	return s1 + a*math.Pow(math.Sin(x[1]), 2) + b*math.Pow(x[2], 4)*s1
}

// ishigamiIndices returns the closed-form indices of ishigami (Saltelli et al. 2008, §4.8):
// V1 = (1 + bπ^4/5)^2/2, V2 = a^2/8, V13 = b^2π^8(1/18 - 1/50), V = V1 + V2 + V13.
func ishigamiIndices() (s1, st []float64) {
	const a, b = 7.0, 0.1
	p4 := math.Pow(math.Pi, 4)
	v1 := math.Pow(1+b*p4/5, 2) / 2
	v2 := a * a / 8
	v13 := b * b * p4 * p4 * (1.0/18 - 1.0/50)
	v := v1 + v2 + v13
	return []float64{v1 / v, v2 / v, 0}, []float64{(v1 + v13) / v, v2 / v, v13 / v}
}

// gFunction is Sobol's G function, prod (|4u - 2| + a_i)/(1 + a_i).
func gFunction(a []float64) func([]float64) float64 {
	return func(u []float64) float64 {
		y := 1.0
		for i, ai := range a {
			y *= (math.Abs(4*u[i]-2) + ai) / (1 + ai)
		}
		return y
	}
}

// gIndices returns the G function's closed-form indices: V_i = 1/(3(1+a_i)^2),
// V = prod(1+V_i) - 1, S_i = V_i/V, ST_i = V_i prod_{j≠i}(1+V_j)/V, S_ij = V_i V_j/V.
func gIndices(a []float64) (s1, st []float64, s2 [][]float64) {
	vi := make([]float64, len(a))
	prod := 1.0
	for i, ai := range a {
		vi[i] = 1 / (3 * (1 + ai) * (1 + ai))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	s1, st, s2 = make([]float64, len(a)), make([]float64, len(a)), make([][]float64, len(a))
	for i := range a {
		s1[i] = vi[i] / v
		st[i] = vi[i] * prod / (1 + vi[i]) / v
		s2[i] = make([]float64, len(a))
		for j := range a {
			s2[i][j] = vi[i] * vi[j] / v
		}
	}
	return s1, st, s2
}

func evaluate(pts [][]float64, f func([]float64) float64) []float64 {
	y := make([]float64, len(pts))
	for i, p := range pts {
		y[i] = f(p)
	}
	return y
}

// within reports whether the estimate is within tol of the truth and its interval (widened
// by a small slack for the bootstrap's own error) covers the truth.
func within(est, conf, truth, tol float64) bool {
	return math.Abs(est-truth) <= tol && math.Abs(est-truth) <= conf+0.01
}

func TestSaltelliIshigami(t *testing.T) {
	s := Saltelli{N: 2048, K: 3}
	y := evaluate(s.Points(0), ishigami)
	got, err := s.Indices(y, 500, 1)
	if err != nil {
		t.Fatal(err)
	}
	s1, st := ishigamiIndices()
	for i := range 3 {
		t.Logf("x%d: S1 %.3f ± %.3f (truth %.3f), ST %.3f ± %.3f (truth %.3f)", i+1,
			got.S1[i], got.S1Conf[i], s1[i], got.ST[i], got.STConf[i], st[i])
		if !within(got.S1[i], got.S1Conf[i], s1[i], 0.03) {
			t.Errorf("S1[%d] = %.4f ± %.4f, want %.4f", i, got.S1[i], got.S1Conf[i], s1[i])
		}
		if !within(got.ST[i], got.STConf[i], st[i], 0.03) {
			t.Errorf("ST[%d] = %.4f ± %.4f, want %.4f", i, got.ST[i], got.STConf[i], st[i])
		}
	}
	// The published values, to the three decimals the literature quotes them.
	for i, w := range []float64{0.314, 0.442, 0} {
		if math.Abs(s1[i]-w) > 0.0005 {
			t.Errorf("closed-form S1[%d] = %.4f, published %.3f", i, s1[i], w)
		}
	}
	for i, w := range []float64{0.558, 0.442, 0.244} {
		if math.Abs(st[i]-w) > 0.0005 {
			t.Errorf("closed-form ST[%d] = %.4f, published %.3f", i, st[i], w)
		}
	}
}

func TestSaltelliGFunction(t *testing.T) {
	a := []float64{0, 1, 4.5, 9, 99, 99}
	s := Saltelli{N: 2048, K: len(a), SecondOrder: true}
	y := evaluate(s.Points(0), gFunction(a))
	got, err := s.Indices(y, 300, 2)
	if err != nil {
		t.Fatal(err)
	}
	s1, st, s2 := gIndices(a)
	for i := range a {
		t.Logf("x%d: S1 %.4f ± %.4f (truth %.4f), ST %.4f ± %.4f (truth %.4f)", i+1,
			got.S1[i], got.S1Conf[i], s1[i], got.ST[i], got.STConf[i], st[i])
		if !within(got.S1[i], got.S1Conf[i], s1[i], 0.03) {
			t.Errorf("S1[%d] = %.4f ± %.4f, want %.4f", i, got.S1[i], got.S1Conf[i], s1[i])
		}
		if !within(got.ST[i], got.STConf[i], st[i], 0.03) {
			t.Errorf("ST[%d] = %.4f ± %.4f, want %.4f", i, got.ST[i], got.STConf[i], st[i])
		}
	}
	if !within(got.S2[0][1], got.S2Conf[0][1], s2[0][1], 0.05) {
		t.Errorf("S2[0][1] = %.4f ± %.4f, want %.4f", got.S2[0][1], got.S2Conf[0][1], s2[0][1])
	}
	for i := range a {
		for j := range a {
			if j <= i && !math.IsNaN(got.S2[i][j]) {
				t.Errorf("S2[%d][%d] = %v, want NaN below the diagonal", i, j, got.S2[i][j])
			}
		}
	}
}

func TestSaltelliLayout(t *testing.T) {
	for _, second := range []bool{false, true} {
		s := Saltelli{N: 8, K: 3, SecondOrder: second}
		pts := s.Points(0)
		base := SobolSequence(8, 6, 0)
		if len(pts) != s.Rows() {
			t.Fatalf("second order %t: %d rows, want %d", second, len(pts), s.Rows())
		}
		blk := len(pts) / 8
		for j, ab := range base {
			a, b := ab[:3], ab[3:]
			rows := pts[j*blk : (j+1)*blk]
			for c := range 3 {
				if rows[0][c] != a[c] || rows[blk-1][c] != b[c] {
					t.Fatalf("base row %d: A or B misplaced", j)
				}
				for i := range 3 {
					wantAB, wantBA := a[c], b[c]
					if c == i {
						wantAB, wantBA = b[c], a[c]
					}
					if rows[1+i][c] != wantAB {
						t.Fatalf("base row %d: AB^%d[%d] = %v, want %v", j, i, c, rows[1+i][c], wantAB)
					}
					if second && rows[4+i][c] != wantBA {
						t.Fatalf("base row %d: BA^%d[%d] = %v, want %v", j, i, c, rows[4+i][c], wantBA)
					}
				}
			}
		}
	}
}

func TestSaltelliErrors(t *testing.T) {
	s := Saltelli{N: 4, K: 2}
	if _, err := s.Indices(make([]float64, 15), 10, 1); err == nil {
		t.Error("15 outputs for 16 rows: no error")
	}
	if _, err := s.Indices(make([]float64, 16), 10, 1); !errors.Is(err, ErrConstantOutput) {
		t.Errorf("constant outputs: error %v, want ErrConstantOutput", err)
	}
	y := make([]float64, 16)
	y[3] = math.NaN()
	if _, err := s.Indices(y, 10, 1); err == nil {
		t.Error("NaN output: no error")
	}
	if _, err := (Saltelli{N: 1, K: 2}).Indices(make([]float64, 4), 10, 1); err == nil {
		t.Error("N=1: no error")
	}
}

func TestSobolIndicesJSON(t *testing.T) {
	s := Saltelli{N: 64, K: 3, SecondOrder: true}
	got, err := s.Indices(evaluate(s.Points(0), ishigami), 50, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]any
	if err := json.Unmarshal(b, &keys); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"S1", "S1_conf", "ST", "ST_conf", "S2", "S2_conf"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("JSON %s lacks %q", b, k)
		}
	}
	var back SobolIndices
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.S1[2] != got.S1[2] || back.STConf[1] != got.STConf[1] || back.S2[0][2] != got.S2[0][2] || !math.IsNaN(back.S2[1][0]) {
		t.Errorf("round trip: %+v, want %+v", back, got)
	}
}

// TestSaltelliNoise checks the package documentation's account of Monte Carlo noise: for
// y = u1 + 2u2 + e with independent noise e making up a share s of the variance, the
// expected indices are S1 = (1-s)S1° and ST = (1-s)ST° + s, where S1° = ST° = (0.2, 0.8).
// With Var(e) = 5/48 against the factors' 5/12, s = 0.2: S1 = (0.16, 0.64), ST = (0.36, 0.84).
func TestSaltelliNoise(t *testing.T) {
	s := Saltelli{N: 4096, K: 2}
	rng := rand.New(rand.NewPCG(5, 5))
	sigma := math.Sqrt(5.0 / 48)
	y := evaluate(s.Points(0), func(u []float64) float64 { return u[0] + 2*u[1] + sigma*rng.NormFloat64() })
	got, err := s.Indices(y, 300, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range []struct{ s1, st float64 }{{0.16, 0.36}, {0.64, 0.84}} {
		t.Logf("x%d: S1 %.3f ± %.3f (want %.2f), ST %.3f ± %.3f (want %.2f)", i+1, got.S1[i], got.S1Conf[i], w.s1, got.ST[i], got.STConf[i], w.st)
		if !within(got.S1[i], got.S1Conf[i], w.s1, 0.04) || !within(got.ST[i], got.STConf[i], w.st, 0.04) {
			t.Errorf("x%d: S1 %.3f ± %.3f, ST %.3f ± %.3f; want %.2f and %.2f", i+1, got.S1[i], got.S1Conf[i], got.ST[i], got.STConf[i], w.s1, w.st)
		}
	}
}
