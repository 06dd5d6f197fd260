package stats

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func TestMomentsTextbook(t *testing.T) {
	// The standard-deviation example of many textbooks (and Wikipedia's "Standard
	// deviation"): 2, 4, 4, 4, 5, 5, 7, 9. Hand computation:
	//   N = 8, Sum = 40, SumSq = 4+16+16+16+25+25+49+81 = 232, mean = 5,
	//   Σ(x-mean)² = 232 - 40²/8 = 32, sample variance = 32/7, SD = sqrt(32/7) = 2.138089935299395,
	//   SE = SD/sqrt(8) = sqrt(4/7) = 0.7559289460184544,
	//   t_{7, 0.975} = 2.364624251592785 (2.365 in printed t tables),
	//   half-width = 2.364624251592785 · 0.7559289460184544 = 1.7874879182362104,
	//   95% CI = [3.2125120817637898, 6.78748791823621].
	var m Moments
	for _, x := range []float64{2, 4, 4, 4, 5, 5, 7, 9} {
		m.Add(x)
	}
	if m.N != 8 || m.Sum != 40 || m.SumSq != 232 {
		t.Fatalf("Moments = %+v, want N 8, Sum 40, SumSq 232", m)
	}
	if m.Mean() != 5 {
		t.Errorf("Mean = %v, want 5", m.Mean())
	}
	if !close(m.Var(), 32.0/7, 1e-15) || !close(m.SD(), 2.138089935299395, 1e-15) {
		t.Errorf("Var, SD = %v, %v, want 32/7, 2.138089935299395", m.Var(), m.SD())
	}
	checkInterval(t, "MeanCI(0.95)", m.MeanCI(0.95), Interval{5, 3.2125120817637898, 6.78748791823621}, 1e-12)
}

func TestStudentTQuantile(t *testing.T) {
	// MeanCI relies on gonum's t quantile; check it against printed two-sided 95% critical
	// values (any printed t table): df 1: 12.706, 7: 2.365, 9: 2.262,
	// 29: 2.045, 120: 1.980.
	for _, tc := range []struct{ df, want float64 }{
		{1, 12.706}, {7, 2.365}, {9, 2.262}, {29, 2.045}, {120, 1.980},
	} {
		got := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: tc.df}.Quantile(0.975)
		if math.Abs(got-tc.want) > 0.5e-3 {
			t.Errorf("t_{%v, 0.975} = %v, table %v", tc.df, got, tc.want)
		}
	}
}

func TestMomentsSmall(t *testing.T) {
	nan := math.NaN()
	var m Moments
	if !math.IsNaN(m.Mean()) || !math.IsNaN(m.SD()) {
		t.Errorf("empty: Mean %v SD %v, want NaN", m.Mean(), m.SD())
	}
	checkInterval(t, "empty MeanCI", m.MeanCI(0.95), Interval{nan, nan, nan}, 0)
	m.Add(3)
	if m.Mean() != 3 || !math.IsNaN(m.SD()) {
		t.Errorf("one value: Mean %v SD %v, want 3, NaN", m.Mean(), m.SD())
	}
	checkInterval(t, "one-value MeanCI", m.MeanCI(0.95), Interval{3, nan, nan}, 0)
	// Two values 1, 3: mean 2, variance ((1-2)²+(3-2)²)/1 = 2, SE = sqrt(2/2) = 1,
	// t_{1, 0.975} = 12.706204736174707, CI = 2 ± 12.706204736174707.
	var two Moments
	two.Add(1)
	two.Add(3)
	checkInterval(t, "two-value MeanCI", two.MeanCI(0.95), Interval{2, 2 - 12.706204736174707, 2 + 12.706204736174707}, 1e-9)
	mustPanic(t, "MeanCI(0)", func() { two.MeanCI(0) })
	mustPanic(t, "MeanCI(1)", func() { two.MeanCI(1) })
}

func TestMomentsNaNIgnored(t *testing.T) {
	var a, b Moments
	for _, x := range []float64{1, math.NaN(), 2, 3, math.NaN()} {
		a.Add(x)
	}
	for _, x := range []float64{1, 2, 3} {
		b.Add(x)
	}
	if a != b {
		t.Errorf("with NaNs %+v, without %+v", a, b)
	}
}

func TestMomentsMerge(t *testing.T) {
	xs := []float64{0.5, 1.25, 3, -2, 7.5, 0.125, 4, 4, 9, -1}
	var all Moments
	for _, x := range xs {
		all.Add(x)
	}
	// Values that are exact binary fractions make every partial sum exact, so any split
	// and any merge order must reproduce the whole-sample accumulator bit for bit.
	for split := 0; split <= len(xs); split++ {
		var a, b Moments
		for _, x := range xs[:split] {
			a.Add(x)
		}
		for _, x := range xs[split:] {
			b.Add(x)
		}
		ab, ba := a, b
		ab.Merge(b)
		ba.Merge(a)
		if ab != all || ba != all {
			t.Errorf("split %d: merged %+v / %+v, want %+v", split, ab, ba, all)
		}
	}
	// Merging an empty accumulator changes nothing.
	m := all
	m.Merge(Moments{})
	if m != all {
		t.Errorf("merge with empty: %+v, want %+v", m, all)
	}
}

func TestMomentsConstant(t *testing.T) {
	// 0.1 is not a binary fraction, so SumSq - Sum²/N need not cancel to exactly 0: the
	// clamp must keep the variance non-negative and the SD tiny.
	var m Moments
	for i := 0; i < 1000; i++ {
		m.Add(0.1)
	}
	if v := m.Var(); !(v >= 0 && v < 1e-15) {
		t.Errorf("Var of a constant = %v, want tiny and non-negative", v)
	}
	iv := m.MeanCI(0.95)
	if !(iv.Lo <= 0.1 && 0.1 <= iv.Hi && iv.Width() < 1e-7) {
		t.Errorf("MeanCI of a constant = %+v", iv)
	}
}
