package agents

import (
	"math"
	"math/big"
	"testing"
)

// workedExample returns the parameters and the Russia–Ukraine option of docs/ODD.md §7.4:
// g = 0, powers kappa*b*E/delta from the 2024 data, claims.Ukraine = 0.8, Moscow–Kyiv.
func workedExample(mode Mode) (Params, Option) {
	p := DefaultParams()
	p.Model.Gamma, p.Model.Mu, p.Model.S = 1.5, 0.3, 0.05
	p.War.Cost, p.Hybrid.Gain, p.Hybrid.Cost = 0.5, 0.3, 0.05
	pa := p.Model.Kappa * 0.071 * 2.16 / p.Model.Delta
	pt := p.Model.Kappa * 0.34 * 0.19 / p.Model.Delta
	d := Distance(37.62, 55.76, 30.52, 50.45)
	return p, Option{Mode: mode, PA: pa, PT: pt, R: 0.8, Reach: Reach(d, p.Model.Lambda, 0)}
}

func TestWorkedExample(t *testing.T) {
	for _, test := range []struct {
		mode           Mode
		pwin, eu, prob float64
	}{
		{ArmedAttack, 0.785, 0.231, 0.202},
		{HybridAttack, 0.785, 0.099, 0.018},
	} {
		p, o := workedExample(test.mode)
		pwin, eu := p.Utility(&o)
		prob := p.ChoiceProb(eu)
		if math.Abs(pwin-test.pwin) > 5e-4 || math.Abs(eu-test.eu) > 5e-4 || math.Abs(prob-test.prob) > 5e-4 {
			t.Errorf("%v: p_win %.4f EU %.4f P(attack) %.4f, want %.3f %.3f %.3f",
				test.mode, pwin, eu, prob, test.pwin, test.eu, test.prob)
		}
	}
}

func TestWorkedExampleGeography(t *testing.T) {
	d := Distance(37.62, 55.76, 30.52, 50.45)
	if math.Abs(d-756) > 2 {
		t.Errorf("Moscow–Kyiv = %.1f km, want about 756", d)
	}
	if r := Reach(d, 1500, 0); math.Abs(r-0.604) > 1e-3 {
		t.Errorf("reach = %.4f, want 0.604", r)
	}
	if r := Reach(d, 1500, 0.9); r != 0.9 {
		t.Errorf("reach with projection 0.9 = %g, want 0.9", r)
	}
}

// With one option Choose must reproduce the binary logit, and with several the multinomial one.
func TestChooseFrequencies(t *testing.T) {
	p := DefaultParams()
	eus := []float64{0.25, 0.32, 0.1}
	x := make([]float64, len(eus))
	den := 1.0
	for i, eu := range eus {
		x[i] = math.Exp((eu - p.Model.Mu) / p.Model.S)
		den += x[i]
	}
	// Walk u over a fine grid: the share of u choosing j is the probability of j.
	const n = 100000
	counts := make([]int, len(eus)+1)
	scratch := make([]float64, len(eus))
	for k := range n {
		u := (float64(k) + 0.5) / n
		copy(scratch, eus)
		counts[p.Choose(scratch, u)+1]++
	}
	for j := range eus {
		if got, want := float64(counts[j+1])/n, x[j]/den; math.Abs(got-want) > 1e-4 {
			t.Errorf("option %d chosen %.5f, want %.5f", j, got, want)
		}
	}
	if got, want := float64(counts[0])/n, 1/den; math.Abs(got-want) > 1e-4 {
		t.Errorf("status quo %.5f, want %.5f", got, want)
	}
	// Huge utilities must not overflow.
	if j := p.Choose([]float64{1e6}, 0.5); j != 0 {
		t.Errorf("Choose with a huge utility = %d, want 0", j)
	}
	if j := p.Choose(nil, 0.1); j != -1 {
		t.Errorf("Choose with no option = %d, want -1", j)
	}
}

func TestContest(t *testing.T) {
	for _, test := range []struct{ pa, pd, gamma, want float64 }{
		{1, 1, 1.5, 0.5},
		{2, 1, 1, 2.0 / 3},
		{4, 1, 2, 16.0 / 17},
		{0, 1, 1.5, 0},
		{1, 0, 1.5, 1},
		{0, 0, 1.5, 0.5},
		{1e200, 1e200, 3, 0.5},
	} {
		if got := Contest(test.pa, test.pd, test.gamma); math.Abs(got-test.want) > 1e-12 {
			t.Errorf("Contest(%g, %g, %g) = %g, want %g", test.pa, test.pd, test.gamma, got, test.want)
		}
	}
}

// The contest's shortcuts for the usual decisivenesses must be x^gamma to rounding (checked in
// 200-bit arithmetic: math.Pow itself is off by several ulps at large x).
func TestRatioPow(t *testing.T) {
	for _, gamma := range []float64{1, 1.5, 2} {
		for _, x := range []float64{1e-300, 1e-9, 0.37, 1, 2.5, 1e9, 1e150} {
			bx := new(big.Float).SetPrec(200).SetFloat64(x)
			want := new(big.Float).SetPrec(200)
			switch gamma {
			case 1:
				want.Set(bx)
			case 1.5:
				want.Sqrt(bx).Mul(want, bx)
			case 2:
				want.Mul(bx, bx)
			}
			w, _ := want.Float64()
			if got := ratioPow(x, gamma); math.Abs(got-w) > 2.3e-16*w {
				t.Errorf("ratioPow(%g, %g) = %g, want %g", x, gamma, got, w)
			}
		}
	}
	if got, want := ratioPow(2.5, 0.7), math.Pow(2.5, 0.7); got != want {
		t.Errorf("ratioPow(2.5, 0.7) = %g, want math.Pow's %g", got, want)
	}
}
