package sim

import (
	"fmt"
	"math/rand/v2"

	"alliancesim/agents"
)

// Spec is a scenario ready to run: parameters, states and guarantees with names resolved to
// indices, and the per-run uncertainty. Build it with the config package; treat it as immutable
// once an ensemble has started.
type Spec struct {
	Name        string
	Description string
	Runs        int    // runs in an ensemble
	FirstRun    int    // index of the first run (to replay runs FirstRun .. FirstRun+Runs-1)
	Steps       int    // steps (years) in a run
	Seed        uint64 // master seed: run r draws from rand.NewPCG(Seed, r)
	Focus       int    // index of the state the scenario is about, or -1
	Params      agents.Params
	States      []State
	Guarantees  []Guarantee
	Uncertain   []Uncertain // drawn at the start of every run, in this order
}

// State is the initial description of a state agent.
type State struct {
	Name        string
	Economy     float64 // E, trillion US$
	Burden      float64 // b, share of E spent on defence
	Power       float64 // P, trillion US$; 0 means the steady state kappa*b*E*(1+g)/(g+delta)
	Growth      float64 // g, mean growth per step
	Lon, Lat    float64 // its capital, degrees
	Projection  float64 // power projection: its reach never falls below it
	Nuclear     bool
	Revisionism float64 // r towards any state not in Claims
	Claims      []Claim // per-target revisionism
	Strategy    agents.Strategy
	Will        agents.Will // prior of its political will
	ClientOf    int         // index of its patron, or -1
}

// Claim is a per-target revisionism r(a,t).
type Claim struct {
	Target int
	R      float64
}

// R returns r(a,t) of state a towards target t.
func (s *State) R(t int) float64 {
	for _, c := range s.Claims {
		if c.Target == t {
			return c.R
		}
	}
	return s.Revisionism
}

// Guarantee is a commitment of guarantors to protégés. A multilateral alliance lists every member
// as both guarantor and protégé; nobody guarantees itself.
type Guarantee struct {
	Name       string
	Kind       agents.Kind
	Guarantors []int
	Proteges   []int
	Tripwire   []int // protégés with guarantor forces on their soil
	Start      int   // first step at which it is in force
	Terms      agents.Terms
	Set        TermSet // which fields of Terms override the kind's defaults
}

// TermSet marks the terms a guarantee sets itself rather than taking from its kind.
type TermSet uint8

// Fields of agents.Terms.
const (
	SetW TermSet = 1 << iota
	SetTrigger
	SetResponse
	SetUmbrella
	SetAid
	SetStake
)

// Resolve returns the guarantee's terms: its own where set, its kind's otherwise.
func (g *Guarantee) Resolve(ks *agents.Kinds) agents.Terms {
	t := *ks.Of(g.Kind)
	if g.Set&SetW != 0 {
		t.W = g.Terms.W
	}
	if g.Set&SetTrigger != 0 {
		t.Trigger = g.Terms.Trigger
	}
	if g.Set&SetResponse != 0 {
		t.Response = g.Terms.Response
	}
	if g.Set&SetUmbrella != 0 {
		t.Umbrella = g.Terms.Umbrella
	}
	if g.Set&SetAid != 0 {
		t.Aid = g.Terms.Aid
	}
	if g.Set&SetStake != 0 {
		t.Stake = g.Terms.Stake
	}
	return t
}

// Setter assigns a value to one field of a spec. Numbers are set as they are; booleans as 0 or
// 1; a categorical choice as the index of the chosen value.
type Setter func(s *Spec, v float64)

// Uncertain is a parameter drawn afresh at the start of every run.
type Uncertain struct {
	Path  string                       // the dotted path, for provenance
	Draw  func(rng *rand.Rand) float64 // draws from the run's own stream
	Apply Setter
}

// CopyTo makes dst a deep copy of s, reusing dst's slices where they are large enough, so that a
// worker can apply per-run draws to its own copy without allocating.
func (s *Spec) CopyTo(dst *Spec) {
	states, guarantees := dst.States, dst.Guarantees
	*dst = *s
	states = growStates(states, len(s.States))
	for i := range s.States {
		claims := states[i].Claims
		states[i] = s.States[i]
		states[i].Claims = append(claims[:0], s.States[i].Claims...)
	}
	dst.States = states
	guarantees = growGuarantees(guarantees, len(s.Guarantees))
	for i := range s.Guarantees {
		g := &guarantees[i]
		gs, ps, ts := g.Guarantors, g.Proteges, g.Tripwire
		*g = s.Guarantees[i]
		g.Guarantors = append(gs[:0], s.Guarantees[i].Guarantors...)
		g.Proteges = append(ps[:0], s.Guarantees[i].Proteges...)
		g.Tripwire = append(ts[:0], s.Guarantees[i].Tripwire...)
	}
	dst.Guarantees = guarantees
}

func growStates(s []State, n int) []State {
	if cap(s) < n {
		return append(s[:cap(s)], make([]State, n-cap(s))...)
	}
	return s[:n]
}

func growGuarantees(g []Guarantee, n int) []Guarantee {
	if cap(g) < n {
		return append(g[:cap(g)], make([]Guarantee, n-cap(g))...)
	}
	return g[:n]
}

// StateIndex returns the index of the state called name, or -1.
func (s *Spec) StateIndex(name string) int {
	for i := range s.States {
		if s.States[i].Name == name {
			return i
		}
	}
	return -1
}

// Check reports the first structural fault of the spec: an index out of range, a state that
// guarantees itself, a missing strategy. The config package reports user errors with file and
// line before a Spec is built; Check guards specs built by hand.
func (s *Spec) Check() error {
	n := len(s.States)
	if n == 0 {
		return fmt.Errorf("spec %q: no states", s.Name)
	}
	if s.Runs < 1 || s.Steps < 1 || s.FirstRun < 0 {
		return fmt.Errorf("spec %q: runs and steps must be at least 1 (have %d, %d)", s.Name, s.Runs, s.Steps)
	}
	in := func(i int) bool { return i >= 0 && i < n }
	if s.Focus < -1 || s.Focus >= n {
		return fmt.Errorf("spec %q: focus index %d out of range", s.Name, s.Focus)
	}
	for i := range s.States {
		st := &s.States[i]
		if st.Strategy == nil {
			return fmt.Errorf("state %q: no strategy", st.Name)
		}
		if st.Economy <= 0 {
			return fmt.Errorf("state %q: economy must be positive, have %g", st.Name, st.Economy)
		}
		if st.ClientOf != -1 && (!in(st.ClientOf) || st.ClientOf == i) {
			return fmt.Errorf("state %q: bad patron index %d", st.Name, st.ClientOf)
		}
		for _, c := range st.Claims {
			if !in(c.Target) || c.Target == i {
				return fmt.Errorf("state %q: bad claim target %d", st.Name, c.Target)
			}
		}
	}
	for k := range s.Guarantees {
		g := &s.Guarantees[k]
		for _, list := range [][]int{g.Guarantors, g.Proteges, g.Tripwire} {
			for _, i := range list {
				if !in(i) {
					return fmt.Errorf("guarantee %q: state index %d out of range", g.Name, i)
				}
			}
		}
		if len(g.Guarantors) == 0 || len(g.Proteges) == 0 {
			return fmt.Errorf("guarantee %q: needs guarantors and protégés", g.Name)
		}
	}
	return nil
}
