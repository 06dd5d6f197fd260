package explore

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// planted returns n uniform points in [0,1)^d whose outcome is true with probability pIn
// inside the box in(x) and pOut outside.
func planted(n, d int, seed uint64, in func([]float64) bool, pIn, pOut float64) ([][]float64, []bool) {
	rng := rand.New(rand.NewPCG(seed, 99))
	x := make([][]float64, n)
	y := make([]bool, n)
	for i := range x {
		x[i] = make([]float64, d)
		for j := range x[i] {
			x[i][j] = rng.Float64()
		}
		p := pOut
		if in(x[i]) {
			p = pIn
		}
		y[i] = rng.Float64() < p
	}
	return x, y
}

// truth returns the coverage and density of the planted box in the data.
func truth(x [][]float64, y []bool, in func([]float64) bool) (coverage, density float64) {
	var cases, inside, both int
	for i := range x {
		if y[i] {
			cases++
		}
		if in(x[i]) {
			inside++
			if y[i] {
				both++
			}
		}
	}
	return float64(both) / float64(cases), float64(both) / float64(inside)
}

func TestPRIMPlantedBox(t *testing.T) {
	// Cases concentrate where x1 > 0.6 and x2 < 0.3 (mass 0.12, density 0.9); x3 to x5 are
	// noise. Expected coverage 0.108/(0.108 + 0.88·0.05) ≈ 0.71.
	in := func(x []float64) bool { return x[0] > 0.6 && x[1] < 0.3 }
	for _, seed := range []uint64{1, 2, 3} {
		x, y := planted(3000, 5, seed, in, 0.9, 0.05)
		wantCov, wantDen := truth(x, y, in)
		res, err := PRIM(x, y, PRIMOptions{Threshold: 0.85})
		if err != nil {
			t.Fatal(err)
		}
		b := res.Box
		t.Logf("seed %d: %s (truth coverage %.2f density %.2f); p %.2g; %d steps, chosen %d",
			seed, b.Describe(nil), wantCov, wantDen, b.PValue, len(res.Steps), res.Chosen)
		if !res.ThresholdMet {
			t.Errorf("seed %d: threshold not met", seed)
		}
		if !slices.Equal(b.Restricted, []int{0, 1}) {
			t.Errorf("seed %d: restricted %v, want [0 1]", seed, b.Restricted)
		}
		if math.Abs(b.Lo[0]-0.6) > 0.04 || math.Abs(b.Hi[1]-0.3) > 0.04 || !math.IsInf(b.Hi[0], 1) || !math.IsInf(b.Lo[1], -1) {
			t.Errorf("seed %d: x1 in [%v, %v], x2 in [%v, %v], want x1 ≥ 0.6, x2 ≤ 0.3", seed, b.Lo[0], b.Hi[0], b.Lo[1], b.Hi[1])
		}
		if math.Abs(b.Coverage-wantCov) > 0.06 || math.Abs(b.Density-wantDen) > 0.06 {
			t.Errorf("seed %d: coverage %.3f density %.3f, truth %.3f %.3f", seed, b.Coverage, b.Density, wantCov, wantDen)
		}
		if !(b.PValue[0] < 1e-6 && b.PValue[1] < 1e-6) {
			t.Errorf("seed %d: p-values %v: want the planted restrictions significant", seed, b.PValue)
		}
		for j := 2; j < 5; j++ {
			if !math.IsNaN(b.PValue[j]) {
				t.Errorf("seed %d: noise column %d restricted (p %v)", seed, j, b.PValue[j])
			}
		}
		// The trajectory trades coverage for density from the whole data set down.
		first := res.Steps[0]
		if first.Mass != 1 || first.Coverage != 1 || len(first.Restricted) != 0 {
			t.Errorf("seed %d: first step %+v, want the whole data set", seed, first)
		}
		for i, s := range res.Steps[1:] {
			if s.N >= res.Steps[i].N || s.Mass < 0.05 {
				t.Errorf("seed %d: step %d holds %d points after %d", seed, i+1, s.N, res.Steps[i].N)
			}
		}
		for i := range x {
			if b.Contains(x[i]) != (x[i][0] >= b.Lo[0] && x[i][1] <= b.Hi[1]) {
				t.Fatalf("seed %d: Contains(%v) wrong", seed, x[i])
			}
		}
	}
}

