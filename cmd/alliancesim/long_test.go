package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The long tables hold the wide tables' numbers, one row per point or option and metric, under
// the metric's name; a money metric is named as such, never as a probability.
func TestLongTablesMatchWide(t *testing.T) {
	dir := t.TempDir()
	small := []string{"--runs", "40", "--steps", "8", "--quiet"}
	metrics := "armed_failure,reliability,focus_economy_lost"
	if r := alliancesim(t, dir, append([]string{"sweep", "--param", "rep.init=0.3:0.9:3", "--metric", metrics, "--out", "s"}, small...)...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := alliancesim(t, dir, append([]string{"compare", "europe-2025", "ukraine-nato", "--metric", metrics, "--out", "c"}, small...)...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	for _, tc := range []struct{ wide, long, key string }{
		{"s/sweep.csv", "s/sweep-long.csv", "rep.init"},
		{"c/compare.csv", "c/compare-long.csv", "option"},
	} {
		wide, long := readTable(t, filepath.Join(dir, tc.wide)), readTable(t, filepath.Join(dir, tc.long))
		names := strings.Split(metrics, ",")
		if got, want := len(long), len(wide)*len(names); got != want {
			t.Fatalf("%s: %d rows, want %d", tc.long, got, want)
		}
		for i, w := range wide {
			for m, name := range names {
				l := long[i*len(names)+m]
				if l["metric"] != name || l[tc.key] != w[tc.key] {
					t.Fatalf("%s row %d: %s %s, want %s %s", tc.long, i*len(names)+m+1, l[tc.key], l["metric"], w[tc.key], name)
				}
				for _, pair := range [][2]string{{"estimate", ""}, {"lo", "_lo"}, {"hi", "_hi"}, {"n", "_n"}} {
					if l[pair[0]] != w[name+pair[1]] {
						t.Errorf("%s %s %s: %s %q, wide %q", tc.long, w[tc.key], name, pair[0], l[pair[0]], w[name+pair[1]])
					}
				}
				if name == "focus_economy_lost" && (l["kind"] != "money" || l["unit"] != "T$") {
					t.Errorf("%s: focus_economy_lost is %s in %s", tc.long, l["kind"], l["unit"])
				}
			}
			for col := range w {
				if strings.HasSuffix(col, "_p") {
					t.Errorf("%s: column %s", tc.wide, col)
				}
			}
		}
	}
}

// readTable reads a CSV file into rows keyed by its header.
func readTable(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, v := range rec {
			row[recs[0][i]] = v
		}
		rows = append(rows, row)
	}
	return rows
}
