package sim

import (
	"math/rand/v2"
	"testing"

	"alliancesim/agents"
)

// twoTargets is a strong aggressor A with equal claims on two equal, unprotected neighbours B and
// C, under fixed strategies so that only the attack decision acts.
func twoTargets() *Spec {
	s := triangle()
	for i := range s.States {
		s.States[i].Strategy = agents.Fixed{}
	}
	s.States[0].Revisionism = 0
	s.States[0].Claims = []Claim{{Target: 1, R: 0.8}, {Target: 2, R: 0.8}}
	s.States[2].Economy, s.States[2].Lon, s.States[2].Lat = 0.5, 18, 50
	// Version 3 with its own calibration (docs/ODD.md §9), so that each test switches on the
	// one mechanism it is about.
	s.Params.V3()
	s.Params.Model.S, s.Params.War.Cost, s.Params.Hybrid.Gain = 0.09, 0.8, 0.3
	return s
}

// attacksIn runs spec for one step over many seeds and returns the mean number of attacks, of
// wars, and the share of steps with both targets attacked.
func attacksIn(s *Spec, seeds int) (attacks, wars, both float64) {
	w := NewWorld()
	for seed := range seeds {
		w.Reset(s, rand.New(rand.NewPCG(uint64(seed), 9)))
		w.Step()
		attacks += float64(w.rec.Attacks)
		wars += float64(w.rec.Wars)
		if w.rec.States[1].Attacked && w.rec.States[2].Attacked {
			both++
		}
	}
	n := float64(seeds)
	return attacks / n, wars / n, both / n
}

// Version 3 lets an aggressor attack one state a year; dyadic decisions let every pair decide,
// so a sure attacker attacks both its targets.
func TestDyadicAttacksEveryTarget(t *testing.T) {
	s := twoTargets()
	s.Params.Model.Mu = -10 // an attack is far better than the status quo
	if a, _, both := attacksIn(s, 200); a != 1 || both != 0 {
		t.Errorf("version 3: %.2f attacks a step, both targets in %.2f of steps; want 1 and 0", a, both)
	}
	s.Params.Model.Dyadic = true
	if a, _, both := attacksIn(s, 200); a != 2 || both != 1 {
		t.Errorf("dyadic: %.2f attacks a step, both targets in %.2f of steps; want 2 and 1", a, both)
	}
}

// Overstretch makes a second war dearer: with it, fewer steps see two wars, and the first is as
// likely as before.
func TestOverstretch(t *testing.T) {
	s := twoTargets()
	for i := 1; i <= 2; i++ {
		s.States[i].Economy, s.States[i].Burden = 3, 0.05 // targets worth a real war
	}
	s.Params.Model.Dyadic = true
	s.Params.Hybrid.Gain = 0 // armed or nothing
	// The status quo worth as much as a war on either: each is a coin flip, before overstretch.
	w := NewWorld()
	w.Reset(s, rand.New(rand.NewPCG(1, 1)))
	arm, _ := w.options(0, 1)
	_, s.Params.Model.Mu = s.Params.Utility(arm)
	_, w0, both0 := attacksIn(s, 4000)
	s.Params.War.Overstretch = 3
	_, w3, both3 := attacksIn(s, 4000)
	if !(both3 < both0-0.1) {
		t.Errorf("two wars in %.3f of steps without overstretch, %.3f with 3; want clearly fewer with", both0, both3)
	}
	if first := w3 - both3; first < 0.4 {
		t.Errorf("steps with a single war %.3f with overstretch (wars %.3f without): the first war should stay a coin flip", first, w0)
	}
}

// With model.r_ref an attack needs an opportunity, drawn with probability min(1, r/r_ref): a
// small claim rarely attacks, a claim at r_ref as often as without.
func TestOpportunityScalesAttacks(t *testing.T) {
	s := twoTargets()
	s.States[0].Claims = []Claim{{Target: 1, R: 0.05}}
	s.Params.Model.Mu = -10
	s.Params.Model.Dyadic = true
	if a, _, _ := attacksIn(s, 400); a != 1 {
		t.Errorf("without r_ref: %.3f attacks a step, want 1", a)
	}
	s.Params.Model.RRef = 0.5
	a, _, _ := attacksIn(s, 4000)
	if a < 0.07 || a > 0.13 {
		t.Errorf("r 0.05, r_ref 0.5: %.3f attacks a step, want about 0.1", a)
	}
	s.States[0].Claims[0].R = 0.5
	if a, _, _ := attacksIn(s, 400); a != 1 {
		t.Errorf("r = r_ref: %.3f attacks a step, want 1", a)
	}
}

// The opportunity draws do not depend on who can be attacked: a run's stream after the
// aggression phase is the same whether a claimed state is allied, a client or open.
func TestOpportunityDrawsFixed(t *testing.T) {
	s := twoTargets()
	s.Params.Model.Dyadic, s.Params.Model.RRef, s.Params.Model.Mu = true, 0.5, 10 // no attack
	next := func(s *Spec) uint64 {
		rng := rand.New(rand.NewPCG(5, 5))
		w := NewWorld()
		w.Reset(s, rng)
		w.Step()
		return rng.Uint64()
	}
	open := next(s)
	c := twoTargets()
	c.Params = s.Params
	c.States[1].ClientOf = 0
	if got := next(c); got != open {
		t.Error("a client among the claimed states shifts the run's stream")
	}
}

