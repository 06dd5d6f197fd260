package sim

import (
	"slices"

	"alliancesim/agents"
)

// aggression is phase 4 (docs/ODD.md §7.4). Each potential aggressor, in config order, first
// draws its dispute opportunities (one uniform per claimed target, when model.r_ref > 0); then
// either every pair with an opportunity decides on its own (model.dyadic), or the aggressor
// weighs all its (target, mode) options at once and picks one, or none, by a multinomial logit
// with the status quo as the outside option (version 3), one uniform draw.
func (w *World) aggression() {
	n := w.n
	w.attacks = w.attacks[:0]
	w.cov = w.cov[:0]
	w.events = w.events[:0]
	clear(w.attacker)
	eus, opts := w.eus[:2*n], w.opts[:2*n]
	p := w.p
	for a := range n {
		if w.rmax[a] <= 0 || w.conquered[a] {
			continue
		}
		w.opportunities(a)
		if p.Model.Dyadic {
			w.dyads(a)
			continue
		}
		k := 0
		for _, t := range w.claimed[a] {
			if !w.weighs(a, t) {
				continue
			}
			arm, hyb := w.options(a, t)
			_, eus[k] = p.Utility(arm)
			_, eus[k+1] = p.Utility(hyb)
			opts[k].t, opts[k].mode = t, agents.ArmedAttack
			opts[k+1].t, opts[k+1].mode = t, agents.HybridAttack
			k += 2
		}
		if k == 0 {
			continue
		}
		j := p.Choose(eus[:k], w.rng.Float64())
		if j < 0 {
			continue
		}
		w.strike(a, opts[j].t, opts[j].mode)
	}
}

// opportunities draws aggressor a's dispute opportunities for this step and, for dyadic
// decisions, each pair's choice: for every state it has a claim on, in config order, one
// uniform for the opportunity (when model.r_ref > 0) and one for the choice (when
// model.dyadic), whether or not it could attack that state now. So the draws a step makes do not
// depend on who is allied, conquered or a client, and a sweep that changes them keeps its common
// random numbers. Without model.r_ref every claim is an opportunity every step.
func (w *World) opportunities(a int) {
	n := w.n
	row, opp, choice := w.r[a*n:(a+1)*n], w.opp[:n], w.choice[:n]
	rRef, dyadic := w.p.Model.RRef, w.p.Model.Dyadic
	// Only its claims: opp is read for them alone (see weighs).
	for _, t := range w.claimed[a] {
		r := row[t]
		opp[t] = true
		if rRef > 0 {
			opp[t] = w.rng.Float64() < w.p.Opportunity(r)
		}
		if dyadic {
			choice[t] = w.rng.Float64()
		}
	}
}

// weighs reports whether aggressor a weighs an attack on t, one of its claims (w.claimed[a]),
// this step: an opportunity, and t neither a itself, conquered, allied with a nor a's client.
func (w *World) weighs(a, t int) bool {
	return w.opp[t] && t != a && !w.conquered[t] && !w.allied[a*w.n+t] && w.client[t] != a
}

// options fills a's armed and hybrid options on t, as the aggressor perceives them, in w.arm
// and w.hyb. The hybrid option carries the escalation shadow of t's armed-attack guarantors.
// Set field by field, never as a composite literal: the compiler builds a literal aside and
// copies it in 16-byte loads over the 8-byte stores that just wrote it, which the processor
// cannot forward. expectOnly sets the fields left.
func (w *World) options(a, t int) (arm, hyb *agents.Option) {
	n := w.n
	arm, hyb = &w.arm, &w.hyb
	r, reach := w.r[a*n+t], w.reach[a*n+t]
	arm.Mode, arm.PA, arm.PT, arm.R, arm.Reach, arm.Wars = agents.ArmedAttack, w.pw[a], w.pw[t], r, reach, 0
	hyb.Mode, hyb.PA, hyb.PT, hyb.R, hyb.Reach, hyb.Wars = agents.HybridAttack, w.pw[a], w.pw[t], r, reach, 0
	if w.single[t] {
		w.expectBoth(arm, hyb, a, t)
	} else {
		w.expectOnly(arm, a, t)
		w.expectOnly(hyb, a, t)
	}
	hyb.Support, hyb.Umbrella = w.p.Escalate(hyb.Support, hyb.Umbrella, arm.Support, arm.Umbrella)
	return arm, hyb
}

// A dyad is a target an aggressor weighs in dyadic mode, with its armed option kept so that
// overstretch can price it again.
type dyad struct {
	t    int
	arm  agents.Option
	eus  [2]float64 // the utilities of the armed and the hybrid option
	best float64    // the larger of the two
}

// dyads is the dyadic decision of aggressor a (model.dyadic): every target it weighs is a
// separate choice among the status quo, an armed and a hybrid attack, by the logit with the
// status quo as the outside option. Targets are taken in descending order of the best option's
// utility (ties in config order), each with the uniform opportunities drew for it; each war
// already launched this step makes the next dearer (war.overstretch), and hybrid operations,
// cheap and run in parallel, do not.
func (w *World) dyads(a int) {
	ds := w.dyadScr[:0]
	for _, t := range w.claimed[a] {
		if !w.weighs(a, t) {
			continue
		}
		arm, hyb := w.options(a, t)
		_, ea := w.p.Utility(arm)
		_, eh := w.p.Utility(hyb)
		ds = append(ds, dyad{t: t, arm: *arm, eus: [2]float64{ea, eh}, best: max(ea, eh)})
	}
	w.dyadScr = ds
	slices.SortStableFunc(ds, func(x, y dyad) int {
		switch {
		case x.best > y.best:
			return -1
		case x.best < y.best:
			return 1
		}
		return 0
	})
	wars := 0
	for i := range ds {
		d := &ds[i]
		if wars > 0 {
			d.arm.Wars = wars
			_, d.eus[0] = w.p.Utility(&d.arm)
		}
		eus := d.eus // Choose overwrites what it is given
		switch w.p.Choose(eus[:], w.choice[d.t]) {
		case 0:
			wars++
			w.strike(a, d.t, agents.ArmedAttack)
		case 1:
			w.strike(a, d.t, agents.HybridAttack)
		}
	}
}

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
			w.voided = append(w.voided, pi32)
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
