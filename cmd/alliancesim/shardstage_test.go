package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A run grown to a precision, sharded stage by stage and merged, gives the files of the
// unsharded run --precision byte for byte (the precision record in summary.json included), for
// 1, 2 and 3 shards and 1 and 2 workers; the shards of stages the rule does not need do nothing.
func TestShardPrecisionMergeIdentical(t *testing.T) {
	dir := t.TempDir()
	run := func(t *testing.T, args ...string) result {
		t.Helper()
		r := alliancesim(t, dir, args...)
		if r.code != 0 {
			t.Fatalf("alliancesim %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
		return r
	}
	for _, tc := range []struct {
		name  string
		flags []string
		// stages is how many the rule may run (len of the checkpoints), want those it needs.
		stages, want int
	}{
		// The default metric's half-width is about 0.024 at 512 runs: projected to 1024 it
		// meets 0.02, so the rule stops at 1024, the third checkpoint of five.
		{"stops early", []string{"--runs", "256", "--precision", "0.02", "--max-runs", "3000"}, 5, 3},
		// Capped at 700 runs, not a whole number of chunks: the last stage ends inside one.
		{"capped", []string{"--runs", "200", "--precision", "0.001", "--max-runs", "700"}, 3, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			flags := append([]string{"run", "--steps", "10", "--quiet"}, tc.flags...)
			full := filepath.Join(tc.name, "full")
			run(t, append(flags, "--out", full, "--workers", "1")...)
			var rec struct {
				Precision precisionRecord `json:"precision"`
			}
			if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, full, "summary.json"))), &rec); err != nil {
				t.Fatal(err)
			}
			if got := len(rec.Precision.Checkpoints); got != tc.want {
				t.Fatalf("the unsharded run measured %v; the test wants %d checkpoints", rec.Precision.Checkpoints, tc.want)
			}
			for n := 1; n <= 3; n++ {
				parts := filepath.Join(tc.name, fmt.Sprint("parts", n))
				workers := fmt.Sprint(1 + n%2)
				for s := range tc.stages {
					for k := n - 1; k >= 0; k-- { // in any order within a stage
						r := run(t, append(flags, "--shard", fmt.Sprintf("%d/%d", k, n), "--stage", fmt.Sprint(s), "--out", parts, "--workers", workers)...)
						if needed := s < tc.want; needed == strings.Contains(r.stderr, "is not needed") {
							t.Errorf("%d shards, stage %d: needed %v, but the shard said: %s", n, s, needed, r.stderr)
						}
					}
				}
				merged := filepath.Join(tc.name, fmt.Sprint("merged", n))
				run(t, "merge", filepath.Join(dir, parts), "--out", merged)
				for _, name := range []string{"summary.json", "runs.csv", "states.csv", "survival.png", "outcomes.png"} {
					if a, b := readFile(t, filepath.Join(dir, full, name)), readFile(t, filepath.Join(dir, merged, name)); a != b {
						t.Errorf("%d shards, %s workers: %s of the merged stages differs from the unsharded run's", n, workers, name)
					}
				}
				files, _ := filepath.Glob(filepath.Join(dir, parts, "*.json"))
				if len(files) != n*tc.want {
					t.Errorf("%d shards: %d parts, want %d (%d stages needed)", n, len(files), n*tc.want, tc.want)
				}
			}
		})
	}
}

