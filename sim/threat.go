package sim

import "alliancesim/agents"

// perceiveThreats is phase 2 (Walt's balance of threat): each state's principal threat is the
// state whose power, reach and perceived intent weigh most on it; its threat ratio compares that
// threat with its own power plus the armed-mode support it can expect against it.
func (w *World) perceiveThreats() {
	n := w.n
	// Locals of length n (n*n), so that the loops need no bounds checks.
	intent, conquered, pw, client := w.intent[:n], w.conquered[:n], w.pw[:n], w.client[:n]
	tau, threat, allied, reach := w.tau[:n], w.threat[:n], w.allied[:n*n], w.reach[:n*n]
	// Only states perceived as aggressive can threaten: usually a handful.
	menace := w.menace[:0]
	for j := range n {
		if intent[j] > 0 && !conquered[j] {
			menace = append(menace, j)
		}
	}
	w.menace = menace
	for _, a := range menace {
		w.credAll(a)
	}
	for i := range n {
		tau[i], threat[i], w.thrLevel[i], w.support[i] = 0, -1, 0, 0
		if conquered[i] {
			continue
		}
		best, k := 0.0, -1
		for _, j := range menace {
			if j == i || allied[j*n+i] || client[i] == j {
				continue
			}
			th := pw[j] * reach[j*n+i] * intent[j]
			if th <= 0 {
				continue
			}
			if k < 0 || th > best ||
				th == best && (pw[j] > pw[k] || pw[j] == pw[k] && w.spec.States[j].Name < w.spec.States[k].Name) {
				best, k = th, j
			}
		}
		if k >= 0 {
			s := w.armedSupport(i, k)
			threat[i], tau[i], w.thrLevel[i], w.support[i] = k, best/(pw[i]+s), best, s
		}
	}
}

// armedSupport returns S, the support the guarantors of t are expected to bring against an armed
// attack by a. It is expect's Support, summed in one pass when no guarantor holds two in-force
// guarantees to t (the common case, and the hot loop of the threat phase): every trigger covers
// an armed attack, and within the phase each guarantor's term q*f_g*P_g (or q*f_g*surge_g) is
// the same for all its protégés, so credAll caches it with the credibility, for every live
// group of every menace before this runs (0 for a's own), and it is multiplied by the backer's
// reach (or 1).
func (w *World) armedSupport(t, a int) float64 {
	if !w.single[t] {
		o := agents.Option{Mode: agents.ArmedAttack}
		lo, _ := w.expect(&o, a, t)
		w.cov = w.cov[:lo]
		return o.Support
	}
	if w.filled[w.aggSlot[a]] != w.epoch {
		panic("sim: a threat's credibilities were not computed this step") // see credAll
	}
	bs, block := w.backers[t], w.credBlock(a)
	s := 0.0
	for i := range bs {
		b := &bs[i]
		s += block[b.group].armed * b.armedBy
	}
	return s
}

// credAll computes a's credibility and armed coefficient for every live group, before the
// threat sums need them: all the logits, then all the logistics, which are independent of each
// other and so overlap in the processor (computed on demand, each waited for the one before).
// A group of a's own gets 0 for both, so that the sums need not skip a.
func (w *World) credAll(a int) {
	block, epoch, h := w.credBlock(a), w.epoch, &w.p.Honour
	pa, nuclear := w.pw[a], w.nuclear[a]
	reach, rep, pw := w.reach[a*w.n:(a+1)*w.n], w.rep, w.pw
	live := w.live
	if cap(w.xs) < len(live) {
		w.xs = make([]float64, len(live))
	}
	xs := w.xs[:len(live)]
	for k := range live {
		lg := &live[k]
		g := lg.g
		xs[k] = h.CredibilityLogit(lg.fixed, rep[g], reach[g], lg.tripwire, nuclear, pa, pw[g])
	}
	for k := range live {
		lg := &live[k]
		c := &block[lg.group]
		if int(lg.g) == a {
			*c = credEntry{epoch: epoch}
			continue
		}
		q := agents.Logistic(xs[k])
		// The armed coefficient is what the guarantor brings at unit reach, times q.
		c.epoch, c.q, c.armed = epoch, q, q*w.bring(int(lg.g), lg.resp, 1)
	}
	w.filled[w.aggSlot[a]] = epoch
}
