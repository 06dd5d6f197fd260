package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// exploreWorld is a small world for explore's tests: Russia's claim on Ukraine drives the
// outcome, and kind.alliance.aid provably does nothing, for no guarantee is an alliance and
// no state forms one.
const exploreWorld = `[simulation]
name = "tiny"
runs = 100
steps = 10
focus = "Ukraine"

[model]
formation = false

[[state]]
name = "Russia"
economy = 2.16
burden = 0.071
position = [37.62, 55.76]
nuclear = true
claims = { Ukraine = 0.8 }

[[state]]
name = "Ukraine"
economy = 0.19
burden = 0.34
position = [30.52, 50.45]

[[state]]
name = "United Kingdom"
economy = 3.64
burden = 0.0233
position = [-0.13, 51.51]

[[guarantee]]
name = "G7"
kind = "agreement"
guarantors = ["United Kingdom"]
proteges = ["Ukraine"]

[[factor]]
path = "state.Russia.claims.Ukraine"
name = "claim"
min = 0.1
max = 1.0

[[factor]]
path = "kind.alliance.aid"
name = "null"
min = 0
max = 0.5
`

// exploreCmd runs a Sobol' design of 8 base samples (32 points and 4 replicates, three
// blocks) of two options: the world, and a variant of it with more aid.
var exploreCmd = []string{"explore", "world.toml", "--options", "world.toml,aided:kind.agreement.aid=0.2",
	"--design", "sobol", "--samples", "8", "--runs", "64", "--metric", "focus_attacked",
	"--threshold", "focus_attacked<0.3", "--discover", "focus_attacked>0.3", "--resamples", "50", "--quiet"}

func writeWorld(t *testing.T, dir string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "world.toml"), []byte(exploreWorld), 0o644); err != nil {
		t.Fatal(err)
	}
}

// exploreOutputs are the files compared byte for byte.
var exploreOutputs = []string{"explore.json", "points.csv", "indices.csv", "prim.csv", "robustness.csv", "datapackage.json",
	"sensitivity.png", "prim.png", "robust.png", "manifest.json"}

