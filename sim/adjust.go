package sim

import (
	"math"
	"slices"

	"alliancesim/agents"
)

// adjust is phase 3: every state applies its strategy to a snapshot of the world taken at the
// start of the phase, in config order; the sequential (free-riding) states then update one at a
// time in descending economy, each seeing the others' updated spending.
func (w *World) adjust() {
	n := w.n
	b, e, snap := w.b[:n], w.e[:n], w.spendSnap[:n]
	for k := range n {
		snap[k] = b[k] * e[k]
	}
	copy(w.spendLive, snap)
	copy(w.bSnap, b)
	w.norms.phase++ // a new snapshot
	hit := w.armedHit[:n]
	clear(hit)
	for k := range w.attacks {
		if at := &w.attacks[k]; at.mode == agents.ArmedAttack {
			hit[at.t] = true
		}
	}
	w.raisedPrev, w.raised = w.raised, w.raisedPrev
	clear(w.raised)
	// For buck-passers: how close to each threat the nearest state that armed last step is.
	near, threat, raised, dist := w.raisedNear[:n], w.threat[:n], w.raisedPrev[:n], w.dist[:n*n]
	for j := range near {
		near[j] = math.Inf(1)
	}
	for k := range n {
		if j := threat[k]; j >= 0 && raised[k] {
			near[j] = min(near[j], dist[k*n+j])
		}
	}
	w.seq = w.seq[:0]
	conquered, traits := w.conquered[:n], w.traits[:n]
	for i := range n {
		if conquered[i] {
			continue
		}
		if traits[i].Sequential {
			w.seq = append(w.seq, i)
			continue
		}
		w.decide(i, false)
	}
	if w.cmpEconomy == nil {
		w.cmpEconomy = w.byEconomyDesc
	}
	slices.SortFunc(w.seq, w.cmpEconomy)
	for _, i := range w.seq {
		w.decide(i, true)
	}
	// Burdens have changed: the free-riders' factors follow (see updateFree), and a free-riding
	// step is a free-rider inside an alliance spending below its allies' mean.
	for _, i := range w.freeRiders {
		sum, k := w.alliedBurden(i, w.b)
		w.free[i] = freeFactor(w.b[i], sum, k)
		if !w.conquered[i] && k > 0 && w.b[i] < sum/float64(k) {
			w.rec.FreeRiding++
		}
	}
	w.freeStale = false
}

func (w *World) byEconomyDesc(a, b int) int {
	switch {
	case w.e[a] > w.e[b]:
		return -1
	case w.e[a] < w.e[b]:
		return 1
	}
	if w.spec.States[a].Name < w.spec.States[b].Name {
		return -1
	}
	return 1
}

// alliedBurden returns the sum of the burdens of i's allies in b, and how many there are. (A
// conquered state is no one's ally: see refreshForce.)
func (w *World) alliedBurden(i int, b []float64) (float64, int) {
	sum := 0.0
	for _, j := range w.allies[i] {
		sum += b[j]
	}
	return sum, len(w.allies[i])
}

// decide runs state i's strategy and applies its action.
func (w *World) decide(i int, live bool) {
	s, j := w.situation(i, live), w.threat[i]
	act := w.strat[i].Decide(w.p, s, w.rng)
	b := min(w.p.Model.BurdenMax, max(w.p.Model.BurdenMin, act.Burden))
	if b > w.b[i] {
		w.raised[i] = true
	}
	w.b[i], w.spendLive[i] = b, b*w.e[i]
	formed := false
	if act.Propose && j >= 0 {
		formed = w.proposeTreaty(i, j)
	}
	if act.Raised || formed {
		w.rec.Balancing++
	}
	if act.Move == agents.PassBuck {
		w.rec.BuckPassing++
	}
	if act.Move == agents.BecomeClient && j >= 0 && w.client[i] < 0 {
		w.client[i] = j
		w.rec.Bandwagoning++
		w.rec.States[i].Client = true
		w.rec.States[i].censor(w.t + 1)
		// Clienthood takes the state out of its guarantees at once; a state in none (the usual
		// bandwagoner) changes nothing that refreshForce derives.
		if w.party[i] {
			w.leave(i)
		}
	}
}

