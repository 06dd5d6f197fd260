package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// inProcess runs the command line in this process, in dir, and returns its exit code, stdout
// and stderr.
func inProcess(t *testing.T, dir string, args ...string) result {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, signal: func() os.Signal { return nil }}
	code := realMain(context.Background(), e, args)
	return result{code, out.String(), errb.String()}
}

// usageCase is a command line that must be refused with exactly this message and code.
type usageCase struct {
	name string
	args []string
	code int
	msg  string // the whole of stderr, without its final newline
}

func checkRefused(t *testing.T, cases []usageCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := inProcess(t, t.TempDir(), c.args...)
			if r.code != c.code || strings.TrimSuffix(r.stderr, "\n") != c.msg {
				t.Errorf("alliancesim %s:\n got exit %d: %s\nwant exit %d: %s", strings.Join(c.args, " "), r.code, r.stderr, c.code, c.msg)
			}
		})
	}
}

// Every value of a command-line axis passes the checks --set applies, and two axes of one value
// are refused naming both (issue 12, class 1).
func TestSweepAxesAsStrictAsSet(t *testing.T) {
	checkRefused(t, []usageCase{
		{"aid beyond its range", []string{"sweep", "--param", "kind.agreement.aid=0:5:6", "--runs", "10"}, 2,
			`alliancesim sweep: usage error: --param "kind.agreement.aid=0:5:6": scenarios/europe-2025.toml: kind.agreement.aid: sweep range: value 2 of kind.agreement.aid is refused, as --set kind.agreement.aid=2 is: 2 is out of range (allowed: 0 to 1)`},
		{"seed beyond int64", []string{"sweep", "--param", "simulation.seed=0:1e30:3", "--runs", "10"}, 2,
			`alliancesim sweep: usage error: --param "simulation.seed=0:1e30:3": scenarios/europe-2025.toml: simulation.seed: sweep range: value 5e+29 of simulation.seed is refused, as --set simulation.seed=5e+29 is: "5e+29" is not an integer (allowed: 0 or more)`},
		{"fractional runs", []string{"sweep", "--param", "simulation.runs=1:10:3"}, 2,
			`alliancesim sweep: usage error: --param "simulation.runs=1:10:3": scenarios/europe-2025.toml: simulation.runs: sweep range: value 5.5 of simulation.runs is refused, as --set simulation.runs=5.5 is: "5.5" is not an integer (allowed: 1 to 10000000)`},
		{"listed values out of range", []string{"sweep", "--values", "rep.init=0.5,2", "--runs", "10"}, 1,
			`alliancesim sweep: --values "rep.init=0.5,2": scenarios/europe-2025.toml: rep.init: sweep values: value 2 of rep.init is refused, as --set rep.init=2 is: 2 is out of range (allowed: 0 to 1)`},
		{"one path on both axes", []string{"sweep", "--param", "rep.init=0.1:0.9:3", "--values", "rep.init=0.2,0.3", "--runs", "10"}, 2,
			`alliancesim sweep: usage error: --param rep.init=0.1:0.9:3 and --values rep.init=0.2,0.3 both sweep rep.init (allowed: a different value on each axis)`},
	})
}

// Small roads past the checks: an overflowing --first-run, negative --workers, two compare
// options of one name, and names that give runs.csv two columns of one name (issue 12, class 7).
func TestSmallRoadsRefused(t *testing.T) {
	dup := "[simulation]\nname = \"dup\"\nruns = 10\nsteps = 5\n\n" +
		"[[state]]\nname = \"A\"\neconomy = 2\nburden = 0.05\nposition = [37, 55]\nclaims = { A_armed = 0.8 }\n\n" +
		"[[state]]\nname = \"A_armed\"\neconomy = 0.2\nburden = 0.3\nposition = [30, 50]\n"
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dup.toml"), []byte(dup), 0o644); err != nil {
		t.Fatal(err)
	}
	checkRefused(t, []usageCase{
		{"first run at the largest int", []string{"run", "--first-run", "9223372036854775807", "--runs", "10"}, 2,
			`alliancesim run: usage error: --first-run 9223372036854775807: runs 9223372036854775807 to 9223372036854775807+10-1 overflow the run index (allowed with --runs 10: 0 to 4611686018427387894)`},
		{"negative workers", []string{"run", "--workers", "-3", "--runs", "10"}, 2,
			`alliancesim run: usage error: --workers -3: allowed 0 (one per core) or more`},
		{"negative workers in a sweep", []string{"sweep", "--workers", "-1", "--param", "rep.init=0:1:2", "--runs", "10"}, 2,
			`alliancesim sweep: usage error: --workers -1: allowed 0 (one per core) or more`},
		{"two compare options of one name", []string{"compare", "europe-2025", "x:model.gamma=2", "x:model.gamma=3", "--runs", "10"}, 2,
			`alliancesim compare: usage error: two options are named "x" (allowed: a different name for each option)`},
		{"state names that collide in runs.csv", []string{"run", filepath.Join(dir, "dup.toml"), "--out", filepath.Join(dir, "o")}, 1,
			`alliancesim run: runs.csv would have two columns named A_armed_attacked, from the names "A" and "A_armed": rename one so that every column is told apart`},
	})
}

// A table lost to a full disk fails the command (issue 12, class 7).
func TestStdoutFullFails(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full here (%v): cannot test a full stdout", err)
	}
	defer full.Close()
	dir := t.TempDir()
	cmd := exec.Command(binary, "run", "--runs", "20", "--steps", "5", "--out", "o", "--quiet")
	cmd.Dir, cmd.Stdout = dir, full
	cmd.Env = append(os.Environ(), "ALLIANCESIM_AS_MAIN=1")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err = cmd.Run()
	ee, ok := err.(*exec.ExitError)
	want := "alliancesim: write results to stdout: write /dev/stdout: no space left on device"
	if !ok || ee.ExitCode() != 1 || !strings.Contains(errb.String(), want) {
		t.Errorf("run > /dev/full: %v, stderr:\n%s\nwant exit 1 and %q", err, errb.String(), want)
	}
}
