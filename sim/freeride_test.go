package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"alliancesim/agents"
)

// The free-riding rule, updating one member at a time in descending economy, reaches the
// Olson–Zeckhauser equilibrium of docs/ODD.md §7.3 exactly. (Version 3's rule: version 4's
// burden rule, §7.3.6, keeps a free-rider near its allies' norm instead.)
func TestFreerideReachesEquilibrium(t *testing.T) {
	for _, test := range []struct {
		es    []float64
		alpha float64
		want  []float64
	}{
		{[]float64{10, 9, 8}, 0.3, []float64{2.125, 1.125, 0.125}},
		{[]float64{9, 8, 10}, 0.3, []float64{1.125, 0.125, 2.125}},
		{[]float64{29.18, 4.66, 3.64}, 0.04, []float64{0.04 * 29.18, 0, 0}},
	} {
		p := agents.DefaultParams()
		p.Model.Growth, p.Model.SigmaG, p.Model.Phi = 0, 0, 0
		p.Model.BurdenMin, p.Model.BurdenMax = 0, 1
		p.Freeride.Alpha, p.Freeride.Step = test.alpha, 1
		p.Burden.Target = false
		s := &Spec{Name: "oz", Runs: 1, Steps: 1, Focus: -1, Params: p}
		var members []int
		for i, e := range test.es {
			s.States = append(s.States, State{Name: string(rune('A' + i)), Economy: e, Burden: 0.05,
				Strategy: agents.FreeRide{}, Will: p.Will, ClientOf: -1, Lon: float64(i)})
			members = append(members, i)
		}
		s.Guarantees = []Guarantee{{Name: "pact", Kind: agents.Alliance, Guarantors: members, Proteges: members}}
		w := NewWorld()
		w.Reset(s, rand.New(rand.NewPCG(1, 1)))
		for range 100 {
			w.Step()
		}
		for i, want := range test.want {
			if got := w.b[i] * w.e[i]; math.Abs(got-want) > 1e-9 {
				t.Errorf("E=%v alpha=%g: member %d spends %.6f, want %.6f", test.es, test.alpha, i, got, want)
			}
		}
	}
}
