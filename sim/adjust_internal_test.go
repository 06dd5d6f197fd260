package sim

import (
	"testing"

	"alliancesim/agents"
)

// A buck-passer holds its burden while a state closer to the same principal threat raised its
// burden in the previous step (docs/ODD.md §7.3), and otherwise balances: threatened (tau 0.6),
// it raises b from 0.02 to 0.03. A is the threat; B lies 2 degrees from it, C 6.
func TestBuckPassWhenCloserRaised(t *testing.T) {
	for _, test := range []struct {
		name           string
		passer, raiser int // raiser -1: nobody raised
		otherThreat    bool
		burden         float64
		buckPassing    int
	}{
		{"a closer state raised", 2, 1, false, 0.02, 1},
		{"a farther state raised", 1, 2, false, 0.03, 0},
		{"nobody raised", 2, -1, false, 0.03, 0},
		{"only itself raised", 2, 2, false, 0.03, 0},
		{"a closer state facing another threat raised", 2, 1, true, 0.03, 0},
	} {
		s := handSpec(20, 22, 26)
		s.States[0].Revisionism = 0.5
		s.States[test.passer].Strategy = agents.Buckpass{}
		w := handWorld(s)
		copy(w.threat, []int{-1, 0, 0})
		copy(w.tau, []float64{0, 0.6, 0.6})
		if test.raiser >= 0 {
			w.raised[test.raiser] = true // in the step before: adjust moves it to raisedPrev
			if test.otherThreat {
				w.threat[test.raiser] = -1
			}
		}
		w.adjust()
		if !near(w.b[test.passer], test.burden) || w.rec.BuckPassing != test.buckPassing {
			t.Errorf("%s: the buck-passer's burden %g, buck-passing steps %d; want %g, %d",
				test.name, w.b[test.passer], w.rec.BuckPassing, test.burden, test.buckPassing)
		}
	}
}
