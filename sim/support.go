package sim

import (
	"math"

	"alliancesim/agents"
)

// commitment returns the honour inputs of pair pi against aggressor a.
func (w *World) commitment(pi, a int) agents.Commitment {
	pr := &w.pairs[pi]
	terms, g := &w.gs[pr.k].terms, pr.g
	return agents.Commitment{
		W: terms.W, Stake: terms.Stake, Tripwire: pr.tripwire,
		Rho: w.rep[g], Will: w.will[g], WillMean: w.willMean[g],
		NuclearAggressor: w.nuclear[a], PA: w.pw[a], PG: w.pw[g], ReachAG: w.reach[a*w.n+g], N: 1,
	}
}

// covering appends to w.cov the guarantors of t, other than a, whose in-force guarantees cover
// mode m, each once through its guarantee of highest credibility, in state order. It returns
// the range of w.cov it filled.
func (w *World) covering(t, a int, m agents.Mode) (lo, hi int) {
	w.stamp++
	if w.stamp == math.MaxInt {
		w.stampReset()
		w.stamp = 1
	}
	lo = len(w.cov)
	block := w.credBlock(a)
	for i := range w.backers[t] {
		b := &w.backers[t][i]
		g := int(b.g)
		if g == a || !b.covers(m) {
			continue
		}
		pi := int(b.pair)
		q := w.cred(block, b, a)
		if w.covStamp[g] != w.stamp {
			w.covStamp[g] = w.stamp
			w.covAt[g] = len(w.cov)
			w.cov = append(w.cov, cover{g: g, pair: pi, q: q})
		} else if c := &w.cov[w.covAt[g]]; q > c.q {
			c.pair, c.q = pi, q
		}
	}
	// Guarantors come in the order of their guarantees; put them in state order (an insertion
	// sort: the lists are short and mostly sorted already).
	c := w.cov[lo:]
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && c[j].g < c[j-1].g; j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
	return lo, len(w.cov)
}

// credBlock returns aggressor a's block of the credibility cache, indexed by credibility group.
// Only a potential aggressor (r(a,t) > 0 for some t) has one, and only a potential aggressor is
// ever perceived as a threat (its intent stays 0 otherwise) or attacks.
func (w *World) credBlock(a int) []credEntry {
	lo := w.aggSlot[a] * w.nGroups
	return w.qCache[lo : lo+w.nGroups]
}

// cred returns q, the credibility of backer b against aggressor a, whose block of the cache is
// block (see credBlock). It is constant from the threat phase to the response phase of a step
// (it depends on powers and reputations only), and the pairs of one guarantor in one guarantee
// differ only by their tripwire, so it is computed once per step for each (aggressor,
// guarantor, guarantee, tripwire) and cached. The aggression phase's hot loop inlines it by
// hand (the compiler will not), and the threat phase fills the cache ahead (see credFill).
func (w *World) cred(block []credEntry, b *backer, a int) float64 {
	c := &block[b.group]
	if c.epoch != w.epoch {
		w.credMiss(c, int(b.pair), a)
	}
	return c.q
}

// credMiss computes the credibility of pair pi against a into c.
func (w *World) credMiss(c *credEntry, pi, a int) {
	c.epoch, c.q = w.epoch, w.p.Honour.Credibility(w.commitment(pi, a))
}

// A credEntry is a cached credibility, valid while its epoch is the world's, with the threat
// phase's coefficient of armed support (see armedSupport), which credFill sets with it.
type credEntry struct {
	epoch uint64
	q     float64
	armed float64
}

// updateFree computes the free-riders' factors f_g from the current burdens (everyone else's
// is 1), unless neither burdens nor alliances have changed since it last did: the strategy
// phase computes them as it ends (see adjust), and a refresh that changes alliances marks them
// stale.
func (w *World) updateFree() {
	if !w.freeStale {
		return
	}
	w.freeStale = false
	for _, g := range w.freeRiders {
		sum, k := w.alliedBurden(g, w.b)
		w.free[g] = freeFactor(w.b[g], sum, k)
	}
}

// freeFactor is f_g of a free-rider of burden b whose k allies' burdens sum to sum: it
// contributes in proportion to its burden relative to their mean, at most fully.
func freeFactor(b, sum float64, k int) float64 {
	if k == 0 || sum <= 0 {
		return 1
	}
	return min(1, b/(sum/float64(k)))
}

