package agents

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The calibration pair of docs/ODD.md §9: a non-nuclear aggressor of the guarantor's own power,
// reputation 0.7, will at its mean, no tripwire.
func TestCalibrationPair(t *testing.T) {
	p := DefaultParams()
	for _, test := range []struct {
		kind Kind
		want float64
	}{
		{Alliance, 0.750}, {Treaty, 0.599}, {Agreement, 0.289}, {Informal, 0.206}, {Assurance, 0.095},
	} {
		terms := p.Kind.Of(test.kind)
		c := Commitment{W: terms.W, Stake: terms.Stake, Rho: 0.7, Will: 0.6, WillMean: 0.6, PA: 1, PG: 1, N: 1}
		if got := p.Honour.HonourProb(c); math.Abs(got-test.want) > 5e-4 {
			t.Errorf("%v: h = %.4f, want %.3f", test.kind, got, test.want)
		}
	}
}

func TestHonourDirections(t *testing.T) {
	p := DefaultParams()
	base := Commitment{W: 1, Stake: 0.6, Rho: 0.7, Will: 0.6, WillMean: 0.6, PA: 1, PG: 1, N: 1}
	h0 := p.Honour.HonourProb(base)
	for _, test := range []struct {
		name   string
		change func(*Commitment)
		higher bool
	}{
		{"tripwire", func(c *Commitment) { c.Tripwire = true }, true},
		{"reputation", func(c *Commitment) { c.Rho = 0.9 }, true},
		{"will", func(c *Commitment) { c.Will = 0.8 }, true},
		{"nuclear aggressor", func(c *Commitment) { c.NuclearAggressor = true }, false},
		{"stronger aggressor", func(c *Commitment) { c.PA = 5 }, false},
	} {
		c := base
		test.change(&c)
		if h := p.Honour.HonourProb(c); (h > h0) != test.higher {
			t.Errorf("%s: h %.4f vs %.4f, want higher=%v", test.name, h, h0, test.higher)
		}
	}
	// The aggressor perceives will at its mean: credibility ignores the drawn will and n.
	c := base
	c.Will, c.N = 0.1, 3
	if q, h := p.Honour.Credibility(c), p.Honour.Credibility(base); q != h {
		t.Errorf("credibility depends on drawn will: %g vs %g", q, h)
	}
}

// CredibilityLogit, the threat phase's batched path, must give Credibility's log-odds exactly:
// the engine's records depend on every bit of it.
func TestCredibilityLogit(t *testing.T) {
	p := DefaultParams()
	h := &p.Honour
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 10000 {
		c := Commitment{
			W: rng.Float64(), Stake: rng.Float64(), Tripwire: rng.IntN(2) == 0,
			Rho: rng.Float64(), Will: rng.Float64(), WillMean: rng.Float64(),
			NuclearAggressor: rng.IntN(2) == 0, PA: rng.ExpFloat64() * 100, PG: rng.ExpFloat64() * 100,
			ReachAG: rng.Float64(), N: 1 + rng.IntN(3),
		}
		if i%10 == 0 {
			c.PA, c.PG = 0, 0 // no balance-of-power term
		}
		want := h.logit(&c, c.WillMean, 1)
		x := h.CredibilityLogit(h.Fixed(c.W, c.Stake), c.Rho, c.ReachAG, c.Tripwire, c.NuclearAggressor, c.PA, c.PG)
		if x != want || Logistic(x) != h.Credibility(c) {
			t.Fatalf("%+v: CredibilityLogit = %v, want %v", c, x, want)
		}
	}
}
