package sim

// learn is phase 7: guarantors' reputations move with what they did, weighted by the legal
// weight of the guarantee at stake (a repeated game: one reputation across all commitments), and
// perceived intent rises after an attack and otherwise drifts back to the state's revisionism.
func (w *World) learn() {
	p := w.p
	for _, ev := range w.events {
		if ev.honoured {
			w.rep[ev.g] += p.Rep.Up * ev.w * (1 - w.rep[ev.g])
		} else {
			w.rep[ev.g] *= 1 - (1-p.Rep.Down)*ev.w
		}
	}
	for i := range w.n {
		if w.attacker[i] {
			w.intent[i] += p.Intent.Up * (1 - w.intent[i])
		} else {
			w.intent[i] += p.Intent.Decay * (w.rmax[i] - w.intent[i])
		}
	}
}