func TestPRIMNoiseRestrictionInsignificant(t *testing.T) {
	// Without pasting and with peeling run to a tiny box, PRIM may clip noise columns;
	// wherever it does, the quasi-p-value must say the clipping does not matter.
	in := func(x []float64) bool { return x[0] > 0.5 }
	x, y := planted(2000, 4, 7, in, 0.8, 0.1)
	res, err := PRIM(x, y, PRIMOptions{NoPasting: true, MinMass: 0.02})
	if err != nil {
		t.Fatal(err)
	}
	last := res.Steps[len(res.Steps)-1]
	if last.PValue[0] > 1e-6 {
		t.Errorf("last step: p(x1) = %v, want tiny", last.PValue[0])
	}
	clipped := 0
	for _, s := range res.Steps {
		for _, j := range s.Restricted {
			if j == 0 {
				continue
			}
			clipped++
			if s.PValue[j] < 0.001 {
				t.Errorf("step with mass %.3f: noise column %d has p %v", s.Mass, j, s.PValue[j])
			}
		}
	}
	if clipped == 0 {
		t.Error("no step clips a noise column: the test checks nothing")
	}
}

func TestPRIMCategorical(t *testing.T) {
	// Column 3 holds a category 0..3; cases concentrate where x1 > 0.5 and the category is
	// 1 or 3.
	in := func(x []float64) bool { return x[0] > 0.5 && (x[2] == 1 || x[2] == 3) }
	rng := rand.New(rand.NewPCG(4, 4))
	x := make([][]float64, 2000)
	y := make([]bool, len(x))
	for i := range x {
		x[i] = []float64{rng.Float64(), rng.Float64(), float64(rng.IntN(4))}
		p := 0.03
		if in(x[i]) {
			p = 0.9
		}
		y[i] = rng.Float64() < p
	}
	res, err := PRIM(x, y, PRIMOptions{Threshold: 0.85, Categorical: []bool{false, false, true},
		Levels: [][]string{nil, nil, {"none", "treaty", "aid", "troops"}}})
	if err != nil {
		t.Fatal(err)
	}
	b := res.Box
	t.Log(b.Describe([]string{"claim", "noise", "guarantee"}))
	js, err := json.Marshal(res)
	if err != nil || !strings.Contains(string(js), `"hi":[null,null,null]`) || !strings.Contains(string(js), `"allowed":[null,null,[1,3]]`) {
		t.Errorf("JSON %s, %v", js, err)
	}
	if !slices.Equal(b.Allowed[2], []float64{1, 3}) || !slices.Equal(b.Restricted, []int{0, 2}) {
		t.Errorf("allowed %v, restricted %v: want categories [1 3] and columns [0 2]", b.Allowed[2], b.Restricted)
	}
	// The threshold picks the largest box whose density reaches 0.85, which may keep a
	// sliver below claim 0.5.
	if !math.IsNaN(b.Lo[2]) || math.Abs(b.Lo[0]-0.5) > 0.05 {
		t.Errorf("bounds %v %v", b.Lo, b.Hi)
	}
	if wantCov, wantDen := truth(x, y, in); math.Abs(b.Coverage-wantCov) > 0.06 || math.Abs(b.Density-wantDen) > 0.06 {
		t.Errorf("coverage %.3f density %.3f, truth %.3f %.3f", b.Coverage, b.Density, wantCov, wantDen)
	}
	for _, j := range []int{0, 2} {
		if b.PValue[j] > 1e-6 {
			t.Errorf("p-value of column %d = %v", j, b.PValue[j])
		}
	}
}

