package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// nastyDescription is a --set value that a careless quoting would break or expand.
const nastyDescription = `it's a "test" of $HOME, ` + "`date`" + ` & \n; *`

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSlurmScripts(t *testing.T) {
	dir := t.TempDir()
	r := alliancesim(t, dir, "slurm", "--shards", "3", "--runs", "300", "--seed", "7",
		"--set", "simulation.description="+nastyDescription,
		"--partition", "debug", "--time", "1-02:00:00", "--cpus", "2", "--out", "sl")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	abs := filepath.Join(dir, "sl")
	exe := binary // the program the scripts call is the one that wrote them
	shards, merge := readFile(t, filepath.Join(abs, "shards.sbatch")), readFile(t, filepath.Join(abs, "merge.sbatch"))
	for _, want := range []string{
		"#!/bin/bash\n",
		"#SBATCH --array=0-2\n",
		"#SBATCH --partition=debug\n",
		"#SBATCH --time=1-02:00:00\n",
		"#SBATCH --cpus-per-task=2\n",
		"#SBATCH --output=" + abs + "/logs/shard-%A_%a.log\n",
		"exec " + shellQuote(exe) + " run europe-2025 --runs 300 --seed 7 ",
		`--set 'simulation.description=it'\''s a "test" of $HOME, ` + "`date`" + ` & \n; *'`,
		"--shard slurm --out " + abs + "/parts --quiet --workers \"${SLURM_CPUS_PER_TASK:-2}\"\n",
	} {
		if !strings.Contains(shards, want) {
			t.Errorf("shards.sbatch lacks %q:\n%s", want, shards)
		}
	}
	for _, want := range []string{
		"#SBATCH --kill-on-invalid-dep=yes\n",
		"#SBATCH --time=1-02:00:00\n",
		"#SBATCH --output=" + abs + "/logs/merge-%j.log\n",
		"exec " + shellQuote(exe) + " merge " + abs + "/parts --out " + abs + "\n",
	} {
		if !strings.Contains(merge, want) {
			t.Errorf("merge.sbatch lacks %q:\n%s", want, merge)
		}
	}
	// sbatch reads directives only until the first command.
	for name, s := range map[string]string{"shards.sbatch": shards, "merge.sbatch": merge} {
		lastDirective := strings.LastIndex(s, "\n#SBATCH")
		firstCommand := strings.Index(s, "\nset -euo pipefail")
		if lastDirective < 0 || firstCommand < lastDirective {
			t.Errorf("%s: #SBATCH directives must all come before the first command:\n%s", name, s)
		}
	}
	for _, want := range []string{
		"jobid=$(sbatch --parsable " + abs + "/shards.sbatch)\n",
		"sbatch --dependency=afterok:${jobid%%;*} " + abs + "/merge.sbatch\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, name := range []string{"shards.sbatch", "merge.sbatch"} {
		st, err := os.Stat(filepath.Join(abs, name))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o755 {
			t.Errorf("%s: mode %v, want 0755", name, st.Mode().Perm())
		}
	}
	for _, sub := range []string{"parts", "logs"} {
		if st, err := os.Stat(filepath.Join(abs, sub)); err != nil || !st.IsDir() {
			t.Errorf("%s/ not made (Slurm does not make the directory of a log): %v", sub, err)
		}
	}
	entries, _ := os.ReadDir(abs)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// Running the scripts by hand, as Slurm would (bash ignores the #SBATCH lines), gives the same
// bytes as one unsharded run with the same flags.
func TestSlurmScriptsByHand(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	flags := []string{"--runs", "600", "--steps", "8", "--seed", "7", "--set", "simulation.description=" + nastyDescription}
	r := alliancesim(t, dir, append([]string{"slurm", "--shards", "3", "--out", "sl"}, flags...)...)
	if r.code != 0 {
		t.Fatalf("slurm: exit %d: %s", r.code, r.stderr)
	}
	script := func(name string, env ...string) (string, error) {
		t.Helper()
		cmd := exec.Command(bash, filepath.Join(dir, "sl", name))
		cmd.Dir = t.TempDir() // the scripts must not depend on where they start
		cmd.Env = append(os.Environ(), append([]string{"ALLIANCESIM_AS_MAIN=1"}, env...)...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	for _, k := range []string{"2", "0", "1"} {
		if out, err := script("shards.sbatch", "SLURM_ARRAY_TASK_ID="+k, "SLURM_ARRAY_TASK_COUNT=3"); err != nil {
			t.Fatalf("shards.sbatch as task %s: %v\n%s", k, err, out)
		}
	}
	if out, err := script("merge.sbatch"); err != nil {
		t.Fatalf("merge.sbatch: %v\n%s", err, out)
	}
	if r := alliancesim(t, dir, append([]string{"run", "--out", "full", "--quiet"}, flags...)...); r.code != 0 {
		t.Fatalf("run: exit %d: %s", r.code, r.stderr)
	}
	for _, name := range []string{"summary.json", "runs.csv", "survival.png", "outcomes.png"} {
		if readFile(t, filepath.Join(dir, "sl", name)) != readFile(t, filepath.Join(dir, "full", name)) {
			t.Errorf("%s of the Slurm scripts differs from the unsharded run's", name)
		}
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, "sl", "summary.json")), `of $HOME, `) {
		t.Error("the --set value did not reach the shards intact")
	}
	// Submitted with another --array, a task refuses rather than compute a wrong partition.
	out, err := script("shards.sbatch", "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=2")
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(out, "made for an array of 3 tasks") {
		t.Errorf("task 1 of 2: %v, want exit 2 naming the array\n%s", err, out)
	}
}

// slurm --precision writes the stages as one script submitted once per stage; run by hand,
// stage after stage (those the rule does not need exiting at once), then the merge, they give
// the files of the unsharded run (or sweep) --precision byte for byte.
func TestSlurmPrecisionByHand(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	for _, tc := range []struct {
		cmd   string
		args  []string // the command's own, which slurm takes too
		files []string
	}{
		{"run", nil, []string{"summary.json", "runs.csv", "survival.png", "outcomes.png"}},
		{"sweep", []string{"--param", "rep.init=0.3:0.9:3", "--metric", "armed_failure,deterrence_failure"}, []string{"sweep.json", "sweep.csv", "sweep.png"}},
	} {
		t.Run(tc.cmd, func(t *testing.T) {
			dir := t.TempDir()
			// Checkpoints 256, 512, 1024, 2048, 3000: five stages, of which the rule needs three.
			flags := append([]string{"--runs", "256", "--steps", "10", "--precision", "0.02", "--max-runs", "3000"}, tc.args...)
			r := alliancesim(t, dir, append([]string{"slurm", "--shards", "3", "--out", "sl"}, flags...)...)
			if r.code != 0 {
				t.Fatalf("slurm: exit %d: %s", r.code, r.stderr)
			}
			if n := strings.Count(r.stdout, "shards.sbatch "); n != 5 || !strings.Contains(r.stdout, "--dependency=afterok:${jobid%%;*} "+filepath.Join(dir, "sl", "shards.sbatch")+" 4)\n") {
				t.Errorf("the submit commands do not chain the 5 stages:\n%s", r.stdout)
			}
			script := func(name string, args []string, env ...string) (string, error) {
				t.Helper()
				cmd := exec.Command(bash, append([]string{filepath.Join(dir, "sl", name)}, args...)...)
				cmd.Dir = t.TempDir()
				cmd.Env = append(os.Environ(), append([]string{"ALLIANCESIM_AS_MAIN=1"}, env...)...)
				out, err := cmd.CombinedOutput()
				return string(out), err
			}
			out, err := script("shards.sbatch", nil, "SLURM_ARRAY_TASK_ID=0", "SLURM_ARRAY_TASK_COUNT=3")
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(out, "give the stage, 0 to 4") {
				t.Errorf("no stage: %v, want exit 2 asking for it\n%s", err, out)
			}
			for s := range 5 {
				for _, k := range []string{"1", "0", "2"} {
					out, err := script("shards.sbatch", []string{fmt.Sprint(s)}, "SLURM_ARRAY_TASK_ID="+k, "SLURM_ARRAY_TASK_COUNT=3")
					if err != nil {
						t.Fatalf("stage %d, task %s: %v\n%s", s, k, err, out)
					}
					if needed := s < 3; needed == strings.Contains(out, "is not needed") {
						t.Errorf("stage %d, task %s: needed %v, but it said: %s", s, k, needed, out)
					}
				}
			}
			if out, err := script("merge.sbatch", nil); err != nil {
				t.Fatalf("merge.sbatch: %v\n%s", err, out)
			}
			if r := alliancesim(t, dir, append([]string{tc.cmd, "--out", "full", "--quiet"}, flags...)...); r.code != 0 {
				t.Fatalf("%s: exit %d: %s", tc.cmd, r.code, r.stderr)
			}
			for _, name := range tc.files {
				if readFile(t, filepath.Join(dir, "sl", name)) != readFile(t, filepath.Join(dir, "full", name)) {
					t.Errorf("%s of the Slurm stages differs from the unsharded %s's", name, tc.cmd)
				}
			}
			if !strings.Contains(readFile(t, filepath.Join(dir, "full", tc.files[0])), `"checkpoints": [
      256,
      512,
      1024
    ]`) {
				t.Error("the unsharded command did not stop at the third checkpoint: the test no longer tests what it says")
			}
		})
	}
}

func TestSlurmFlagErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notexec"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, test := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--runs", "10"}, 2, "--shards N is required"},
		{[]string{"--shards", "0"}, 2, "--shards 0: want 1 to 10000"},
		{[]string{"--shards", "10001"}, 2, "--shards 10001: want 1 to 10000"},
		{[]string{"--shards", "x"}, 2, `invalid value "x" for flag -shards`},
		{[]string{"--shards", "4", "--shard", "1/4"}, 2, "slurm makes the shards itself"},
		{[]string{"--shards", "4", "--shard", "slurm"}, 2, "give their number with --shards N"},
		{[]string{"--shards", "4", "--time", "90"}, 2, `--time "90": want HH:MM:SS or D-HH:MM:SS`},
		{[]string{"--shards", "4", "--time", "1:30"}, 2, "want HH:MM:SS"},
		{[]string{"--shards", "4", "--time", "00:60:00"}, 2, "want HH:MM:SS"},
		{[]string{"--shards", "4", "--time", "1-24:00:00"}, 2, "want HH:MM:SS"},
		{[]string{"--shards", "4", "--time", "00:00:00"}, 2, "want HH:MM:SS"},
		{[]string{"--shards", "4", "--cpus", "0"}, 2, "--cpus 0: want at least 1"},
		{[]string{"--shards", "4", "--max-runs", "5000"}, 2, "need --precision H"},
		{[]string{"--shards", "4", "--precision", "0.01", "--precision-metric", "reliability"}, 2, "proportions of runs"},
		{[]string{"--shards", "4", "--precision", "0.01", "--", "explore", "x.toml"}, 1, "x.toml"},
		{[]string{"--shards", "4", "--partition", "a b"}, 2, "--partition"},
		{[]string{"--shards", "4", "--first-run", "-1"}, 2, "--first-run"},
		{[]string{"--shards", "4", "--set", "model.gamma"}, 2, "want path=value"},
		{[]string{"--shards", "4", "--set", "model.gama=2"}, 1, "model.gama"},
		{[]string{"--shards", "4", "--runs", "0"}, 1, "simulation.runs"},
		{[]string{"--shards", "4", "no-such-scenario"}, 1, "europe-2025"},
		{[]string{"--shards", "4", "a", "b"}, 2, "one scenario at a time"},
		{[]string{"--shards", "4", "--binary", "no/such/alliancesim"}, 1, "--binary"},
		{[]string{"--shards", "4", "--binary", "notexec"}, 1, "not an executable file"},
		{[]string{"--shards", "4", "--out", "two words"}, 2, "#SBATCH"},
		{[]string{"--shards", "4", "--out", "100%"}, 2, "#SBATCH"},
	} {
		args := append([]string{"slurm"}, test.args...)
		if !strings.Contains(strings.Join(test.args, " "), "--out") {
			args = append(args, "--out", "o")
		}
		r := alliancesim(t, dir, args...)
		if r.code != test.code || !strings.Contains(r.stderr, test.want) {
			t.Errorf("alliancesim %s: exit %d, want %d with %q\nstderr: %s", strings.Join(args, " "), r.code, test.code, test.want, r.stderr)
		}
	}
	// Nothing is written before everything is checked.
	for _, name := range []string{"o", "two words", "100%"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s was made by a command that failed", name)
		}
	}
	if r := alliancesim(t, dir, "slurm", "--help"); r.code != 0 || !strings.Contains(r.stderr, "--shards") {
		t.Errorf("slurm --help: exit %d\n%s", r.code, r.stderr)
	}
}

