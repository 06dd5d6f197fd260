package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// exploreGrown reads the checkpoints of the precision record in dir/explore.json.
func exploreGrown(t *testing.T, dir string) []int {
	t.Helper()
	var res struct {
		Precision struct{ Checkpoints []int }
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "explore.json"))), &res); err != nil {
		t.Fatal(err)
	}
	return res.Precision.Checkpoints
}

// An exploration grown to a precision, sharded stage by stage and merged, gives the outputs of
// the unsharded explore --precision byte for byte, for 1, 2 and 3 shards (the third with no
// design point) and 1 and 2 workers; the shards of the stages the rule does not need do
// nothing, and the last stage, of the replicates, runs whatever the rule reached.
func TestExploreShardPrecisionIdentical(t *testing.T) {
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
	// Checkpoints 256, 512, 1024: four stages with the replicates'.
	for _, tc := range []struct {
		name, target string
		want         []int // the checkpoints the unsharded exploration measures
	}{
		{"stops early", "0.05", []int{256, 512}},
		{"capped", "0.001", []int{256, 512, 1024}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			flags := append(slices.Clone(exploreCmd), "--precision", tc.target, "--max-runs", "1024")
			full := filepath.Join(tc.name, "full")
			run(append(flags, "--out", full, "--workers", "1")...)
			if got := exploreGrown(t, filepath.Join(dir, full)); !slices.Equal(got, tc.want) {
				t.Fatalf("the unsharded exploration measured %v, the test wants %v", got, tc.want)
			}
			for n := 1; n <= 3; n++ {
				parts := filepath.Join(tc.name, fmt.Sprint("parts", n))
				workers := fmt.Sprint(1 + n%2)
				for s := range 4 {
					for k := n - 1; k >= 0; k-- { // in any order within a stage
						r := run(append(flags, "--shard", fmt.Sprintf("%d/%d", k, n), "--stage", fmt.Sprint(s), "--out", parts, "--workers", workers)...)
						if needed := s < len(tc.want) || s == 3; needed == strings.Contains(r.stderr, "is not needed") {
							t.Errorf("%d shards, stage %d: needed %v, but the shard said: %s", n, s, needed, r.stderr)
						}
					}
				}
				merged := filepath.Join(tc.name, fmt.Sprint("merged", n))
				run("merge", parts, "--out", merged)
				sameOutputs(t, dir, full, merged, fmt.Sprintf("%d shards of the stages merged, %s workers", n, workers))
			}
		})
	}
}

