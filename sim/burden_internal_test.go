package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"alliancesim/agents"
)

// Version 4's buck-passer (buckpass.diffusion > 0) accepts a treaty unless a state closer to
// the same threat raised its burden last step; version 3's accepts none.
func TestBuckpasserAcceptsTreaty(t *testing.T) {
	for _, test := range []struct {
		diffusion float64
		treaties  int
	}{{0, 0}, {0.5, 1}} {
		s := triangle()
		s.Params.Buckpass.Diffusion = test.diffusion
		s.States[2].Strategy = agents.Buckpass{}
		w := NewWorld()
		w.Reset(s, rand.New(rand.NewPCG(1, 1)))
		w.nextEpoch()
		w.perceiveThreats()
		for i := range w.raisedNear {
			w.raisedNear[i] = math.Inf(1)
		}
		if w.threat[1] != 0 || w.threat[2] != 0 || w.tau[2] <= s.Params.Balance.Lo {
			t.Fatalf("B and C must both face A, C with tau above balance.lo: threats %v, tau %v", w.threat, w.tau)
		}
		w.proposeTreaty(1, 0)
		if w.rec.Treaties != test.treaties {
			t.Errorf("diffusion %g: B's offer to the buck-passer C made %d treaties, want %d", test.diffusion, w.rec.Treaties, test.treaties)
		}
		// C is farther from A than B: B's arming last step holds C back.
		for _, closer := range []bool{false, true} {
			w.raisedNear[0] = math.Inf(1)
			if closer {
				w.raisedNear[0] = w.dist[1*w.n+0]
			}
			if got, want := w.accepts(2), test.diffusion > 0 && !closer; got != want {
				t.Errorf("diffusion %g, closer state raised %v: C accepts %v, want %v", test.diffusion, closer, got, want)
			}
		}
		if !w.accepts(1) {
			t.Error("a balancer refuses a treaty")
		}
	}
}

// The strategy phase sees who was attacked by arms in the last step, and nothing of a previous
// run.
func TestArmedAttackedLastStep(t *testing.T) {
	s := triangle()
	s.States = s.States[:2]
	s.States[0].Economy, s.States[0].Burden = 50, 0.2
	s.Params.Model.Mu = -10  // attack surely
	s.Params.Hybrid.Gain = 0 // and by arms
	w := NewWorld()
	seen := func() (hit bool) {
		StepChecked(w, func(phase string) {
			if phase == "aggression" { // the strategy phase is over
				hit = w.armedHit[1]
			}
		})
		return hit
	}
	w.Reset(s, rand.New(rand.NewPCG(1, 1)))
	if seen() {
		t.Error("B attacked before the first step")
	}
	if !w.ArmedAttacked(1) {
		t.Fatal("B not attacked by arms in the first step: the test needs an attack")
	}
	if !seen() {
		t.Error("the strategy phase after B's war does not see it")
	}
	w.Reset(s, rand.New(rand.NewPCG(1, 1)))
	if seen() {
		t.Error("the first step of a new run sees the last run's war")
	}
	// A grey-zone attack is no war.
	s.Params.War.Cost, s.Params.Hybrid.Gain = 100, 1
	w.Reset(s, rand.New(rand.NewPCG(1, 1)))
	seen()
	if len(w.attacks) == 0 || w.ArmedAttacked(1) {
		t.Fatalf("attacks %+v: the test needs a hybrid attack on B, and no war", w.attacks)
	}
	if seen() {
		t.Error("the strategy phase after a hybrid attack sees a war")
	}
}
