package calibrate

import (
	"context"
	"testing"
	"time"

	"alliancesim/agents"
)

func TestScratch(t *testing.T) {
	for _, c := range []struct{ s, cost float64 }{{0.05, 0.5}, {0.09, 0.8}} {
		p := agents.DefaultParams()
		p.Model.S, p.War.Cost = c.s, c.cost
		t0 := time.Now()
		cs, err := Checks(context.Background(), p, Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%+v %v", c, time.Since(t0))
		for _, c := range cs {
			t.Logf("%-95s %-12s %v %-10s %v", c.Quantity, c.Target, c.Value, c.Tolerance, c.Pass)
		}
	}
	t0 := time.Now()
	r, err := Fit(context.Background(), agents.DefaultParams(), FitOptions{Workers: 2, Free: []Param{BetaA, BetaB, ModelS, WarCost}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("full: a=%.3f b=%.3f s=%.4f cost=%.3f meanR=%.3f dispute %v war %v loss %.4f evals %d %v", r.Pop.A, r.Pop.B, r.Params.Model.S, r.Params.War.Cost, r.MeanR, r.Dispute, r.War, r.Loss, r.Evals, time.Since(t0))
}
