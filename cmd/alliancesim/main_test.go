package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// binary is the program the end-to-end tests run.
var binary string

// TestMain lets the test binary play the alliancesim command, so that end-to-end tests run the
// real program, exit codes and all. Under the race detector the model runs about ten times
// slower, so the tests then run a plain build of the program instead: the engine's concurrency
// is race-tested in package sim, and the suite stays within minutes on two cores.
func TestMain(m *testing.M) {
	if os.Getenv("ALLIANCESIM_AS_MAIN") == "1" {
		main()
	}
	binary = os.Args[0]
	if !raceEnabled {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "alliancesim-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "alliancesim")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build alliancesim for the end-to-end tests: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

// alliancesim runs the command in dir with args.
// refuses runs alliancesim in dir and reports an error unless it fails with want in its stderr.
func refuses(t *testing.T, dir, want string, args ...string) {
	t.Helper()
	r := alliancesim(t, dir, args...)
	if r.code == 0 || !strings.Contains(r.stderr, want) {
		t.Errorf("alliancesim %s: exit %d, want an error with %q\nstderr: %s", strings.Join(args, " "), r.code, want, r.stderr)
	}
}

func alliancesim(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ALLIANCESIM_AS_MAIN=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

func TestRunWritesOutputsIdenticalAcrossWorkers(t *testing.T) {
	dir := t.TempDir()
	var first map[string][]byte
	for _, workers := range []string{"1", "3"} {
		out := filepath.Join(dir, "w"+workers)
		r := alliancesim(t, dir, "run", "--runs", "600", "--workers", workers, "--out", out)
		if r.code != 0 {
			t.Fatalf("run --workers %s: exit %d\n%s", workers, r.code, r.stderr)
		}
		if !strings.Contains(r.stdout, "deterrence failure") {
			t.Errorf("summary table missing from stdout:\n%s", r.stdout)
		}
		files := map[string][]byte{}
		for _, name := range []string{"summary.json", "runs.csv", "survival.png", "outcomes.png"} {
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			files[name] = b
		}
		if first == nil {
			first = files
			continue
		}
		for name, b := range files {
			if !bytes.Equal(b, first[name]) {
				t.Errorf("%s differs between --workers 1 and --workers %s", name, workers)
			}
		}
	}
	var sum map[string]any
	if err := json.Unmarshal(first["summary.json"], &sum); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"scenario", "version", "config_sha256", "seed", "runs", "steps",
		"deterrence_failure", "armed_failure", "reliability", "abandonment", "entrapment", "survival",
		"per_state", "config"} {
		if _, ok := sum[key]; !ok {
			t.Errorf("summary.json lacks %q", key)
		}
	}
	// Under version 4 the agreements' covered-mode failure is near 1 (almost every run sees a
	// grey-zone attack on Ukraine, which they cover); armed failure is the headline that moves.
	p := sum["armed_failure"].(map[string]any)["estimate"].(float64)
	if p < 0.02 || p > 0.95 {
		t.Errorf("default scenario P(armed failure) = %.3f: degenerate", p)
	}
	if n := bytes.Count(first["runs.csv"], []byte("\n")); n != 601 {
		t.Errorf("runs.csv has %d lines, want 601", n)
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(filepath.Join(dir, "w1"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// The resolved config recorded in summary.json reproduces the run.
func TestSummaryConfigReproduces(t *testing.T) {
	dir := t.TempDir()
	r := alliancesim(t, dir, "run", "--runs", "300", "--set", "model.gamma=2", "--seed", "9", "--out", "a", "--quiet")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "a", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Config string `json:"config"`
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "replay.toml"), []byte(sum.Config), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := alliancesim(t, dir, "run", "replay.toml", "--out", "b"); r.code != 0 {
		t.Fatalf("replay: exit %d: %s", r.code, r.stderr)
	}
	b2, err := os.ReadFile(filepath.Join(dir, "b", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Error("running the recorded config does not reproduce summary.json")
	}
}

func TestCommandErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "afile"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(bad, []byte("[simulation]\nrnus = 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, test := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "Usage"},
		{[]string{"bogus"}, 2, `unknown command "bogus"`},
		{[]string{"run", "--bogus"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"run", "no-such-scenario"}, 1, "europe-2025"},
		{[]string{"run", "--runs", "0"}, 1, "simulation.runs"},
		{[]string{"run", "--set", "model.gamma"}, 2, "want path=value"},
		{[]string{"run", "--set", "model.gama=2"}, 1, "model.gama"},
		{[]string{"run", "--runs", "10", "--out", "afile"}, 1, "is a file"},
		{[]string{"run", "a", "b"}, 2, "one scenario at a time"},
		{[]string{"check", bad}, 1, "bad.toml:2"},
		{[]string{"check"}, 2, "needs at least one FILE"},
		{[]string{"run", "--help"}, 0, "Usage: alliancesim run"},
		{[]string{"version"}, 0, "alliancesim " + version},
		{[]string{"--version"}, 0, "alliancesim " + version},
		{[]string{"-version"}, 0, "alliancesim " + version},
	} {
		r := alliancesim(t, dir, test.args...)
		if r.code != test.code || !strings.Contains(r.stdout+r.stderr, test.want) {
			t.Errorf("alliancesim %s: exit %d, want %d with %q\nstdout: %s\nstderr: %s",
				strings.Join(test.args, " "), r.code, test.code, test.want, r.stdout, r.stderr)
		}
	}
}

func TestRefusesOtherConfigsResults(t *testing.T) {
	dir := t.TempDir()
	if r := alliancesim(t, dir, "run", "--runs", "50", "--out", "o"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	r := alliancesim(t, dir, "run", "--runs", "60", "--out", "o")
	if r.code != 1 || !strings.Contains(r.stderr, "different config") {
		t.Errorf("overwriting another config's results: exit %d, %s", r.code, r.stderr)
	}
	if r := alliancesim(t, dir, "run", "--runs", "60", "--out", "o", "--force"); r.code != 0 {
		t.Errorf("--force: exit %d: %s", r.code, r.stderr)
	}
}

func TestScenariosInitCheck(t *testing.T) {
	dir := t.TempDir()
	r := alliancesim(t, dir, "scenarios")
	if r.code != 0 || !strings.Contains(r.stdout, "europe-2025") {
		t.Fatalf("scenarios: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = alliancesim(t, dir, "init")
	if r.code != 0 {
		t.Fatalf("init: exit %d: %s", r.code, r.stderr)
	}
	path := filepath.Join(dir, "init.toml")
	if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := alliancesim(t, dir, "check", path); r.code != 0 {
		t.Errorf("check of init's output: exit %d: %s", r.code, r.stderr)
	}
}

func fmtSscan(s string, v *float64) (int, error) { return fmt.Sscan(s, v) }

// A read-only output directory is a clear error, not a crash or a partial file. (Root writes
// anywhere, so this needs an ordinary user.)
func TestReadOnlyOutput(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write into a read-only directory")
	}
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	r := alliancesim(t, dir, "run", "--runs", "10", "--out", ro)
	if r.code != 1 || !strings.Contains(r.stderr, "permission denied") {
		t.Errorf("read-only --out: exit %d: %s", r.code, r.stderr)
	}
}
