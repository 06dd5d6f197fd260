package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"alliancesim/sim"
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

// A run the machine cannot hold is refused before it starts, with the estimate (issue 12,
// class 5).
func TestMemoryEstimateRefuses(t *testing.T) {
	world := func(n int) *sim.Spec { return &sim.Spec{States: make([]sim.State, n), Steps: 100} }
	for _, test := range []struct {
		name    string
		states  int
		workers int
		avail   int64
		err     string
	}{
		{"1000 states on 2 workers in 256 MiB", 1000, 2, 256 << 20,
			"1000 states on 2 workers need about 0.3 GiB of memory (0.1 GiB a worker), more than the 0.2 GiB available; use fewer --workers, or a machine with more memory"},
		{"1000 states on 1 worker in 256 MiB", 1000, 1, 256 << 20, ""},
		{"10 states in 100 MiB", 10, 2, 100 << 20, ""},
		{"available memory unknown", 1000, 64, 0, ""},
	} {
		err := checkMemory(world(test.states), test.workers, test.avail)
		if got := fmt.Sprint(err); test.err == "" && err != nil || test.err != "" && got != test.err {
			t.Errorf("%s: got %v, want %q", test.name, err, test.err)
		}
	}
}

// The output folder's guard reads its manifest: results of another config or command, an
// unreadable manifest, and results no manifest vouches for are refused without --force
// (issue 12, class 4).
func TestOutputFolderGuard(t *testing.T) {
	dir := t.TempDir()
	run := func(args ...string) result { return inProcess(t, dir, args...) }
	if r := run("compare", "europe-2025", "g2:model.gamma=2", "--runs", "20", "--steps", "5", "--out", "cmp", "--quiet"); r.code != 0 {
		t.Fatalf("compare: %s", r.stderr)
	}
	if r := run("run", "--runs", "20", "--steps", "5", "--out", "runs", "--quiet"); r.code != 0 {
		t.Fatalf("run: %s", r.stderr)
	}
	write := func(name, text string) {
		t.Helper()
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("foreign/runs.csv", "a,b\n1,2\n")
	write("oldsweep/sweep.json", "{}")
	write("badman/manifest.json", "{not json")
	write("badman/summary.json", "{}")
	for _, test := range []struct {
		name string
		args []string
		err  string
	}{
		{"a second compare of other options", []string{"compare", "europe-2025", "g3:model.gamma=3", "--runs", "20", "--steps", "5", "--out", "cmp"},
			"alliancesim compare: cmp holds results of a different config (sha256 "},
		{"a run into a compare's folder", []string{"run", "--runs", "20", "--steps", "5", "--out", "cmp"},
			"alliancesim run: cmp holds the results of alliancesim compare; use another --out or --force to overwrite them"},
		{"a run of another config", []string{"run", "--runs", "21", "--steps", "5", "--out", "runs"},
			"alliancesim run: runs holds results of a different config (sha256 "},
		{"a foreign runs.csv", []string{"run", "--runs", "20", "--steps", "5", "--out", "foreign"},
			"alliancesim run: foreign holds runs.csv, which no alliancesim manifest vouches for (another program's, or an older version's); use another --out or --force to overwrite it"},
		{"a sweep whose points/ was removed", []string{"sweep", "--param", "rep.init=0.2:0.4:2", "--runs", "20", "--steps", "5", "--out", "oldsweep"},
			"alliancesim sweep: oldsweep holds sweep.json, which no alliancesim manifest vouches for (another program's, or an older version's); use another --out or --force to overwrite it"},
		{"an unparseable manifest", []string{"run", "--runs", "20", "--steps", "5", "--out", "badman"},
			"alliancesim run: " + filepath.Join("badman", "manifest.json") + ": not an alliancesim manifest: invalid character 'n' looking for beginning of object key string; use another --out or --force to overwrite the folder"},
	} {
		r := run(append(test.args, "--quiet")...)
		if r.code != 1 || !strings.HasPrefix(r.stderr, test.err) {
			t.Errorf("%s: exit %d: %s\nwant exit 1: %s", test.name, r.code, r.stderr, test.err)
		}
	}
	// The same command again, and --force, are allowed.
	if r := run("run", "--runs", "20", "--steps", "5", "--out", "runs", "--quiet"); r.code != 0 {
		t.Errorf("the same run again: %s", r.stderr)
	}
	if r := run("run", "--runs", "20", "--steps", "5", "--out", "foreign", "--quiet", "--force"); r.code != 0 {
		t.Errorf("--force: %s", r.stderr)
	}
}

// A config's name cannot aim the default output folder outside out/ (issue 12, class 4).
func TestNamesConfined(t *testing.T) {
	dir := t.TempDir()
	checkRefused(t, []usageCase{
		{"a name that climbs out of out/", []string{"run", "--set", "simulation.name=../../x", "--runs", "10"}, 1,
			`alliancesim run: simulation.name "../../x" cannot name a folder in out/ (allowed: no / or \, not starting with a dot); give --out`},
		{"a sweep's name that climbs out of out/", []string{"sweep", "--set", "simulation.name=..", "--param", "rep.init=0:1:2", "--runs", "10"}, 1,
			`alliancesim sweep: simulation.name ".." cannot name a folder in out/ (allowed: no / or \, not starting with a dot); give --out`},
	})
	if _, err := os.Stat(filepath.Join(dir, "..", "x")); err == nil {
		t.Error("a run wrote outside its folder")
	}
}

// startRun starts a long run in dir writing to out, and waits until it holds out's lock.
func startRun(t *testing.T, dir, out string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd, errb := startChild(t, dir, "run", "--runs", "1000000", "--workers", "1", "--out", out, "--quiet")
	lock := filepath.Join(dir, out, ".alliancesim.lock")
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, _ := os.ReadFile(lock); strings.TrimSpace(string(b)) == strconv.Itoa(cmd.Process.Pid) {
			return cmd, errb
		}
	}
	t.Fatalf("the run did not lock %s within 30 s: %s", out, errb.String())
	return nil, nil
}

