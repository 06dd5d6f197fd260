package sim

import (
	"alliancesim/agents"
)

// respond is phase 5 (docs/ODD.md §7.5): every guarantor of an attacked state whose guarantee
// covers the attack's mode decides once whether to honour it. Buck-passers decide last, less
// willing the more of the expected support others bring (buckpass.diffusion), and abstain when
// those already honouring bring the aggressor's chance below buckpass.threshold.
func (w *World) respond() {
	clear(w.nTrig)
	w.cov = w.cov[:0]
	for i := range w.attacks {
		at := &w.attacks[i]
		at.lo, at.hi = w.covering(at.t, at.a, at.mode)
		for _, c := range w.cov[at.lo:at.hi] {
			w.nTrig[c.g]++
		}
	}
	h := &w.p.Honour
	rec := &w.rec
	for i := range w.attacks {
		at := &w.attacks[i]
		covs := w.cov[at.lo:at.hi]
		defence := w.pw[at.t]
		expected := -1.0 // the support the covering guarantors are expected to bring, when needed
		for pass := 0; pass < 2; pass++ {
			for ci := range covs {
				c := &covs[ci]
				if w.traits[c.g].PassesBuck != (pass == 1) {
					continue
				}
				cm := w.commitment(c.pair, at.a)
				cm.N = w.nTrig[c.g]
				hp := h.HonourProb(cm)
				if pass == 1 && w.p.Buckpass.Diffusion > 0 {
					if expected < 0 {
						expected = w.expectedSupport(covs)
					}
					hp = agents.Diffuse(hp, w.p.Buckpass.Diffusion, c.q*w.pledge(c.pair), expected)
				}
				honour := w.rng.Float64() < hp
				pr := &w.pairs[c.pair]
				terms := &w.gs[pr.k].terms
				passed := false
				switch {
				case !honour:
					w.events = append(w.events, repEvent{g: c.g, w: terms.W})
				case pass == 1 && agents.Contest(w.pw[at.a], defence, w.p.Model.Gamma) < w.p.Buckpass.Threshold:
					passed = true
				default:
					c.honour = true
					defence += w.pledge(c.pair)
					w.events = append(w.events, repEvent{g: c.g, w: terms.W, honoured: true})
					if terms.Response == agents.Fight && terms.Stake < w.pw[at.a]/(w.pw[at.a]+w.pw[c.g]) {
						rec.Costly++
					}
				}
				rec.count(c.g, w.gs[pr.k].kind, c.honour, passed)
			}
		}
	}
}

// expectedSupport returns the support the covering guarantors covs are expected to bring: the
// sum of their credibilities times their pledges.
func (w *World) expectedSupport(covs []cover) float64 {
	sum := 0.0
	for _, c := range covs {
		sum += c.q * w.pledge(c.pair)
	}
	return sum
}
