package calibrate

import (
	"fmt"

	"alliancesim/agents"
)

// Param is a number the calibration can move: a parameter of the model or of the calibration
// population.
type Param int

// The parameters the calibration moves.
const (
	BetaA      Param = iota // a of the population's Beta(a, b) of revisionism
	BetaB                   // b of the population's Beta(a, b)
	ModelS                  // model.s, the logit scale of the attack choice
	ModelMu                 // model.mu, the value of the status quo
	WarCost                 // war.cost
	HybridGain              // hybrid.gain
	HonourA0                // honour.a0, the intercept of the honour rule
	RepInit                 // rep.init, the initial reputation (the calibration pair's rho)
	numParams
)

var paramNames = [numParams]string{
	"beta.a", "beta.b", "model.s", "model.mu", "war.cost", "hybrid.gain", "honour.a0", "rep.init",
}

// String returns the dotted path of the parameter, as in configs and --set (beta.a and beta.b
// belong to the calibration population, not to the model).
func (x Param) String() string {
	if x < 0 || x >= numParams {
		return fmt.Sprintf("Param(%d)", int(x))
	}
	return paramNames[x]
}

// field returns a pointer to the parameter in p or pop.
func (x Param) field(p *agents.Params, pop *Population) *float64 {
	switch x {
	case BetaA:
		return &pop.A
	case BetaB:
		return &pop.B
	case ModelS:
		return &p.Model.S
	case ModelMu:
		return &p.Model.Mu
	case WarCost:
		return &p.War.Cost
	case HybridGain:
		return &p.Hybrid.Gain
	case HonourA0:
		return &p.Honour.A0
	case RepInit:
		return &p.Rep.Init
	}
	panic("calibrate: unknown " + x.String())
}

// Get returns the parameter's value in p or pop.
func (x Param) Get(p *agents.Params, pop *Population) float64 { return *x.field(p, pop) }

// Set sets the parameter's value in p or pop.
func (x Param) Set(p *agents.Params, pop *Population, v float64) { *x.field(p, pop) = v }

// positive reports whether the parameter must stay positive, so a fit moves its logarithm.
func (x Param) positive() bool { return x != HonourA0 }
