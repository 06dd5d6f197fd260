package calibrate

import (
	"math"
	"strings"
	"testing"

	"alliancesim/agents"
)

// The calibration pair's honour rates are the numbers of docs/ODD.md §9.
func TestHonourRates(t *testing.T) {
	h := HonourRates(agents.DefaultParams())
	for _, test := range []struct {
		kind agents.Kind
		want float64
	}{
		{agents.Alliance, 0.750}, {agents.Treaty, 0.599}, {agents.Agreement, 0.289},
		{agents.Informal, 0.206}, {agents.Assurance, 0.095},
	} {
		if got := h[test.kind]; math.Abs(got-test.want) > 5e-4 {
			t.Errorf("%v: h = %.4f, want %.3f", test.kind, got, test.want)
		}
	}
	if math.Abs(h[agents.Alliance]-AllianceHonoured) > AllianceTolerance {
		t.Errorf("alliance h = %.3f, outside %.3f ± %.2f", h[agents.Alliance], AllianceHonoured, AllianceTolerance)
	}
	if h[agents.Treaty] < TreatyLo || h[agents.Treaty] > TreatyHi {
		t.Errorf("treaty h = %.3f, outside [%.2f, %.2f]", h[agents.Treaty], TreatyLo, TreatyHi)
	}
}

// The pair follows the parameters: reputation is rep.init, will sits at its prior's mean.
func TestCalibrationPairFollowsParams(t *testing.T) {
	p := agents.DefaultParams()
	p.Rep.Init, p.Will = 0.9, agents.Will{Alpha: 1, Beta: 3}
	c := CalibrationPair(p, agents.Treaty)
	if c.Rho != 0.9 || c.Will != 0.25 || c.WillMean != 0.25 || c.W != 0.8 || c.Stake != 0.5 ||
		c.Tripwire || c.NuclearAggressor || c.PA != c.PG || c.N != 1 {
		t.Errorf("calibration pair %+v", c)
	}
}

func TestSolveHonour(t *testing.T) {
	p := agents.DefaultParams()
	logit := func(h float64) float64 { return math.Log(h / (1 - h)) }
	for _, test := range []struct {
		name    string
		kind    agents.Kind
		target  float64
		x       Param
		want    float64 // NaN: expect an error
		errWord string
	}{
		// Post-1945 treaties (Berkemeier & Fuhrmann 2018): the linear predictor of the pair
		// is a0 + 3*0.8 + 0.5 + 2*(0.7-0.5) - 0.5 = a0 + 2.8.
		{"post-1945 a0", agents.Treaty, 0.22, HonourA0, logit(0.22) - 2.8, ""},
		{"default a0 back", agents.Alliance, 0.7502601055951177, HonourA0, -2.4, ""},
		{"rep.init for the treaty default", agents.Treaty, 0.5986876601124521, RepInit, 0.7, ""},
		{"rep.init cannot reach 0.22", agents.Treaty, 0.22, RepInit, math.NaN(), "no rep.init"},
		{"not an honour parameter", agents.Treaty, 0.5, ModelS, math.NaN(), "not a parameter"},
		{"not a probability", agents.Treaty, 1.2, HonourA0, math.NaN(), "not a probability"},
	} {
		t.Run(test.name, func(t *testing.T) {
			got, err := SolveHonour(p, test.kind, test.target, test.x)
			if math.IsNaN(test.want) {
				if err == nil || !strings.Contains(err.Error(), test.errWord) {
					t.Fatalf("got %g, %v; want an error containing %q", got, err, test.errWord)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-test.want) > 1e-9 {
				t.Errorf("%v = %.12f, want %.12f", test.x, got, test.want)
			}
			q := p
			var pop Population
			test.x.Set(&q, &pop, got)
			if h := HonourRates(q)[test.kind]; math.Abs(h-test.target) > 1e-12 {
				t.Errorf("h at the root = %.15f, want %.15f", h, test.target)
			}
		})
	}
}
