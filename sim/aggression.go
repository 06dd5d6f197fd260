package sim

import (
	"slices"

	"alliancesim/agents"
)

// aggression is phase 4: every potential aggressor weighs every (target, mode) option and picks
// one, or none, by a multinomial logit with the status quo as the outside option. One uniform draw
// per aggressor that has an option.
func (w *World) aggression() {
	n := w.n
	w.attacks = w.attacks[:0]
	w.cov = w.cov[:0]
	w.events = w.events[:0]
	clear(w.attacker)
	eus, opts := w.eus[:2*maxOptions], w.opts[:2*maxOptions]
	// Set field by field, never as a composite literal: the compiler builds a literal aside and
	// copies it in 16-byte loads over the 8-byte stores that just wrote it, which the processor
	// cannot forward. expectOnly sets the fields left.
	var o agents.Option
	for a := range n {
		if w.rmax[a] <= 0 || w.conquered[a] {
			continue
		}
		k := 0
		for t := range n {
			r := w.r[a*n+t]
			if r <= 0 || t == a || w.conquered[t] || w.allied[a*n+t] || w.client[t] == a {
				continue
			}
			for m := agents.ArmedAttack; m < agents.NumModes; m++ {
				if k == len(eus) {
					break
				}
				o.Mode, o.PA, o.PT, o.R, o.Reach = m, w.pw[a], w.pw[t], r, w.reach[a*n+t]
				w.expectOnly(&o, a, t)
				_, eus[k] = w.p.Utility(&o)
				opts[k].t, opts[k].mode = t, m
				k++
			}
		}
		if k == 0 {
			continue
		}
		j := w.p.Choose(eus[:k], w.rng.Float64())
		if j < 0 {
			continue
		}
		w.strike(a, opts[j].t, opts[j].mode)
	}
}

// maxOptions bounds the targets one aggressor weighs in a step; Spec validation keeps the number
// of states below it.
const maxOptions = 256

// dropBacker removes pair pi from t's backers, at once: later aggressors of the same phase
// must not count it.
func (w *World) dropBacker(t int, pi int32) {
	w.backers[t] = slices.DeleteFunc(w.backers[t], func(b backer) bool {
		if b.pair == pi && b.anyMode {
			w.anyModes[t]--
		}
		return b.pair == pi
	})
}

// strike records an attack of a on t in mode m, with the deterrence failures it makes.
func (w *World) strike(a, t int, m agents.Mode) {
	w.attacker[a] = true
	// A guarantor attacking its own protégé voids that pair only, as an abandonment.
	for _, pi32 := range w.byProtege[t] {
		pr := &w.pairs[pi32]
		if pr.g == a && !pr.void {
			if w.inForce(int(pi32)) {
				w.events = append(w.events, repEvent{g: a, w: w.gs[pr.k].terms.W, honoured: false})
			}
			pr.void = true
			w.force[pi32] = false
			w.stale = true
			w.dropBacker(t, pi32)
		}
	}
	lo, hi := w.covering(t, a, m)
	w.cov = w.cov[:lo]
	covered := hi > lo
	rec := &w.rec
	st := &rec.States[t]
	rec.Attacks++
	if m == agents.ArmedAttack {
		rec.Wars++
		st.ArmedAttacked = true
	} else {
		rec.HybridAttacks++
	}
	st.Attacked = true
	step := w.t + 1
	if st.AttackStep == 0 {
		st.AttackStep = step
	}
	if w.held[t] && rec.HeldFailureStep == 0 {
		rec.HeldFailureStep = step
	}
	if covered {
		st.CoveredAttacked = true
		if st.FailureStep == 0 {
			st.FailureStep = step
		}
		if rec.FailureStep == 0 {
			rec.FailureStep = step
		}
		if m == agents.ArmedAttack && rec.ArmedFailureStep == 0 {
			rec.ArmedFailureStep = step
		}
	}
	w.attacks = append(w.attacks, attack{a: a, t: t, mode: m, covered: covered})
}
