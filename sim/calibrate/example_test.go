package calibrate_test

import (
	"fmt"

	"alliancesim/agents"
	"alliancesim/sim/calibrate"
)

// The honour rates of the calibration pair for each kind of guarantee, and the intercept of the
// honour rule that would reproduce the post-1945 treaty figure of Berkemeier & Fuhrmann (2018).
func ExampleHonourRates() {
	p := agents.DefaultParams()
	h := calibrate.HonourRates(p)
	for k := range agents.NumKinds {
		fmt.Printf("%-9v %.3f\n", k, h[k])
	}
	a0, err := calibrate.SolveHonour(p, agents.Treaty, 0.22, calibrate.HonourA0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("honour.a0 for treaty h = 0.22: %.3f\n", a0)
	_, err = calibrate.SolveHonour(p, agents.Treaty, 0.22, calibrate.RepInit)
	fmt.Println(err)
	// Output:
	// alliance  0.750
	// treaty    0.599
	// agreement 0.289
	// informal  0.206
	// assurance 0.095
	// honour.a0 for treaty h = 0.22: -4.066
	// solve honour: no rep.init in [0, 1] gives treaty h = 0.22 (h ranges over [0.269, 0.731])
}
