package config

import (
	"maps"
	"slices"

	"alliancesim/agents"
)

// File is a decoded config document. Its exported fields mirror the TOML layout: the toml tag
// of each field is its key, and the nesting of tags is the dotted path of each value. Build a
// File with [Load], [LoadFile], [Scenario] or [Open]; those fill the defaults and validate it.
type File struct {
	// Name is the source of the document (a file path, or scenarios/NAME.toml for an embedded
	// scenario); errors start with it.
	Name string `toml:"-"`

	Simulation Simulation `toml:"simulation"`

	// The global parameters: [model], [war], [hybrid], [honour], [rep], [intent], [will],
	// [balance], [bandwagon], [buckpass], [freeride] and [kind.*]. Keys absent from the
	// document keep their values from agents.DefaultParams.
	agents.Params

	States      []State         `toml:"state"`
	Guarantees  []Guarantee     `toml:"guarantee"`
	Uncertainty map[string]Dist `toml:"uncertainty"`

	// Sweeps are the [[sweep]] tables: the axes of the grid `alliancesim sweep` runs when its
	// command line gives none. A run ignores them; the hash does not.
	Sweeps []Sweep `toml:"sweep"`

	// Factors are the [[factor]] tables: the values `alliancesim explore` varies over its
	// design. A run and a sweep ignore them; the hash does not.
	Factors []Factor `toml:"factor"`

	// Labels are the [labels] table: the text charts show for a parameter path, a metric or a
	// scenario name (see [File.Label]). Neither a run nor a sweep reads them; the hash does.
	Labels map[string]string `toml:"labels"`

	header string          // the leading comment of the source, kept for the commented encoding
	lines  map[string]int  // line of each key and table header in the source, by locKey
	set    map[string]bool // locKeys of the values changed by Set, whose source line is stale
}

// Simulation is the [simulation] table: what to run.
type Simulation struct {
	Name        string `toml:"name" doc:"name of the scenario, used in outputs"`
	Description string `toml:"description" doc:"what the scenario represents, in one line"`
	Runs        int    `toml:"runs" doc:"runs in an ensemble"`
	Steps       int    `toml:"steps" doc:"steps (years) in a run"`
	// Seed is an int64 because TOML integers are: a negative seed is an error rather than a
	// silently wrapped unsigned value.
	Seed  int64  `toml:"seed" doc:"master seed: run r draws from its own stream seeded by (seed, r)"`
	Focus string `toml:"focus" doc:"the state the scenario is about (optional)"`
}

// State is one [[state]] table: a state agent. Pointer fields are optional; nil means the
// default, which may be a global parameter (growth: model.growth; will: [will]).
type State struct {
	Name        string             `toml:"name" cfg:"required" doc:"unique name"`
	Economy     float64            `toml:"economy" cfg:"required" doc:"E, GDP in trillion US$"`
	Burden      float64            `toml:"burden" cfg:"required" doc:"b, share of E spent on defence"`
	Power       *float64           `toml:"power" doc:"P, military capability in trillion US$; omitted: the steady state kappa*b*E*(1+g)/(g+delta)"`
	Growth      *float64           `toml:"growth" doc:"g, mean economic growth per step; omitted: model.growth"`
	Position    []float64          `toml:"position" cfg:"required" doc:"[lon, lat] of its capital, degrees"`
	Projection  float64            `toml:"projection" doc:"power projection: its reach never falls below it"`
	Nuclear     bool               `toml:"nuclear" doc:"nuclear-armed"`
	Revisionism float64            `toml:"revisionism" doc:"value it puts on taking territory by force from any state"`
	Claims      map[string]float64 `toml:"claims" doc:"per-target revisionism, { Target = r, ... }, overriding revisionism"`
	Strategy    string             `toml:"strategy" doc:"how it adjusts its burden and alignments"`
	Will        *WillPrior         `toml:"will" doc:"Beta prior of its political will to fight for others, { alpha = a, beta = b }; omitted: [will]"`
	ClientOf    string             `toml:"client_of" doc:"the state whose client it is from the start (optional)"`
}

