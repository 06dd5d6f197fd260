package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// The long tables: one row per observation, the layout R's readr and pandas read without
// reshaping. A quantity has one name everywhere: a metric's name is a column name in
// sweep.csv and compare.csv (its estimate, then _lo, _hi and _n), a value of the metric column
// here, and a key of the metrics list of sweep.json and compare.json.

// writeStatesFile writes states.csv from the runs.csv already in out.
func writeStatesFile(out string, spec *sim.Spec, hash string) error {
	runs, err := os.Open(filepath.Join(out, "runs.csv"))
	if err != nil {
		return err
	}
	defer runs.Close()
	f, err := createAtomic(filepath.Join(out, "states.csv"))
	if err != nil {
		return err
	}
	defer f.abort()
	if err := sim.WriteStates(f, runs, spec, hash); err != nil {
		return err
	}
	return f.commit()
}

// longColumns are the columns of a long table that describe a metric's value.
var longColumns = []string{"metric", "kind", "unit", "estimate", "lo", "hi", "n", "runs"}

// longRow appends a metric's value to a long table's row.
func longRow(row []string, name string, iv stats.Interval, n int64, runs int) []string {
	kind, unit := "", ""
	if m, ok := sim.LookupMetric(name); ok {
		kind, unit = m.Kind.String(), m.Kind.Unit()
	}
	return append(row, name, kind, csvText(unit), csvFloat(iv.P), csvFloat(iv.Lo), csvFloat(iv.Hi),
		strconv.FormatInt(n, 10), strconv.Itoa(runs))
}

// diffCells are a difference's columns, NA when there is none.
func diffCells(d *stats.Interval) []string {
	if d == nil {
		return []string{"NA", "NA", "NA"}
	}
	return []string{csvFloat(d.P), csvFloat(d.Lo), csvFloat(d.Hi)}
}

// longCSV is sweep-long.csv: one row per grid point and metric.
func (r *sweepResult) longCSV() []byte {
	var b strings.Builder
	cols := []string{"point"}
	for _, a := range r.Axes {
		cols = append(cols, columnSafe(a.Path))
	}
	cols = append(cols, longColumns...)
	cols = append(cols, "diff", "diff_lo", "diff_hi", "diff_indep_lo", "diff_indep_hi")
	b.WriteString(strings.Join(cols, ",") + "\n")
	for i, p := range r.Points {
		for m, met := range r.Metrics {
			row := []string{strconv.Itoa(i)}
			for k := range r.Axes {
				row = append(row, csvText(p.Labels[k]))
			}
			row = longRow(row, met.Name, p.Metrics[m], p.N[m], r.Runs)
			row = append(row, diffCells(p.Diff[m])...)
			if ind := p.Indep[m]; ind != nil {
				row = append(row, csvFloat(ind.Lo), csvFloat(ind.Hi))
			} else {
				row = append(row, "NA", "NA")
			}
			b.WriteString(strings.Join(row, ",") + "\n")
		}
	}
	return []byte(b.String())
}

// longCSV is compare-long.csv: one row per option and metric.
func (r *compareResult) longCSV() []byte {
	var b strings.Builder
	cols := append([]string{"option", "scenario"}, longColumns...)
	cols = append(cols, "diff", "diff_lo", "diff_hi")
	b.WriteString(strings.Join(cols, ",") + "\n")
	for _, o := range r.Options {
		for m, met := range r.Metrics {
			row := longRow([]string{csvText(o.Name), csvText(o.Scenario)}, met.Name, o.Metrics[m], o.N[m], r.Runs)
			row = append(row, diffCells(o.Diff[m])...)
			b.WriteString(strings.Join(row, ",") + "\n")
		}
	}
	return []byte(b.String())
}
