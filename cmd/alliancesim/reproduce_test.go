package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// What a result file records is enough to make it again, byte for byte: the command-line axes
// of a sweep, the variants of a comparison, --set and --first-run included.
func TestReproduceIsByteIdentical(t *testing.T) {
	small := []string{"--runs", "40", "--steps", "8", "--quiet"}
	for _, tc := range []struct {
		name  string
		args  []string
		file  string
		files []string
	}{
		{"run", []string{"run", "--set", "model.gamma=2", "--seed", "9", "--first-run", "7", "--trajectories"}, "summary.json",
			[]string{"summary.json", "runs.csv", "survival.png", "outcomes.png", "trajectories.csv"}},
		{"run --precision", []string{"run", "--precision", "0.04", "--max-runs", "1000", "--precision-metric", "armed_failure"}, "summary.json",
			[]string{"summary.json", "runs.csv", "survival.png", "outcomes.png"}},
		{"sweep", []string{"sweep", "--param", "rep.init=0.3:0.9:3", "--values", "state.Germany.strategy=balance,buckpass", "--metric", "armed_failure,focus_economy_lost", "--rows"}, "sweep.json",
			[]string{"sweep.csv", "sweep.json", "heatmap.png", "sweep-runs.csv", "sweep-states.csv"}},
		{"compare", []string{"compare", "europe-2025", "strong:model.gamma=2,rep.init=0.8", "ukraine-nato", "--seed", "5"}, "compare.json",
			[]string{"compare.csv", "compare.json", "compare.png", "survival.png"}},
		{"sweep --precision", []string{"sweep", "--param", "rep.init=0.3:0.9:3", "--precision", "0.05", "--max-runs", "1000"}, "sweep.json",
			[]string{"sweep.csv", "sweep.json", "sweep.png"}},
		{"compare --precision", []string{"compare", "europe-2025", "ukraine-nato", "--precision", "0.05", "--max-runs", "1000"}, "compare.json",
			[]string{"compare.csv", "compare.json", "compare.png", "survival.png"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			r := alliancesim(t, dir, append(append(tc.args, small...), "--out", "a")...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			r = alliancesim(t, dir, "reproduce", filepath.Join("a", tc.file), "--out", "b", "--quiet", "--workers", "1")
			if r.code != 0 {
				t.Fatalf("reproduce: exit %d: %s\n%s", r.code, r.stderr, r.stdout)
			}
			for _, name := range tc.files {
				a, errA := os.ReadFile(filepath.Join(dir, "a", name))
				b, errB := os.ReadFile(filepath.Join(dir, "b", name))
				if errA != nil || errB != nil {
					t.Fatalf("%s: %v, %v", name, errA, errB)
				}
				if !bytes.Equal(a, b) {
					t.Errorf("%s: the reproduction differs", name)
				}
				if !strings.Contains(r.stdout, name) {
					t.Errorf("reproduce does not report on %s:\n%s", name, r.stdout)
				}
			}
			if strings.Contains(r.stdout, "DIFFERS") {
				t.Errorf("reproduce reports a difference:\n%s", r.stdout)
			}
		})
	}
}

// A result whose recorded config was changed is not reproduced, and reproduce says which
// files differ.
func TestReproduceNamesWhatDiffers(t *testing.T) {
	dir := t.TempDir()
	if r := alliancesim(t, dir, "run", "--runs", "40", "--steps", "8", "--seed", "3", "--quiet", "--out", "a"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	path := filepath.Join(dir, "a", "summary.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(b, []byte(`seed = 3\n`), []byte(`seed = 4\n`), 1)
	if bytes.Equal(edited, b) {
		t.Fatal("summary.json's config does not hold seed = 3")
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	r := alliancesim(t, dir, "reproduce", path, "--out", "b", "--quiet")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	for _, name := range []string{"summary.json", "runs.csv"} {
		if !strings.Contains(r.stdout, name+"  DIFFERS") && !strings.Contains(r.stderr, name) {
			t.Errorf("reproduce does not name %s as differing:\n%s\n%s", name, r.stdout, r.stderr)
		}
	}
}

// provenance.json records the command line, the build and the checksums of the results it
// describes; the results and the manifest do not change with it.
func TestProvenanceSidecar(t *testing.T) {
	dir := t.TempDir()
	args := []string{"run", "--runs", "30", "--steps", "6", "--quiet", "--out", "a"}
	if r := alliancesim(t, dir, args...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "a", runInfoName))
	if err != nil {
		t.Fatal(err)
	}
	var info runInfo
	if err := decodeStrict(b, &info); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(info.CommandLine, " "), "alliancesim "+strings.Join(args, " "); got != want {
		t.Errorf("command line %q, want %q", got, want)
	}
	if info.Version != version || info.Kind != "run" || info.GoVersion == "" || info.Started == "" || info.Finished < info.Started {
		t.Errorf("provenance.json: %+v", info)
	}
	man, err := os.ReadFile(filepath.Join(dir, "a", manifestName))
	if err != nil {
		t.Fatal(err)
	}
	m, err := parseManifest(man)
	if err != nil {
		t.Fatal(err)
	}
	gotFiles, _ := json.Marshal(info.Files)
	wantFiles, _ := json.Marshal(m.Files)
	if !bytes.Equal(gotFiles, wantFiles) {
		t.Errorf("provenance.json lists %s, the manifest %s", gotFiles, wantFiles)
	}
	if bytes.Contains(man, []byte(runInfoName)) {
		t.Error("the manifest lists provenance.json, which differs between identical runs")
	}
}
