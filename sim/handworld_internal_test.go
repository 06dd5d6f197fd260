package sim

import (
	"math"
	"math/rand/v2"

	"alliancesim/agents"
)

// handSpec returns a spec for worlds built by hand: states A, B, C, ... at the given longitudes
// on latitude 50, each with E = 1, b = 0.02 and the fixed strategy (it never changes anything),
// no growth, no noise, no drag, and version 3's switches, so that a test sets the powers,
// burdens and attacks it needs and knows every number.
func handSpec(lons ...float64) *Spec {
	p := agents.DefaultParams()
	p.V3()
	p.Model.Growth, p.Model.SigmaG, p.Model.Phi = 0, 0, 0
	s := &Spec{Name: "hand", Runs: 1, Steps: 1, Seed: 1, Focus: -1, Params: p}
	for i, lon := range lons {
		s.States = append(s.States, State{Name: string(rune('A' + i)), Economy: 1, Burden: 0.02, Lon: lon, Lat: 50,
			Strategy: agents.Fixed{}, Will: p.Will, ClientOf: -1})
	}
	return s
}

// handWorld returns a world reset for s.
func handWorld(s *Spec) *World {
	w := NewWorld()
	w.Reset(s, rand.New(rand.NewPCG(1, 1)))
	return w
}

// handAttack makes a's attack on t in mode m the step's only attack, with its covering
// guarantors in w.cov as the response phase leaves them (none honouring yet), and returns them.
func (w *World) handAttack(a, t int, m agents.Mode) []cover {
	w.attacks = append(w.attacks[:0], attack{a: a, t: t, mode: m})
	w.cov = w.cov[:0]
	at := &w.attacks[0]
	at.lo, at.hi = w.covering(t, a, m)
	return w.cov[at.lo:at.hi]
}

// credibility is q of guarantor g's commitment of weight wt and stake stake against aggressor a,
// from the honour rule and the world's powers, reach and reputation: what the aggressor perceives.
func (w *World) credibility(a, g int, wt, stake float64) float64 {
	return w.p.Honour.Credibility(agents.Commitment{
		W: wt, Stake: stake, Rho: w.rep[g], WillMean: w.willMean[g], NuclearAggressor: w.nuclear[a],
		PA: w.pw[a], PG: w.pw[g], ReachAG: w.reach[a*w.n+g], N: 1,
	})
}

func near(x, y float64) bool { return math.Abs(x-y) <= 1e-12*max(1, math.Abs(y)) }
