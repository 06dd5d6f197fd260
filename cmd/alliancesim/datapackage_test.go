package main

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Real outputs of run (with trajectories and an [uncertainty] draw), a 2-D sweep over a number
// and a choice, and a comparison with a variant hold to the data dictionary written with them:
// every JSON result validates against its versioned JSON Schema under docs/schema, every CSV's
// header is its datapackage.json resource's fields, in order, and every value parses as its
// field's type or is NA.
func TestOutputsMatchTheirSchemas(t *testing.T) {
	dir := t.TempDir()
	small := []string{"--runs", "40", "--steps", "8", "--quiet"}
	for _, args := range [][]string{
		{"run", "--trajectories", "--out", "r"},
		{"sweep", "--param", "rep.init=0.3:0.9:3", "--values", "state.Germany.strategy=balance,buckpass",
			"--metric", "armed_failure,reliability,focus_failure,focus_economy_lost", "--rows", "--out", "s"},
		{"compare", "europe-2025", "strong:model.gamma=2", "ukraine-nato", "--metric", "armed_failure,focus_failure,focus_economy_lost", "--rows", "--out", "c"},
	} {
		if r := alliancesim(t, dir, append(args, small...)...); r.code != 0 {
			t.Fatalf("%v: %s", args, r.stderr)
		}
	}
	c := jsonschema.NewCompiler()
	for _, tc := range []struct{ file, schema string }{
		{"r/summary.json", "summary"}, {"s/sweep.json", "sweep"}, {"c/compare.json", "compare"},
	} {
		sch, err := c.Compile(filepath.Join("..", "..", "docs", "schema", tc.schema+".schema.json"))
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s does not hold to docs/schema/%s.schema.json (a changed layout needs the schema changed, and a new schema version if a field changed meaning): %v", tc.file, tc.schema, err)
		}
	}
	for _, folder := range []string{"r", "s", "c"} {
		checkDataPackage(t, filepath.Join(dir, folder))
	}
}

// checkDataPackage checks every CSV of a folder against its datapackage.json.
func checkDataPackage(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, dataPackageName))
	if err != nil {
		t.Fatal(err)
	}
	var dp dataPackage
	if err := decodeStrict(b, &dp); err != nil {
		t.Fatal(err)
	}
	csvs, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	described := 0
	for _, r := range dp.Resources {
		path := filepath.Join(dir, r.Path)
		if r.Schema == nil {
			if _, err := os.Stat(path); err != nil {
				t.Errorf("%s: resource %s: %v", dir, r.Name, err)
			}
			continue
		}
		described++
		if !slices.Contains(csvs, path) {
			t.Errorf("%s: resource %s names %s, which is not there", dir, r.Name, r.Path)
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		rd := csv.NewReader(f)
		header, err := rd.Read()
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, fd := range r.Schema.Fields {
			names = append(names, fd.Name)
			if fd.Description == "" {
				t.Errorf("%s: %s has no description", r.Path, fd.Name)
			}
		}
		if !slices.Equal(header, names) {
			t.Errorf("%s: header %v, datapackage.json %v", r.Path, header, names)
			f.Close()
			continue
		}
		for line := 2; ; line++ {
			rec, err := rd.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", r.Path, err)
			}
			for i, v := range rec {
				if fd := r.Schema.Fields[i]; !parsesAs(v, fd) {
					t.Fatalf("%s line %d: %s = %q is not of type %s", r.Path, line, fd.Name, v, fd.Type)
				}
			}
		}
		f.Close()
	}
	if described != len(csvs) {
		t.Errorf("%s: %d CSV files, %d described", dir, len(csvs), described)
	}
}

func parsesAs(v string, f dpField) bool {
	if v == "NA" {
		return true
	}
	switch f.Type {
	case "integer":
		_, err := strconv.ParseInt(v, 10, 64)
		return err == nil
	case "number":
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	case "boolean":
		return slices.Contains(f.TrueValues, v) || slices.Contains(f.FalseValues, v)
	case "string":
		return true
	}
	return false
}