// A shard of an exploration's stage refuses to guess: it needs the stages before it, complete;
// merge names the stage missing; --stage goes with --precision and --shard, not --resume.
func TestExploreShardPrecisionErrors(t *testing.T) {
	dir := t.TempDir()
	writeWorld(t, dir)
	flags := append(slices.Clone(exploreCmd), "--precision", "0.001", "--max-runs", "1024", "--out", "p")
	with := func(more ...string) []string { return append(slices.Clone(flags), more...) }
	if r := alliancesim(t, dir, with("--shard", "0/2", "--stage", "0")...); r.code != 0 {
		t.Fatalf("stage 0: %s", r.stderr)
	}
	for _, test := range []struct {
		args []string
		want string
	}{
		{with("--shard", "1/2", "--stage", "1"), "stage 0 (explore-part-K-of-2-stage-0): missing shard(s): explore-part-1-of-2"},
		{with("--shard", "1/2"), "--precision with --shard needs --stage S: the stages of the rule, 0 to 2, then stage 3 for the replicates"},
		{with("--shard", "1/2", "--stage", "4"), `--stage "4": allowed 0 to 3 (the rule's checkpoints are 256, 512, 1024 runs; stage 3 runs the replicates)`},
		{with("--shard", "1/2", "--stage", "1", "--resume"), "--precision with --resume"},
		{append(slices.Clone(exploreCmd), "--shard", "1/2", "--stage", "0"), "--stage is for the shards of an exploration grown to a precision"},
		{with("--stage", "0"), "--stage is for the shards of an exploration grown to a precision"},
		{with("--shard", "0/3", "--stage", "1"), "is of another exploration, number of shards or precision rule"},
		{with("--shard", "0/2", "--stage", "1", "--max-runs", "2000"), "is of another exploration, number of shards or precision rule"},
		{[]string{"merge", "p", "--out", "m"}, "without its last stage, 3"},
	} {
		refuses(t, dir, test.want, test.args...)
	}
	// With stage 0 complete, the last stage still refuses: the rule needs stage 1 first, and
	// merge wants the last stage.
	if r := alliancesim(t, dir, with("--shard", "1/2", "--stage", "0")...); r.code != 0 {
		t.Fatalf("stage 0: %s", r.stderr)
	}
	r := alliancesim(t, dir, with("--shard", "0/2", "--stage", "3")...)
	if r.code == 0 || !strings.Contains(r.stderr, "the rule needs stage 1 (512 runs), whose parts are not in p") {
		t.Errorf("stage 3 before stage 1: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "p", "explore-part-0-of-2.json")); err == nil {
		t.Error("a refused last stage wrote its part")
	}
	r = alliancesim(t, dir, "merge", "p", "--out", "m")
	if r.code == 0 || !strings.Contains(r.stderr, "without its last stage, 3") {
		t.Errorf("merge without the last stage: exit %d: %s", r.code, r.stderr)
	}
	// The stages of two rules, or the last stage of another rule, are refused.
	other := append(slices.Clone(exploreCmd), "--precision", "0.05", "--max-runs", "1024", "--out", "q", "--shard", "0/1")
	for s := range 4 {
		if r := alliancesim(t, dir, append(slices.Clone(other), "--stage", fmt.Sprint(s))...); r.code != 0 {
			t.Fatalf("stage %d of another rule: %s", s, r.stderr)
		}
	}
	for _, name := range []string{"explore-part-0-of-2-stage-0.json", "explore-part-1-of-2-stage-0.json"} {
		if err := os.WriteFile(filepath.Join(dir, "q", name), []byte(readFile(t, filepath.Join(dir, "p", name))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r = alliancesim(t, dir, "merge", "q", "--out", "m")
	if r.code == 0 || !strings.Contains(r.stderr, "explore-part-0-of-2-stage-0.json: made with --precision 0.001") {
		t.Errorf("merge of the stages of two rules: exit %d: %s", r.code, r.stderr)
	}
	r = alliancesim(t, dir, "merge", filepath.Join("q", "explore-part-0-of-1.json"), filepath.Join("p", "explore-part-0-of-2-stage-0.json"), "--out", "m")
	if r.code == 0 || !strings.Contains(r.stderr, "the last stage of an exploration made with --precision 0.05") {
		t.Errorf("merge of another rule's last stage: exit %d: %s", r.code, r.stderr)
	}
}

// slurm --precision -- explore ... writes a shards script submitted once per stage, the
// replicates' last; run by hand, stage after stage, then the merge, they give the bytes of the
// unsharded explore --precision.
func TestSlurmExplorePrecisionByHand(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	writeWorld(t, dir)
	flags := exploreCmd[1 : len(exploreCmd)-1] // world.toml and its flags, without --quiet
	rule := []string{"--precision", "0.05", "--max-runs", "1024"}
	r := alliancesim(t, dir, append(append(append([]string{"slurm", "--shards", "2", "--out", "sl"}, rule...), "--", "explore"), flags...)...)
	if r.code != 0 {
		t.Fatalf("slurm --precision -- explore: exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "Submit the 4 stages") || !strings.Contains(r.stdout, "shards.sbatch 3)") {
		t.Errorf("the submit commands do not chain the 4 stages:\n%s", r.stdout)
	}
	script := func(name string, args []string, env ...string) {
		t.Helper()
		cmd := exec.Command(bash, append([]string{filepath.Join(dir, "sl", name)}, args...)...)
		cmd.Dir = t.TempDir() // the scripts must not depend on where they start
		cmd.Env = append(os.Environ(), append([]string{"ALLIANCESIM_AS_MAIN=1"}, env...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v %v: %v\n%s", name, args, env, err, out)
		}
	}
	for s := range 4 {
		for _, k := range []string{"1", "0"} {
			script("shards.sbatch", []string{fmt.Sprint(s)}, "SLURM_ARRAY_TASK_ID="+k, "SLURM_ARRAY_TASK_COUNT=2")
		}
	}
	script("merge.sbatch", nil)
	if r := alliancesim(t, dir, append(append(slices.Clone(exploreCmd), rule...), "--out", "whole")...); r.code != 0 {
		t.Fatalf("explore --precision: exit %d: %s", r.code, r.stderr)
	}
	sameOutputs(t, dir, "whole", "sl", "the Slurm stages' exploration")
	r = alliancesim(t, dir, append([]string{"slurm", "--shards", "2", "--out", "x", "--", "explore"}, append(slices.Clone(flags), rule...)...)...)
	if r.code != 2 || !strings.Contains(r.stderr, "explore --precision: give it to slurm, before --") {
		t.Errorf("--precision after explore: exit %d: %s", r.code, r.stderr)
	}
}
