package sim

import (
	"alliancesim/agents"
)

// duel returns a two-state world frozen in place: Russia (aggressor, claims.Ukraine = 0.8) and
// Ukraine, powers at the g = 0 steady state of the 2024 data, no growth noise, no drag, fixed
// strategies. guarantee, if not nil, is added with a third state, a distant guarantor.
func duel(runs, steps int) *Spec {
	p := agents.DefaultParams()
	p.Model.Growth, p.Model.SigmaG, p.Model.Phi = 0, 0, 0
	fixed := agents.Fixed{}
	will := agents.Will{Alpha: 6, Beta: 4}
	return &Spec{
		Name: "duel", Runs: runs, Steps: steps, Seed: 7, Focus: 1, Params: p,
		States: []State{
			{Name: "Russia", Economy: 2.16, Burden: 0.071, Lon: 37.62, Lat: 55.76, Nuclear: true,
				Claims: []Claim{{Target: 1, R: 0.8}}, Strategy: fixed, Will: will, ClientOf: -1},
			{Name: "Ukraine", Economy: 0.19, Burden: 0.34, Lon: 30.52, Lat: 50.45, Strategy: fixed, Will: will, ClientOf: -1},
			{Name: "Guarantor", Economy: 3, Burden: 0.02, Lon: -0.13, Lat: 51.51, Strategy: fixed, Will: will, ClientOf: -1},
		},
	}
}

// withGuarantee adds a guarantee of kind k from the third state to Ukraine.
func withGuarantee(s *Spec, k agents.Kind) *Spec {
	s.Guarantees = append(s.Guarantees, Guarantee{Name: k.String(), Kind: k, Guarantors: []int{2}, Proteges: []int{1}})
	return s
}
