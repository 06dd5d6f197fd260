package sim

// A ColumnDoc describes a column of a CSV file the engine writes: its name, its type as a
// Frictionless Table Schema names it (integer, number, boolean written 0 and 1, string), its
// unit ("" for none) and its meaning. A missing value is written NA.
type ColumnDoc struct {
	Name, Type, Unit, Description string
}

const (
	stepUnit  = "step (year)"
	moneyUnit = "trillion US$ (T$)"
	shareUnit = "share of GDP"
)

// runDocs describes runs.csv's columns before the states'.
var runDocs = []ColumnDoc{
	{"run", "integer", "", "index of the run: run r draws only from PCG(seed, r)"},
	{"failure", "boolean", "", "deterrence failed: some state was attacked in a mode its in-force guarantee covered"},
	{"failure_step", "integer", stepUnit, "first step of deterrence failure; NA when it never failed"},
	{"armed_failure_step", "integer", stepUnit, "first step of deterrence failure by an armed attack; NA when none"},
	{"held_attack_step", "integer", stepUnit, "first step a state holding an in-force guarantee was attacked in any mode; NA when none"},
	{"attacks", "integer", "count", "attacks launched, in any mode"},
	{"wars", "integer", "count", "armed attacks launched"},
	{"hybrid_attacks", "integer", "count", "hybrid (grey-zone) attacks launched"},
	{"victories", "integer", "count", "attacks the aggressor won"},
	{"conquests", "integer", "count", "states conquered"},
	{"triggered", "integer", "count", "guarantors' commitments triggered by an attack they cover"},
	{"balancing_steps", "integer", "count", "state-steps in which a state balanced (raised its burden or proposed a treaty that formed)"},
	{"bandwagoning", "integer", "count", "states that became their threat's client"},
	{"buck_passing_steps", "integer", "count", "state-steps in which a state passed the buck"},
	{"free_riding_steps", "integer", "count", "state-steps in which a free-rider set its burden"},
	{"treaties_formed", "integer", "count", "treaties formed by balancing"},
	{"honoured", "integer", "count", "triggered commitments honoured"},
	{"abandoned", "integer", "count", "triggered commitments abandoned"},
	{"buck_passed", "integer", "count", "triggered commitments buck-passed"},
	{"costly_interventions", "integer", "count", "honoured commitments whose stake was below the guarantor's relative cost (entrapment)"},
}

// stateDocs describes the per-state columns, in the order of stateFields.
var stateDocs = [len(stateFields)]ColumnDoc{
	{"protected", "boolean", "", "held an in-force guarantee at some step"},
	{"attacked", "boolean", "", "attacked in any mode"},
	{"armed_attacked", "boolean", "", "attacked by arms"},
	{"covered_attacked", "boolean", "", "attacked in a mode an in-force guarantee of it covered"},
	{"failure_step", "integer", stepUnit, "first step it was attacked in a covered mode; NA when never"},
	{"attack_step", "integer", stepUnit, "first step it was attacked in any mode; NA when never"},
	{"censor_step", "integer", stepUnit, "step its conquest or clienthood ended its observation; NA when observed to the horizon"},
	{"economy_lost", "number", moneyUnit, "prizes and hybrid gains taken from it over the run"},
	{"conquered", "boolean", "", "conquered during the run"},
	{"client", "boolean", "", "became a client of its threat during the run"},
	{"final_burden", "number", shareUnit, "its defence burden at the end of the run"},
	{"final_economy", "number", moneyUnit, "its economy at the end of the run"},
	{"guarantor_triggered", "integer", "count", "as a guarantor: its commitments triggered by attacks on its protégés"},
	{"guarantor_honoured", "integer", "count", "as a guarantor: triggered commitments it honoured"},
	{"guarantor_abandoned", "integer", "count", "as a guarantor: triggered commitments it abandoned"},
	{"guarantor_buck_passed", "integer", "count", "as a guarantor: triggered commitments it buck-passed"},
}

// ColumnDocs describes every column of runs.csv of spec, in the order of Columns.
func ColumnDocs(spec *Spec) []ColumnDoc {
	docs := append([]ColumnDoc(nil), runDocs...)
	for _, s := range spec.States {
		for _, d := range stateDocs {
			d.Name = columnName(s.Name) + "_" + d.Name
			d.Description = s.Name + ": " + d.Description
			docs = append(docs, d)
		}
	}
	for _, g := range spec.Guarantees {
		if allianceForRho(&g) {
			docs = append(docs, ColumnDoc{columnName(g.Name) + "_spearman_economy_burden", "number", "",
				"Spearman correlation of economy and burden among the members of " + g.Name + " at the end of the run; NA when undefined"})
		}
	}
	for _, u := range spec.Uncertain {
		docs = append(docs, ColumnDoc{"draw_" + u.Path, "number", "", "the run's draw of " + u.Path + " from [uncertainty]"})
	}
	return docs
}

// StatesColumnDocs describes the columns of states.csv, in the order of StatesColumns.
func StatesColumnDocs() []ColumnDoc {
	docs := []ColumnDoc{
		{"run", "integer", "", "index of the run: run r draws only from PCG(seed, r)"},
		{"seed", "integer", "", "the master seed"},
		{"config_sha256", "string", "", "SHA-256 of the run's resolved config (summary.json's config_sha256)"},
		{"state", "string", "", "the state, as the config names it"},
	}
	return append(docs, stateDocs[:]...)
}

// TrajectoryColumnDocs describes the columns of trajectories.csv, in the order of
// TrajectoryColumns.
func TrajectoryColumnDocs() []ColumnDoc {
	return []ColumnDoc{
		{"run", "integer", "", "index of the run"},
		{"step", "integer", stepUnit, "the step just taken, from 1"},
		{"state", "string", "", "the state, as the config names it"},
		{"economy", "number", moneyUnit, "its economy after the step"},
		{"burden", "number", shareUnit, "its defence burden after the step"},
		{"power", "number", "", "its military power after the step (capability units)"},
		{"threat", "string", "", "its principal threat this step; NA when none"},
		{"threat_ratio", "number", "", "τ: its principal threat's threat over its power plus expected support (0 with no threat)"},
		{"support", "number", "", "S: the armed support its guarantors are expected to bring against its threat"},
		{"protected", "boolean", "", "held an in-force guarantee this step"},
		{"backers", "integer", "count", "in-force guarantee pairs protecting it after the strategy phase"},
		{"client_of", "string", "", "its patron when it is a client; NA when not"},
		{"conquered", "boolean", "", "conquered by the end of the step"},
		{"reputation", "number", "", "its reputation as a guarantor, in [0, 1]"},
		{"attacked", "integer", "count", "attacks it suffered this step, in any mode"},
		{"armed_attacked", "integer", "count", "armed attacks it suffered this step"},
		{"attacks_made", "integer", "count", "attacks it launched this step"},
	}
}
