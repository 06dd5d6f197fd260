package sim

import (
	"testing"

	"alliancesim/agents"
)

// Entrapment (docs/ODD.md §7.5): an honoured fight whose stake is below P_a/(P_a + P_g) is a
// costly intervention. A and C have equal powers, so the bar is 1/2.
func TestCostlyIntervention(t *testing.T) {
	for _, test := range []struct {
		name          string
		stake         float64
		resp          agents.Response
		a0            float64 // 20: the guarantor honours; -20: it abandons
		honoured, cst int
	}{
		{"fight, stake below", 0.4, agents.Fight, 20, 1, 1},
		{"fight, stake at the bar", 0.5, agents.Fight, 20, 1, 0},
		{"fight, stake above", 0.6, agents.Fight, 20, 1, 0},
		{"arms, stake below", 0.4, agents.Arms, 20, 1, 0},
		{"fight abandoned, stake below", 0.4, agents.Fight, -20, 0, 0},
	} {
		s := handSpec(20, 22, 24)
		s.States[0].Revisionism = 0.5
		s.Params.Honour.A0 = test.a0
		s.Guarantees = []Guarantee{{Name: "treaty", Kind: agents.Treaty, Guarantors: []int{2}, Proteges: []int{1},
			Terms: agents.Terms{Stake: test.stake, Response: test.resp}, Set: SetStake | SetResponse}}
		w := handWorld(s)
		copy(w.pw, []float64{10, 2, 10})
		w.handAttack(0, 1, agents.ArmedAttack)
		w.respond()
		if w.rec.Triggered != 1 || w.rec.Honoured != test.honoured || w.rec.Costly != test.cst {
			t.Errorf("%s: triggered %d, honoured %d, costly %d; want 1, %d, %d",
				test.name, w.rec.Triggered, w.rec.Honoured, w.rec.Costly, test.honoured, test.cst)
		}
	}
}

// honour.ao in the response phase (docs/ODD.md §7.5): n_g counts the attacks of the step that
// trigger guarantor g's commitments. C guarantees B and D; with a0 = 20 and ao = 40 it honours
// one triggered commitment, and abandons both when A attacks B and E attacks D in the same step
// (log-odds about 22 - 40).
func TestCommitmentCountLowersHonour(t *testing.T) {
	for _, both := range []bool{false, true} {
		s := handSpec(20, 22, 24, 26, 28)
		s.States[0].Revisionism, s.States[4].Revisionism = 0.5, 0.5
		s.Params.Honour.A0, s.Params.Honour.AO = 20, 40
		s.Guarantees = []Guarantee{{Name: "treaty", Kind: agents.Treaty, Guarantors: []int{2}, Proteges: []int{1, 3}}}
		w := handWorld(s)
		w.attacks = append(w.attacks[:0], attack{a: 0, t: 1, mode: agents.ArmedAttack})
		if both {
			w.attacks = append(w.attacks, attack{a: 4, t: 3, mode: agents.ArmedAttack})
		}
		w.respond()
		want := [3]int{1, 1, 0} // triggered, honoured, abandoned
		if both {
			want = [3]int{2, 0, 2}
		}
		if got := [3]int{w.rec.Triggered, w.rec.Honoured, w.rec.Abandoned}; got != want {
			t.Errorf("both attacked %v: triggered, honoured, abandoned %v; want %v", both, got, want)
		}
	}
}

// The buck-passer as guarantor (docs/ODD.md §7.5) decides after the others, though it comes
// first in state order, and abstains exactly when the aggressor's chance against the target
// plus those already honouring is below buckpass.threshold: A (P 10) against B (P 2) and the
// partner D (P 8 at reach 0.5: 4) has p_win = 1/(1 + 0.6^1.5) = 0.6827066306825382.
func TestBuckPassThreshold(t *testing.T) {
	const pwin = 0.6827066306825382
	for _, test := range []struct {
		threshold          float64
		honoured, buckPass int
	}{
		{pwin + 1e-9, 1, 1},
		{pwin - 1e-9, 2, 0},
	} {
		s := handSpec(20, 22, 24, 26)
		s.States[0].Revisionism = 0.5
		s.States[2].Strategy = agents.Buckpass{}
		s.Params.Honour.A0 = 20
		s.Params.Model.Gamma = 1.5
		s.Params.Buckpass.Threshold = test.threshold
		s.Guarantees = []Guarantee{{Name: "treaty", Kind: agents.Treaty, Guarantors: []int{2, 3}, Proteges: []int{1}}}
		w := handWorld(s)
		copy(w.pw, []float64{10, 2, 5, 8})
		w.reach[3*w.n+1] = 0.5
		w.handAttack(0, 1, agents.ArmedAttack)
		w.respond()
		if w.rec.Triggered != 2 || w.rec.Honoured != test.honoured || w.rec.BuckPassed != test.buckPass {
			t.Errorf("threshold p_win%+.0e: triggered %d, honoured %d, buck-passed %d; want 2, %d, %d",
				test.threshold-pwin, w.rec.Triggered, w.rec.Honoured, w.rec.BuckPassed, test.honoured, test.buckPass)
		}
	}
}
