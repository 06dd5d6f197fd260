package agents

import (
	"math"
	"testing"
)

func TestFreerideEquilibrium(t *testing.T) {
	for _, test := range []struct {
		es    []float64
		alpha float64
		want  []float64
	}{
		{[]float64{10, 9, 8}, 0.3, []float64{2.125, 1.125, 0.125}},
		{[]float64{8, 10, 9}, 0.3, []float64{0.125, 2.125, 1.125}},
		{[]float64{29.18, 4.66, 3.64}, 0.04, []float64{0.04 * 29.18, 0, 0}},
	} {
		got := FreerideEquilibrium(test.es, test.alpha)
		for i := range got {
			if math.Abs(got[i]-test.want[i]) > 1e-12 {
				t.Errorf("E=%v alpha=%g: s=%v, want %v", test.es, test.alpha, got, test.want)
				break
			}
		}
		// Each contributor's spending is its best response to the others'.
		total := 0.0
		for _, s := range got {
			total += s
		}
		for i, s := range got {
			if br := FreerideSpending(test.es[i], total-s, test.alpha); math.Abs(br-s) > 1e-12 {
				t.Errorf("E=%v: member %d spends %g, best response %g", test.es, i, s, br)
			}
		}
	}
}
