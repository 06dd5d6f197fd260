package sim

import "alliancesim/agents"

// perceiveThreats is phase 2 (Walt's balance of threat): each state's principal threat is the
// state whose power, reach and perceived intent weigh most on it; its threat ratio compares that
// threat with its own power plus the armed-mode support it can expect against it.
func (w *World) perceiveThreats() {
	n := w.n
	// Only states perceived as aggressive can threaten: usually a handful.
	w.menace = w.menace[:0]
	for j := range n {
		if w.intent[j] > 0 && !w.conquered[j] {
			w.menace = append(w.menace, j)
		}
	}
	for _, a := range w.menace {
		w.credAll(a)
	}
	for i := range n {
		w.tau[i], w.threat[i] = 0, -1
		if w.conquered[i] {
			continue
		}
		best := 0.0
		for _, j := range w.menace {
			if j == i || w.allied[j*n+i] || w.client[i] == j {
				continue
			}
			th := w.pw[j] * w.reach[j*n+i] * w.intent[j]
			if th <= 0 {
				continue
			}
			if k := w.threat[i]; k < 0 || th > best ||
				th == best && (w.pw[j] > w.pw[k] || w.pw[j] == w.pw[k] && w.spec.States[j].Name < w.spec.States[k].Name) {
				best, w.threat[i] = th, j
			}
		}
		if j := w.threat[i]; j >= 0 {
			w.tau[i] = best / (w.pw[i] + w.armedSupport(i, j))
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
