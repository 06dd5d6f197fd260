package sim

import (
	"math"

	"alliancesim/agents"
	"alliancesim/sim/stats"
)

// Summary is what an ensemble reports (docs/ODD.md §7.8): probabilities with Wilson 95% intervals,
// Kaplan–Meier survival with Greenwood bands, means with 95% intervals.
type Summary struct {
	Scenario    string `json:"scenario"`
	Description string `json:"description,omitempty"`
	Seed        uint64 `json:"seed"`
	Runs        int64  `json:"runs"`
	Steps       int    `json:"steps"`
	Focus       string `json:"focus,omitempty"`

	// DeterrenceFailure: P(some state is attacked in a mode its in-force guarantee covers).
	DeterrenceFailure stats.Interval `json:"deterrence_failure"`
	// ArmedFailure: the same for armed attacks.
	ArmedFailure stats.Interval `json:"armed_failure"`
	// HeldAttack: P(some state holding any in-force guarantee is attacked, in any mode).
	HeldAttack stats.Interval `json:"held_attack"`
	// Conquest: P(some protected state is conquered).
	Conquest stats.Interval `json:"conquest"`

	// Guarantors' decisions, pooled over runs (DecisionSummary's fields, at the top level of
	// summary.json).
	DecisionSummary
	// Entrapment: the share of honoured commitments that were costly interventions (an honoured
	// fight whose stake is below the guarantor's relative cost), the model's proxy for Snyder's
	// entrapment.
	Entrapment stats.Interval `json:"entrapment"`
	// ByKind: the same decisions per kind of guarantee, for the kinds the scenario holds (and
	// the treaties balancing may form): pooled reliability mixes commitments as different as
	// an alliance and a paper assurance, and only the alliance figure compares with Leeds et
	// al.'s 74.5%.
	ByKind []DecisionSummary `json:"by_kind"`

	Survival      []stats.SurvivalPoint `json:"survival"`
	ArmedSurvival []stats.SurvivalPoint `json:"armed_survival"`

	// Means per run of event and mechanism counts, and the share of runs in which each occurred.
	Counts []CountSummary `json:"counts"`

	PerState  []StateSummary    `json:"per_state"`
	Alliances []AllianceSummary `json:"alliances,omitempty"`
	Draws     []DrawSummary     `json:"draws,omitempty"`
}

// CountSummary summarises one per-run count.
type CountSummary struct {
	Name string         `json:"name"`
	Mean stats.Interval `json:"mean"`
	Runs stats.Interval `json:"runs"` // P(the count is positive in a run)
}

// StateSummary summarises one state.
type StateSummary struct {
	Name string `json:"name"`
	// ProtectedRuns: runs in which it held an in-force guarantee; the denominator of
	// DeterrenceFailure and of its survival curve.
	ProtectedRuns     int64          `json:"protected_runs"`
	DeterrenceFailure stats.Interval `json:"deterrence_failure"`
	Attacked          stats.Interval `json:"attacked"`
	ArmedAttacked     stats.Interval `json:"armed_attacked"`
	CoveredAttacked   stats.Interval `json:"covered_attacked"`
	Conquered         stats.Interval `json:"conquered"`
	Client            stats.Interval `json:"client"`
	EconomyLost       stats.Interval `json:"economy_lost"`
	FinalBurden       stats.Interval `json:"final_burden"`
	FinalEconomy      stats.Interval `json:"final_economy"`
	// AsGuarantor: its decisions on the commitments triggered for its protégés.
	AsGuarantor DecisionSummary       `json:"as_guarantor"`
	Survival    []stats.SurvivalPoint `json:"survival,omitempty"`
	// AttackSurvival: Kaplan–Meier survival of the step of its first attack in any mode, over
	// all runs (censored at its conquest or clienthood): the figure that compares options in which
	// it holds different guarantees, or none.
	AttackSurvival []stats.SurvivalPoint `json:"attack_survival"`
}

// DecisionSummary summarises guarantors' decisions on triggered commitments: Reliability
// excludes buck-passes from the denominator, ReliabilityAll counts them as not honoured. With
// nothing triggered both are undefined (NaN, written as null).
type DecisionSummary struct {
	Kind           string         `json:"kind,omitempty"`
	Triggered      int64          `json:"triggered"`
	Reliability    stats.Interval `json:"reliability"`
	ReliabilityAll stats.Interval `json:"reliability_incl_buckpass"`
	Abandonment    stats.Interval `json:"abandonment"`
	BuckPassing    stats.Interval `json:"buck_passing"`
}

