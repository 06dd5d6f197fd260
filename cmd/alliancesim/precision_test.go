package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// readSummary reads a run's summary.json, and its runs.csv.
func readSummary(t *testing.T, dir string) (map[string]any, []byte, []byte) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	rows, err := os.ReadFile(filepath.Join(dir, "runs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return m, b, rows
}

// run --precision stops where the rule, applied by hand to plain runs at its checkpoints, says;
// its outputs are those of the plain run of the runs it reached, plus the record of the rule;
// they are byte-identical for 1 and 2 workers; --max-runs caps it.
func TestRunPrecision(t *testing.T) {
	dir := t.TempDir()
	base := []string{"run", "--steps", "10", "--quiet"}
	run := func(out string, args ...string) result {
		t.Helper()
		r := alliancesim(t, dir, append(append(slices.Clone(base), "--out", out), args...)...)
		if r.code != 0 {
			t.Fatalf("%s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
		return r
	}
	// The plain half-widths of the default metric (focus_armed_attacked) at 256, 512, ...
	half := func(n string) float64 {
		run("plain-"+n, "--runs", n)
		m, _, _ := readSummary(t, filepath.Join(dir, "plain-"+n))
		for _, s := range m["per_state"].([]any) {
			if st := s.(map[string]any); st["name"] == m["focus"] {
				iv := st["armed_attacked"].(map[string]any)
				return (iv["hi"].(float64) - iv["lo"].(float64)) / 2
			}
		}
		t.Fatal("no focus state")
		return 0
	}
	h256, h512 := half("256"), half("512")
	// A target met by the projection from 512 runs to 1024, not by the one from 256 to 512.
	target := h512 * math.Sqrt(0.5) * 1.001
	if h256*math.Sqrt(0.5) <= target {
		t.Fatalf("half-widths %v at 256 and %v at 512 runs do not separate the checkpoints", h256, h512)
	}
	half("1024")
	var first []byte
	for _, w := range []string{"1", "2"} {
		out := "adaptive-" + w
		r := run(out, "--runs", "256", "--precision", jsonNum(target), "--workers", w)
		if !strings.Contains(r.stderr, "at 1024 runs (checkpoints 256, 512, 1024;") {
			t.Errorf("--workers %s: stderr does not report the stop at 1024 runs:\n%s", w, r.stderr)
		}
		m, b, rows := readSummary(t, filepath.Join(dir, out))
		if first == nil {
			first = b
		} else if !bytes.Equal(b, first) {
			t.Errorf("summary.json differs between --workers 1 and 2")
		}
		rec := m["precision"].(map[string]any)
		// The achieved half-width was projected, not seen, when the rule chose to stop: met
		// says whether it came out at most the target.
		hw := rec["half_width"].(float64)
		if rec["runs"] != 1024.0 || rec["metric"] != "focus_armed_attacked" || rec["met"] != (hw <= target) || m["runs"] != 1024.0 {
			t.Errorf("--workers %s: precision record %v, runs %v", w, rec, m["runs"])
		}
		// The same but for the record and the config, whose runs are the first checkpoint's.
		plain, _, plainRows := readSummary(t, filepath.Join(dir, "plain-1024"))
		for _, key := range []string{"precision", "config", "config_sha256"} {
			delete(m, key)
			delete(plain, key)
		}
		if !bytes.Equal(rows, plainRows) || !sameAny(m, plain) {
			t.Errorf("--workers %s: outputs differ from the plain run of 1024 runs", w)
		}
	}
	// A target out of reach stops at --max-runs, not at a checkpoint of the doubling.
	run("capped", "--runs", "256", "--precision", "0.0001", "--max-runs", "700")
	m, _, rows := readSummary(t, filepath.Join(dir, "capped"))
	rec := m["precision"].(map[string]any)
	if rec["runs"] != 700.0 || rec["met"] != false || !sameAny(rec["checkpoints"], []any{256.0, 512.0, 700.0}) {
		t.Errorf("capped: precision record %v", rec)
	}
	if n := bytes.Count(rows, []byte("\n")); n != 701 {
		t.Errorf("capped: runs.csv has %d lines, want 701", n)
	}
	holdsToSchema(t, filepath.Join(dir, "capped", "summary.json"), "summary")
}

func jsonNum(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func sameAny(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func TestPrecisionErrors(t *testing.T) {
	dir := t.TempDir()
	for _, test := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--precision", "0"}, `--precision "0": want a half-width > 0`},
		{[]string{"run", "--precision", "x"}, `--precision "x": want a half-width > 0`},
		{[]string{"run", "--precision", "NaN"}, `--precision "NaN"`},
		{[]string{"run", "--precision", "0.01", "--max-runs", "0"}, `--max-runs "0": allowed a whole number from 1 to 10000000`},
		{[]string{"run", "--precision", "0.01", "--runs", "500", "--max-runs", "400"}, "--max-runs 400 is below the 500 runs"},
		{[]string{"run", "--precision", "0.01", "--precision-metric", "nope"}, `--precision-metric "nope": allowed deterrence_failure`},
		{[]string{"run", "--precision", "0.01", "--precision-metric", "armed_failure,conquest"}, "allowed deterrence_failure"},
		{[]string{"run", "--max-runs", "1000"}, "need --precision H"},
		{[]string{"run", "--precision", "0.01", "--precision-metric", "focus_economy_lost"}, `--precision-metric "focus_economy_lost": allowed deterrence_failure`},
		{[]string{"run", "--precision", "0.01", "--precision-metric", "reliability"}, "proportions of runs"},
		{[]string{"sweep", "--param", "rep.init=0.3:0.9:3", "--metric", "reliability,focus_economy_lost", "--precision", "0.01"}, "none of the metrics (reliability, focus_economy_lost) is a proportion of runs"},
		{[]string{"run", "--precision", "0.01", "--shard", "0/2"}, "--precision with --shard needs --stage S"},
		{[]string{"sweep", "--param", "rep.init=0.3:0.9:3", "--precision", "0.01", "--resume"}, "--precision with --resume"},
		{[]string{"sweep", "--param", "rep.init=0.3:0.9:3", "--precision", "0.01", "--shard", "1/3"}, "--precision with --shard needs --stage S"},
		{[]string{"sweep", "--param", "rep.init=0.3:0.9:3", "--stage", "1"}, "--stage is for the shards"},
		{[]string{"compare", "europe-2025", "ukraine-nato", "--precision", "0.01", "--shard", "0/2"}, "--precision with --shard needs --stage S"},
		{[]string{"run", "burden-sharing", "--precision", "0.01", "--precision-metric", "focus_attacked", "--runs", "10"}, "focus_attacked is not defined for"},
	} {
		refuses(t, dir, test.want, append(test.args, "--out", filepath.Join(dir, "o"), "--quiet")...)
	}
}

// compare and sweep --precision grow all options or grid points to the same runs, so that their
// differences stay paired: the metrics and paired differences they give are those of the plain
// comparison or sweep of the runs they reached, for 1 and 2 workers alike.
func TestPrecisionGrowsTogether(t *testing.T) {
	for _, test := range []struct {
		cmd       string   // compare or sweep, which also names its files
		args      []string // besides --runs, --precision, --max-runs, --workers, --out
		precision string
		maxRuns   string
		metric    string // the first of --metric, which --precision watches
		same      func(got, want map[string]any) bool
	}{
		{"compare", []string{"ukraine-agreements", "ukraine-nato", "--metric", "focus_armed_attacked,deterrence_failure"},
			"0.03", "4096", "focus_armed_attacked",
			func(got, want map[string]any) bool {
				g, w := got["options"].([]any), want["options"].([]any)
				if len(g) != len(w) {
					return false
				}
				for i := range w {
					a, b := g[i].(map[string]any), w[i].(map[string]any)
					if !sameAny(a["metrics"], b["metrics"]) || !sameAny(a["diff"], b["diff"]) {
						return false
					}
				}
				return true
			}},
		{"sweep", []string{"--param", "rep.init=0.3:0.9:3", "--metric", "armed_failure,deterrence_failure"},
			"0.02", "3000", "armed_failure",
			func(got, want map[string]any) bool { return sameAny(got["points"], want["points"]) }},
	} {
		t.Run(test.cmd, func(t *testing.T) {
			dir := t.TempDir()
			args := append(append([]string{test.cmd}, test.args...), "--steps", "10", "--quiet")
			read := func(out string) map[string]any {
				t.Helper()
				b, err := os.ReadFile(filepath.Join(dir, out, test.cmd+".json"))
				if err != nil {
					t.Fatal(err)
				}
				var m map[string]any
				if err := json.Unmarshal(b, &m); err != nil {
					t.Fatal(err)
				}
				return m
			}
			var first []byte
			var runs float64
			for _, w := range []string{"1", "2"} {
				out := "adaptive-" + w
				r := alliancesim(t, dir, append(args, "--runs", "256", "--precision", test.precision, "--max-runs", test.maxRuns, "--workers", w, "--out", out)...)
				if r.code != 0 {
					t.Fatalf("exit %d\n%s", r.code, r.stderr)
				}
				b, err := os.ReadFile(filepath.Join(dir, out, test.cmd+".csv"))
				if err != nil {
					t.Fatal(err)
				}
				if first == nil {
					first = b
				} else if !bytes.Equal(b, first) {
					t.Errorf("%s.csv differs between --workers 1 and 2", test.cmd)
				}
				m := read(out)
				rec := m["precision"].(map[string]any)
				runs = rec["runs"].(float64)
				if rec["metric"] != test.metric || m["runs"] != runs || runs <= 256 {
					t.Fatalf("precision record %v, runs %v: want %s, grown beyond 256 runs", rec, m["runs"], test.metric)
				}
			}
			r := alliancesim(t, dir, append(args, "--runs", jsonNum(runs), "--out", "plain")...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			holdsToSchema(t, filepath.Join(dir, "adaptive-1", test.cmd+".json"), test.cmd)
			if !test.same(read("adaptive-1"), read("plain")) {
				t.Errorf("metrics or paired differences differ from the plain %s of %v runs", test.cmd, runs)
			}
		})
	}
}

// holdsToSchema checks a result with a precision record against its docs/schema.
func holdsToSchema(t *testing.T, file, schema string) {
	t.Helper()
	sch, err := jsonschema.NewCompiler().Compile(filepath.Join("..", "..", "docs", "schema", schema+".schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inst, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s does not hold to docs/schema/%s.schema.json: %v", file, schema, err)
	}
}
