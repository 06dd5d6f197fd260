package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// compare --rows holds each option's runs: the rows of an option in compare-states.csv are the
// states.csv of a run of that option alone with the same runs and seed, and those of
// compare-runs.csv its runs.csv's run-level columns.
func TestCompareRowsAreTheOptionsRuns(t *testing.T) {
	dir := t.TempDir()
	small := []string{"--runs", "60", "--steps", "8", "--seed", "5", "--quiet"}
	if r := alliancesim(t, dir, append([]string{"compare", "europe-2025", "ukraine-nato", "--rows", "--out", "c"}, small...)...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := alliancesim(t, dir, append([]string{"run", "ukraine-nato", "--out", "r"}, small...)...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	states, err := os.ReadFile(filepath.Join(dir, "r", "states.csv"))
	if err != nil {
		t.Fatal(err)
	}
	long, err := os.ReadFile(filepath.Join(dir, "c", "compare-states.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(long), "\n")
	var got bytes.Buffer
	got.WriteString(strings.TrimPrefix(lines[0], "option,"))
	for _, l := range lines[1:] {
		if rest, ok := strings.CutPrefix(l, "ukraine-nato,"); ok {
			got.WriteString(rest)
		}
	}
	if !bytes.Equal(got.Bytes(), states) {
		t.Errorf("compare-states.csv's ukraine-nato rows (%d bytes) are not its run's states.csv (%d bytes)", got.Len(), len(states))
	}
	runs := readTable(t, filepath.Join(dir, "r", "runs.csv"))
	var mine []map[string]string
	for _, row := range readTable(t, filepath.Join(dir, "c", "compare-runs.csv")) {
		if row["option"] == "ukraine-nato" {
			mine = append(mine, row)
		}
	}
	if len(mine) != len(runs) {
		t.Fatalf("compare-runs.csv has %d ukraine-nato rows, its run %d", len(mine), len(runs))
	}
	for i, row := range mine {
		for col, v := range row {
			if w, ok := runs[i][col]; ok && w != v {
				t.Fatalf("compare-runs.csv ukraine-nato run %s: %s = %s, runs.csv %s", row["run"], col, v, w)
			}
		}
	}
}