// The escalation shadow deters grey-zone attacks on a protégé whose guarantee covers armed
// attacks only: with hybrid.escalation 0 its armed-trigger alliance does not touch them.
func TestEscalationDetersHybrid(t *testing.T) {
	s := twoTargets()
	s.States = s.States[:3]
	s.States[0].Claims = []Claim{{Target: 1, R: 0.8}}
	s.States[2].Economy, s.States[2].Burden = 20, 0.04 // a strong ally of B
	s.Guarantees = []Guarantee{{Name: "pact", Kind: agents.Alliance, Guarantors: []int{1, 2}, Proteges: []int{1, 2}}}
	s.Params.Model.Dyadic = true
	s.Params.Model.Mu = 0.05
	hybrid := func(e float64) float64 {
		s.Params.Hybrid.Escalation = e
		w := NewWorld()
		n := 0
		for seed := range 3000 {
			w.Reset(s, rand.New(rand.NewPCG(uint64(seed), 2)))
			w.Step()
			n += w.rec.HybridAttacks
		}
		return float64(n) / 3000
	}
	h0, h1 := hybrid(0), hybrid(1)
	if !(h1 < h0/2) {
		t.Errorf("hybrid attacks a step on an alliance member: %.4f without the escalation shadow, %.4f with it; want under half", h0, h1)
	}
}

// A buck-passer diffuses its responsibility: the more of the expected support other guarantors
// bring, the less often it honours.
func TestDiffusionLowersBuckPassersHonour(t *testing.T) {
	s := twoTargets()
	s.States = append(s.States, State{Name: "D", Economy: 5, Burden: 0.03, Growth: 0.02, Lon: 10, Lat: 50,
		Strategy: agents.Buckpass{}, Will: s.Params.Will, ClientOf: -1})
	s.States[0].Claims = []Claim{{Target: 1, R: 0.8}}
	// C and D both guarantee B; C is the big one, so D's share of the expected support is small.
	s.States[2].Economy, s.States[2].Burden = 10, 0.04
	s.Guarantees = []Guarantee{{Name: "g", Kind: agents.Agreement, Guarantors: []int{2, 3}, Proteges: []int{1}}}
	s.Params.Model.Mu = -10
	s.Params.Buckpass.Threshold = 0 // never abstain: only the honour draw decides
	honoured := func(beta float64) float64 {
		s.Params.Buckpass.Diffusion = beta
		w := NewWorld()
		k, n := 0, 0
		for seed := range 3000 {
			w.Reset(s, rand.New(rand.NewPCG(uint64(seed), 4)))
			w.Step()
			d := w.rec.States[3].AsGuarantor
			k += d.Honoured
			n += d.Triggered
		}
		return float64(k) / float64(n)
	}
	h0, h1 := honoured(0), honoured(0.9)
	if !(h1 < 0.6*h0) {
		t.Errorf("the buck-passer honours %.3f without diffusion, %.3f with 0.9; want well below", h0, h1)
	}
}

// Every claimed target is weighed however many there are: version 3's single choice once
// weighed at most 256 targets, so in a larger world the last states were never attacked.
func TestEveryClaimWeighed(t *testing.T) {
	const n = 300
	s := &Spec{Name: "many", Runs: 1, Steps: 1, Seed: 1, Focus: -1, Params: agents.DefaultParams()}
	s.Params.V3()
	s.Params.Model.Mu, s.Params.Hybrid.Gain = -10, 0 // a sure armed attack on one of them
	will := s.Params.Will
	s.States = append(s.States, State{Name: "A", Economy: 50, Burden: 0.05, Growth: 0.02, Revisionism: 0.5,
		Strategy: agents.Fixed{}, Will: will, ClientOf: -1})
	for i := 1; i < n; i++ {
		s.States = append(s.States, State{Name: "T" + string(rune('0'+i/100)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10)),
			Economy: 1, Burden: 0.02, Growth: 0.02, Lon: 0.01 * float64(i%10), Lat: 0.01 * float64(i/10),
			Strategy: agents.Fixed{}, Will: will, ClientOf: -1})
	}
	var blocks [n / 50]int
	w := NewWorld()
	for seed := range 1500 {
		w.Reset(s, rand.New(rand.NewPCG(uint64(seed), 1)))
		w.Step()
		for i := 1; i < n; i++ {
			if w.rec.States[i].Attacked {
				blocks[i/50]++
			}
		}
	}
	// 1,500 attacks spread over 299 targets: about 250 a block of 50.
	for b, k := range blocks {
		if k < 150 {
			t.Errorf("targets %d–%d attacked %d times in 1,500 steps; want about 250 (blocks %v)", 50*b, 50*b+49, k, blocks)
		}
	}
}
