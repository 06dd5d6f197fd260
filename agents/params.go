package agents

// Params holds every global parameter of the model. The toml tags are the dotted paths by which
// configs, --set, sweeps and per-run uncertainty address each field (model.gamma, war.cost,
// kind.agreement.aid, ...). Use [DefaultParams] for the reference values.
type Params struct {
	Model     Model           `toml:"model"`
	War       War             `toml:"war"`
	Hybrid    Hybrid          `toml:"hybrid"`
	Honour    Honour          `toml:"honour"`
	Rep       Rep             `toml:"rep"`
	Intent    Intent          `toml:"intent"`
	Will      Will            `toml:"will"`
	Balance   BalanceParams   `toml:"balance"`
	Bandwagon BandwagonParams `toml:"bandwagon"`
	Buckpass  BuckpassParams  `toml:"buckpass"`
	Freeride  FreerideParams  `toml:"freeride"`
	Burden    BurdenParams    `toml:"burden"`
	Kind      Kinds           `toml:"kind"`
}

// Model holds the economic, geographic and decision parameters of docs/ODD.md §2 and §7.1–7.4.
type Model struct {
	BurdenMin float64 `toml:"burden_min" doc:"lowest defence burden (share of GDP)"`
	BurdenMax float64 `toml:"burden_max" doc:"highest defence burden (share of GDP)"`
	Growth    float64 `toml:"growth" doc:"default mean economic growth per step"`
	SigmaG    float64 `toml:"sigma_g" doc:"standard deviation of growth shocks"`
	Phi       float64 `toml:"phi" doc:"growth penalty per unit of burden above b_ref (guns vs butter)"`
	BRef      float64 `toml:"b_ref" doc:"burden above which defence slows growth"`
	Delta     float64 `toml:"delta" doc:"depreciation of military capability per step"`
	Kappa     float64 `toml:"kappa" doc:"capability bought per unit of defence spending"`
	Lambda    float64 `toml:"lambda" doc:"loss-of-strength gradient, km"`
	Surge     float64 `toml:"surge" doc:"share of a guarantor's accrual sent as an arms surge"`
	Gamma     float64 `toml:"gamma" doc:"decisiveness of the Tullock contest"`
	Nuc       float64 `toml:"nuc" doc:"expected cost of nuclear escalation"`
	Mu        float64 `toml:"mu" doc:"value of the status quo"`
	S         float64 `toml:"s" doc:"logit scale of the attack choice (bounded rationality)"`
	Formation bool    `toml:"formation" doc:"balancing states may form new treaties"`
	// Dyadic and RRef are version 4's attack decision (docs/ODD.md §7.4); false and 0 give
	// version 3's one choice per aggressor, with an opportunity every year.
	Dyadic bool    `toml:"dyadic" doc:"each aggressor-target pair decides on its own (false: one choice per aggressor)"`
	RRef   float64 `toml:"r_ref" doc:"claim at which a dispute opportunity arises every year (0: always)"`
}

// War holds the parameters of armed conflict.
type War struct {
	Cost     float64 `toml:"cost" doc:"expected cost of an armed attack, scaled by the defence's share"`
	Loss     float64 `toml:"loss" doc:"largest share of its power a side loses in a war"`
	Prize    float64 `toml:"prize" doc:"share of the target's economy a victor takes"`
	Conquest float64 `toml:"conquest" doc:"target conquered when its power falls below this share of its initial power"`
	// Overstretch makes each further war of an aggressor in the same step dearer (dyadic only).
	Overstretch float64 `toml:"overstretch" doc:"extra war cost per war the aggressor already launched this step"`
}

// Hybrid holds the parameters of hybrid (grey-zone) attacks and sanctions.
type Hybrid struct {
	Gain     float64 `toml:"gain" doc:"value of a hybrid attack relative to an armed one"`
	Cost     float64 `toml:"cost" doc:"expected cost of a hybrid attack, scaled by the defence's share"`
	Sanction float64 `toml:"sanction" doc:"share of the aggressor's economy one sanctioning guarantor costs it"`
	// Escalation and EscUmbrella are the escalation shadow (docs/ODD.md §7.4): a grey-zone
	// operation against a protégé of an armed-trigger guarantee risks the war it covers.
	Escalation  float64 `toml:"escalation" doc:"share of the armed-attack support an aggressor also fears in a hybrid attack"`
	EscUmbrella float64 `toml:"esc_umbrella" doc:"share of the armed-attack nuclear umbrella an aggressor also fears in a hybrid attack"`
}