// Partials that merge would refuse to mix with the new job's are refused up front, or deleted
// with --force; those of the same job are kept for the shards to overwrite.
func TestSlurmStaleParts(t *testing.T) {
	dir := t.TempDir()
	run := func(code int, args ...string) result {
		t.Helper()
		r := alliancesim(t, dir, args...)
		if r.code != code {
			t.Fatalf("alliancesim %s: exit %d, want %d: %s", strings.Join(args, " "), r.code, code, r.stderr)
		}
		return r
	}
	run(0, "run", "--runs", "300", "--shard", "0/3", "--out", "sl/parts", "--quiet")
	run(0, "slurm", "--runs", "300", "--shards", "3", "--out", "sl")
	if _, err := os.Stat(filepath.Join(dir, "sl", "parts", "part-0-of-3.json")); err != nil {
		t.Errorf("a partial of the same job was deleted: %v", err)
	}
	r := run(1, "slurm", "--runs", "300", "--shards", "2", "--out", "sl")
	if !strings.Contains(r.stderr, "part-0-of-3.json") || !strings.Contains(r.stderr, "--force") {
		t.Errorf("stale partial not named, or no way out offered: %s", r.stderr)
	}
	run(0, "slurm", "--runs", "300", "--shards", "2", "--out", "sl", "--force")
	for _, name := range []string{"part-0-of-3.json", "part-0-of-3.csv"} {
		if _, err := os.Stat(filepath.Join(dir, "sl", "parts", name)); err == nil {
			t.Errorf("--force left the stale %s", name)
		}
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, "sl", "merge.sbatch")), " --force\n") {
		t.Error("merge.sbatch does not pass on --force")
	}
	// A plain run's parts are stale for a run grown to a precision, of the same config.
	run(0, "run", "--runs", "300", "--shard", "0/2", "--out", "sl/parts", "--quiet")
	r = run(1, "slurm", "--runs", "300", "--shards", "2", "--precision", "0.01", "--out", "sl")
	if !strings.Contains(r.stderr, "part-0-of-2.json") || !strings.Contains(r.stderr, "precision rule") {
		t.Errorf("a plain part is not refused for a --precision job: %s", r.stderr)
	}
}

