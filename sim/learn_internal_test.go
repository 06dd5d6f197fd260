package sim

import "testing"

// Reputation (docs/ODD.md §7.7), with rep.up 0.2 and rep.down 0.6 from rho = 0.5: honouring a
// commitment of weight 0.8 gives 0.5 + 0.2*0.8*0.5 = 0.58; abandoning it 0.5*(1 - 0.4*0.8) =
// 0.34, and one of weight 0.25 only 0.5*(1 - 0.4*0.25) = 0.45. Updates apply in order, and only
// to the guarantor concerned.
func TestReputationUpdate(t *testing.T) {
	for _, test := range []struct {
		name   string
		events []repEvent
		want   float64
	}{
		{"honoured, w 0.8", []repEvent{{g: 1, w: 0.8, honoured: true}}, 0.58},
		{"abandoned, w 0.8", []repEvent{{g: 1, w: 0.8}}, 0.34},
		{"abandoned, w 0.25", []repEvent{{g: 1, w: 0.25}}, 0.45},
		{"honoured, then abandoned", []repEvent{{g: 1, w: 0.8, honoured: true}, {g: 1, w: 0.8}}, 0.58 * 0.68},
		{"abandoned, then honoured", []repEvent{{g: 1, w: 0.8}, {g: 1, w: 0.8, honoured: true}}, 0.34 + 0.2*0.8*0.66},
		{"none", nil, 0.5},
	} {
		s := handSpec(20, 22, 24)
		s.Params.Rep.Init, s.Params.Rep.Up, s.Params.Rep.Down = 0.5, 0.2, 0.6
		w := handWorld(s)
		w.events = append(w.events[:0], test.events...)
		w.learn()
		if !near(w.rep[1], test.want) || w.rep[0] != 0.5 || w.rep[2] != 0.5 {
			t.Errorf("%s: reputations %v, want B's %.4f and the others 0.5", test.name, w.rep, test.want)
		}
	}
}