// situation sets w.sit to what state i knows when it decides, and returns it. It sees its
// allies' spending as of the start of the phase, or, if live, as it is now (spendLive follows
// every decision).
func (w *World) situation(i int, live bool) *agents.Situation {
	n := w.n
	// Field by field: a composite literal would zero the struct, its slices included, before
	// setting it. TestSituationSetsEveryField checks that none is left out.
	s, j := &w.sit, w.threat[i]
	s.Tau, s.Threat, s.Burden, s.Burden0 = w.tau[i], j, w.b[i], w.b0[i]
	s.Economy, s.Power, s.Aggressor, s.Client = w.e[i], w.pw[i], w.rmax[i] > 0, w.client[i] >= 0
	s.ThreatPower, s.Protected, s.CloserRaised = 0, false, false
	s.ThreatLevel, s.Support, s.ArmedAttacked = w.thrLevel[i], w.support[i], w.armedHit[i]
	if j >= 0 {
		s.ThreatPower = w.pw[j]
		b1 := w.binder1[i]
		s.Protected = b1 >= 0 && b1 != j || w.binder2[i] >= 0
		s.CloserRaised = w.raisedNear[j] < w.dist[i*n+j]
	}
	if live {
		s.SetAllies(w.allies[i], w.spendLive)
		s.SetBurdens(w.b)
	} else {
		s.SetAllies(w.allies[i], w.spendSnap)
		s.SetBurdens(w.bSnap)
		if x, ok := w.alliedNorm(i); ok {
			s.SetAlliedNorm(x)
		}
	}
	return s
}

// proposeTreaty offers a mutual treaty to the strongest state facing the same threat that is
// itself threatened, willing (its strategy accepts treaties), not the threat's client and, when
// the threat is nuclear, nuclear itself or already allied. Accepted at once, in force next step.
func (w *World) proposeTreaty(i, j int) bool {
	n := w.n
	best := -1
	tau, tauLo, nucThreat := w.tau, w.p.Balance.Lo, w.nuclear[j]
	if !w.byThreatOK {
		w.sortByThreat()
	}
	for _, c := range w.byThreat[w.threatAt[j]:w.threatAt[j+1]] {
		if tau[c] <= tauLo || c == i || w.conquered[c] ||
			!w.accepts(c) || w.client[c] >= 0 || w.formed[i*n+c] {
			continue
		}
		if nucThreat && !w.nuclear[c] && !w.allied[i*n+c] {
			continue
		}
		if best < 0 || w.pw[c] > w.pw[best] || w.pw[c] == w.pw[best] && w.spec.States[c].Name < w.spec.States[best].Name {
			best = c
		}
	}
	if best < 0 {
		return false
	}
	w.formed[i*n+best], w.formed[best*n+i] = true, true
	k := len(w.gs)
	lo := len(w.pairs)
	w.addPair(k, i, best, false)
	w.addPair(k, best, i, false)
	w.gs = append(w.gs, gstate{terms: w.p.Kind.Treaty, kind: agents.Treaty, start: w.t + 1, lo: lo, hi: len(w.pairs), spec: -1})
	w.nextStart = min(w.nextStart, w.t+1)
	w.rec.Treaties++
	return true
}

// accepts reports whether state c accepts a treaty offered against its principal threat. A
// buck-passer accepts none in version 3; in version 4 (buckpass.diffusion > 0) it refuses only
// while a state closer to the threat raised its burden last step, and otherwise balances.
func (w *World) accepts(c int) bool {
	tr := &w.traits[c]
	if tr.AcceptsTreaties {
		return true
	}
	if !tr.PassesBuck || w.p.Buckpass.Diffusion <= 0 {
		return false
	}
	j := w.threat[c]
	return j >= 0 && !(w.raisedNear[j] < w.dist[c*w.n+j])
}

// Burden returns state i's burden now: for checks that follow burdens step by step.
func (w *World) Burden(i int) float64 { return w.b[i] }

// ArmedAttacked reports whether state i was attacked by arms in the last aggression phase.
func (w *World) ArmedAttacked(i int) bool {
	for k := range w.attacks {
		if at := &w.attacks[k]; at.t == i && at.mode == agents.ArmedAttack {
			return true
		}
	}
	return false
}