// A comparison or a sweep grown to a precision, sharded stage by stage and merged, gives the
// outputs of the unsharded command byte for byte: every option or grid point grown to the same
// runs, the paired differences from the stages' outcomes put back in run order.
func TestGrowTogetherShardMergeIdentical(t *testing.T) {
	for _, tc := range []struct {
		cmd   string
		args  []string
		files []string
	}{
		{"compare", []string{"ukraine-agreements", "ukraine-nato", "--metric", "focus_armed_attacked,deterrence_failure"},
			[]string{"compare.json", "compare.csv", "compare-long.csv", "compare.png", "survival.png"}},
		{"sweep", []string{"--param", "rep.init=0.3:0.9:3", "--metric", "armed_failure,deterrence_failure"},
			[]string{"sweep.json", "sweep.csv", "sweep-long.csv", "sweep.png"}},
	} {
		t.Run(tc.cmd, func(t *testing.T) {
			dir := t.TempDir()
			run := func(args ...string) result {
				t.Helper()
				r := alliancesim(t, dir, args...)
				if r.code != 0 {
					t.Fatalf("alliancesim %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
				}
				return r
			}
			// Checkpoints 256, 512, 1024, 2048, 3000, of which the rule needs three.
			flags := append(append([]string{tc.cmd}, tc.args...), "--steps", "10", "--runs", "256", "--precision", "0.02", "--max-runs", "3000", "--quiet")
			run(append(flags, "--out", "full", "--workers", "1")...)
			if got := readFile(t, filepath.Join(dir, "full", tc.files[0])); !strings.Contains(got, `"checkpoints": [
      256,
      512,
      1024
    ]`) {
				t.Fatal("the unsharded command did not stop at 1024 runs: the test no longer tests what it says")
			}
			for n := 1; n <= 3; n++ {
				parts, workers := fmt.Sprint("parts", n), fmt.Sprint(1+n%2)
				for s := range 5 {
					for k := range n {
						r := run(append(flags, "--shard", fmt.Sprintf("%d/%d", k, n), "--stage", fmt.Sprint(s), "--out", parts, "--workers", workers)...)
						if needed := s < 3; needed == strings.Contains(r.stderr, "is not needed") {
							t.Errorf("%d shards, stage %d: needed %v, but the shard said: %s", n, s, needed, r.stderr)
						}
					}
				}
				merged := fmt.Sprint("merged", n)
				run("merge", parts, "--out", merged)
				for _, name := range tc.files {
					if a, b := readFile(t, filepath.Join(dir, "full", name)), readFile(t, filepath.Join(dir, merged, name)); a != b {
						t.Errorf("%d shards, %s workers: %s of the merged stages differs from the unsharded one's", n, workers, name)
					}
				}
			}
			// Stage 1 refuses before stage 0 is complete, and merge names the missing stage.
			r := alliancesim(t, dir, append(flags, "--shard", "0/2", "--stage", "1", "--out", "early")...)
			if r.code == 0 || !strings.Contains(r.stderr, "the rule needs stage 0 (256 runs)") {
				t.Errorf("stage 1 first: exit %d: %s", r.code, r.stderr)
			}
			run(append(flags, "--shard", "0/1", "--stage", "0", "--out", "short")...)
			r = alliancesim(t, dir, "merge", "short", "--out", "m")
			if r.code == 0 || !strings.Contains(r.stderr, "the rule asks for stage 1 (512 runs") {
				t.Errorf("merge of stage 0 alone: exit %d: %s", r.code, r.stderr)
			}
		})
	}
}

// A shard of a stage refuses to guess: it needs the stages before it, complete; merge names
// what is missing; --stage goes with --precision and --shard only.
func TestShardPrecisionErrors(t *testing.T) {
	dir := t.TempDir()
	flags := []string{"run", "--steps", "5", "--runs", "256", "--precision", "0.001", "--max-runs", "1024", "--quiet", "--out", "p"}
	with := func(more ...string) []string { return append(slices.Clone(flags), more...) }
	if r := alliancesim(t, dir, with("--shard", "0/2", "--stage", "0")...); r.code != 0 {
		t.Fatalf("stage 0: %s", r.stderr)
	}
	for _, test := range []struct {
		args []string
		want string
	}{
		{with("--shard", "1/2", "--stage", "1"), "stage 0 (part-K-of-2-stage-0): missing shard(s): part-1-of-2"},
		{with("--shard", "1/2"), "--precision with --shard needs --stage S: the stages of the rule, 0 to 2"},
		{with("--shard", "1/2", "--stage", "3"), `--stage "3": allowed 0 to 2 (the rule's checkpoints are 256, 512, 1024 runs)`},
		{[]string{"run", "--shard", "1/2", "--stage", "0"}, "--stage is for the shards of a run grown to a precision"},
		{[]string{"run", "--precision", "0.01", "--stage", "0"}, "--stage is for the shards of a run grown to a precision"},
		{[]string{"merge", "p", "--out", "m"}, "stage 0 (part-K-of-2-stage-0): missing shard(s): part-1-of-2"},
		{with("--shard", "0/3", "--stage", "1"), "is a shard of 2, this of 3"},
		{with("--shard", "0/2", "--stage", "1", "--max-runs", "2000"), "another --precision, --precision-metric or --max-runs"},
	} {
		refuses(t, dir, test.want, test.args...)
	}
	// With stage 0 complete, a shard of stage 2 still refuses: the rule needs stage 1 first.
	if r := alliancesim(t, dir, with("--shard", "1/2", "--stage", "0")...); r.code != 0 {
		t.Fatalf("stage 0: %s", r.stderr)
	}
	r := alliancesim(t, dir, with("--shard", "0/2", "--stage", "2")...)
	if r.code == 0 || !strings.Contains(r.stderr, "the rule needs stage 1 (512 runs), whose parts are not in p") {
		t.Errorf("stage 2 before stage 1: exit %d: %s", r.code, r.stderr)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "p", "part-0-of-2-stage-2.json")); err == nil || bytes.Contains(b, []byte("stage")) {
		t.Error("a refused stage wrote its part")
	}
	r = alliancesim(t, dir, "merge", "p", "--out", "m")
	if r.code == 0 || !strings.Contains(r.stderr, "the rule asks for stage 1 (512 runs") {
		t.Errorf("merge without stage 1: exit %d: %s", r.code, r.stderr)
	}
}
