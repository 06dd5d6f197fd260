package sim_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"sync"
	"testing"

	"alliancesim/sim"
)

// states.csv holds, for every run and state, what the run's record says of the state, with the
// seed and the config's hash on every row.
func TestStatesAgreeWithRecords(t *testing.T) {
	spec := scenarioSpec(t, "ukraine-budapest")
	spec.Runs, spec.FirstRun = 300, 40
	recs, keep := keepRecords()
	var rows bytes.Buffer
	opt := sim.Options{Workers: 2, Rows: &rows, Record: keep}
	if _, err := sim.Ensemble(context.Background(), spec, opt); err != nil {
		t.Fatal(err)
	}
	var states bytes.Buffer
	if err := sim.WriteStates(&states, &rows, spec, "abc123"); err != nil {
		t.Fatal(err)
	}
	table, err := csv.NewReader(&states).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := len(spec.States)
	if got, want := len(table), 1+spec.Runs*n; got != want {
		t.Fatalf("%d lines, want %d", got, want)
	}
	col := map[string]int{}
	for i, name := range table[0] {
		col[name] = i
	}
	step := func(v string) int {
		if v == "NA" {
			return 0
		}
		k, err := strconv.Atoi(v)
		if err != nil || k <= 0 {
			t.Fatalf("step %q: want a positive step or NA", v)
		}
		return k
	}
	bit := func(b bool) string { return map[bool]string{false: "0", true: "1"}[b] }
	attacked := 0
	for k, row := range table[1:] {
		run, i := spec.FirstRun+k/n, k%n
		s := recs[run].States[i]
		want := map[string]string{
			"run": strconv.Itoa(run), "seed": strconv.FormatUint(spec.Seed, 10), "config_sha256": "abc123",
			"state": spec.States[i].Name, "protected": bit(s.Protected), "attacked": bit(s.Attacked),
			"armed_attacked": bit(s.ArmedAttacked), "conquered": bit(s.Conquered), "client": bit(s.Client),
			"final_burden":          strconv.FormatFloat(s.FinalBurden, 'g', -1, 64),
			"guarantor_triggered":   strconv.Itoa(s.AsGuarantor.Triggered),
			"guarantor_honoured":    strconv.Itoa(s.AsGuarantor.Honoured),
			"guarantor_abandoned":   strconv.Itoa(s.AsGuarantor.Abandoned),
			"guarantor_buck_passed": strconv.Itoa(s.AsGuarantor.BuckPassed),
		}
		for name, v := range want {
			if row[col[name]] != v {
				t.Fatalf("line %d: %s = %q, the record says %q", k+2, name, row[col[name]], v)
			}
		}
		if step(row[col["attack_step"]]) != s.AttackStep || step(row[col["censor_step"]]) != s.CensorStep ||
			step(row[col["failure_step"]]) != s.FailureStep {
			t.Fatalf("line %d: steps %s %s %s, the record %d %d %d", k+2, row[col["attack_step"]], row[col["censor_step"]],
				row[col["failure_step"]], s.AttackStep, s.CensorStep, s.FailureStep)
		}
		if s.Attacked {
			attacked++
		}
	}
	if attacked == 0 {
		t.Error("no state was attacked: the test checks nothing")
	}
}

// Every column of every table the engine writes is described, in order, with a known type.
func TestColumnDocsCoverColumns(t *testing.T) {
	for _, name := range []string{"europe-2025", "world-2025"} {
		spec := scenarioSpec(t, name)
		for _, tc := range []struct {
			file string
			cols []string
			docs []sim.ColumnDoc
		}{
			{"runs.csv", sim.Columns(spec), sim.ColumnDocs(spec)},
			{"states.csv", sim.StatesColumns(), sim.StatesColumnDocs()},
			{"trajectories.csv", sim.TrajectoryColumns(), sim.TrajectoryColumnDocs()},
		} {
			if len(tc.docs) != len(tc.cols) {
				t.Fatalf("%s %s: %d columns, %d described", name, tc.file, len(tc.cols), len(tc.docs))
			}
			for i, d := range tc.docs {
				if d.Name != tc.cols[i] {
					t.Errorf("%s %s column %d: %s described as %s", name, tc.file, i+1, tc.cols[i], d.Name)
				}
				switch d.Type {
				case "integer", "number", "boolean", "string":
				default:
					t.Errorf("%s %s: %s has type %q", name, tc.file, d.Name, d.Type)
				}
				if d.Description == "" {
					t.Errorf("%s %s: %s has no description", name, tc.file, d.Name)
				}
			}
		}
	}
}

// Every triggered commitment is one guarantor's: in every run the guarantors' tallies of
// runs.csv add up to the run's own, decision by decision kind.
func TestGuarantorTalliesAddUp(t *testing.T) {
	spec := scenarioSpec(t, "europe-2025")
	spec.Runs, spec.Steps = 200, 12
	spec.Params.Buckpass.Threshold = 1 // buck-passers abstain whenever others fight: all three outcomes occur
	var rows bytes.Buffer
	if _, err := sim.Ensemble(context.Background(), spec, sim.Options{Rows: &rows}); err != nil {
		t.Fatal(err)
	}
	table, err := csv.NewReader(&rows).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range table[0] {
		col[name] = i
	}
	atoi := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	seen := map[string]int{}
	for _, row := range table[1:] {
		for _, kind := range []struct{ run, state string }{
			{"triggered", "triggered"}, {"honoured", "honoured"}, {"abandoned", "abandoned"}, {"buck_passed", "buck_passed"},
		} {
			sum := 0
			for _, s := range spec.States {
				sum += atoi(row[col[s.Name+"_guarantor_"+kind.state]])
			}
			if want := atoi(row[col[kind.run]]); sum != want {
				t.Fatalf("run %s: the guarantors' %s add up to %d, the run's to %d", row[0], kind.state, sum, want)
			}
			seen[kind.run] += sum
		}
	}
	for _, kind := range []string{"triggered", "honoured", "abandoned", "buck_passed"} {
		if seen[kind] == 0 {
			t.Errorf("no decision was %s in any run: the test checks nothing of it", kind)
		}
	}
}

// keepRecords returns a map of records by run and an Options.Record that copies each record
// into it, from any worker.
func keepRecords() (map[int]sim.Record, func(*sim.Record)) {
	var mu sync.Mutex
	recs := map[int]sim.Record{}
	return recs, func(r *sim.Record) {
		mu.Lock()
		defer mu.Unlock()
		c := *r
		c.States = append([]sim.StateRecord(nil), r.States...)
		recs[r.Run] = c
	}
}
