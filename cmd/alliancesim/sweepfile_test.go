package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliancesim/config"
)

// writeScenario writes the default scenario, with extra appended, to dir/name.
func writeScenario(t *testing.T, dir, name, extra string) {
	t.Helper()
	f, err := config.Scenario(defaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.WriteTOML(&b, false); err != nil {
		t.Fatal(err)
	}
	b.WriteString(extra)
	if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readOut(t *testing.T, dir, out, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, out, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A config's [[sweep]] tables give the sweep of the equivalent --param and --values flags, byte
// for byte; flags on the command line replace them all; a run ignores them.
func TestSweepFromConfig(t *testing.T) {
	dir := t.TempDir()
	writeScenario(t, dir, "sweep.toml", `
[[sweep]]
path = "rep.init"
range = [0.3, 0.9]
n = 2

[[sweep]]
path = "state.Germany.strategy"
values = ["buckpass", "balance"]
`)
	r := alliancesim(t, dir, "sweep", "sweep.toml", "--runs", "256", "--out", "file", "--quiet")
	if r.code != 0 {
		t.Fatalf("sweep sweep.toml: exit %d: %s", r.code, r.stderr)
	}
	r = alliancesim(t, dir, "sweep", defaultScenario, "--param", "rep.init=0.3:0.9:2",
		"--values", "state.Germany.strategy=buckpass,balance", "--runs", "256", "--out", "flags", "--quiet")
	if r.code != 0 {
		t.Fatalf("sweep --param --values: exit %d: %s", r.code, r.stderr)
	}
	fileCSV, flagsCSV := readOut(t, dir, "file", "sweep.csv"), readOut(t, dir, "flags", "sweep.csv")
	if !bytes.Equal(fileCSV, flagsCSV) {
		t.Errorf("sweep.csv from [[sweep]]:\n%s\ndiffers from --param and --values:\n%s", fileCSV, flagsCSV)
	}
	if lines := strings.Split(strings.TrimSpace(string(fileCSV)), "\n"); len(lines) != 5 ||
		!strings.HasPrefix(lines[0], "rep.init,state.Germany.strategy,") || !strings.HasPrefix(lines[1], "0.3,buckpass,") {
		t.Errorf("sweep.csv of a 2x2 grid:\n%s", fileCSV)
	}
	if _, err := os.Stat(filepath.Join(dir, "file", "heatmap.png")); err != nil {
		t.Error(err)
	}
	var res struct {
		Config string `json:"config"`
		Axes   []struct {
			Path   string    `json:"path"`
			Values []float64 `json:"values"`
		} `json:"axes"`
	}
	if err := json.Unmarshal(readOut(t, dir, "file", "sweep.json"), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Axes) != 2 || res.Axes[0].Path != "rep.init" || !strings.Contains(res.Config, "[[sweep]]") {
		t.Errorf("sweep.json: axes %+v, config with [[sweep]]: %t", res.Axes, strings.Contains(res.Config, "[[sweep]]"))
	}

	// --param replaces both of the config's sweeps.
	r = alliancesim(t, dir, "sweep", "sweep.toml", "--param", "model.gamma=1:2:2", "--runs", "256", "--out", "override", "--quiet")
	if r.code != 0 {
		t.Fatalf("sweep sweep.toml --param: exit %d: %s", r.code, r.stderr)
	}
	csv := string(readOut(t, dir, "override", "sweep.csv"))
	if lines := strings.Split(strings.TrimSpace(csv), "\n"); len(lines) != 3 || !strings.HasPrefix(lines[0], "model.gamma,deterrence_failure,") {
		t.Errorf("sweep.csv of --param over the config's sweeps:\n%s", csv)
	}

	// A run ignores the sweeps.
	for _, args := range [][]string{{"run", "sweep.toml", "--out", "run-file"}, {"run", defaultScenario, "--out", "run-plain"}} {
		if r := alliancesim(t, dir, append(args, "--runs", "256", "--quiet")...); r.code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	if !bytes.Equal(readOut(t, dir, "run-file", "runs.csv"), readOut(t, dir, "run-plain", "runs.csv")) {
		t.Error("the sweeps of a config changed its run")
	}
}

// A sweep needs axes from the command line or the config; broken [[sweep]] tables are reported
// by file and line, by sweep and check alike.
func TestSweepFromConfigErrors(t *testing.T) {
	dir := t.TempDir()
	writeScenario(t, dir, "none.toml", "")
	writeScenario(t, dir, "bad.toml", "\n[[sweep]]\npath = \"rep.int\"\nrange = [0.3, 0.9]\nn = 7\n")
	for _, test := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"sweep", "none.toml"}, 2, "a sweep needs one or two axes (--param or --values, or the config's [[sweep]] tables), got 0"},
		{[]string{"sweep", "bad.toml"}, 1, `bad.toml:`},
		{[]string{"sweep", "bad.toml"}, 1, `: sweep[1].path: unknown path "rep.int" (did you mean "rep.init"?)`},
		{[]string{"check", "bad.toml"}, 1, `sweep[1].path: unknown path "rep.int"`},
		{[]string{"sweep", "--values", "rep.init=0.5,0.50"}, 1, `--values rep.init: "0.50" is listed twice`},
		{[]string{"sweep", "--values", "rep.init=" + strings.Repeat("1,", 1000) + "1"}, 1, "1001 values are too many (allowed: at most 1000)"},
		{[]string{"sweep", "--param", "rep.init=0:1:1001"}, 2, "N must be 1 to 1000"},
	} {
		r := alliancesim(t, dir, test.args...)
		if r.code != test.code || !strings.Contains(r.stderr, test.want) {
			t.Errorf("alliancesim %.80s: exit %d, stderr %q; want exit %d and %q", strings.Join(test.args, " "), r.code, r.stderr, test.code, test.want)
		}
	}
}

// The charts take the axes in any order: a descending range, choices listed out of their order.
func TestSweepChartsAnyOrder(t *testing.T) {
	dir := t.TempDir()
	writeScenario(t, dir, "down.toml", "\n[[sweep]]\npath = \"rep.init\"\nrange = [0.9, 0.3]\nn = 2\n")
	if r := alliancesim(t, dir, "sweep", "down.toml", "--runs", "256", "--out", "down", "--quiet"); r.code != 0 {
		t.Fatalf("a descending range: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "down", "sweep.png")); err != nil {
		t.Error(err)
	}
	csv := string(readOut(t, dir, "down", "sweep.csv"))
	if lines := strings.Split(csv, "\n"); len(lines) < 3 || !strings.HasPrefix(lines[1], "0.9,") || !strings.HasPrefix(lines[2], "0.3,") {
		t.Errorf("sweep.csv does not keep the order of the range:\n%s", csv)
	}
}