// Honour holds the coefficients of the guarantor's honour decision (docs/ODD.md §7.5).
type Honour struct {
	A0   float64 `toml:"a0" doc:"intercept"`
	AW   float64 `toml:"aw" doc:"weight of the legal weight w"`
	AS   float64 `toml:"as" doc:"weight of the stake"`
	AT   float64 `toml:"at" doc:"weight of a tripwire"`
	AR   float64 `toml:"ar" doc:"weight of reputation above rho0"`
	Rho0 float64 `toml:"rho0" doc:"reference reputation"`
	AP   float64 `toml:"ap" doc:"weight of political will above its mean"`
	AN   float64 `toml:"an" doc:"penalty when the aggressor is nuclear"`
	AC   float64 `toml:"ac" doc:"weight of the aggressor's relative power"`
	AE   float64 `toml:"ae" doc:"weight of the aggressor's reach to the guarantor"`
	AO   float64 `toml:"ao" doc:"penalty per extra commitment triggered in the same step"`
}

// Rep holds the reputation learning rates.
type Rep struct {
	Init float64 `toml:"init" doc:"initial reputation of every state"`
	Up   float64 `toml:"up" doc:"gain towards 1 after honouring, times w"`
	Down float64 `toml:"down" doc:"share kept after abandoning a guarantee of weight 1"`
}

// Intent holds the learning rates of perceived aggressiveness.
type Intent struct {
	Up    float64 `toml:"up" doc:"gain towards 1 after attacking"`
	Decay float64 `toml:"decay" doc:"drift back towards r_max in a step without attack"`
}

// Will is the Beta prior of a state's political will to fight for others.
type Will struct {
	Alpha float64 `toml:"alpha" doc:"Beta prior alpha"`
	Beta  float64 `toml:"beta" doc:"Beta prior beta"`
}

// Mean returns the mean of the prior.
func (w Will) Mean() float64 { return w.Alpha / (w.Alpha + w.Beta) }

// BalanceParams holds the thresholds and steps of the balancing rule.
type BalanceParams struct {
	Hi   float64 `toml:"hi" doc:"threat ratio above which a state balances"`
	Lo   float64 `toml:"lo" doc:"threat ratio below which a state lowers its burden"`
	Up   float64 `toml:"up" doc:"burden added per step of internal balancing"`
	Down float64 `toml:"down" doc:"burden shed per step when safe"`
}

// BandwagonParams holds the parameters of the bandwagoning rule.
type BandwagonParams struct {
	Tau   float64 `toml:"tau" doc:"threat ratio above which a weak state may bandwagon"`
	Ratio float64 `toml:"ratio" doc:"bandwagons only while its power is below this share of the threat's"`
	P     float64 `toml:"p" doc:"probability per step of becoming the threat's client"`
}

// BuckpassParams holds the parameter of the buck-passing rule.
type BuckpassParams struct {
	Threshold float64 `toml:"threshold" doc:"a buck-passer abstains when others bring the aggressor's p_win below this"`
	// Diffusion is the diffusion of responsibility (docs/ODD.md §7.5): 0 gives version 3's
	// buck-passer.
	Diffusion float64 `toml:"diffusion" doc:"how far a buck-passer's honour probability falls with the share of support others bring"`
}

// FreerideParams holds the parameters of the free-riding rule.
type FreerideParams struct {
	Alpha float64 `toml:"alpha" doc:"weight of security in the free-rider's utility"`
	Step  float64 `toml:"step" doc:"largest change of burden per step"`
}