// WillPrior is a state's own Beta prior of political will; a nil parameter takes its value from
// the global [will] table.
type WillPrior struct {
	Alpha *float64 `toml:"alpha" doc:"Beta prior alpha"`
	Beta  *float64 `toml:"beta" doc:"Beta prior beta"`
}

// Guarantee is one [[guarantee]] table: a commitment of guarantors to protégés. Either Members
// (every member guarantees every other) or Guarantors and Proteges are given. The pointer
// fields override the terms of the guarantee's kind; nil takes the kind's ([kind.NAME]).
type Guarantee struct {
	Name       string      `toml:"name" cfg:"required" doc:"unique name"`
	Kind       agents.Kind `toml:"kind" cfg:"required" doc:"alliance | treaty | agreement | informal | assurance"`
	Members    []string    `toml:"members" doc:"members of a multilateral guarantee: each guarantees every other"`
	Guarantors []string    `toml:"guarantors" doc:"the states that guarantee (with proteges, instead of members)"`
	// Proteges may be spelled "protégés" in a document (a quoted key in strict TOML; Load also
	// accepts it bare).
	Proteges []string `toml:"proteges" alias:"protégés" doc:"the states guaranteed (with guarantors, instead of members)"`
	Tripwire Tripwire `toml:"tripwire" doc:"guarantor forces on the protégés' soil: true for all protégés, or a list of them"`
	Start    int      `toml:"start" doc:"first step at which it is in force"`

	W        *float64         `toml:"w" doc:"legal weight"`
	Trigger  *agents.Trigger  `toml:"trigger" doc:"armed | any"`
	Response *agents.Response `toml:"response" doc:"fight | arms | sanctions"`
	Umbrella *bool            `toml:"umbrella" doc:"the guarantors' nuclear weapons stand behind it"`
	Aid      *float64         `toml:"aid" doc:"share of each guarantor's defence accrual sent to the protégés every step"`
	Stake    *float64         `toml:"stake" doc:"the guarantors' own interest in the protégés' survival"`

	protegesKey string // the spelling of the proteges key in the source, for messages
}

// Tripwire says on which protégés a guarantee's guarantors have forces: all of them
// (tripwire = true) or those listed (tripwire = ["Poland", ...]). The zero value is none.
type Tripwire struct {
	All    bool
	States []string
}

// IsZero reports whether the tripwire covers no protégé.
func (t Tripwire) IsZero() bool { return !t.All && len(t.States) == 0 }

// Dist is a per-run distribution in [uncertainty]. Dist names it; only the parameters of that
// distribution may be given:
//
//	uniform      min, max           (min < max)
//	normal       mu, sigma          (sigma > 0)
//	beta         alpha, beta        (both > 0)
//	lognormal    mu, sigma          (of the underlying normal; sigma > 0)
//	triangular   min, mode, max     (min <= mode <= max, min < max)
//	categorical  values, weights    (weights optional, >= 0, not all 0; default equal)
//
// A numeric field takes one of the first five; a choice (a strategy, a trigger, a response)
// or a boolean ("false", "true") takes categorical. A draw outside the field's range is
// clamped onto it, and the draw of an integer field is rounded.
type Dist struct {
	Dist    string    `toml:"dist" cfg:"required"`
	Min     *float64  `toml:"min"`
	Max     *float64  `toml:"max"`
	Mode    *float64  `toml:"mode"`
	Mu      *float64  `toml:"mu"`
	Sigma   *float64  `toml:"sigma"`
	Alpha   *float64  `toml:"alpha"`
	Beta    *float64  `toml:"beta"`
	Values  []string  `toml:"values"`
	Weights []float64 `toml:"weights"`
}

// Defaults of the [simulation] table, and of a state's strategy.
const (
	DefaultRuns     = 10000
	DefaultSteps    = 20
	DefaultSeed     = 1
	DefaultStrategy = "balance"
)

// newFile returns an empty document with every default in place: decoding a source over it
// overwrites only the keys the source has, so that an explicit 0 stays distinguishable from an
// absent key.
func newFile(name string) *File {
	return &File{
		Name:       name,
		Simulation: Simulation{Runs: DefaultRuns, Steps: DefaultSteps, Seed: DefaultSeed},
		Params:     agents.DefaultParams(),
	}
}

