package calibrate

import (
	"context"
	"math"
	"testing"

	"alliancesim/agents"
)

func TestScratch(t *testing.T) {
	p := agents.DefaultParams()
	pop := DefaultPopulation()
	pop.Pairs = 10000
	tg := DefaultTargets()
	for _, a := range []float64{0.1, 0.3, 0.6, 1, 2} {
		for _, b := range []float64{1, 2, 4, 8, 16, 32} {
			pop.A, pop.B = a, b
			d, w, _, _ := Rates(context.Background(), p, pop, 1, 2)
			l := math.Pow(math.Log(d.P/tg.Dispute), 2) + math.Pow(math.Log(w.P/tg.War), 2)
			t.Logf("a=%.1f b=%4.0f dispute %.4f war %.4f loss %.3f", a, b, d.P, w.P, l)
		}
	}
}
