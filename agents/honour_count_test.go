package agents

import (
	"math"
	"testing"
)

// honour.ao (docs/ODD.md §7.5): each further commitment of the guarantor triggered in the same
// step lowers the log-odds of honouring by ao. The aggressor's credibility counts one commitment
// whatever N. At the point below the log-odds are
//
//	a0 + aw*w + as*stake + ar*(rho-rho0) - ac*PA/(PA+PG) = -2.4 + 3 + 0.6 + 0.4 - 0.5 = 1.1
//
// for one commitment, and 1.1 - 0.5*2 = 0.1 for three.
func TestHonourCommitmentCount(t *testing.T) {
	h := DefaultParams().Honour
	h.AO = 0.5
	c := Commitment{W: 1, Stake: 0.6, Rho: 0.7, Will: 0.6, WillMean: 0.6, PA: 2, PG: 2, ReachAG: 0.3}
	for _, test := range []struct {
		n    int
		want float64
	}{
		{1, 0.7502601055951177}, // logistic(1.1)
		{3, 0.52497918747894},   // logistic(0.1)
	} {
		c.N = test.n
		if got := h.HonourProb(c); math.Abs(got-test.want) > 1e-15 {
			t.Errorf("N = %d: h = %.16g, want %.16g", test.n, got, test.want)
		}
		if got := h.Credibility(c); math.Abs(got-0.7502601055951177) > 1e-15 {
			t.Errorf("N = %d: q = %.16g, want logistic(1.1) = 0.7502601055951177 (the aggressor sees one commitment)", test.n, got)
		}
	}
}