// BurdenParams holds version 4's burden rule (docs/ODD.md §7.3): an allied state moves its burden
// part of the way towards a level that answers its exposure to the threat, counting its allies'
// promised support at a discount, and never far below its allies' median. Target false gives
// version 3's fixed steps.
type BurdenParams struct {
	Target bool    `toml:"target" doc:"allied states move their burden towards a level that answers the threat (false: version 3's fixed steps)"`
	Psi    float64 `toml:"psi" doc:"weight of allies' promised support against the threat's power in exposure (0: self-help only)"`
	XStar  float64 `toml:"x_star" doc:"exposure at which the threat asks for burden.level"`
	Level  float64 `toml:"level" doc:"burden the threat asks for at exposure x_star"`
	Eta    float64 `toml:"eta" doc:"elasticity of the threat's burden in exposure"`
	Alpha  float64 `toml:"alpha" doc:"weight of the alliance's security in an ally's utility (the public good's burden)"`
	Norm   float64 `toml:"norm" doc:"share of its allies' median burden below which an ally does not aim"`
	Floor  float64 `toml:"floor" doc:"share of its allies' median burden below which a free-rider does not aim"`
	Rate   float64 `toml:"rate" doc:"share of the gap to the target closed per step (partial adjustment)"`
}

// DefaultParams returns the reference parameter values (docs/ODD.md §7): version 4, with every
// version 4 mechanism on (dyadic decisions with war.overstretch 1, dispute opportunities, the
// escalation shadow hybrid.escalation 1 without the umbrella, the buck-passer's diffusion of
// responsibility 0.5, the burden rule), and the decision parameters recalibrated with them
// (docs/ODD.md §9): model.s = 0.1416, war.cost = 1.6899, hybrid.gain = 0.3972 and model.r_ref =
// 0.6303 are the member of the calibration set nearest the fit of the Correlates of War dispute
// and war onset rates (6.1% and 0.55% a year); the set also asks that disputes concentrate in
// enduring pairs. The honour parameters are not moved by the refit. [Params.V3] turns the
// version 4 mechanisms off.
func DefaultParams() Params {
	return Params{
		Model: Model{
			BurdenMin: 0.005, BurdenMax: 0.40, Growth: 0.02, SigmaG: 0.02, Phi: 0.05, BRef: 0.02,
			Delta: 0.1, Kappa: 1, Lambda: 1500, Surge: 0.25, Gamma: 1.5, Nuc: 0.5,
			Mu: 0.3, S: 0.1416, Formation: true, Dyadic: true, RRef: 0.6303,
		},
		War:       War{Cost: 1.6899, Loss: 0.15, Prize: 0.2, Conquest: 0.05, Overstretch: 1},
		Hybrid:    Hybrid{Gain: 0.3972, Cost: 0.05, Sanction: 0.02, Escalation: 1},
		Honour:    Honour{A0: -2.4, AW: 3, AS: 1, AT: 2, AR: 2, Rho0: 0.5, AP: 3, AN: 1.5, AC: 1, AE: 0, AO: 0},
		Rep:       Rep{Init: 0.7, Up: 0.2, Down: 0.6},
		Intent:    Intent{Up: 0.3, Decay: 0.1},
		Will:      Will{Alpha: 6, Beta: 4},
		Balance:   BalanceParams{Hi: 0.5, Lo: 0.25, Up: 0.01, Down: 0.005},
		Bandwagon: BandwagonParams{Tau: 1, Ratio: 0.25, P: 0.1},
		Buckpass:  BuckpassParams{Threshold: 0.5, Diffusion: 0.5},
		Freeride:  FreerideParams{Alpha: 0.04, Step: 0.005},
		Burden:    BurdenParams{Target: true, Psi: 0.1, XStar: 0.3, Level: 0.021, Eta: 1.5, Alpha: 0.05, Norm: 0.75, Floor: 0.7, Rate: 0.2},
		Kind:      DefaultKinds(),
	}
}

// V3 turns version 4's mechanisms off (docs/ODD.md §11): with them off the engine is version 3,
// bit for bit. Only the switches change; the calibrated values stay as they are.
func (p *Params) V3() {
	p.Model.Dyadic, p.Model.RRef = false, 0
	p.War.Overstretch = 0
	p.Hybrid.Escalation, p.Hybrid.EscUmbrella = 0, 0
	p.Buckpass.Diffusion = 0
	p.Burden.Target = false
}