// --submit submits the array, then the merge with a dependency on the array's job id.
func TestSlurmSubmit(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(dir, "sbatch.log")
	fake := `#!/bin/sh
# A stand-in for sbatch: log the arguments, answer like sbatch --parsable.
printf '%s\n' "$*" >> "$FAKE_SBATCH_LOG"
[ -n "$FAKE_SBATCH_FAIL" ] && { echo "sbatch: error: $FAKE_SBATCH_FAIL" >&2; exit 1; }
if [ "$(wc -l < "$FAKE_SBATCH_LOG")" -eq 1 ]; then echo 41; else echo '42;cluster'; fi
`
	if err := os.WriteFile(filepath.Join(bin, "sbatch"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	withFake := bin + string(os.PathListSeparator) + os.Getenv("PATH")
	t.Setenv("PATH", withFake)
	t.Setenv("FAKE_SBATCH_LOG", log)
	r := alliancesim(t, dir, "slurm", "--shards", "4", "--runs", "300", "--out", "sl", "--submit")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	abs := filepath.Join(dir, "sl")
	calls := strings.Split(strings.TrimSpace(readFile(t, log)), "\n")
	want := []string{
		"--parsable " + abs + "/shards.sbatch",
		"--parsable --dependency=afterok:41 " + abs + "/merge.sbatch",
	}
	if strings.Join(calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("sbatch called with\n%s\nwant\n%s", strings.Join(calls, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range []string{"shards job 41: array 0-3", "merge job 42: runs once every shard succeeded (afterok:41)"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
		}
	}

	if err := os.Remove(log); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", filepath.Join(dir, "empty"))
	r = alliancesim(t, dir, "slurm", "--shards", "4", "--runs", "300", "--out", "nosbatch", "--submit")
	if r.code != 1 || !strings.Contains(r.stderr, "--submit needs Slurm's sbatch") {
		t.Errorf("--submit without sbatch: exit %d, want 1 saying sbatch is needed\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "nosbatch")); err == nil {
		t.Error("--submit without sbatch wrote the scripts: it should fail before writing anything")
	}
	t.Setenv("PATH", withFake)
	t.Setenv("FAKE_SBATCH_FAIL", "Batch job submission failed: Invalid partition name specified")
	r = alliancesim(t, dir, "slurm", "--shards", "4", "--runs", "300", "--out", "sl", "--submit")
	if r.code != 1 || !strings.Contains(r.stderr, "submit the shards") || !strings.Contains(r.stderr, "Invalid partition name") {
		t.Errorf("failing sbatch: exit %d, want 1 with sbatch's message\n%s", r.code, r.stderr)
	}

	// With --precision, one job array per stage (checkpoints 256, 512, 1000), each after the
	// one before, and the merge after the last.
	t.Setenv("FAKE_SBATCH_FAIL", "")
	if err := os.Remove(log); err != nil {
		t.Fatal(err)
	}
	r = alliancesim(t, dir, "slurm", "--shards", "2", "--runs", "256", "--precision", "0.01", "--max-runs", "1000", "--out", "st", "--submit")
	if r.code != 0 {
		t.Fatalf("--precision --submit: exit %d: %s", r.code, r.stderr)
	}
	abs = filepath.Join(dir, "st")
	calls = strings.Split(strings.TrimSpace(readFile(t, log)), "\n")
	want = []string{
		"--parsable " + abs + "/shards.sbatch 0",
		"--parsable --dependency=afterok:41 " + abs + "/shards.sbatch 1",
		"--parsable --dependency=afterok:42 " + abs + "/shards.sbatch 2",
		"--parsable --dependency=afterok:42 " + abs + "/merge.sbatch",
	}
	if strings.Join(calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("sbatch called with\n%s\nwant\n%s", strings.Join(calls, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(r.stdout, "merge job 42: runs once every stage succeeded (afterok:42)") {
		t.Errorf("stdout lacks the merge job:\n%s", r.stdout)
	}
}

// shellQuote's output, read back by a real shell, is the original string.
func TestSlurmShellQuote(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	vals := []string{"", "plain", "a b", "it's", `"q"`, "$HOME", "${x:-y}", "`id`", "$(id)", "a\nb", "~", "~/x",
		"*", "?", "[a]", `\`, "-n", "a=b", "#x", ";", "&", "|", "<>", "!x", "{a,b}", "é", "%A_%a", "tab\there", "'", "''"}
	out, err := exec.Command(bash, "-c", `printf '%s\0' `+shellJoin(vals)).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if len(got) != len(vals) {
		t.Fatalf("bash read %d words back, want %d: %q", len(got), len(vals), got)
	}
	for i := range vals {
		if got[i] != vals[i] {
			t.Errorf("shellQuote(%q) = %s, which bash reads as %q", vals[i], shellQuote(vals[i]), got[i])
		}
	}
	for _, s := range []string{"plain", "/abs/path-1.2/x_y", "model.gamma=2", "debug,long"} {
		if q := shellQuote(s); q != s {
			t.Errorf("shellQuote(%q) = %s, want it bare", s, q)
		}
	}
	if q := shellQuote("it's"); q != `'it'\''s'` {
		t.Errorf("shellQuote(it's) = %s", q)
	}
}
