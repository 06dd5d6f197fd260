package sim

import (
	"testing"

	"alliancesim/agents"
)

// Guns versus butter (docs/ODD.md §7.1): growth is slowed by phi*max(0, b - b_ref). With g =
// 0.02, phi = 0.05, b_ref = 0.02 and no noise, a state at b = 0.06 grows by exp(0.02 - 0.002)
// and one at b = 0.01 by exp(0.02); each then accrues (1-delta)*P + kappa*b*E with the new E.
func TestGunsVersusButter(t *testing.T) {
	s := handSpec(20, 40)
	s.Params.Model.Phi, s.Params.Model.BRef, s.Params.Model.Delta, s.Params.Model.Kappa = 0.05, 0.02, 0.1, 1
	s.States[0].Burden, s.States[1].Burden = 0.06, 0.01
	s.States[0].Growth, s.States[1].Growth = 0.02, 0.02
	s.States[0].Power, s.States[1].Power = 1, 1
	w := handWorld(s)
	w.economy()
	for i, want := range []struct{ e, p float64 }{
		{1.0181629763897937, 0.9 + 0.06*1.0181629763897937},
		{1.0202013400267558, 0.9 + 0.01*1.0202013400267558},
	} {
		if !near(w.e[i], want.e) || !near(w.pw[i], want.p) {
			t.Errorf("%s at b = %g: E %.16g, P %.16g; want %.16g, %.16g", s.States[i].Name, w.b[i], w.e[i], w.pw[i], want.e, want.p)
		}
	}
}

// Aid (docs/ODD.md §7.1): each guarantor sends aid*kappa*b_g*E_g of its accrual, split equally
// among its in-force protégés other than itself, and gives nothing when it has none. Here
// E = 1, P = 1, delta = 0.1:
//   - A (b 0.05, aid 0.1) to B, C and conquered D: sends 0.005, keeps 0.9 + 0.045; B and C
//     each get 0.9 + 0.02 + 0.0025.
//   - E (b 0.05, aid 0.1) to conquered D only: sends nothing, 0.9 + 0.05.
//   - F, G, H in an alliance with aid 0.1, b 0.04: each sends 0.004 to the two others and gets
//     0.002 from each: 0.9 + 0.036 + 0.004.
func TestAidSplit(t *testing.T) {
	s := handSpec(20, 21, 22, 23, 24, 25, 26, 27)
	s.Params.Model.Delta, s.Params.Model.Kappa = 0.1, 1
	for i := range s.States {
		s.States[i].Power = 1
	}
	s.States[0].Burden, s.States[4].Burden = 0.05, 0.05
	s.States[5].Burden, s.States[6].Burden, s.States[7].Burden = 0.04, 0.04, 0.04
	aid := agents.Terms{Aid: 0.1}
	s.Guarantees = []Guarantee{
		{Name: "to three", Kind: agents.Agreement, Guarantors: []int{0}, Proteges: []int{1, 2, 3}, Terms: aid, Set: SetAid},
		{Name: "to the conquered", Kind: agents.Agreement, Guarantors: []int{4}, Proteges: []int{3}, Terms: aid, Set: SetAid},
		{Name: "pact", Kind: agents.Alliance, Guarantors: []int{5, 6, 7}, Proteges: []int{5, 6, 7}, Terms: aid, Set: SetAid},
	}
	w := handWorld(s)
	w.conquered[3], w.stale = true, true
	w.refreshForce()
	w.economy()
	want := []float64{0.945, 0.9225, 0.9225, 1, 0.95, 0.94, 0.94, 0.94}
	for i, p := range want {
		if !near(w.pw[i], p) {
			t.Errorf("%s: P %.16g, want %g", s.States[i].Name, w.pw[i], p)
		}
	}
}

// A conquered state still draws its growth shock every step (docs/ODD.md §8), so that the draws
// after the economy phase are at the same stream position whether or not a state was conquered.
func TestConqueredStateDraws(t *testing.T) {
	s := handSpec(20, 22, 24)
	s.Params.Model.SigmaG = 0.02
	next := func(conquered bool) uint64 {
		w := handWorld(s)
		if conquered {
			w.conquered[1], w.e[1], w.pw[1] = true, 0, 0
		}
		w.economy()
		return w.rng.Uint64()
	}
	if a, b := next(false), next(true); a != b {
		t.Errorf("after the economy phase the stream is at %#x with no conquest, at %#x with B conquered", a, b)
	}
}