// A second writer into a folder fails at once, naming the holder's pid (issue 12, class 4).
func TestOutputFolderLock(t *testing.T) {
	dir := t.TempDir()
	first, _ := startRun(t, dir, "o")
	start := time.Now()
	r := alliancesim(t, dir, "run", "--runs", "10", "--out", "o", "--quiet")
	want := fmt.Sprintf("alliancesim run: o is being written by another alliancesim (pid %d); wait for it to finish, or use another --out\n", first.Process.Pid)
	if r.code != 1 || r.stderr != want {
		t.Errorf("second writer: exit %d: %s\nwant exit 1: %s", r.code, r.stderr, want)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the second writer took %v to fail", d)
	}
}

// SIGHUP stops a run as SIGTERM does: exit 129, a message, no temporary file left; and a temp
// file of a writer that died is removed by the next run (issue 12, class 4).
func TestSIGHUPAndStaleTemps(t *testing.T) {
	dir := t.TempDir()
	cmd, errb := startRun(t, dir, "o")
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	cmd.Process.Signal(syscall.SIGHUP)
	cmd.Wait()
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("SIGHUP took %v to stop the run", d)
	}
	want := "alliancesim run: interrupted by hangup: nothing was written; rerun the same command to start again\n"
	if code := cmd.ProcessState.ExitCode(); code != 129 || errb.String() != want {
		t.Errorf("after SIGHUP: exit %d: %s\nwant exit 129: %s", code, errb.String(), want)
	}
	if hidden := hiddenFiles(t, filepath.Join(dir, "o")); len(hidden) > 0 {
		t.Errorf("SIGHUP left %v", hidden)
	}
	// A writer killed outright leaves its temporary file; the next run removes it.
	cmd, _ = startRun(t, dir, "o")
	for deadline := time.Now().Add(30 * time.Second); len(hiddenFiles(t, filepath.Join(dir, "o"))) < 2 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if len(hiddenFiles(t, filepath.Join(dir, "o"))) == 0 {
		t.Fatal("SIGKILL left no temporary file to sweep")
	}
	if r := alliancesim(t, dir, "run", "--runs", "10", "--steps", "5", "--out", "o", "--quiet", "--force"); r.code != 0 {
		t.Fatalf("the next run: %s", r.stderr)
	}
	if hidden := hiddenFiles(t, filepath.Join(dir, "o")); len(hidden) > 0 {
		t.Errorf("the next run left the dead writer's %v", hidden)
	}
}

func hiddenFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var hidden []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			hidden = append(hidden, e.Name())
		}
	}
	return hidden
}

// A disk that fills before the last chart leaves a folder marked incomplete, which plot
// refuses, and the run fails (issue 12, class 4).
func TestDiskFullLeavesIncompleteFolder(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root: disk-full is not tested here")
	}
	dir := t.TempDir()
	args := []string{"run", "--runs", "50", "--steps", "5", "--quiet", "--workers", "1"}
	if r := alliancesim(t, dir, append(args, "--out", "whole")...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	// Room for all but the last chart.
	var room int64
	for _, name := range []string{"summary.json", "runs.csv", "survival.png", "manifest.json"} {
		st, err := os.Stat(filepath.Join(dir, "whole", name))
		if err != nil {
			t.Fatal(err)
		}
		room += (st.Size() + 4095) / 4096 * 4096
	}
	mnt := filepath.Join(dir, "small")
	os.Mkdir(mnt, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d", room+8192), "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs (%v: %s): disk-full is not tested here", err, out)
	}
	defer exec.Command("umount", mnt).Run()
	r := alliancesim(t, dir, append(args, "--out", filepath.Join("small", "o"))...)
	if r.code != 1 || !strings.Contains(r.stderr, "no space left on device") {
		t.Errorf("run on a full disk: exit %d: %s", r.code, r.stderr)
	}
	var m manifest
	b, err := os.ReadFile(filepath.Join(mnt, "o", "manifest.json"))
	if err != nil || json.Unmarshal(b, &m) != nil || m.Complete {
		t.Errorf("the folder's manifest after a full disk: %v %s, want one marked incomplete", err, b)
	}
	p := alliancesim(t, dir, "plot", filepath.Join("small", "o", "summary.json"), "--out", "charts")
	want := "alliancesim plot: " + filepath.Join("small", "o", "summary.json") + ": its folder is incomplete: the alliancesim run that wrote it did not finish (its manifest is not marked complete)\n"
	if p.code != 1 || p.stderr != want {
		t.Errorf("plot of an incomplete folder: exit %d: %s\nwant exit 1: %s", p.code, p.stderr, want)
	}
}

// --first-run K --runs 1 replays exactly run K, as the panic message promises: its runs.csv
// row is the row of run K of the whole ensemble.
func TestReplayFirstRunCommandLine(t *testing.T) {
	dir := t.TempDir()
	if r := alliancesim(t, dir, "run", "--runs", "300", "--steps", "5", "--out", "whole", "--quiet"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "whole", "runs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	for _, k := range []int{0, 7, 256, 299} {
		out := "one" + strconv.Itoa(k)
		r := alliancesim(t, dir, "run", "--runs", "1", "--first-run", strconv.Itoa(k), "--steps", "5", "--out", out, "--quiet")
		if r.code != 0 {
			t.Fatal(r.stderr)
		}
		b, err := os.ReadFile(filepath.Join(dir, out, "runs.csv"))
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		if len(got) != 2 || got[0] != rows[0] || got[1] != rows[1+k] {
			t.Errorf("--first-run %d --runs 1 wrote\n%s\nwant run %d of the whole run:\n%s", k, strings.Join(got, "\n"), k, rows[1+k])
		}
	}
}
