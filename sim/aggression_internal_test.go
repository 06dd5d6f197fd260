package sim

import (
	"testing"

	"alliancesim/agents"
)

// The failure bookkeeping (docs/ODD.md §7.8): a deterrence failure is an attack in a mode an
// in-force guarantee of the target covers; an armed failure the same by arms; a held failure any
// attack on a state holding a guarantee. Each records its first step only. B holds a treaty from
// C covering armed attacks only, D holds nothing, E an agreement covering any mode.
func TestFailureBookkeeping(t *testing.T) {
	s := handSpec(20, 22, 24, 26, 28)
	s.States[0].Revisionism = 0.5
	s.Guarantees = []Guarantee{
		{Name: "treaty", Kind: agents.Treaty, Guarantors: []int{2}, Proteges: []int{1},
			Terms: agents.Terms{Trigger: agents.Armed}, Set: SetTrigger},
		{Name: "agreement", Kind: agents.Agreement, Guarantors: []int{2}, Proteges: []int{4},
			Terms: agents.Terms{Trigger: agents.Any}, Set: SetTrigger},
	}
	type steps struct{ failure, armed, held int }
	type state struct{ failure, attack int }
	w := handWorld(s)
	for _, test := range []struct {
		name   string
		t      int // the step index: the step recorded is t+1
		target int
		mode   agents.Mode
		rec    steps
		st     state // the target's
	}{
		{"hybrid on B, not covered", 2, 1, agents.HybridAttack, steps{0, 0, 3}, state{0, 3}},
		{"armed on D, unprotected", 3, 3, agents.ArmedAttack, steps{0, 0, 3}, state{0, 4}},
		{"hybrid on E, covered", 4, 4, agents.HybridAttack, steps{5, 0, 3}, state{5, 5}},
		{"armed on B, covered", 5, 1, agents.ArmedAttack, steps{5, 6, 3}, state{6, 3}},
		{"armed on B again", 7, 1, agents.ArmedAttack, steps{5, 6, 3}, state{6, 3}},
	} {
		w.t = test.t
		w.strike(0, test.target, test.mode)
		r, st := &w.rec, &w.rec.States[test.target]
		if got := (steps{r.FailureStep, r.ArmedFailureStep, r.HeldFailureStep}); got != test.rec {
			t.Errorf("%s: failure, armed failure, held failure steps %v, want %v", test.name, got, test.rec)
		}
		if got := (state{st.FailureStep, st.AttackStep}); got != test.st {
			t.Errorf("%s: the target's failure and attack steps %v, want %v", test.name, got, test.st)
		}
	}
	for i, want := range []struct{ covered, armed bool }{{false, false}, {true, true}, {false, false}, {false, true}, {true, false}} {
		if st := &w.rec.States[i]; st.CoveredAttacked != want.covered || st.ArmedAttacked != want.armed {
			t.Errorf("%s: covered attacked %v, armed attacked %v; want %v, %v", s.States[i].Name, st.CoveredAttacked, st.ArmedAttacked, want.covered, want.armed)
		}
	}
	if w.rec.Attacks != 5 || w.rec.Wars != 3 || w.rec.HybridAttacks != 2 {
		t.Errorf("attacks %d, wars %d, hybrid %d; want 5, 3, 2", w.rec.Attacks, w.rec.Wars, w.rec.HybridAttacks)
	}
}

// A guarantor that attacks its own protégé voids that pair, and only that pair, for the rest of
// the run (docs/ODD.md §7.4), with an abandonment's reputation update. A guarantees B and C; D
// guarantees B too.
func TestVoidedGuaranteeStaysVoid(t *testing.T) {
	s := handSpec(20, 22, 24, 26)
	s.States[0].Revisionism = 0.5
	s.Params.Model.Mu = 100 // no attack of the engine's own in the steps after
	s.Steps = 5
	s.Guarantees = []Guarantee{
		{Name: "a's", Kind: agents.Assurance, Guarantors: []int{0}, Proteges: []int{1, 2}},
		{Name: "d's", Kind: agents.Assurance, Guarantors: []int{3}, Proteges: []int{1}},
	}
	w := handWorld(s)
	pairOf := func(g, p int) int {
		for pi, pr := range w.pairs {
			if pr.g == g && pr.p == p {
				return pi
			}
		}
		t.Fatalf("no pair %d -> %d", g, p)
		return -1
	}
	ab, ac, db := pairOf(0, 1), pairOf(0, 2), pairOf(3, 1)
	w.events = w.events[:0]
	w.strike(0, 1, agents.ArmedAttack)
	if len(w.events) != 1 || w.events[0] != (repEvent{g: 0, w: w.gs[0].terms.W}) {
		t.Errorf("events after A attacks its protégé: %+v, want one abandonment by A of weight %g", w.events, w.gs[0].terms.W)
	}
	check := func(when string) {
		t.Helper()
		if !w.pairs[ab].void || w.inForce(ab) || !w.inForce(ac) || !w.inForce(db) || w.pairs[ac].void || w.pairs[db].void {
			t.Errorf("%s: A->B void %v in force %v; A->C in force %v; D->B in force %v; want true false true true",
				when, w.pairs[ab].void, w.inForce(ab), w.inForce(ac), w.inForce(db))
		}
		for _, b := range w.backers[1] {
			if int(b.g) == 0 {
				t.Errorf("%s: A still backs B", when)
			}
		}
	}
	check("at once")
	w.refreshForce()
	check("after the refresh")
	for step := range s.Steps {
		w.Step()
		check("after step " + string(rune('1'+step)))
	}
}

// No state attacks its ally or its own client (docs/ODD.md §7.4): A, sure to attack any option
// it has (mu = -10), claims only B; B allied with A, or A's client, is never attacked.
func TestNoAttackOnAllyOrClient(t *testing.T) {
	for _, dyadic := range []bool{false, true} {
		for _, test := range []struct {
			name    string
			set     func(s *Spec)
			attacks bool
		}{
			{"neither", func(*Spec) {}, true},
			{"ally", func(s *Spec) {
				s.Guarantees = []Guarantee{{Name: "pact", Kind: agents.Alliance, Guarantors: []int{0, 1}, Proteges: []int{0, 1}}}
			}, false},
			{"client", func(s *Spec) { s.States[1].ClientOf = 0 }, false},
		} {
			s := handSpec(20, 22)
			s.States[0].Claims = []Claim{{Target: 1, R: 0.8}}
			s.Params.Model.Mu, s.Params.Model.Dyadic = -10, dyadic
			s.Steps = 10
			test.set(s)
			rec := Run(s, 0)
			if got := rec.Attacks > 0; got != test.attacks {
				t.Errorf("dyadic %v, %s: %d attacks on B in %d steps", dyadic, test.name, rec.Attacks, s.Steps)
			}
		}
	}
}