// fillDefaults resolves the defaults that are constants rather than global parameters: those
// belong in the canonical encoding, so that writing them or not gives the same hash.
func (f *File) fillDefaults() {
	for i := range f.States {
		if f.States[i].Strategy == "" {
			f.States[i].Strategy = DefaultStrategy
		}
	}
}

// clone returns a deep copy of f, so that Set can change a copy and keep f when the change is
// invalid.
func (f *File) clone() *File {
	g := *f
	g.States = slices.Clone(f.States)
	for i := range g.States {
		s := &g.States[i]
		s.Power = clonePtr(s.Power)
		s.Growth = clonePtr(s.Growth)
		s.Position = slices.Clone(s.Position)
		s.Claims = maps.Clone(s.Claims)
		if s.Will != nil {
			w := WillPrior{Alpha: clonePtr(s.Will.Alpha), Beta: clonePtr(s.Will.Beta)}
			s.Will = &w
		}
	}
	g.Guarantees = slices.Clone(f.Guarantees)
	for i := range g.Guarantees {
		k := &g.Guarantees[i]
		k.Members = slices.Clone(k.Members)
		k.Guarantors = slices.Clone(k.Guarantors)
		k.Proteges = slices.Clone(k.Proteges)
		k.Tripwire.States = slices.Clone(k.Tripwire.States)
		k.W, k.Aid, k.Stake = clonePtr(k.W), clonePtr(k.Aid), clonePtr(k.Stake)
		k.Trigger, k.Response, k.Umbrella = clonePtr(k.Trigger), clonePtr(k.Response), clonePtr(k.Umbrella)
	}
	if f.Uncertainty != nil {
		g.Uncertainty = make(map[string]Dist, len(f.Uncertainty))
		for key, d := range f.Uncertainty {
			d.Min, d.Max, d.Mode = clonePtr(d.Min), clonePtr(d.Max), clonePtr(d.Mode)
			d.Mu, d.Sigma = clonePtr(d.Mu), clonePtr(d.Sigma)
			d.Alpha, d.Beta = clonePtr(d.Alpha), clonePtr(d.Beta)
			d.Values, d.Weights = slices.Clone(d.Values), slices.Clone(d.Weights)
			g.Uncertainty[key] = d
		}
	}
	g.Sweeps = slices.Clone(f.Sweeps)
	for i := range g.Sweeps {
		s := &g.Sweeps[i]
		s.Range, s.Values = slices.Clone(s.Range), slices.Clone(s.Values)
	}
	g.Factors = slices.Clone(f.Factors)
	for i := range g.Factors {
		x := &g.Factors[i]
		x.Min, x.Max, x.Mode = clonePtr(x.Min), clonePtr(x.Max), clonePtr(x.Mode)
		x.Mu, x.Sigma = clonePtr(x.Mu), clonePtr(x.Sigma)
		x.Alpha, x.Beta = clonePtr(x.Alpha), clonePtr(x.Beta)
		x.Values, x.Weights = slices.Clone(x.Values), slices.Clone(x.Weights)
	}
	g.Labels = maps.Clone(f.Labels)
	g.set = maps.Clone(f.set) // lines is never written after Load, so it may be shared
	return &g
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// stateIndex returns the index of the first state called name, or -1.
func (f *File) stateIndex(name string) int {
	for i := range f.States {
		if f.States[i].Name == name {
			return i
		}
	}
	return -1
}

// stateNames returns the names of the states in config order.
func (f *File) stateNames() []string {
	names := make([]string, len(f.States))
	for i := range f.States {
		names[i] = f.States[i].Name
	}
	return names
}

// parties returns the guarantors and the protégés of guarantee g: its members twice when it is
// multilateral.
func (g *Guarantee) parties() (guarantors, proteges []string) {
	if g.Members != nil {
		return g.Members, g.Members
	}
	return g.Guarantors, g.Proteges
}

// protegesName is the key by which the source named the protégés.
func (g *Guarantee) protegesName() string {
	if g.protegesKey != "" {
		return g.protegesKey
	}
	return "proteges"
}
