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
	best, support := w.thrLevel[:n], w.support[:n]
	// Only states perceived as aggressive can threaten: usually a handful.
	menace := w.menace[:0]
	for j := range n {
		if intent[j] > 0 && !conquered[j] {
			menace = append(menace, j)
		}
	}
	w.menace = menace
	for i := range n {
		tau[i], threat[i], best[i], support[i] = 0, -1, 0, 0
	}
	// Each state's principal threat, menace by menace along the menace's rows of reach and
	// allied (which lie in memory in that order); each state meets the menaces in the same order
	// whichever loop is outside, so its choice is the same.
	for _, j := range menace {
		rj, aj := reach[j*n:][:n], allied[j*n:][:n]
		pj, ij := pw[j], intent[j]
		for i, r := range rj {
			th := pj * r * ij
			// Weaker than the threat found so far, it cannot be the principal threat whether
			// it may threaten i or not: the common case, tested first.
			if th <= 0 || threat[i] >= 0 && th < best[i] {
				continue
			}
			if i == j || conquered[i] || aj[i] || client[i] == j {
				continue
			}
			if k := threat[i]; k < 0 || th > best[i] ||
				th == best[i] && (pj > pw[k] || pj == pw[k] && w.spec.States[j].Name < w.spec.States[k].Name) {
				best[i], threat[i] = th, j
			}
		}
	}
	w.byThreatOK = false
	// The credibilities the support sums need, all at once, then the sums. When there are few
	// menaces and few groups in force (a handful of menaces facing one alliance), all of them
	// cost less than finding which the backers need; otherwise those the backers need, so that a
	// world of many regions computes each menace's credibility towards its own region only.
	if len(menace)*len(w.live) <= 4*n {
		for _, a := range menace {
			w.credAll(a)
		}
	} else {
		need := w.need[:0]
		for i, k := range threat {
			if k >= 0 && w.single[i] {
				need = w.needCred(need, k, i)
			}
		}
		w.need = need
		w.credFill(need)
	}
	for i, k := range threat {
		if k >= 0 {
			s := w.armedSupport(i, k)
			tau[i], support[i] = best[i]/(pw[i]+s), s
		}
	}
}

// armedSupport returns S, the support the guarantors of t are expected to bring against an armed
// attack by a. It is expect's Support, summed in one pass when no guarantor holds two in-force
// guarantees to t (the common case, and the hot loop of the threat phase): every trigger covers
// an armed attack, and within the phase each guarantor's term q*f_g*P_g (or q*f_g*surge_g) is
// the same for all its protégés, so credFill caches it with the credibility (0 for a's own), for
// every backer of t once needCred has asked for them, and it is multiplied by the backer's reach
// (or 1).
func (w *World) armedSupport(t, a int) float64 {
	if !w.single[t] {
		o := agents.Option{Mode: agents.ArmedAttack}
		lo, _ := w.expect(&o, a, t)
		w.cov = w.cov[:lo]
		return o.Support
	}
	bs, block := w.backers[t], w.credBlock(a)
	s := 0.0
	for i := range bs {
		b := &bs[i]
		s += block[b.group].armed * b.armedBy
	}
	return s
}

// A credNeed is a credibility the threat phase needs: aggressor a's against a live group (an
// index in w.live).
type credNeed struct {
	a, live int32
	at      int // its entry in w.qCache
}

// needCred appends to need the credibilities of a against the backers of t that the cache does
// not hold for this step, and marks them held: credFill must compute them before they are read.
func (w *World) needCred(need []credNeed, a, t int) []credNeed {
	block, epoch, bs, base := w.credBlock(a), w.epoch, w.backers[t], w.aggSlot[a]*w.nGroups
	for i := range bs {
		gr := bs[i].group
		if c := &block[gr]; c.epoch != epoch {
			c.epoch = epoch
			need = append(need, credNeed{a: int32(a), live: w.liveAt[gr], at: base + int(gr)})
		}
	}
	return need
}

// credAll computes a's credibility and armed coefficient for every live group, as credFill
// does for those needCred asks for.
func (w *World) credAll(a int) {
	block, epoch, h := w.credBlock(a), w.epoch, &w.p.Honour
	pa, nuclear := w.pw[a], w.nuclear[a]
	reach, rep, pw := w.reach[a*w.n:(a+1)*w.n], w.rep, w.pw
	live := w.live
	if cap(w.xs) < len(live) {
		w.xs = make([]float64, len(live), 2*len(live))
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
		c.epoch, c.q, c.armed = epoch, q, q*w.bring(int(lg.g), lg.resp, 1)
	}
}

// credFill computes the credibilities and armed coefficients need asks for: all the logits,
// then all the logistics, which are independent of each other and so overlap in the processor
// (computed on demand, each would wait for the one before). A group of a's own gets 0 for both,
// so that the sums need not skip a. Credibilities the threat phase does not need are computed
// when first read (see cred), to the same bits.
func (w *World) credFill(need []credNeed) {
	h, n, epoch := &w.p.Honour, w.n, w.epoch
	rep, pw, reach, nuclear, live := w.rep, w.pw, w.reach, w.nuclear, w.live
	if cap(w.xs) < len(need) {
		w.xs = make([]float64, len(need), 2*len(need))
	}
	xs := w.xs[:len(need)]
	for k, nd := range need {
		lg, a := &live[nd.live], int(nd.a)
		g := int(lg.g)
		xs[k] = h.CredibilityLogit(lg.fixed, rep[g], reach[a*n+g], lg.tripwire, nuclear[a], pw[a], pw[g])
	}
	cache := w.qCache
	for k, nd := range need {
		lg, a := &live[nd.live], int(nd.a)
		c := &cache[nd.at]
		if int(lg.g) == a {
			*c = credEntry{epoch: epoch}
			continue
		}
		q := agents.Logistic(xs[k])
		// The armed coefficient is what the guarantor brings at unit reach, times q.
		c.epoch, c.q, c.armed = epoch, q, q*w.bring(int(lg.g), lg.resp, 1)
	}
}

// sortByThreat lists the states by principal threat, in state order (see World.byThreat), once
// a step, when the strategy phase first asks (see proposeTreaty).
func (w *World) sortByThreat() {
	n, threat := w.n, w.threat[:w.n]
	w.byThreatOK = true
	at := w.threatAt[:n+1]
	clear(at)
	for _, k := range threat {
		if k >= 0 {
			at[k+1]++
		}
	}
	for j := range n {
		at[j+1] += at[j]
	}
	for i, k := range threat {
		if k >= 0 {
			w.byThreat[at[k]] = i
			at[k]++
		}
	}
	for j := n; j > 0; j-- { // back to the starts
		at[j] = at[j-1]
	}
	at[0] = 0
}
