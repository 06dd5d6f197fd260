package agents

// Commitment describes one guarantor facing one triggered (or contemplated) commitment: what
// enters its honour decision (docs/ODD.md §7.5).
type Commitment struct {
	W, Stake         float64 // the guarantee's legal weight and the guarantor's stake
	Tripwire         bool    // the guarantor has forces on the protégé's soil
	Rho              float64 // the guarantor's reputation
	Will             float64 // its political will (drawn once per run)
	WillMean         float64 // the mean of its will prior
	NuclearAggressor bool
	PA, PG           float64 // the aggressor's and the guarantor's power
	ReachAG          float64 // reach(a,g): how exposed the guarantor is to the aggressor
	N                int     // the number of the guarantor's commitments triggered this step
}

// HonourProb returns the probability that a guarantor honours the commitment:
//
//	h = logistic(a0 + aw*w + as*stake + at*tripwire + ar*(rho-rho0) + ap*(will-mean will)
//	             - an*[nuclear aggressor] - ac*PA/(PA+PG) + ae*reach(a,g) - ao*(n-1))
func (h *Honour) HonourProb(c Commitment) float64 { return Logistic(h.logit(&c, c.Will, c.N)) }

// Credibility returns q, the honour probability the aggressor perceives: the same rule with the
// guarantor's will at the mean of its prior and a single commitment. The aggressor sees kind,
// tripwire, stake and reputation, never the will the guarantor drew.
func (h *Honour) Credibility(c Commitment) float64 {
	return Logistic(h.logit(&c, c.WillMean, 1))
}

// Fixed returns the part of the honour log-odds that a guarantee's terms fix:
// a0 + aw*w + as*stake. It does not change during a run, so a caller with many credibilities to
// compute each step computes it once (see CredibilityLogit).
func (h *Honour) Fixed(w, stake float64) float64 { return h.A0 + h.AW*w + h.AS*stake }

// CredibilityLogit returns the log-odds of Credibility, the argument of its logistic, for a
// commitment whose terms give fixed (see Fixed), held by a guarantor of reputation rho and power
// pg that the aggressor, of power pa, reaches with reachAG. It is for callers with many
// credibilities to compute: they take all the logits first, then all the logistics, which are
// independent of each other, and so the exponentials overlap in the processor.
func (h *Honour) CredibilityLogit(fixed, rho, reachAG float64, tripwire, nuclearAggressor bool, pa, pg float64) float64 {
	// The will and count terms of logit vanish: will at its mean, a single commitment.
	return h.situational(fixed+h.AR*(rho-h.Rho0)+h.AE*reachAG, tripwire, nuclearAggressor, pa, pg)
}

// logit is the honour rule's log-odds for c with the given will and number of commitments.
func (h *Honour) logit(c *Commitment, will float64, n int) float64 {
	x := h.Fixed(c.W, c.Stake) + h.AR*(c.Rho-h.Rho0) + h.AP*(will-c.WillMean) +
		h.AE*c.ReachAG - h.AO*float64(n-1)
	return h.situational(x, c.Tripwire, c.NuclearAggressor, c.PA, c.PG)
}

// situational adds to the log-odds x the terms of the situation: tripwire, a nuclear
// aggressor, and the balance of power between aggressor and guarantor.
func (h *Honour) situational(x float64, tripwire, nuclearAggressor bool, pa, pg float64) float64 {
	if tripwire {
		x += h.AT
	}
	if nuclearAggressor {
		x -= h.AN
	}
	if tot := pa + pg; tot > 0 {
		x -= h.AC * pa / tot
	}
	return x
}

// Diffuse returns a buck-passer's honour probability h when it would bring own of the expected
// support total against an attack (docs/ODD.md §7.5, the diffusion of responsibility): the more
// of the support others bring, the less it feels bound,
//
//	h' = h * (1 - beta*sigma),  sigma = (total-own)/total
//
// with sigma 0 when nobody is expected to bring anything.
func Diffuse(h, beta, own, total float64) float64 {
	if total <= 0 {
		return h
	}
	sigma := min(1, max(0, (total-own)/total))
	return h * (1 - beta*sigma)
}
