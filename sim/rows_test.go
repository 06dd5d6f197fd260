package sim_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"strconv"
	"testing"

	"alliancesim/sim"
)

// runs.csv holds what every per-state survival curve of the summary needs: recomputed from its
// attack and censoring steps by hand (Kaplan–Meier, an event when the attack comes no later than
// the censoring, NA for never), the curve equals the summary's at every step, and a state never
// attacked has NA, not 0, for its attack and failure steps.
func TestRunsCSVRecomputesSurvival(t *testing.T) {
	spec := scenarioSpec(t, "ukraine-budapest")
	spec.Runs = 600
	var rows bytes.Buffer
	res, err := sim.Ensemble(context.Background(), spec, sim.Options{Workers: 2, Rows: &rows})
	if err != nil {
		t.Fatal(err)
	}
	sum := sim.Summarize(spec, res.Acc)
	table, err := csv.NewReader(&rows).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range table[0] {
		col[name] = i
	}
	step := func(row []string, name string) int {
		v := row[col[name]]
		if v == "NA" {
			return 0
		}
		k, err := strconv.Atoi(v)
		if err != nil || k <= 0 {
			t.Fatalf("%s = %q: want NA or a step from 1", name, v)
		}
		return k
	}
	for k, st := range spec.States {
		events := make([]int, spec.Steps+1)
		censored := make([]int, spec.Steps+1)
		for _, row := range table[1:] {
			a, c := step(row, st.Name+"_attack_step"), step(row, st.Name+"_censor_step")
			attacked := row[col[st.Name+"_attacked"]] == "1"
			if attacked != (a > 0) {
				t.Fatalf("%s: attacked %v with attack step %q", st.Name, attacked, row[col[st.Name+"_attack_step"]])
			}
			switch {
			case a > 0 && (c == 0 || a <= c):
				events[a]++
			case c > 0:
				censored[c]++
			default:
				censored[spec.Steps]++
			}
		}
		s, atRisk := 1.0, len(table)-1
		got := sum.PerState[k].AttackSurvival
		for i, pt := range got {
			if pt.Step != i+1 && pt.Step != i {
				continue
			}
			if d := events[pt.Step]; atRisk > 0 && pt.Step > 0 {
				s *= 1 - float64(d)/float64(atRisk)
				atRisk -= d + censored[pt.Step]
			}
			if math.Abs(pt.S-s) > 1e-12 {
				t.Fatalf("%s: S(%d) from runs.csv %.6f, summary %.6f", st.Name, pt.Step, s, pt.S)
			}
		}
	}
}
