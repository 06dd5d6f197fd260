package agents

// Commitment describes one guarantor facing one triggered (or contemplated) commitment: what
// enters its honour decision (MODEL.md §2, step 5).
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

// CredibilityLogit returns the log-odds of Credibility, the argument of its logistic. (A caller
// with many credibilities to compute takes all their logits first, then all the logistics:
// independent of each other, the exponentials then overlap in the processor.)
func (h *Honour) CredibilityLogit(c *Commitment) float64 { return h.logit(c, c.WillMean, 1) }

// logit is the honour rule's log-odds for c with the given will and number of commitments.
func (h *Honour) logit(c *Commitment, will float64, n int) float64 {
	x := h.A0 + h.AW*c.W + h.AS*c.Stake + h.AR*(c.Rho-h.Rho0) + h.AP*(will-c.WillMean) +
		h.AE*c.ReachAG - h.AO*float64(n-1)
	if c.Tripwire {
		x += h.AT
	}
	if c.NuclearAggressor {
		x -= h.AN
	}
	if tot := c.PA + c.PG; tot > 0 {
		x -= h.AC * c.PA / tot
	}
	return x
}
