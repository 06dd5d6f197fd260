package sim_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"testing"

	"alliancesim/sim"
)

// trajectories.csv agrees with the runs' records: one row per run, step and state in run order;
// a state's last row holds its final burden and economy, its first step with an attack is its
// attack step, it is attacked by arms in some step exactly when its record says so, and it is
// conquered at the end exactly when its record says so. The file does not depend on the number
// of workers.
func TestTrajectoriesAgreeWithRecords(t *testing.T) {
	spec := scenarioSpec(t, "europe-2025")
	spec.Runs, spec.Steps = 300, 12
	recs, keep := keepRecords()
	var first []byte
	for _, workers := range []int{1, 3} {
		var traj bytes.Buffer
		opt := sim.Options{Workers: workers, Trajectories: &traj}
		if workers == 1 {
			opt.Record = keep
		}
		if _, err := sim.Ensemble(context.Background(), spec, opt); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = traj.Bytes()
		} else if !bytes.Equal(first, traj.Bytes()) {
			t.Fatalf("trajectories.csv differs between 1 and %d workers", workers)
		}
	}
	table, err := csv.NewReader(bytes.NewReader(first)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := len(spec.States)
	if got, want := len(table), 1+spec.Runs*spec.Steps*n; got != want {
		t.Fatalf("%d lines, want %d", got, want)
	}
	col := map[string]int{}
	for i, name := range table[0] {
		col[name] = i
	}
	num := func(row []string, name string) float64 {
		v, err := strconv.ParseFloat(row[col[name]], 64)
		if err != nil {
			t.Fatalf("%s = %q: %v", name, row[col[name]], err)
		}
		return v
	}
	type key struct{ run, state int }
	attackStep := map[key]int{}
	armed := map[key]bool{}
	for k, row := range table[1:] {
		run, step, i := k/(spec.Steps*n), k/n%spec.Steps+1, k%n
		if int(num(row, "run")) != run || int(num(row, "step")) != step || row[col["state"]] != spec.States[i].Name {
			t.Fatalf("line %d is run %s step %s state %s, want run %d step %d state %s",
				k+2, row[col["run"]], row[col["step"]], row[col["state"]], run, step, spec.States[i].Name)
		}
		kk := key{run, i}
		if num(row, "attacked") > 0 && attackStep[kk] == 0 {
			attackStep[kk] = step
		}
		armed[kk] = armed[kk] || num(row, "armed_attacked") > 0
		if step < spec.Steps {
			continue
		}
		s := recs[run].States[i]
		if num(row, "burden") != s.FinalBurden || num(row, "economy") != s.FinalEconomy {
			t.Errorf("run %d %s: last step burden %s economy %s, record %v %v", run, row[col["state"]],
				row[col["burden"]], row[col["economy"]], s.FinalBurden, s.FinalEconomy)
		}
		if (row[col["conquered"]] == "1") != s.Conquered {
			t.Errorf("run %d %s: conquered %s at the end, record %v", run, row[col["state"]], row[col["conquered"]], s.Conquered)
		}
	}
	attacked := 0
	for run, r := range recs {
		for i, s := range r.States {
			kk := key{run, i}
			if attackStep[kk] != s.AttackStep {
				t.Errorf("run %d %s: first attacked at step %d, record %d", run, spec.States[i].Name, attackStep[kk], s.AttackStep)
			}
			if armed[kk] != s.ArmedAttacked {
				t.Errorf("run %d %s: attacked by arms %v, record %v", run, spec.States[i].Name, armed[kk], s.ArmedAttacked)
			}
			if s.AttackStep > 0 {
				attacked++
			}
		}
	}
	if attacked == 0 {
		t.Error("no state was attacked in any run: the test checks nothing")
	}
}
