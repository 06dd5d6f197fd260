package sim_test

import (
	"context"
	"fmt"

	"alliancesim/agents"
	"alliancesim/sim"
)

// A two-state world built by hand: a revisionist Russia, and Ukraine holding one security
// agreement from a distant guarantor. Real scenarios come from the config package.
func ExampleEnsemble() {
	p := agents.DefaultParams()
	will := p.Will
	spec := &sim.Spec{
		Name: "duel", Runs: 2000, Steps: 10, Seed: 1, Focus: 1, Params: p,
		States: []sim.State{
			{Name: "Russia", Economy: 2.16, Burden: 0.071, Growth: 0.02, Lon: 37.62, Lat: 55.76, Nuclear: true,
				Claims: []sim.Claim{{Target: 1, R: 0.8}}, Strategy: agents.Balance{}, Will: will, ClientOf: -1},
			{Name: "Ukraine", Economy: 0.19, Burden: 0.34, Growth: 0.02, Lon: 30.52, Lat: 50.45,
				Strategy: agents.Balance{}, Will: will, ClientOf: -1},
			{Name: "UK", Economy: 3.64, Burden: 0.0233, Growth: 0.02, Lon: -0.13, Lat: 51.51, Nuclear: true,
				Strategy: agents.Balance{}, Will: will, ClientOf: -1},
		},
		Guarantees: []sim.Guarantee{{Name: "UK-Ukraine", Kind: agents.Agreement, Guarantors: []int{2}, Proteges: []int{1}}},
	}
	res, err := sim.Ensemble(context.Background(), spec, sim.Options{Workers: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := sim.Summarize(spec, res.Acc)
	fmt.Printf("P(deterrence failure in 10 years) = %.2f [%.2f, %.2f]\n",
		s.DeterrenceFailure.P, s.DeterrenceFailure.Lo, s.DeterrenceFailure.Hi)
	fmt.Printf("reliability of triggered commitments = %.2f\n", s.Reliability.P)
	// Output:
	// P(deterrence failure in 10 years) = 0.93 [0.92, 0.94]
	// reliability of triggered commitments = 0.09
}
