package agents

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
)

// A Strategy is a state's rule for adjusting its defence burden and alignments once a step
// (docs/ODD.md §7.3). It sees the numbers its rule needs in a Situation and returns an Action; the
// simulation applies it. Implementations must be stateless values: one Strategy serves every
// state and every run, concurrently.
type Strategy interface {
	// Name is the name by which configs select the strategy.
	Name() string
	// Traits tells the simulation how the strategy takes part in the other phases.
	Traits() Traits
	// Decide returns the state's action this step. It may draw from rng only as the rule says,
	// so that the order of draws stays fixed.
	Decide(p *Params, s *Situation, rng *rand.Rand) Action
}

// Traits are the parts of a strategy that act outside the strategy phase.
type Traits struct {
	// AcceptsTreaties: a balancing state may propose a treaty to a state with this strategy.
	AcceptsTreaties bool
	// Sequential: the state updates after all others, one at a time in descending economy,
	// each seeing the others' updated spending (free-riding).
	Sequential bool
	// PassesBuck: as a guarantor it decides last and abstains when those already honouring
	// suffice.
	PassesBuck bool
	// FreeRides: its support counts with the factor min(1, b/mean b of its allies).
	FreeRides bool
}

// Situation is what a state knows when it decides, read from a snapshot taken at the start of
// the strategy phase (a free-rider's allied spending excepted: it sees updates made before it).
type Situation struct {
	Tau         float64 // the threat ratio
	Threat      int     // index of the principal threat, -1 for none
	ThreatPower float64 // the principal threat's power
	Burden      float64 // b
	Burden0     float64 // b at the start of the run
	Economy     float64 // E
	Power       float64 // P
	Aggressor   bool    // a potential aggressor never lowers its burden
	Client      bool    // it is some state's client already
	// Protected: it is the protégé of an in-force alliance or treaty of a guarantor other than
	// its principal threat, so it needs no new treaty.
	Protected bool
	// CloserRaised: another state closer to the same principal threat raised its burden last
	// step, so the buck can be passed to it.
	CloserRaised bool
	// Allied: it is allied (alliance or treaty) with at least one state.
	Allied bool
	// ThreatLevel is threat(j->i) = P_j*reach(j,i)*intent_j of the principal threat j, and
	// Support the armed-mode support S_i its guarantors are expected to bring against j: the
	// two parts of Tau that version 4's burden rule weighs apart (§7.3).
	ThreatLevel, Support float64
	// ArmedAttacked: it was attacked by arms last step (a state at war does not disarm).
	ArmedAttacked bool

	allies   []int     // its allies, each once
	spending []float64 // every state's b*E, as this state sees it
	burdens  []float64 // every state's b, as this state sees it
	scratch  []float64 // for AlliedNorm
	norm     float64   // the allies' median burden, when hasNorm (see SetAlliedNorm)
	hasNorm  bool
}

// SetAlliedNorm sets what AlliedNorm returns until the next SetAllies: for a caller that knows
// the allies' median burden already, as the engine does for the members of one alliance, which
// it takes from one sorted list of their burdens.
func (s *Situation) SetAlliedNorm(x float64) { s.norm, s.hasNorm = x, true }

// SetBurdens sets every state's burden as the state sees it, from which AlliedNorm is taken.
// The situation keeps the slice only until the next SetBurdens.
func (s *Situation) SetBurdens(b []float64) { s.burdens = b }

// AlliedNorm returns the median burden of the state's allies (those of SetAllies, read in the
// burdens of SetBurdens), or 0 when it has none: the alliance's norm as the typical ally keeps
// it, which the few most exposed allies do not drag up (a mean would).
func (s *Situation) AlliedNorm() float64 {
	if s.hasNorm {
		return s.norm
	}
	n := len(s.allies)
	if n == 0 {
		return 0
	}
	if cap(s.scratch) < n {
		s.scratch = make([]float64, n)
	}
	xs, b := s.scratch[:n], s.burdens
	for j, k := range s.allies {
		xs[j] = b[k]
	}
	// A selection, not a sort: every allied state asks for its norm every step.
	hi := selectKth(xs, n/2)
	if n%2 == 1 {
		return hi
	}
	return (slices.Max(xs[:n/2]) + hi) / 2
}

// selectKth reorders xs so that xs[k] is the value a sort would put there, every value before it
// no larger and every value after it no smaller, and returns xs[k] (Hoare's selection, with the
// median of three as pivot).
func selectKth(xs []float64, k int) float64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		// Median of three, left at mid.
		if xs[mid] < xs[lo] {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi] < xs[lo] {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[hi] < xs[mid] {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		pivot := xs[mid]
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return xs[k]
		}
	}
	return xs[k]
}

// SetAllies sets the state's allies, each once, and every state's spending b*E as the state
// sees it, from which AlliedSpending sums; and Allied. It forgets SetAlliedNorm's norm. The situation reads both slices and
// keeps them only until the next SetAllies.
func (s *Situation) SetAllies(allies []int, spending []float64) {
	s.allies, s.spending, s.Allied = allies, spending, len(allies) > 0
	s.hasNorm = false
}

// AlliedSpending returns the sum of b*E over the state's allies. It is summed when asked for:
// most strategies never ask, and an alliance's members have many allies.
func (s *Situation) AlliedSpending() float64 {
	sum := 0.0
	for _, k := range s.allies {
		sum += s.spending[k]
	}
	return sum
}

// Action is a state's decision. The simulation clamps Burden to the model's range.
type Action struct {
	Burden  float64 // the new burden
	Raised  bool    // internal balancing: burden raised
	Propose bool    // external balancing: propose a treaty
	Move    Move    // bandwagoning or buck-passing, if either
}

// A Move is what a state does about its alignment besides balancing: at most one a step. (One
// field rather than a flag each: a struct of four fields or fewer is returned in registers and
// stays there, where a fifth field makes the caller copy it through memory.)
type Move uint8

const (
	NoMove       Move = iota // neither
	BecomeClient             // bandwagon: become the principal threat's client
	PassBuck                 // hold the burden because a state closer to the threat balances
)

// Strategies returns the registry of strategies by name. A new strategy is one new file
// holding its type, and one line here.
func Strategies() map[string]Strategy {
	m := map[string]Strategy{}
	for _, s := range []Strategy{Balance{}, Bandwagon{}, Buckpass{}, FreeRide{}, Fixed{}} {
		m[s.Name()] = s
	}
	return m
}

// StrategyNames returns the names of the registered strategies, sorted.
func StrategyNames() []string {
	var names []string
	for n := range Strategies() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LookupStrategy returns the strategy called name.
func LookupStrategy(name string) (Strategy, error) {
	if s, ok := Strategies()[name]; ok {
		return s, nil
	}
	return nil, fmt.Errorf("unknown strategy %q (allowed: %s)", name, joinNames(StrategyNames()))
}