func TestBoxDescribe(t *testing.T) {
	inf := math.Inf(1)
	b := Box{
		Lo:       []float64{0.7123, math.Inf(-1), math.NaN(), 0.1, math.Inf(-1)},
		Hi:       []float64{inf, 0.04, math.NaN(), 0.25, inf},
		Allowed:  [][]float64{nil, nil, {0, 2}, nil, nil},
		Coverage: 0.8249, Density: 0.7651,
		Restricted: []int{0, 1, 2, 3},
		PValue:     []float64{1e-9, 1e-12, 0.2, 0.01, math.NaN()},
		levels:     [][]string{nil, nil, {"a", "b", "c"}},
	}
	want := "when aid <= 0.04 and claim on Ukraine >= 0.712 and x4 in [0.1, 0.25] and regime in {a, c}: coverage 0.82, density 0.77"
	if got := b.Describe([]string{"claim on Ukraine", "aid", "regime"}); got != want {
		t.Errorf("Describe:\n got %s\nwant %s", got, want)
	}
	if got := (&Box{Coverage: 1, Density: 0.1}).Describe(nil); got != "everywhere: coverage 1.00, density 0.10" {
		t.Errorf("unrestricted box: %s", got)
	}
}

func TestChooseKnee(t *testing.T) {
	// Coverage–density points; the chord runs from (1, 0.1) to (0.1, 0.9). Step 2 bulges
	// farthest above it.
	steps := []Box{{Coverage: 1, Density: 0.1}, {Coverage: 0.9, Density: 0.4}, {Coverage: 0.8, Density: 0.8},
		{Coverage: 0.5, Density: 0.85}, {Coverage: 0.1, Density: 0.9}}
	if got, met := choose(steps, 0); got != 2 || met {
		t.Errorf("knee = %d, %t; want 2, false", got, met)
	}
	if got, met := choose(steps, 0.82); got != 3 || !met {
		t.Errorf("threshold 0.82: %d, %t; want 3, true", got, met)
	}
	if got, met := choose(steps, 0.95); got != 4 || met {
		t.Errorf("threshold 0.95: %d, %t; want the densest 4, false", got, met)
	}
}

func TestBinomialUpper(t *testing.T) {
	for _, c := range []struct {
		k, n int
		q    float64
	}{{1, 10, 0.1}, {5, 10, 0.3}, {30, 100, 0.2}, {10, 10, 0.5}} {
		want := distuv.Binomial{N: float64(c.n), P: c.q}.Survival(float64(c.k - 1))
		if got := binomialUpper(c.k, c.n, c.q); math.Abs(got-want) > 1e-12 {
			t.Errorf("P(X ≥ %d | %d, %v) = %v, want %v", c.k, c.n, c.q, got, want)
		}
	}
	// Far in the tail, 1 - CDF would round to 0: (1/2)^200.
	if got, want := binomialUpper(200, 200, 0.5), math.Pow(0.5, 200); math.Abs(got-want) > 1e-12*want {
		t.Errorf("P(X ≥ 200 | 200, 0.5) = %v, want %v", got, want)
	}
}

func TestPRIMErrors(t *testing.T) {
	x := [][]float64{{0}, {1}}
	for _, c := range []struct {
		x   [][]float64
		y   []bool
		opt PRIMOptions
	}{
		{x, []bool{true}, PRIMOptions{}},
		{x, []bool{false, false}, PRIMOptions{}},
		{[][]float64{{0}, {1, 2}}, []bool{true, false}, PRIMOptions{}},
		{[][]float64{{0}, {math.NaN()}}, []bool{true, false}, PRIMOptions{}},
		{x, []bool{true, false}, PRIMOptions{Alpha: 1.5}},
		{x, []bool{true, false}, PRIMOptions{Threshold: -1}},
		{x, []bool{true, false}, PRIMOptions{Categorical: []bool{true, false}}},
	} {
		if _, err := PRIM(c.x, c.y, c.opt); err == nil {
			t.Errorf("PRIM(%v, %v, %+v): no error", c.x, c.y, c.opt)
		}
	}
}
