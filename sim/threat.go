package sim

import "alliancesim/agents"

// perceiveThreats is phase 2 (Walt's balance of threat): each state's principal threat is the
// state whose power, reach and perceived intent weigh most on it; its threat ratio compares that
// threat with its own power plus the armed-mode support it can expect against it.
func (w *World) perceiveThreats() {
	n := w.n
	for i := range n {
		w.tau[i], w.threat[i] = 0, -1
		if w.conquered[i] {
			continue
		}
		best := 0.0
		for j := range n {
			if j == i || w.conquered[j] || w.intent[j] <= 0 || w.allied[j*n+i] || w.client[i] == j {
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
			o := agents.Option{Mode: agents.ArmedAttack}
			lo, _ := w.expect(&o, j, i)
			w.cov = w.cov[:lo]
			w.tau[i] = best / (w.pw[i] + o.Support)
		}
	}
}