func sameOutputs(t *testing.T, dir, a, b, what string) {
	t.Helper()
	for _, name := range exploreOutputs {
		x, err := os.ReadFile(filepath.Join(dir, a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(dir, b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s: %s differs from %s", name, what, a)
		}
	}
}

// An exploration is byte-identical for 1 and 2 workers and for 3 shards merged; a factor that
// does nothing has Sobol' indices of 0, the factor that matters does not; and every option and
// design point runs the same seeds.
func TestExploreIdentical(t *testing.T) {
	dir := t.TempDir()
	writeWorld(t, dir)
	run := func(args ...string) result {
		t.Helper()
		r := alliancesim(t, dir, args...)
		if r.code != 0 {
			t.Fatalf("alliancesim %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
		return r
	}
	run(append(exploreCmd, "--workers", "1", "--out", "w1")...)
	run(append(exploreCmd, "--workers", "2", "--out", "w2")...)
	for _, k := range []string{"2/3", "0/3", "1/3"} {
		run(append(exploreCmd, "--shard", k, "--out", "parts")...)
	}
	if r := alliancesim(t, dir, "merge", "parts/explore-part-0-of-3.json", "parts/explore-part-2-of-3.json", "--out", "m"); r.code != 1 ||
		!strings.Contains(r.stderr, "missing shard(s): explore-part-1-of-3") {
		t.Errorf("merge without shard 1: exit %d: %s", r.code, r.stderr)
	}
	run("merge", "parts", "--out", "merged")
	checkDataPackage(t, filepath.Join(dir, "w1"))
	holdsToSchema(t, filepath.Join(dir, "w1", "explore.json"), "explore")
	// plot redraws the charts from explore.json alone: at explore's size, the same bytes.
	run("plot", filepath.Join("w1", "explore.json"), "--width", "17.5cm", "--height", "8cm", "--out", "p")
	for _, name := range []string{"sensitivity", "prim", "robust"} {
		a, _ := os.ReadFile(filepath.Join(dir, "w1", name+".png"))
		b, _ := os.ReadFile(filepath.Join(dir, "p", "w1-"+name+".png"))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s.png: plot's differs from explore's", name)
		}
	}
	run("plot", filepath.Join("w1", "explore.json"), "--format", "pdf", "--out", "p")
	sameOutputs(t, dir, "w1", "w2", "2 workers")
	sameOutputs(t, dir, "w1", "merged", "3 shards merged")
	// reproduce runs again what explore.json records, and finds every file identical.
	if r := run("reproduce", filepath.Join("w1", "explore.json"), "--out", "again", "--quiet"); strings.Count(r.stdout, "identical\n") != len(exploreOutputs)-1 {
		t.Errorf("reproduce:\n%s", r.stdout)
	}

	var res struct {
		Factors []struct{ Name string }
		Values  [][]float64
		// Outcomes[o][p][m]
		Outcomes [][][]struct {
			P float64 `json:"estimate"`
		}
		Replicated [][][]struct {
			P float64 `json:"estimate"`
		} `json:"replicate_outcomes"`
		Replicates []int
		Results    []struct {
			Option string
			Sobol  struct {
				S1, ST []float64
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "w1", "explore.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Values) != 32 || len(res.Replicates) != 4 || len(res.Results) != 2 {
		t.Fatalf("%d points, %d replicates, %d options; want 32, 4, 2", len(res.Values), len(res.Replicates), len(res.Results))
	}
	for _, o := range res.Results {
		// With the same seeds at every point, a factor that changes nothing changes no run: its
		// indices are 0 exactly, not merely within noise.
		if s1, st := o.Sobol.S1[1], o.Sobol.ST[1]; math.Abs(s1) > 1e-12 || math.Abs(st) > 1e-12 {
			t.Errorf("%s: the null factor has S1 %g, ST %g; want 0", o.Option, s1, st)
		}
		if st := o.Sobol.ST[0]; !(st > 0.2) {
			t.Errorf("%s: Russia's claim has ST %g; want a large share of the variance", o.Option, st)
		}
	}
	// The outcomes were read: they vary over the design, so the comparisons below can fail.
	if res.Outcomes[0][0][0].P == res.Outcomes[0][1][0].P && res.Outcomes[0][0][0].P == res.Outcomes[0][3][0].P {
		t.Fatalf("rows A, AB^claim and B give one outcome %g: explore.json's outcomes were not read", res.Outcomes[0][0][0].P)
	}
	// Common random numbers: points that differ only in the null factor have identical
	// outcomes, in every option; Saltelli's rows A and AB^null (rows 0 and 2 of each block of
	// K+2 = 4) are such points.
	for o := range res.Outcomes {
		for j := 0; j < 32; j += 4 {
			if a, ab := res.Outcomes[o][j][0].P, res.Outcomes[o][j+2][0].P; a != ab {
				t.Errorf("option %d, base row %d: %g at A, %g at AB^null", o, j/4, a, ab)
			}
		}
	}
	// A replicate runs other seeds than its design point: somewhere they differ.
	differ := false
	for j, p := range res.Replicates {
		differ = differ || res.Replicated[0][j][0].P != res.Outcomes[0][p][0].P
	}
	if !differ {
		t.Error("every replicate equals its design point: the replicates do not run other seeds")
	}
}

// An exploration that lost blocks resumes from those it kept, without recomputing them, and
// ends byte-identical to an uninterrupted one.
func TestExploreResume(t *testing.T) {
	dir := t.TempDir()
	writeWorld(t, dir)
	args := append(exploreCmd, "--out", "x")
	if r := alliancesim(t, dir, args...); r.code != 0 {
		t.Fatalf("explore: exit %d: %s", r.code, r.stderr)
	}
	if err := os.CopyFS(filepath.Join(dir, "whole"), os.DirFS(filepath.Join(dir, "x"))); err != nil {
		t.Fatal(err)
	}
	// As if interrupted during block 1: its file and the results are missing.
	for _, name := range []string{"points/block-00001.json", "explore.json"} {
		if err := os.Remove(filepath.Join(dir, "x", name)); err != nil {
			t.Fatal(err)
		}
	}
	kept := filepath.Join(dir, "x", "points", "block-00000.json")
	old := time.Unix(1, 0)
	if err := os.Chtimes(kept, old, old); err != nil {
		t.Fatal(err)
	}
	if r := alliancesim(t, dir, append(args, "--resume")...); r.code != 0 {
		t.Fatalf("resume: exit %d: %s", r.code, r.stderr)
	}
	sameOutputs(t, dir, "whole", "x", "the resumed exploration")
	if st, err := os.Stat(kept); err != nil || !st.ModTime().Equal(old) {
		t.Errorf("resume rewrote a block it had: %v", err)
	}
	// Another plan refuses the blocks.
	r := alliancesim(t, dir, append(append([]string{}, exploreCmd...), "--samples", "4", "--out", "x", "--resume")...)
	if r.code != 1 || !strings.Contains(r.stderr, "different exploration") {
		t.Errorf("resume with another design: exit %d: %s", r.code, r.stderr)
	}
}

func TestExploreErrors(t *testing.T) {
	dir := t.TempDir()
	writeWorld(t, dir)
	for _, test := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"world.toml", "--design", "grid"}, 2, `--design "grid" (allowed: lhs, sobol, morris)`},
		{[]string{"world.toml", "--discover", "focus_attacked=0.2"}, 2, "want METRIC>X or METRIC<X"},
		{[]string{"world.toml", "--threshold", "nope<0.2"}, 2, `unknown metric "nope"`},
		{[]string{"world.toml", "--design", "morris", "--levels", "3"}, 2, "--levels 3: allowed an even number"},
		{[]string{"world.toml", "--second-order"}, 2, "--second-order is for --design sobol"},
		{[]string{"world.toml", "--samples", "1"}, 2, "--samples 1: allowed 2 to"},
		{[]string{"world.toml", "--replicates", "100", "--samples", "10"}, 2, "--replicates 100: allowed 0 to the 10 design points"},
		{[]string{"europe-2025"}, 1, "has no factors to explore: add [[factor]] tables or [uncertainty] entries"},
		{[]string{"world.toml", "--options", "informal-ambiguity"}, 1, "option informal-ambiguity: factor claim:"},
		{[]string{"world.toml", "--options", "kind.treaty.aid=0.1"}, 2, "continues no variant"},
	} {
		r := alliancesim(t, dir, append([]string{"explore", "--samples", "4", "--runs", "10"}, test.args...)...)
		if r.code != test.code || !strings.Contains(r.stderr, test.want) {
			t.Errorf("explore %s: exit %d, want %d with %q:\n%s", strings.Join(test.args, " "), r.code, test.code, test.want, r.stderr)
		}
	}
}

// Grown to a precision, an exploration runs every point and option to the same runs, and its
// results are byte for byte those of the exploration at that fixed number of runs; it cannot
// be resumed, and a shard needs its stage (explorestage_test.go).
func TestExplorePrecision(t *testing.T) {
	dir := t.TempDir()
	writeWorld(t, dir)
	args := []string{"explore", "world.toml", "--design", "lhs", "--samples", "8", "--metric", "focus_attacked", "--quiet"}
	r := alliancesim(t, dir, append(args, "--runs", "100", "--precision", "0.05", "--out", "grown")...)
	if r.code != 0 {
		t.Fatalf("explore --precision: exit %d: %s", r.code, r.stderr)
	}
	var res struct {
		Precision struct {
			Runs        int
			Met         bool
			Checkpoints []int
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "grown", "explore.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	holdsToSchema(t, filepath.Join(dir, "grown", "explore.json"), "explore")
	if r := alliancesim(t, dir, "reproduce", filepath.Join("grown", "explore.json"), "--out", "again", "--quiet"); r.code != 0 {
		t.Errorf("reproduce of an exploration grown to a precision: exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	p := res.Precision
	if !p.Met || len(p.Checkpoints) < 2 || p.Checkpoints[0] != 256 || p.Runs != p.Checkpoints[len(p.Checkpoints)-1] {
		t.Fatalf("precision record %+v: want the target met, from 256 runs on", p)
	}
	if r := alliancesim(t, dir, append(args, "--runs", strconv.Itoa(p.Runs), "--out", "fixed")...); r.code != 0 {
		t.Fatalf("explore --runs %d: exit %d: %s", p.Runs, r.code, r.stderr)
	}
	for _, name := range []string{"points.csv", "indices.csv", "robustness.csv"} {
		x, _ := os.ReadFile(filepath.Join(dir, "grown", name))
		y, _ := os.ReadFile(filepath.Join(dir, "fixed", name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: --precision differs from --runs %d", name, p.Runs)
		}
	}
	for _, extra := range [][]string{{"--shard", "0/2"}, {"--resume"}} {
		r := alliancesim(t, dir, append(append(args, "--precision", "0.05", "--out", "x"), extra...)...)
		if r.code != 2 || !strings.Contains(r.stderr, "--precision with "+extra[0]) { // --shard: it needs --stage
			t.Errorf("--precision %s: exit %d: %s", extra[0], r.code, r.stderr)
		}
	}
}

// Morris screening gives a factor that changes nothing μ* = σ = 0 exactly (its steps change no
// run), and the factor that matters a positive μ*; a Latin hypercube runs too.
func TestExploreMorrisAndLHS(t *testing.T) {
	dir := t.TempDir()
	writeWorld(t, dir)
	r := alliancesim(t, dir, "explore", "world.toml", "--design", "morris", "--trajectories", "6", "--runs", "64",
		"--metric", "focus_attacked", "--out", "m", "--quiet")
	if r.code != 0 {
		t.Fatalf("explore --design morris: exit %d: %s", r.code, r.stderr)
	}
	var res struct {
		Points  [][]float64
		Results []struct {
			Morris struct {
				MuStar []float64 `json:"mu_star"`
				Sigma  []float64
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "m", "explore.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	holdsToSchema(t, filepath.Join(dir, "m", "explore.json"), "explore")
	m := res.Results[0].Morris
	if len(res.Points) != 6*3 || len(m.MuStar) != 2 {
		t.Fatalf("%d points and %d μ*; want 18 and 2", len(res.Points), len(m.MuStar))
	}
	if m.MuStar[1] != 0 || m.Sigma[1] != 0 || !(m.MuStar[0] > 0) {
		t.Errorf("μ* %v, σ %v: want the null factor's 0 and the claim's positive", m.MuStar, m.Sigma)
	}
	if _, err := os.Stat(filepath.Join(dir, "m", "morris.png")); err != nil {
		t.Error(err)
	}
	r = alliancesim(t, dir, "explore", "world.toml", "--design", "lhs", "--samples", "10", "--runs", "32", "--out", "l", "--quiet")
	if r.code != 0 || !strings.Contains(r.stdout, "across 10 design points (lhs)") {
		t.Errorf("explore --design lhs: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
}

// slurm -- explore ... writes scripts whose shards and merge, run by hand as Slurm would run
// them, give the bytes of the unsharded exploration.
func TestSlurmExplore(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	writeWorld(t, dir)
	flags := exploreCmd[1 : len(exploreCmd)-1] // world.toml and its flags, without --quiet
	r := alliancesim(t, dir, append([]string{"slurm", "--shards", "3", "--out", "sl", "--", "explore"}, flags...)...)
	if r.code != 0 {
		t.Fatalf("slurm -- explore: exit %d: %s", r.code, r.stderr)
	}
	script := func(name string, env ...string) {
		t.Helper()
		cmd := exec.Command(bash, filepath.Join(dir, "sl", name))
		cmd.Dir = t.TempDir() // the scripts must not depend on where they start
		cmd.Env = append(os.Environ(), append([]string{"ALLIANCESIM_AS_MAIN=1"}, env...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, env, err, out)
		}
	}
	for _, k := range []string{"1", "2", "0"} {
		script("shards.sbatch", "SLURM_ARRAY_TASK_ID="+k, "SLURM_ARRAY_TASK_COUNT=3")
	}
	script("merge.sbatch")
	if r := alliancesim(t, dir, append(exploreCmd, "--out", "whole")...); r.code != 0 {
		t.Fatalf("explore: exit %d: %s", r.code, r.stderr)
	}
	sameOutputs(t, dir, "whole", "sl", "the Slurm scripts' exploration")
	for _, test := range []struct {
		args []string
		want string
	}{
		{[]string{"--", "run"}, "after --, slurm takes an explore command line"},
		{[]string{"--runs", "10", "--", "explore", "world.toml"}, "--runs: with -- explore ..., give it after explore"},
		{[]string{"--", "explore", "world.toml", "--shard", "0/2"}, "explore --shard: slurm sets it"},
		{[]string{"--", "explore", "world.toml", "--design", "grid"}, `--design "grid"`},
	} {
		r := alliancesim(t, dir, append([]string{"slurm", "--shards", "2", "--out", "x"}, test.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, test.want) {
			t.Errorf("slurm %s: exit %d, want 2 with %q: %s", strings.Join(test.args, " "), r.code, test.want, r.stderr)
		}
	}
}
