package main

import (
	"path/filepath"
	"strconv"
	"strings"

	"alliancesim/sim"
)

// datapackage.json is the data dictionary written with the data: a Frictionless Data Package
// (https://specs.frictionlessdata.io/data-package/) whose resources are the folder's CSV files,
// each with a Table Schema giving every column's name, type, unit and meaning, and NA as the
// missing value, so that frictionless, R's frictionless package or a reader of the JSON can load
// the tables typed, without guessing; and the JSON results, each with the JSON Schema of its
// layout under docs/schema in the repository.

const dataPackageName = "datapackage.json"

type dataPackage struct {
	Profile     string       `json:"profile"`
	Name        string       `json:"name"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Version     string       `json:"alliancesim_version"`
	Resources   []dpResource `json:"resources"`
}

type dpResource struct {
	Name        string `json:"name"`
	Path        string `json:"path"`
	Profile     string `json:"profile"`
	Format      string `json:"format"`
	Mediatype   string `json:"mediatype"`
	Encoding    string `json:"encoding"`
	Description string `json:"description"`
	// JSONSchema names the schema of a JSON resource's layout, in the repository.
	JSONSchema string    `json:"json_schema,omitempty"`
	Schema     *dpSchema `json:"schema,omitempty"`
}

type dpSchema struct {
	Fields        []dpField `json:"fields"`
	MissingValues []string  `json:"missingValues"`
	PrimaryKey    []string  `json:"primaryKey,omitempty"`
}

type dpField struct {
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Unit        string   `json:"unit,omitempty"`
	Description string   `json:"description"`
	TrueValues  []string `json:"trueValues,omitempty"`
	FalseValues []string `json:"falseValues,omitempty"`
}

// table is a CSV resource described by docs.
func table(name, path, desc string, docs []sim.ColumnDoc, key ...string) dpResource {
	s := &dpSchema{MissingValues: []string{"NA"}, PrimaryKey: key}
	for _, d := range docs {
		f := dpField{Name: d.Name, Type: d.Type, Unit: d.Unit, Description: d.Description}
		if d.Type == "boolean" {
			f.TrueValues, f.FalseValues = []string{"1"}, []string{"0"}
		}
		s.Fields = append(s.Fields, f)
	}
	return dpResource{Name: name, Path: path, Profile: "tabular-data-resource", Format: "csv", Mediatype: "text/csv",
		Encoding: "utf-8", Description: desc, Schema: s}
}

// jsonResource is a JSON result whose layout docs/schema/<schema> gives.
func jsonResource(name, path, desc, schema string) dpResource {
	return dpResource{Name: name, Path: path, Profile: "data-resource", Format: "json", Mediatype: "application/json",
		Encoding: "utf-8", Description: desc, JSONSchema: "docs/schema/" + schema}
}

func writeDataPackage(dir, kind, title string, res []dpResource) error {
	dp := dataPackage{Profile: "data-package", Name: "alliancesim-" + kind, Title: title,
		Description: "Outputs of alliancesim " + kind + ". A missing value is NA in every CSV and null in JSON; booleans are 1 and 0.",
		Version:     version, Resources: res}
	return writeJSON(filepath.Join(dir, dataPackageName), dp)
}

// runResources describes the files of a run.
func runResources(spec *sim.Spec, trajectories bool) []dpResource {
	res := []dpResource{
		jsonResource("summary", "summary.json", "the ensemble's probabilities, survival curves and means with 95% intervals, and the resolved config", "summary.schema.json"),
		table("runs", "runs.csv", "one row per run, in run order", sim.ColumnDocs(spec), "run"),
		table("states", "states.csv", "one row per run and state: runs.csv's per-state columns, long", sim.StatesColumnDocs(), "run", "state"),
	}
	if trajectories {
		res = append(res, table("trajectories", "trajectories.csv", "one row per run, step and state: the world after each step",
			sim.TrajectoryColumnDocs(), "run", "step", "state"))
	}
	return res
}

// metricDocs describes a metric's estimate, interval and denominator columns named prefix+name.
func metricDocs(prefix, name string) []sim.ColumnDoc {
	unit, label := "", name
	if m, ok := sim.LookupMetric(name); ok {
		unit, label = m.Kind.Unit(), m.Label+" ("+m.Kind.String()+")"
	}
	return []sim.ColumnDoc{
		{Name: prefix + name, Type: "number", Unit: unit, Description: label + ": the estimate; NA when undefined"},
		{Name: prefix + name + "_lo", Type: "number", Unit: unit, Description: label + ": lower bound of the 95% interval"},
		{Name: prefix + name + "_hi", Type: "number", Unit: unit, Description: label + ": upper bound of the 95% interval"},
		{Name: prefix + name + "_n", Type: "integer", Unit: "count", Description: label + ": the denominator (runs, decisions, or runs in which the focus state held a guarantee)"},
	}
}

// diffDocs describes the paired difference of a metric, and with indep the interval independent
// seeds would have given.
func diffDocs(name, from string, indep bool) []sim.ColumnDoc {
	docs := []sim.ColumnDoc{
		{Name: "diff_" + name, Type: "number", Description: name + ": paired difference from " + from + "; NA for the first and for metrics not per-run yes/no outcomes"},
		{Name: "diff_" + name + "_lo", Type: "number", Description: name + ": lower bound of the difference's 95% interval (Newcombe, paired)"},
		{Name: "diff_" + name + "_hi", Type: "number", Description: name + ": upper bound of the difference's 95% interval (Newcombe, paired)"},
	}
	if indep {
		docs = append(docs,
			sim.ColumnDoc{Name: "diff_" + name + "_indep_lo", Type: "number", Description: name + ": lower bound the difference's interval would have had with independent seeds"},
			sim.ColumnDoc{Name: "diff_" + name + "_indep_hi", Type: "number", Description: name + ": upper bound the difference's interval would have had with independent seeds"})
	}
	return docs
}

// longDocs describes the columns of a long table after its keys.
func longDocs(indep bool) []sim.ColumnDoc {
	docs := []sim.ColumnDoc{
		{Name: "metric", Type: "string", Description: "the metric (see alliancesim sweep --help)"},
		{Name: "kind", Type: "string", Description: "what the metric measures: probability (per run), rate (per decision), count, money or years"},
		{Name: "unit", Type: "string", Description: "the unit of estimate, lo and hi"},
		{Name: "estimate", Type: "number", Description: "the metric's estimate (a probability, rate or mean, in unit); NA when undefined"},
		{Name: "lo", Type: "number", Description: "lower bound of the 95% interval"},
		{Name: "hi", Type: "number", Description: "upper bound of the 95% interval"},
		{Name: "n", Type: "integer", Unit: "count", Description: "the estimate's denominator: runs, decisions, or runs in which the focus state held a guarantee"},
		{Name: "runs", Type: "integer", Unit: "count", Description: "runs at the point or option"},
		{Name: "diff", Type: "number", Description: "paired difference from the previous point (sweep) or the first option (compare); NA when none"},
		{Name: "diff_lo", Type: "number", Description: "lower bound of the difference's 95% interval (Newcombe, paired)"},
		{Name: "diff_hi", Type: "number", Description: "upper bound of the difference's 95% interval (Newcombe, paired)"},
	}
	if indep {
		docs = append(docs,
			sim.ColumnDoc{Name: "diff_indep_lo", Type: "number", Description: "lower bound the difference's interval would have had with independent seeds"},
			sim.ColumnDoc{Name: "diff_indep_hi", Type: "number", Description: "upper bound the difference's interval would have had with independent seeds"})
	}
	return docs
}

// axisDocs describes the columns of a sweep's axes: numbers, or the names of choices.
func (r *sweepResult) axisDocs() []sim.ColumnDoc {
	var docs []sim.ColumnDoc
	for k, a := range r.Axes {
		typ := "number"
		for _, p := range r.Points {
			if _, err := strconv.ParseFloat(p.Labels[k], 64); err != nil {
				typ = "string"
			}
		}
		docs = append(docs, sim.ColumnDoc{Name: columnSafe(a.Path), Type: typ, Description: "the value of " + a.Path + " at the point"})
	}
	return docs
}

func (r *sweepResult) resources() []dpResource {
	wide := r.axisDocs()
	for _, m := range r.Metrics {
		wide = append(wide, metricDocs("", m.Name)...)
	}
	for _, m := range r.Metrics {
		wide = append(wide, diffDocs(m.Name, "the previous point along the last axis", true)...)
	}
	long := append([]sim.ColumnDoc{{Name: "point", Type: "integer", Description: "index of the grid point, row-major over the axes"}}, r.axisDocs()...)
	long = append(long, longDocs(true)...)
	return []dpResource{
		jsonResource("sweep", "sweep.json", "the sweep: axes, metrics with 95% intervals and paired differences at every point, and the resolved config", "sweep.schema.json"),
		table("sweep-wide", "sweep.csv", "one row per grid point", wide),
		table("sweep-long", "sweep-long.csv", "one row per grid point and metric", long, "point", "metric"),
	}
}

func (r *compareResult) resources() []dpResource {
	keys := []sim.ColumnDoc{
		{Name: "option", Type: "string", Description: "the option, as named on the command line"},
		{Name: "scenario", Type: "string", Description: "the option's scenario name"},
	}
	wide := append([]sim.ColumnDoc(nil), keys...)
	for _, m := range r.Metrics {
		wide = append(wide, metricDocs("", m.Name)...)
	}
	for _, m := range r.Metrics {
		wide = append(wide, diffDocs(m.Name, "the first option", false)...)
	}
	long := append(append([]sim.ColumnDoc(nil), keys...), longDocs(false)...)
	return []dpResource{
		jsonResource("compare", "compare.json", "the comparison: each option's metrics with 95% intervals, paired differences from the first, survival curve and resolved config", "compare.schema.json"),
		table("compare-wide", "compare.csv", "one row per option", wide, "option"),
		table("compare-long", "compare-long.csv", "one row per option and metric", long, "option", "metric"),
	}
}

// title names what a folder holds.
func title(kind, name string) string { return "alliancesim " + kind + ": " + strings.TrimSpace(name) }

// docsOf returns the column docs of a table resource.
func docsOf(r dpResource) []sim.ColumnDoc {
	var docs []sim.ColumnDoc
	for _, f := range r.Schema.Fields {
		docs = append(docs, sim.ColumnDoc{Name: f.Name, Type: f.Type, Unit: f.Unit, Description: f.Description})
	}
	return docs
}

func optionNames(r *compareResult) []string {
	var names []string
	for _, o := range r.Options {
		names = append(names, o.Name)
	}
	return names
}
