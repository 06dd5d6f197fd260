package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Shards merged give outputs byte-identical to the unsharded run, and merge refuses what does
// not belong together, naming the culprit.
func TestShardMergeIdentical(t *testing.T) {
	dir := t.TempDir()
	run := func(args ...string) result {
		t.Helper()
		r := alliancesim(t, dir, args...)
		if r.code != 0 {
			t.Fatalf("alliancesim %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
		return r
	}
	run("run", "--runs", "700", "--out", "full")
	for _, k := range []string{"0/3", "2/3", "1/3"} {
		run("run", "--runs", "700", "--shard", k, "--out", "parts")
	}
	run("merge", "parts", "--out", "merged")
	for _, name := range []string{"summary.json", "runs.csv", "survival.png", "outcomes.png"} {
		a, err := os.ReadFile(filepath.Join(dir, "full", name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "merged", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: merged shards differ from the unsharded run", name)
		}
	}
	run("run", "--runs", "700", "--shard", "0/2", "--out", "two")
	run("run", "--runs", "700", "--shard", "1/3", "--seed", "5", "--out", "seed5")
	for _, test := range []struct {
		args []string
		want string
	}{
		{[]string{"merge", "parts/part-0-of-3.json", "parts/part-2-of-3.json"}, "missing shard(s): part-1-of-3"},
		{[]string{"merge", "parts/part-0-of-3.json", "parts/part-0-of-3.json"}, "given twice"},
		{[]string{"merge", "parts/part-0-of-3.json", "two/part-0-of-2.json"}, "two/part-0-of-2.json: shard 0 of 2"},
		{[]string{"merge", "parts/part-0-of-3.json", "seed5/part-1-of-3.json", "parts/part-2-of-3.json"}, "seed5/part-1-of-3.json: made with seed 5"},
		{[]string{"merge", "full/summary.json"}, "not a partial result"},
		{[]string{"run", "--shard", "3/3"}, "want K/N with 0 <= K < N"},
		{[]string{"run", "--shard", "slurm"}, "SLURM_ARRAY_TASK_ID"},
	} {
		refuses(t, dir, test.want, test.args...)
	}
}

// A sharded sweep merged is byte-identical to the sweep run whole.
func TestSweepShardMergeIdentical(t *testing.T) {
	dir := t.TempDir()
	sweep := []string{"sweep", "--param", "rep.init=0.2:0.8:3", "--runs", "600", "--quiet"}
	run := func(args ...string) {
		t.Helper()
		if r := alliancesim(t, dir, args...); r.code != 0 {
			t.Fatalf("alliancesim %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	run(append(sweep, "--out", "whole")...)
	for _, k := range []string{"1/2", "0/2"} {
		run(append(sweep, "--shard", k, "--out", "parts")...)
	}
	if r := alliancesim(t, dir, "merge", "parts/sweep-part-0-of-2.json"); r.code != 1 || !strings.Contains(r.stderr, "missing shard(s): sweep-part-1-of-2") {
		t.Errorf("merge of one shard of two: exit %d: %s", r.code, r.stderr)
	}
	run("merge", "parts", "--out", "merged")
	for _, name := range []string{"sweep.csv", "sweep.json", "sweep.png"} {
		a, _ := os.ReadFile(filepath.Join(dir, "whole", name))
		b, _ := os.ReadFile(filepath.Join(dir, "merged", name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: merged shards differ from the whole sweep", name)
		}
	}
}

// A sharded comparison merged is byte-identical to the comparison run whole.
func TestCompareShardMergeIdentical(t *testing.T) {
	dir := t.TempDir()
	cmp := []string{"compare", "ukraine-nato", "ukraine-porcupine", "no-aid:kind.agreement.aid=0", "--runs", "600", "--quiet"}
	run := func(args ...string) {
		t.Helper()
		if r := alliancesim(t, dir, args...); r.code != 0 {
			t.Fatalf("alliancesim %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	run(append(cmp, "--out", "whole")...)
	for _, k := range []string{"1/2", "0/2"} {
		run(append(cmp, "--shard", k, "--out", "parts")...)
	}
	if r := alliancesim(t, dir, "merge", "parts/compare-part-1-of-2.json"); r.code != 1 || !strings.Contains(r.stderr, "missing shard(s): compare-part-0-of-2") {
		t.Errorf("merge of one shard of two: exit %d: %s", r.code, r.stderr)
	}
	run("merge", "parts", "--out", "merged")
	for _, name := range []string{"compare.csv", "compare.json", "compare.png", "survival.png"} {
		a, _ := os.ReadFile(filepath.Join(dir, "whole", name))
		b, _ := os.ReadFile(filepath.Join(dir, "merged", name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: merged shards differ from the whole comparison", name)
		}
	}
}
