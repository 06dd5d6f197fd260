package sim

import (
	"fmt"

	"alliancesim/agents"
	"alliancesim/sim/stats"
)

// Accumulator sums the records of a set of runs. Counts are integers, so merging is exact;
// float sums are merged in chunk order, so results never depend on scheduling.
type Accumulator struct {
	Steps int   `json:"steps"`
	Runs  int64 `json:"runs"`

	Failures      int64 `json:"failures"`
	ArmedFailures int64 `json:"armed_failures"`
	HeldAttacked  int64 `json:"held_attacked"`
	ConquestRuns  int64 `json:"conquest_runs"`

	// Kaplan–Meier tallies of the step of first failure, indexed by step (0 unused).
	FailEvents    []int64 `json:"fail_events"`
	FailCensored  []int64 `json:"fail_censored"`
	ArmedEvents   []int64 `json:"armed_events"`
	ArmedCensored []int64 `json:"armed_censored"`

	Triggered  int64 `json:"triggered"`
	Honoured   int64 `json:"honoured"`
	Abandoned  int64 `json:"abandoned"`
	BuckPassed int64 `json:"buck_passed"`
	Costly     int64 `json:"costly"`
	// The same decisions by the kind of the guarantee at stake, in agents.Kind order.
	ByKind [agents.NumKinds]DecisionAcc `json:"by_kind"`

	// Per-run counts of events and mechanisms, and the runs in which each happened at all.
	Counts     [numCounts]stats.Moments `json:"counts"`
	CountsRuns [numCounts]int64         `json:"counts_runs"`

	States []StateAcc      `json:"states"`
	Rho    []stats.Moments `json:"rho"`
	Draws  []stats.Moments `json:"draws"`
}

// StateAcc sums the records of one state.
type StateAcc struct {
	Protected       int64 `json:"protected"`
	Failed          int64 `json:"failed"`
	Attacked        int64 `json:"attacked"`
	ArmedAttacked   int64 `json:"armed_attacked"`
	CoveredAttacked int64 `json:"covered_attacked"`
	Conquered       int64 `json:"conquered"`
	Client          int64 `json:"client"`

	FailEvents   []int64 `json:"fail_events"`
	FailCensored []int64 `json:"fail_censored"`
	// Kaplan–Meier tallies of the step of the first attack in any mode, over all runs.
	AttackEvents   []int64 `json:"attack_events"`
	AttackCensored []int64 `json:"attack_censored"`

	EconomyLost  stats.Moments `json:"economy_lost"`
	FinalBurden  stats.Moments `json:"final_burden"`
	FinalEconomy stats.Moments `json:"final_economy"`
	AsGuarantor  DecisionAcc   `json:"as_guarantor"`
}

// DecisionAcc sums guarantors' decisions on triggered commitments.
type DecisionAcc struct {
	Triggered  int64 `json:"triggered"`
	Honoured   int64 `json:"honoured"`
	Abandoned  int64 `json:"abandoned"`
	BuckPassed int64 `json:"buck_passed"`
}

func (d *DecisionAcc) add(r Decisions) {
	d.Triggered += int64(r.Triggered)
	d.Honoured += int64(r.Honoured)
	d.Abandoned += int64(r.Abandoned)
	d.BuckPassed += int64(r.BuckPassed)
}

func (d *DecisionAcc) merge(o DecisionAcc) {
	d.Triggered += o.Triggered
	d.Honoured += o.Honoured
	d.Abandoned += o.Abandoned
	d.BuckPassed += o.BuckPassed
}

// The per-run counts an Accumulator keeps, in Record's order.
const (
	cAttacks = iota
	cWars
	cHybrid
	cVictories
	cConquests
	cTriggered
	cBalancing
	cBandwagoning
	cBuckPassing
	cFreeRiding
	cTreaties
	numCounts
)

// CountNames are the names of the per-run counts, as in runs.csv and summary.json.
var countNames = [numCounts]string{
	"attacks", "wars", "hybrid_attacks", "victories", "conquests", "triggered",
	"balancing_steps", "bandwagoning", "buck_passing_steps", "free_riding_steps", "treaties_formed",
}

func (r *Record) counts() [numCounts]int {
	return [numCounts]int{
		r.Attacks, r.Wars, r.HybridAttacks, r.Victories, r.Conquests, r.Triggered,
		r.Balancing, r.Bandwagoning, r.BuckPassing, r.FreeRiding, r.Treaties,
	}
}

// NewAccumulator returns an empty accumulator shaped for spec.
func NewAccumulator(spec *Spec) *Accumulator {
	t := spec.Steps + 1
	a := &Accumulator{
		Steps:      spec.Steps,
		FailEvents: make([]int64, t), FailCensored: make([]int64, t),
		ArmedEvents: make([]int64, t), ArmedCensored: make([]int64, t),
		States: make([]StateAcc, len(spec.States)),
		Draws:  make([]stats.Moments, len(spec.Uncertain)),
	}
	for i := range a.States {
		a.States[i].FailEvents = make([]int64, t)
		a.States[i].FailCensored = make([]int64, t)
		a.States[i].AttackEvents = make([]int64, t)
		a.States[i].AttackCensored = make([]int64, t)
	}
	for _, g := range spec.Guarantees {
		if allianceForRho(&g) {
			a.Rho = append(a.Rho, stats.Moments{})
		}
	}
	return a
}

