package agents

import "math"

// Version 4's burden rule (docs/ODD.md §7.3). An allied state aims at the largest of three
// burdens and closes a share burden.rate of the gap each step (partial adjustment, so no
// threshold splits the runs):
//
//   - the threat's burden: its exposure x to the principal threat j, counting its allies'
//     promised support at the discount psi (self-help, Waltz; the fear of abandonment, Snyder),
//     raised to a power: level*(x/x_star)^eta. x is a share of the threat's power, not of the
//     state's own, so the burden does not scale with 1/GDP;
//   - the public good's: its Olson–Zeckhauser best response to its allies' spending (Sandler's
//     joint products), which the largest economy alone clears;
//   - the alliance's norm: burden.norm times its allies' median burden.
//
// A free-rider aims at the last two only, with burden.floor in place of burden.norm: it pays
// less, not nothing.

// Exposure returns x = threat/(P_j + psi*S): the threat on the state as a share of the threat's
// power, plus the support its allies promise, discounted by psi. With psi = 0 the state relies
// on itself alone and x is reach(j,i)*intent_j.
func (b *BurdenParams) Exposure(threat, threatPower, support float64) float64 {
	d := threatPower + b.Psi*support
	if threat <= 0 || d <= 0 {
		return 0
	}
	return threat / d
}

// ThreatBurden returns level*(x/x_star)^eta, the burden that answers exposure x.
func (b *BurdenParams) ThreatBurden(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return b.Level * math.Pow(x/b.XStar, b.Eta)
}

// TargetBurden returns the burden an allied state aims at (see above), within the model's
// burden range; answer says whether the threat's burden counts (not for a free-rider).
func (p *Params) TargetBurden(s *Situation, answer bool) float64 {
	bp := &p.Burden
	f := bp.Floor
	if answer {
		f = bp.Norm
	}
	t := f * s.AlliedNorm()
	if s.Economy > 0 {
		t = max(t, FreerideSpending(s.Economy, s.AlliedSpending(), bp.Alpha)/s.Economy)
	}
	if answer && s.Threat >= 0 {
		t = max(t, bp.ThreatBurden(bp.Exposure(s.ThreatLevel, s.ThreatPower, s.Support)))
	}
	return min(p.Model.BurdenMax, max(p.Model.BurdenMin, t))
}

// AdjustBurden returns the burden after one step of partial adjustment towards target. A
// potential aggressor, and a state attacked by arms last step, never lowers its burden.
func (p *Params) AdjustBurden(s *Situation, target float64) float64 {
	b := s.Burden + p.Burden.Rate*(target-s.Burden)
	if b < s.Burden && (s.Aggressor || s.ArmedAttacked) {
		return s.Burden
	}
	return b
}
