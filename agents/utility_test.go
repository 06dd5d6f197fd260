package agents

import (
	"math"
	"testing"
)

// The aggressor's expected utility at a point (docs/ODD.md §7.4), written out by hand:
//
//	p_win = 1/(1 + (2/3)^1.5) = 0.6475295549105753
//	armed:  EU = p_win*0.6*0.7     - 0.8*2/5  - 1*0.5*0.8   - 0.02*1.5
//	hybrid: EU = p_win*0.6*0.7*0.3 - 0.05*2/5 - 0.3*0.5*0.8 - 0.02*1.5
//
// and each of the umbrella and sanctions terms, moved alone, moves EU by exactly its coefficient:
// h_m*nuc per unit of U (h_hybrid = hybrid.gain), hybrid.sanction per unit of the sanctioning
// guarantors' summed credibility.
func TestUtilityTerms(t *testing.T) {
	p := DefaultParams()
	p.V3()
	p.Model.Gamma, p.Model.Nuc = 1.5, 0.5
	p.War.Cost, p.Hybrid.Gain, p.Hybrid.Cost, p.Hybrid.Sanction = 0.8, 0.3, 0.05, 0.02
	base := Option{PA: 3, PT: 1, Support: 1, R: 0.6, Reach: 0.7, Umbrella: 0.8, Sanctions: 1.5}
	for _, test := range []struct {
		mode       Mode
		eu         float64
		perU, perS float64 // dEU/dU, dEU/dSanctions
	}{
		{ArmedAttack, -0.4780375869375585, -0.5, -0.02},
		{HybridAttack, -0.08841127608126752, -0.3 * 0.5, -0.02},
	} {
		o := base
		o.Mode = test.mode
		pwin, eu := p.Utility(&o)
		if math.Abs(pwin-0.6475295549105753) > 1e-15 || math.Abs(eu-test.eu) > 1e-15 {
			t.Errorf("%v: p_win %.16g, EU %.16g; want 0.6475295549105753, %.16g", test.mode, pwin, eu, test.eu)
		}
		for _, term := range []struct {
			name string
			set  func(o *Option)
			per  float64
			by   float64
		}{
			{"umbrella", func(o *Option) { o.Umbrella = 0 }, test.perU, -base.Umbrella},
			{"sanctions", func(o *Option) { o.Sanctions = 0 }, test.perS, -base.Sanctions},
		} {
			moved := o
			term.set(&moved)
			pw, eu2 := p.Utility(&moved)
			if pw != pwin {
				t.Errorf("%v: the %s term moves p_win: %g -> %g", test.mode, term.name, pwin, pw)
			}
			if got, want := eu2-eu, term.per*term.by; math.Abs(got-want) > 1e-15 {
				t.Errorf("%v: dropping the %s term moves EU by %.16g, want %.16g", test.mode, term.name, got, want)
			}
		}
	}
}
