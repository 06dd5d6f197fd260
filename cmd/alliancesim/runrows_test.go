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

// Output flags that cannot be honoured are refused as usage errors before anything is written.
func TestOutputFlagErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--format", "xml"}, `--format "xml": allowed csv or parquet`},
		{[]string{"run", "--shard", "0/2", "--trajectories"}, "--trajectories and --format parquet with --shard"},
		{[]string{"run", "--shard", "0/2", "--format", "parquet"}, "--trajectories and --format parquet with --shard"},
		{[]string{"sweep", "--param", "rep.init=0.3:0.9:3", "--shard", "0/2", "--rows"}, "--rows with --shard or --precision"},
		{[]string{"compare", "europe-2025", "ukraine-nato", "--shard", "1/2", "--rows"}, "--rows with --shard or --precision"},
	} {
		r := alliancesim(t, dir, append(tc.args, "--runs", "10", "--quiet", "--out", "o")...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, r.code, r.stderr, tc.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "o")); err == nil {
			t.Errorf("%v: the output folder was made", tc.args)
		}
	}
}
