package agents

import (
	"math"
	"testing"
)

// The escalation shadow at a point: a hybrid option on a protégé of an armed-trigger guarantee
// carries the armed support beyond what the hybrid guarantors bring, times hybrid.escalation.
func TestEscalate(t *testing.T) {
	for _, test := range []struct {
		e, eu                  float64
		sHyb, uHyb, sArm, uArm float64
		wantS, wantU           float64
	}{
		{e: 0, eu: 0, sHyb: 0.1, uHyb: 0, sArm: 2, uArm: 0.8, wantS: 0.1, wantU: 0},    // version 3
		{e: 1, eu: 0, sHyb: 0.1, uHyb: 0, sArm: 2, uArm: 0.8, wantS: 2, wantU: 0},      // all of it
		{e: 0.5, eu: 0, sHyb: 0.1, uHyb: 0, sArm: 2, uArm: 0.8, wantS: 1.05, wantU: 0}, // 0.1 + 0.5*1.9
		{e: 1, eu: 0.5, sHyb: 0, uHyb: 0.3, sArm: 1, uArm: 0.8, wantS: 1, wantU: 0.4},  // umbrella half
		{e: 1, eu: 1, sHyb: 0, uHyb: 0.9, sArm: 1, uArm: 0.8, wantS: 1, wantU: 0.9},    // never lowers it
		{e: 1, eu: 0, sHyb: 3, uHyb: 0, sArm: 2, uArm: 0, wantS: 3, wantU: 0},          // hybrid support above armed stays
	} {
		p := DefaultParams()
		p.Hybrid.Escalation, p.Hybrid.EscUmbrella = test.e, test.eu
		s, u := p.Escalate(test.sHyb, test.uHyb, test.sArm, test.uArm)
		if math.Abs(s-test.wantS) > 1e-12 || math.Abs(u-test.wantU) > 1e-12 {
			t.Errorf("e %g, e_u %g, S_hyb %g, U_hyb %g, S_arm %g, U_arm %g: S' %g U' %g, want %g %g",
				test.e, test.eu, test.sHyb, test.uHyb, test.sArm, test.uArm, s, u, test.wantS, test.wantU)
		}
	}
}

// A dispute opportunity arises with probability min(1, r/r_ref): it vanishes with the claim, and
// without r_ref every year is one.
func TestOpportunity(t *testing.T) {
	for _, test := range []struct{ rRef, r, want float64 }{
		{0, 0.01, 1}, {0, 0.8, 1},
		{0.5, 0, 0}, {0.5, 0.01, 0.02}, {0.5, 0.25, 0.5}, {0.5, 0.5, 1}, {0.5, 0.9, 1},
	} {
		p := DefaultParams()
		p.Model.RRef = test.rRef
		if got := p.Opportunity(test.r); math.Abs(got-test.want) > 1e-15 {
			t.Errorf("r_ref %g, r %g: %g, want %g", test.rRef, test.r, got, test.want)
		}
	}
}

// Overstretch: each war already launched adds war.overstretch times the war's cost share to an
// armed option's cost, and leaves a hybrid option alone.
func TestUtilityOverstretch(t *testing.T) {
	p := DefaultParams()
	p.War.Cost, p.War.Overstretch, p.Hybrid.Cost = 0.8, 1.5, 0.05
	o := Option{Mode: ArmedAttack, PA: 3, PT: 1, Support: 1, R: 0.6, Reach: 0.7}
	_, eu0 := p.Utility(&o)
	o.Wars = 2
	_, eu2 := p.Utility(&o)
	share := 2.0 / 5 // (PT+S)/(PA+PT+S)
	if want := eu0 - 0.8*1.5*2*share; math.Abs(eu2-want) > 1e-12 {
		t.Errorf("armed EU after 2 wars %g, want %g (EU %g less cost*overstretch*wars*share)", eu2, want, eu0)
	}
	h := o
	h.Mode, h.Wars = HybridAttack, 0
	_, hu0 := p.Utility(&h)
	h.Wars = 2
	if _, hu2 := p.Utility(&h); hu2 != hu0 {
		t.Errorf("hybrid EU moves with wars: %g -> %g", hu0, hu2)
	}
}

// The diffusion of responsibility at a point: a buck-passer who would bring a quarter of the
// expected support honours with h*(1 - beta*3/4).
func TestDiffuse(t *testing.T) {
	for _, test := range []struct{ h, beta, own, total, want float64 }{
		{0.6, 0.5, 1, 4, 0.6 * (1 - 0.5*0.75)},
		{0.6, 0, 1, 4, 0.6},    // version 3
		{0.6, 0.5, 4, 4, 0.6},  // it brings everything: nobody else to pass to
		{0.6, 0.5, 0, 4, 0.3},  // it brings nothing
		{0.6, 0.5, 0, 0, 0.6},  // nobody brings anything
		{0.6, 1, 0.5, 2, 0.15}, // sigma 3/4 at full diffusion
	} {
		if got := Diffuse(test.h, test.beta, test.own, test.total); math.Abs(got-test.want) > 1e-15 {
			t.Errorf("Diffuse(%g, %g, %g, %g) = %g, want %g", test.h, test.beta, test.own, test.total, got, test.want)
		}
	}
}

// V3 switches version 4 off and nothing else.
func TestV3(t *testing.T) {
	p := DefaultParams()
	p.Model.Dyadic, p.Model.RRef, p.War.Overstretch = true, 0.5, 1
	p.Hybrid.Escalation, p.Hybrid.EscUmbrella, p.Buckpass.Diffusion = 1, 0.3, 0.5
	p.V3()
	q := DefaultParams()
	q.V3()
	if p != q {
		t.Errorf("V3 of a v4 parameter set %+v differs from V3 of the defaults %+v", p, q)
	}
	if p.Model.Dyadic || p.Model.RRef != 0 || p.War.Overstretch != 0 || p.Hybrid.Escalation != 0 ||
		p.Hybrid.EscUmbrella != 0 || p.Buckpass.Diffusion != 0 {
		t.Errorf("V3 leaves a version 4 switch on: %+v", p)
	}
}
