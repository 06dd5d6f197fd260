package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"alliancesim/agents"
)

// validate --calibration-set prints each headline at the default point beside its range over
// the set. A set whose members all hold the scenario's own decision parameters has a range of
// one point, the default point's estimate; a member with other parameters widens it.
func TestValidateCalibrationSet(t *testing.T) {
	dir := t.TempDir()
	p := agents.DefaultParams() // europe-2025 keeps the default decision parameters
	own := strings.Join([]string{f64(p.Model.S), f64(p.War.Cost), f64(p.Hybrid.Gain), f64(p.Model.RRef), "0.454,2.64,0.061,0.0055,0.4"}, ",")
	header := "# test set\nmodel.s,war.cost,hybrid.gain,model.r_ref,beta.a,beta.b,dispute,war,concentration\n"
	for _, test := range []struct {
		name    string
		members []string
		point   bool // every range is the default point's estimate
	}{
		{"own parameters", []string{own, own}, true},
		{"other parameters", []string{own, "0.09,0.8,0.3,0.2,0.3,5.6,0.061,0.0055,0.4"}, false},
	} {
		file := filepath.Join(dir, strings.ReplaceAll(test.name, " ", "-")+".csv")
		if err := os.WriteFile(file, []byte(header+strings.Join(test.members, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := alliancesim(t, dir, "validate", "--calibration-set", "--set-file", file, "--set-runs", "60", "--workers", "2")
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", test.name, r.code, r.stderr)
		}
		lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
		var rows [][]string
		for _, l := range lines {
			if strings.HasPrefix(l, "P(") || strings.HasPrefix(l, "Ukraine:") {
				rows = append(rows, strings.Fields(l))
			}
		}
		if len(rows) != 5 || !strings.Contains(r.stdout, "2 members of the calibration set") {
			t.Fatalf("%s: want 5 headline rows for 2 members:\n%s", test.name, r.stdout)
		}
		same := true
		for _, f := range rows {
			point, span, median := f[len(f)-5], f[len(f)-2], f[len(f)-1]
			same = same && span == point+"–"+point && median == point
		}
		if same != test.point {
			t.Errorf("%s: every range is the default point's estimate: %v, want %v\n%s", test.name, same, test.point, r.stdout)
		}
	}
	if r := alliancesim(t, dir, "validate", "--calibration-set", "--set-runs", "0"); r.code == 0 {
		t.Error("--set-runs 0 accepted")
	}
}

func f64(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
