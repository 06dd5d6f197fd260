package sim

import (
	"testing"

	"alliancesim/agents"
)

// War losses (docs/ODD.md §7.6): each side loses war.loss*enemy/(own + enemy) of the power it
// fought with, the defence's loss shared in proportion to what each contributed. A (P 10)
// attacks B (P 4), defended by C (P 8, reach 0.5 to B: it brings 4), while D abandons: the
// defence is 8, so A loses 0.15*8/18 = 1/15 of its power, 10 -> 28/3, and the defence
// 0.15*10/18 = 1/12 of what each brought: B 4 -> 11/3, C 8 - 4/12 = 23/3; D keeps 5. A hybrid
// attack fights no battle: nobody loses.
func TestWarLosses(t *testing.T) {
	for _, test := range []struct {
		mode agents.Mode
		want []float64
	}{
		{agents.ArmedAttack, []float64{28.0 / 3, 11.0 / 3, 23.0 / 3, 5}},
		{agents.HybridAttack, []float64{10, 4, 8, 5}},
	} {
		s := handSpec(20, 22, 24, 26)
		s.States[0].Revisionism = 0.5
		s.Params.War.Loss, s.Params.War.Prize, s.Params.War.Conquest = 0.15, 0, 0
		s.Guarantees = []Guarantee{{Name: "pact", Kind: agents.Treaty, Guarantors: []int{2, 3}, Proteges: []int{1},
			Terms: agents.Terms{Trigger: agents.Any, Response: agents.Fight}, Set: SetTrigger | SetResponse}}
		w := handWorld(s)
		copy(w.pw, []float64{10, 4, 8, 5})
		w.reach[2*w.n+1] = 0.5
		covs := w.handAttack(0, 1, test.mode)
		if len(covs) != 2 {
			t.Fatalf("%v: %d covering guarantors, want C and D", test.mode, len(covs))
		}
		for i := range covs {
			covs[i].honour = covs[i].g == 2
		}
		w.fight()
		for i, want := range test.want {
			if !near(w.pw[i], want) {
				t.Errorf("%v: %s's power after the war %.16g, want %g", test.mode, s.States[i].Name, w.pw[i], want)
			}
		}
	}
}

// Sanctions (docs/ODD.md §7.6): each honouring sanctioning guarantor costs the aggressor
// hybrid.sanction of its economy, in either mode, whether or not the attack succeeds; one that
// abandons costs it nothing. With sanction 0.02 and E = 1: 0.98^k for k honouring.
func TestSanctionsCostAggressor(t *testing.T) {
	for _, mode := range []agents.Mode{agents.ArmedAttack, agents.HybridAttack} {
		for _, test := range []struct {
			honouring int
			want      float64
		}{
			{0, 1}, {1, 0.98}, {3, 0.98 * 0.98 * 0.98},
		} {
			s := handSpec(20, 22, 24, 26, 28)
			s.States[0].Revisionism = 0.5
			s.Params.Hybrid.Sanction, s.Params.Hybrid.Gain = 0.02, 0
			s.Params.War.Prize, s.Params.War.Conquest = 0, 0
			s.Guarantees = []Guarantee{{Name: "sanctions", Kind: agents.Informal, Guarantors: []int{2, 3, 4}, Proteges: []int{1},
				Terms: agents.Terms{Trigger: agents.Any, Response: agents.Sanctions}, Set: SetTrigger | SetResponse}}
			w := handWorld(s)
			covs := w.handAttack(0, 1, mode)
			if len(covs) != 3 {
				t.Fatalf("%d covering guarantors, want 3", len(covs))
			}
			for i := range test.honouring {
				covs[i].honour = true
			}
			w.fight()
			if !near(w.e[0], test.want) {
				t.Errorf("%v, %d of 3 sanctioning: the aggressor's E %.16g, want %.16g", mode, test.honouring, w.e[0], test.want)
			}
		}
	}
}
