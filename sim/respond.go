package sim

import (
	"alliancesim/agents"
)

// respond is phase 5: every guarantor of an attacked state whose guarantee covers the attack's
// mode decides once whether to honour it. Buck-passers decide last and abstain when those already
// honouring bring the aggressor's chance below buckpass.threshold.
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
		for pass := 0; pass < 2; pass++ {
			for ci := range covs {
				c := &covs[ci]
				if w.traits[c.g].PassesBuck != (pass == 1) {
					continue
				}
				cm := w.commitment(c.pair, at.a)
				cm.N = w.nTrig[c.g]
				honour := w.rng.Float64() < h.HonourProb(cm)
				rec.Triggered++
				terms := &w.gs[w.pairs[c.pair].k].terms
				switch {
				case !honour:
					rec.Abandoned++
					w.events = append(w.events, repEvent{g: c.g, w: terms.W})
				case pass == 1 && agents.Contest(w.pw[at.a], defence, w.p.Model.Gamma) < w.p.Buckpass.Threshold:
					rec.BuckPassed++
				default:
					c.honour = true
					rec.Honoured++
					defence += w.pledge(c.pair)
					w.events = append(w.events, repEvent{g: c.g, w: terms.W, honoured: true})
					if terms.Response == agents.Fight && terms.Stake < w.pw[at.a]/(w.pw[at.a]+w.pw[c.g]) {
						rec.Costly++
					}
				}
			}
		}
	}
}
