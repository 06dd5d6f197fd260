package agents

import "math"

// Option is an attack an aggressor weighs: one target in one mode, with what the aggressor
// expects of the target's guarantors.
type Option struct {
	Mode      Mode
	PA, PT    float64 // the aggressor's and the target's power
	Support   float64 // S: the credibility-weighted support the aggressor expects for the target
	R         float64 // the aggressor's revisionism towards the target, r(a,t)
	Reach     float64 // reach(a,t)
	Umbrella  float64 // U: the largest credibility of a nuclear umbrella covering the mode, 1 if the target is nuclear
	Sanctions float64 // the sum of the credibilities of the sanctioning guarantors covering the mode
	Wars      int     // wars the aggressor has already launched this step (overstretch, armed only)
}

// Utility returns the aggressor's chance of success and expected utility of the option
// (docs/ODD.md §7.4):
//
//	p_win = Contest(PA, PT+S)
//	EU    = p_win*r*reach*h_m - c_m*(PT+S)/(PA+PT+S) - h_m*nuc*U - hybrid.sanction*Sanctions
//
// with h_armed = 1, h_hybrid = hybrid.gain, c_armed = war.cost*(1 + war.overstretch*Wars),
// c_hybrid = hybrid.cost.
func (p *Params) Utility(o *Option) (pwin, eu float64) {
	h, c := 1.0, p.War.Cost
	if o.Wars > 0 {
		c *= 1 + p.War.Overstretch*float64(o.Wars)
	}
	if o.Mode == HybridAttack {
		h, c = p.Hybrid.Gain, p.Hybrid.Cost
	}
	defence := o.PT + o.Support
	pwin = Contest(o.PA, defence, p.Model.Gamma)
	share := 0.0
	if tot := o.PA + defence; tot > 0 {
		share = defence / tot
	}
	eu = pwin*o.R*o.Reach*h - c*share - h*p.Model.Nuc*o.Umbrella - p.Hybrid.Sanction*o.Sanctions
	return pwin, eu
}

// Escalate returns the support and umbrella an aggressor fears in a hybrid attack on a target
// whose guarantors it expects to bring sHyb and uHyb against that attack and sArm and uArm against
// an armed one: a grey-zone operation may escalate into the war an armed-trigger guarantee
// covers (docs/ODD.md §7.4, the escalation shadow).
//
//	S' = sHyb + hybrid.escalation*max(0, sArm-sHyb)
//	U' = max(uHyb, hybrid.esc_umbrella*uArm)
func (p *Params) Escalate(sHyb, uHyb, sArm, uArm float64) (s, u float64) {
	return sHyb + p.Hybrid.Escalation*max(0, sArm-sHyb), max(uHyb, p.Hybrid.EscUmbrella*uArm)
}

// Opportunity returns the probability that aggressor and target with claim r have a dispute
// opportunity in a year: min(1, r/model.r_ref), 1 when r_ref is 0 (version 3: every year).
// An attack's probability thus vanishes with the claim (docs/ODD.md §7.4).
func (p *Params) Opportunity(r float64) float64 {
	if p.Model.RRef <= 0 {
		return 1
	}
	return min(1, max(0, r)/p.Model.RRef)
}

// ChoiceProb returns the probability that an aggressor whose only option has expected utility eu
// attacks: 1/(1 + e^-(eu-mu)/s).
func (p *Params) ChoiceProb(eu float64) float64 {
	return Logistic((eu - p.Model.Mu) / p.Model.S)
}

// Choose picks an option by the multinomial logit with the status quo as the outside option:
// option j is taken with probability e^((eu_j-mu)/s) / (1 + sum_k e^((eu_k-mu)/s)). u is one
// uniform draw in [0,1); the result is the index of the chosen option, or -1 for no attack.
// Choose overwrites eus with the options' unnormalised weights, so that each exponential is
// computed once.
func (p *Params) Choose(eus []float64, u float64) int {
	if len(eus) == 0 {
		return -1
	}
	mu, s := p.Model.Mu, p.Model.S
	// Shift by the largest exponent (at least the outside option's 0) so nothing overflows.
	m := 0.0
	for _, eu := range eus {
		if x := (eu - mu) / s; x > m {
			m = x
		}
	}
	total := math.Exp(-m)
	for j, eu := range eus {
		eus[j] = math.Exp((eu-mu)/s - m)
		total += eus[j]
	}
	// Walk the cumulative weights up to u*total: the status quo's share lies past the options.
	target := u * total
	acc := 0.0
	for j, x := range eus {
		acc += x
		if target < acc {
			return j
		}
	}
	return -1
}
