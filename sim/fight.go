package sim

import "alliancesim/agents"

// fight is phase 6: the attacks are resolved one after another in the aggressors' config order,
// each with the current powers and economies.
func (w *World) fight() {
	p := w.p
	for i := range w.attacks {
		at := &w.attacks[i]
		a, t := at.a, at.t
		if w.conquered[a] || w.conquered[t] {
			continue
		}
		covs := w.cov[at.lo:at.hi]
		armed := at.mode == agents.ArmedAttack
		// Arms surges reach the target before battle; in a hybrid attack they only count in the
		// contest, since nothing is fought over.
		support := 0.0
		for _, c := range covs {
			if !c.honour {
				continue
			}
			switch w.gs[w.pairs[c.pair].k].terms.Response {
			case agents.Arms:
				x := min(w.free[c.g]*w.surge(c.g), w.pw[c.g])
				if armed {
					w.pw[c.g] -= x
					w.pw[t] += x
				} else {
					support += x
				}
			case agents.Fight:
				support += w.pledge(c.pair)
			}
		}
		pa := w.pw[a]
		def := w.pw[t] + support
		win := w.rng.Float64() < agents.Contest(pa, def, p.Model.Gamma)
		st := &w.rec.States[t]
		if armed {
			if tot := pa + def; tot > 0 {
				la := p.War.Loss * def / tot // the attacker's loss
				ld := p.War.Loss * pa / tot  // the defence's loss, shared by contribution
				w.pw[a] -= la * pa
				w.pw[t] -= ld * w.pw[t]
				for _, c := range covs {
					if c.honour && w.gs[w.pairs[c.pair].k].terms.Response == agents.Fight {
						w.pw[c.g] -= ld * w.pledge(c.pair)
					}
				}
			}
			if win {
				prize := p.War.Prize * w.e[t]
				w.e[t] -= prize
				w.e[a] += prize
				st.EconomyLost += prize
				w.rec.Victories++
				if w.pw[t] < p.War.Conquest*w.p0[t] {
					w.e[a] += w.e[t]
					w.pw[a] += w.pw[t]
					w.e[t], w.pw[t] = 0, 0
					w.conquered[t] = true
					w.fallen = append(w.fallen, t)
					st.Conquered = true
					st.censor(w.t + 1)
					w.rec.Conquests++
				}
			}
		} else if win {
			gain := p.Hybrid.Gain * p.War.Prize * w.e[t]
			w.e[t] -= gain
			w.e[a] += gain
			st.EconomyLost += gain
			w.rec.Victories++
		}
		for _, c := range covs {
			if c.honour && w.gs[w.pairs[c.pair].k].terms.Response == agents.Sanctions {
				w.e[a] -= p.Hybrid.Sanction * w.e[a]
			}
		}
	}
}
