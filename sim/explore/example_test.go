package explore_test

import (
	"fmt"
	"math"

	"alliancesim/sim/explore"
)

func ExampleLHS() {
	// Five points for two factors: each factor's five strata [0, 0.2), ..., [0.8, 1) hold one
	// point each. Mapping to factor values is the caller's: here a uniform range and a
	// categorical factor with three levels.
	for _, u := range explore.LHS(5, 2, 42, explore.Maximin) {
		claim := 0.2 + 0.6*u[0]
		regime := int(u[1] * 3)
		fmt.Printf("stratum %d, %d: claim %.2f, regime %d\n", int(u[0]*5), int(u[1]*5), claim, regime)
	}
	// Output:
	// stratum 3, 3: claim 0.58, regime 1
	// stratum 0, 2: claim 0.29, regime 1
	// stratum 4, 1: claim 0.74, regime 0
	// stratum 2, 0: claim 0.55, regime 0
	// stratum 1, 4: claim 0.38, regime 2
}

func ExampleSaltelli_Indices() {
	// y = x1 + 2 x2 on the unit square: Var = 1/12 + 4/12, so S1 = ST = (0.2, 0.8).
	s := explore.Saltelli{N: 1024, K: 2}
	pts := s.Points(0)
	y := make([]float64, len(pts))
	for i, x := range pts {
		y[i] = x[0] + 2*x[1]
	}
	si, err := s.Indices(y, 200, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range 2 {
		fmt.Printf("x%d: S1 %.2f (±%.2f), ST %.2f (±%.2f)\n", i+1,
			si.S1[i], math.Round(si.S1Conf[i]*100)/100, si.ST[i], math.Round(si.STConf[i]*100)/100)
	}
	// Output:
	// x1: S1 0.20 (±0.04), ST 0.20 (±0.02)
	// x2: S1 0.80 (±0.07), ST 0.80 (±0.05)
}