func decisionSummary(kind string, d DecisionAcc) DecisionSummary {
	z := stats.Z95
	return DecisionSummary{
		Kind: kind, Triggered: d.Triggered,
		Reliability:    stats.Wilson(d.Honoured, d.Triggered-d.BuckPassed, z),
		ReliabilityAll: stats.Wilson(d.Honoured, d.Triggered, z),
		Abandonment:    stats.Wilson(d.Abandoned, d.Triggered, z),
		BuckPassing:    stats.Wilson(d.BuckPassed, d.Triggered, z),
	}
}

// AllianceSummary is the Spearman correlation of economy and burden among an alliance's members
// at the end of a run, averaged over runs.
type AllianceSummary struct {
	Name     string         `json:"name"`
	Spearman stats.Interval `json:"spearman_economy_burden"`
}

// DrawSummary is the mean of a per-run parameter draw.
type DrawSummary struct {
	Path string         `json:"path"`
	Mean stats.Interval `json:"mean"`
}

// Summarize computes the summary of the runs in acc.
func Summarize(spec *Spec, acc *Accumulator) *Summary {
	z := stats.Z95
	n := acc.Runs
	s := &Summary{
		Scenario: spec.Name, Description: spec.Description, Seed: spec.Seed, Runs: n, Steps: acc.Steps,
		DeterrenceFailure: stats.Wilson(acc.Failures, n, z),
		ArmedFailure:      stats.Wilson(acc.ArmedFailures, n, z),
		HeldAttack:        stats.Wilson(acc.HeldAttacked, n, z),
		Conquest:          stats.Wilson(acc.ConquestRuns, n, z),
		DecisionSummary: decisionSummary("", DecisionAcc{
			Triggered: acc.Triggered, Honoured: acc.Honoured, Abandoned: acc.Abandoned, BuckPassed: acc.BuckPassed,
		}),
		Entrapment:    stats.Wilson(acc.Costly, acc.Honoured, z),
		Survival:      stats.KaplanMeier(acc.FailEvents, acc.FailCensored, z),
		ArmedSurvival: stats.KaplanMeier(acc.ArmedEvents, acc.ArmedCensored, z),
	}
	if spec.Focus >= 0 {
		s.Focus = spec.States[spec.Focus].Name
	}
	var held [agents.NumKinds]bool
	for _, g := range spec.Guarantees {
		held[g.Kind] = true
	}
	held[agents.Treaty] = held[agents.Treaty] || spec.Params.Model.Formation
	for k, d := range acc.ByKind {
		if held[k] || d.Triggered > 0 {
			s.ByKind = append(s.ByKind, decisionSummary(agents.Kind(k).String(), d))
		}
	}
	for i, name := range countNames {
		s.Counts = append(s.Counts, CountSummary{
			Name: name, Mean: acc.Counts[i].MeanCI(0.95), Runs: stats.Wilson(acc.CountsRuns[i], n, z),
		})
	}
	for i := range spec.States {
		sa := &acc.States[i]
		ss := StateSummary{
			Name:              spec.States[i].Name,
			ProtectedRuns:     sa.Protected,
			DeterrenceFailure: stats.Wilson(sa.Failed, sa.Protected, z),
			Attacked:          stats.Wilson(sa.Attacked, n, z),
			ArmedAttacked:     stats.Wilson(sa.ArmedAttacked, n, z),
			CoveredAttacked:   stats.Wilson(sa.CoveredAttacked, n, z),
			Conquered:         stats.Wilson(sa.Conquered, n, z),
			Client:            stats.Wilson(sa.Client, n, z),
			EconomyLost:       sa.EconomyLost.MeanCI(0.95),
			FinalBurden:       sa.FinalBurden.MeanCI(0.95),
			FinalEconomy:      sa.FinalEconomy.MeanCI(0.95),
			AsGuarantor:       decisionSummary("", sa.AsGuarantor),
		}
		if sa.Protected > 0 {
			ss.Survival = stats.KaplanMeier(sa.FailEvents, sa.FailCensored, z)
		}
		ss.AttackSurvival = stats.KaplanMeier(sa.AttackEvents, sa.AttackCensored, z)
		s.PerState = append(s.PerState, ss)
	}
	k := 0
	for _, g := range spec.Guarantees {
		if allianceForRho(&g) {
			s.Alliances = append(s.Alliances, AllianceSummary{Name: g.Name, Spearman: acc.Rho[k].MeanCI(0.95)})
			k++
		}
	}
	for i, u := range spec.Uncertain {
		s.Draws = append(s.Draws, DrawSummary{Path: u.Path, Mean: acc.Draws[i].MeanCI(0.95)})
	}
	return s
}

func nan() float64 { return math.NaN() }
