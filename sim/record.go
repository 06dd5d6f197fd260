package sim

import (
	"math"

	"alliancesim/agents"
	"alliancesim/sim/stats"
)

// Record is what one run leaves (docs/ODD.md §7.8). Steps are counted from 1; 0 means never.
type Record struct {
	Run int

	FailureStep      int // first step a state was attacked in a mode its in-force guarantee covers
	ArmedFailureStep int // the same, armed attacks only
	HeldFailureStep  int // first step a state holding any in-force guarantee was attacked in any mode

	Attacks, Wars, HybridAttacks, Victories, Conquests int
	// Guarantors' decisions, pooled, and by the kind of the guarantee at stake.
	Triggered, Honoured, Abandoned, BuckPassed, Costly int
	ByKind                                             [agents.NumKinds]Decisions
	// Strategy mechanisms: state-steps in which each acted.
	Balancing, Bandwagoning, BuckPassing, FreeRiding, Treaties int

	States []StateRecord
	// Rho is the Spearman correlation of economy and burden at the end among the members of each
	// alliance with at least four members (NaN when undefined).
	Rho []float64
	// Draws are the per-run parameter draws, in Spec.Uncertain order.
	Draws []float64
}

// StateRecord is what a run leaves for one state.
type StateRecord struct {
	Protected       bool    // held an in-force guarantee at some step
	Attacked        bool    // attacked in any mode
	ArmedAttacked   bool    // attacked by arms
	CoveredAttacked bool    // attacked in a mode an in-force guarantee covered
	FailureStep     int     // first such attack, 0 for none
	AttackStep      int     // first attack in any mode, 0 for none
	CensorStep      int     // conquest or clienthood ends its observation, 0 for the horizon
	EconomyLost     float64 // prizes and hybrid gains taken from it, trillion US$
	Conquered       bool
	Client          bool
	FinalBurden     float64
	FinalEconomy    float64
	AsGuarantor     Decisions // its decisions on commitments triggered for its protégés
}

// Decisions counts guarantors' decisions on triggered commitments: each is honoured, abandoned
// or buck-passed.
type Decisions struct {
	Triggered, Honoured, Abandoned, BuckPassed int
}

// add counts one decision: honoured, else buck-passed, else abandoned.
func (d *Decisions) add(honoured, buckPassed bool) {
	tallyDecision(&d.Triggered, &d.Honoured, &d.BuckPassed, &d.Abandoned, honoured, buckPassed)
}

// tallyDecision counts one triggered decision into the counters given: honoured, else
// buck-passed, else abandoned.
func tallyDecision(triggered, honoured, buckPassed, abandoned *int, h, bp bool) {
	*triggered++
	switch {
	case h:
		*honoured++
	case bp:
		*buckPassed++
	default:
		*abandoned++
	}
}

// count counts a decision of guarantor g on a commitment of kind k, pooled, by kind and by
// guarantor.
func (r *Record) count(g int, k agents.Kind, honoured, buckPassed bool) {
	tallyDecision(&r.Triggered, &r.Honoured, &r.BuckPassed, &r.Abandoned, honoured, buckPassed)
	r.ByKind[k].add(honoured, buckPassed)
	r.States[g].AsGuarantor.add(honoured, buckPassed)
}

func (s *StateRecord) censor(step int) {
	if s.CensorStep == 0 {
		s.CensorStep = step
	}
}

func (r *Record) reset(spec *Spec, alliances []int) {
	states, rho, draws := r.States, r.Rho, r.Draws
	*r = Record{}
	r.States = states[:0]
	for range spec.States {
		r.States = append(r.States, StateRecord{})
	}
	r.Rho = rho[:0]
	for range alliances {
		r.Rho = append(r.Rho, math.NaN())
	}
	r.Draws = draws[:0]
}

// finish completes the record at the end of a run.
func (w *World) finish() {
	for i := range w.rec.States {
		w.rec.States[i].FinalBurden = w.b[i]
		w.rec.States[i].FinalEconomy = w.e[i]
	}
	for k, gk := range w.alliances {
		xs, ys := w.allyScr[:0], w.allyScr2[:0]
		for _, m := range w.spec.Guarantees[gk].Guarantors {
			if !w.conquered[m] && w.client[m] < 0 {
				xs = append(xs, w.e[m])
				ys = append(ys, w.b[m])
			}
		}
		w.rec.Rho[k] = stats.Spearman(xs, ys, &w.rankScr)
	}
}

// Record returns the record of the run so far. It is overwritten by the next Reset.
func (w *World) Record() *Record { return &w.rec }