// Add adds one run's record.
func (a *Accumulator) Add(r *Record) {
	a.Runs++
	tally(r.FailureStep, a.Steps, a.FailEvents, a.FailCensored)
	tally(r.ArmedFailureStep, a.Steps, a.ArmedEvents, a.ArmedCensored)
	if r.FailureStep > 0 {
		a.Failures++
	}
	if r.ArmedFailureStep > 0 {
		a.ArmedFailures++
	}
	if r.HeldFailureStep > 0 {
		a.HeldAttacked++
	}
	a.Triggered += int64(r.Triggered)
	a.Honoured += int64(r.Honoured)
	a.Abandoned += int64(r.Abandoned)
	a.BuckPassed += int64(r.BuckPassed)
	a.Costly += int64(r.Costly)
	for k := range a.ByKind {
		a.ByKind[k].add(r.ByKind[k])
	}
	for i, c := range r.counts() {
		a.Counts[i].Add(float64(c))
		if c > 0 {
			a.CountsRuns[i]++
		}
	}
	conquest := false
	for i := range r.States {
		s, sa := &r.States[i], &a.States[i]
		if s.Protected {
			sa.Protected++
			if s.FailureStep > 0 {
				sa.Failed++
			}
			censor := a.Steps
			if s.CensorStep > 0 && (s.FailureStep == 0 || s.CensorStep < s.FailureStep) {
				censor = s.CensorStep
			}
			if s.FailureStep > 0 && s.FailureStep <= censor {
				sa.FailEvents[s.FailureStep]++
			} else {
				sa.FailCensored[censor]++
			}
			if s.Conquered {
				conquest = true
			}
		}
		if s.Attacked {
			sa.Attacked++
		}
		if s.ArmedAttacked {
			sa.ArmedAttacked++
		}
		if s.AttackStep > 0 && (s.CensorStep == 0 || s.AttackStep <= s.CensorStep) {
			sa.AttackEvents[s.AttackStep]++
		} else if s.CensorStep > 0 {
			sa.AttackCensored[s.CensorStep]++
		} else {
			sa.AttackCensored[a.Steps]++
		}
		if s.CoveredAttacked {
			sa.CoveredAttacked++
		}
		if s.Conquered {
			sa.Conquered++
		}
		if s.Client {
			sa.Client++
		}
		sa.EconomyLost.Add(s.EconomyLost)
		sa.FinalBurden.Add(s.FinalBurden)
		sa.FinalEconomy.Add(s.FinalEconomy)
		sa.AsGuarantor.add(s.AsGuarantor)
	}
	if conquest {
		a.ConquestRuns++
	}
	for i, rho := range r.Rho {
		a.Rho[i].Add(rho)
	}
	for i, d := range r.Draws {
		a.Draws[i].Add(d)
	}
}

// tally adds a first-event step to Kaplan–Meier tallies: an event at step, or censored at the
// horizon when step is 0.
func tally(step, horizon int, events, censored []int64) {
	if step > 0 {
		events[step]++
	} else {
		censored[horizon]++
	}
}

// Merge adds the runs of o. Merging the same accumulators in the same order gives the same bits.
func (a *Accumulator) Merge(o *Accumulator) error {
	if a.Steps != o.Steps || len(a.States) != len(o.States) || len(a.Rho) != len(o.Rho) || len(a.Draws) != len(o.Draws) {
		return fmt.Errorf("merge: accumulators of different shapes")
	}
	a.Runs += o.Runs
	a.Failures += o.Failures
	a.ArmedFailures += o.ArmedFailures
	a.HeldAttacked += o.HeldAttacked
	a.ConquestRuns += o.ConquestRuns
	addInts(a.FailEvents, o.FailEvents)
	addInts(a.FailCensored, o.FailCensored)
	addInts(a.ArmedEvents, o.ArmedEvents)
	addInts(a.ArmedCensored, o.ArmedCensored)
	a.Triggered += o.Triggered
	a.Honoured += o.Honoured
	a.Abandoned += o.Abandoned
	a.BuckPassed += o.BuckPassed
	a.Costly += o.Costly
	for k := range a.ByKind {
		a.ByKind[k].merge(o.ByKind[k])
	}
	for i := range a.Counts {
		a.Counts[i].Merge(o.Counts[i])
		a.CountsRuns[i] += o.CountsRuns[i]
	}
	for i := range a.States {
		s, so := &a.States[i], &o.States[i]
		s.Protected += so.Protected
		s.Failed += so.Failed
		s.Attacked += so.Attacked
		s.ArmedAttacked += so.ArmedAttacked
		s.CoveredAttacked += so.CoveredAttacked
		s.Conquered += so.Conquered
		s.Client += so.Client
		addInts(s.FailEvents, so.FailEvents)
		addInts(s.FailCensored, so.FailCensored)
		addInts(s.AttackEvents, so.AttackEvents)
		addInts(s.AttackCensored, so.AttackCensored)
		s.EconomyLost.Merge(so.EconomyLost)
		s.FinalBurden.Merge(so.FinalBurden)
		s.FinalEconomy.Merge(so.FinalEconomy)
		s.AsGuarantor.merge(so.AsGuarantor)
	}
	for i := range a.Rho {
		a.Rho[i].Merge(o.Rho[i])
	}
	for i := range a.Draws {
		a.Draws[i].Merge(o.Draws[i])
	}
	return nil
}

func addInts(a, b []int64) {
	for i := range a {
		a[i] += b[i]
	}
}