// pledge is what guarantor g, honouring pair pi, brings to the defence of t: see bring.
func (w *World) pledge(pi int) float64 {
	pr := &w.pairs[pi]
	return w.bring(pr.g, w.gs[pr.k].terms.Response, w.reach[pr.g*w.n+pr.p])
}

// bring is what guarantor g brings by response resp to a protégé it reaches with reach: its
// fighting power there, or its arms surge, or nothing for sanctions; a free-rider f_g of it.
func (w *World) bring(g int, resp agents.Response, reach float64) float64 {
	switch resp {
	case agents.Fight:
		return w.free[g] * w.pw[g] * reach
	case agents.Arms:
		return w.free[g] * w.surge(g)
	}
	return 0
}

func (w *World) surge(g int) float64 {
	return w.p.Model.Surge * w.p.Model.Kappa * w.b[g] * w.e[g]
}

// expectOnly fills the parts of an attack option that depend on the target's guarantors, like
// expect, without listing them: in one pass when no guarantor holds two in-force guarantees to t
// (the hot loop of the aggression phase).
func (w *World) expectOnly(o *agents.Option, a, t int) {
	if !w.single[t] {
		lo, _ := w.expect(o, a, t)
		w.cov = w.cov[:lo]
		return
	}
	o.Support, o.Umbrella, o.Sanctions = 0, 0, 0
	if w.nuclear[t] {
		o.Umbrella = 1
	}
	if o.Mode != agents.ArmedAttack && w.anyModes[t] == 0 {
		return // no backer covers it: NATO's members against a hybrid attack, say
	}
	bs, block, epoch := w.backers[t], w.credBlock(a), w.epoch
	for i := range bs {
		b := &bs[i]
		g := int(b.g)
		if g == a || !b.covers(o.Mode) {
			continue
		}
		c := &block[b.group]
		if c.epoch != epoch {
			w.credMiss(c, int(b.pair), a)
		}
		q := c.q
		o.Support += q * w.bring(g, b.resp, b.reach)
		if b.resp == agents.Sanctions {
			o.Sanctions += q
		}
		if b.umbrella && q > o.Umbrella {
			o.Umbrella = q
		}
	}
}

// expectBoth is expectOnly for the armed option arm and the hybrid option hyb on t, which no
// guarantor holds two in-force guarantees to, in one walk of t's backers: each backer's
// credibility and pledge, computed once, go to both sums, each in the order expectOnly takes.
func (w *World) expectBoth(arm, hyb *agents.Option, a, t int) {
	arm.Support, arm.Umbrella, arm.Sanctions = 0, 0, 0
	hyb.Support, hyb.Umbrella, hyb.Sanctions = 0, 0, 0
	if w.nuclear[t] {
		arm.Umbrella, hyb.Umbrella = 1, 1
	}
	hybrid := w.anyModes[t] > 0 // some backer covers a hybrid attack
	bs, block, epoch := w.backers[t], w.credBlock(a), w.epoch
	for i := range bs {
		b := &bs[i]
		g := int(b.g)
		if g == a {
			continue
		}
		c := &block[b.group]
		if c.epoch != epoch {
			w.credMiss(c, int(b.pair), a)
		}
		q := c.q
		x := q * w.bring(g, b.resp, b.reach)
		arm.Support += x
		if b.resp == agents.Sanctions {
			arm.Sanctions += q
		}
		if b.umbrella && q > arm.Umbrella {
			arm.Umbrella = q
		}
		if !hybrid || !b.anyMode {
			continue
		}
		hyb.Support += x
		if b.resp == agents.Sanctions {
			hyb.Sanctions += q
		}
		if b.umbrella && q > hyb.Umbrella {
			hyb.Umbrella = q
		}
	}
}

// expect fills the parts of an attack option that depend on the target's guarantors as the
// aggressor perceives them: expected support, the nuclear umbrella, sanctions. It leaves the
// covering guarantors in w.cov[lo:hi] and reports whether there was any.
func (w *World) expect(o *agents.Option, a, t int) (lo, hi int) {
	lo, hi = w.covering(t, a, o.Mode)
	o.Support, o.Umbrella, o.Sanctions = 0, 0, 0
	if w.nuclear[t] {
		o.Umbrella = 1
	}
	for _, c := range w.cov[lo:hi] {
		terms := &w.gs[w.pairs[c.pair].k].terms
		o.Support += c.q * w.pledge(c.pair)
		if terms.Umbrella && w.nuclear[c.g] {
			o.Umbrella = max(o.Umbrella, c.q)
		}
		if terms.Response == agents.Sanctions {
			o.Sanctions += c.q
		}
	}
	return lo, hi
}
