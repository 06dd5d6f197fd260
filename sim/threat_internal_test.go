package sim

import (
	"testing"

	"alliancesim/agents"
)

// The threat ratio counts the support a state's guarantors are expected to bring (docs/ODD.md
// §7.2): tau = P_a*reach(a,i)*intent_a / (P_i + S_i), S_i = q_g*P_g*reach(g,i) for a fighting
// guarantor g. B is backed by C, D is not; with a second, less credible guarantee from C to B
// the general path of the sum must give the same (C counts once, through its most credible).
func TestThreatRatioCountsSupport(t *testing.T) {
	for _, second := range []bool{false, true} {
		s := handSpec(20, 22, 24, 18)
		s.States[0].Revisionism = 0.5
		s.Guarantees = []Guarantee{{Name: "treaty", Kind: agents.Treaty, Guarantors: []int{2}, Proteges: []int{1},
			Terms: agents.Terms{W: 0.8, Stake: 0.5, Response: agents.Fight}, Set: SetW | SetStake | SetResponse}}
		if second {
			s.Guarantees = append(s.Guarantees, Guarantee{Name: "paper", Kind: agents.Assurance, Guarantors: []int{2}, Proteges: []int{1},
				Terms: agents.Terms{W: 0.1, Stake: 0.1, Response: agents.Fight}, Set: SetW | SetStake | SetResponse})
		}
		w := handWorld(s)
		copy(w.pw, []float64{10, 2, 6, 3})
		w.nextEpoch()
		w.perceiveThreats()
		n := w.n
		threat := func(i int) float64 { return 10 * w.reach[0*n+i] * w.intent[0] }
		q := w.credibility(0, 2, 0.8, 0.5)
		wantB := threat(1) / (2 + q*6*w.reach[2*n+1])
		wantD := threat(3) / 3
		if w.threat[1] != 0 || w.threat[3] != 0 || !near(w.tau[1], wantB) || !near(w.tau[3], wantD) {
			t.Errorf("second guarantee %v: B's threat %d, tau %.16g; D's %d, %.16g; want A, %.16g and A, %.16g",
				second, w.threat[1], w.tau[1], w.threat[3], w.tau[3], wantB, wantD)
		}
	}
}
