package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startSweep starts a sweep in the background and returns its process.
func startSweep(t *testing.T, dir, out string, extra ...string) *exec.Cmd {
	t.Helper()
	args := append([]string{"sweep", "--param", "rep.init=0.1:0.9:6", "--runs", "1024", "--workers", "1", "--out", out}, extra...)
	cmd, _ := startChild(t, dir, args...)
	return cmd
}

// startChild starts the program in dir with args, its stderr kept, and kills it when the test
// ends.
func startChild(t *testing.T, dir string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ALLIANCESIM_AS_MAIN=1")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, &errb
}

// waitForPoints waits until the sweep in out has finished at least n grid points.
func waitForPoints(t *testing.T, out string, n int) int {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		m, _ := filepath.Glob(filepath.Join(out, "points", "point-*.json"))
		if len(m) >= n {
			return len(m)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no %d finished points in %s after 60 s", n, out)
	return 0
}

// A sweep killed by SIGKILL mid-way, then resumed, ends byte-identical to an uninterrupted one.
func TestSweepResumeAfterSIGKILL(t *testing.T) {
	dir := t.TempDir()
	cmd := startSweep(t, dir, "killed")
	waitForPoints(t, filepath.Join(dir, "killed"), 2)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(dir, "killed", "sweep.csv")); err == nil {
		t.Fatal("a killed sweep left a sweep.csv that claims to be complete")
	}
	args := []string{"sweep", "--param", "rep.init=0.1:0.9:6", "--runs", "1024", "--quiet"}
	if r := alliancesim(t, dir, append(args, "--out", "killed", "--resume")...); r.code != 0 {
		t.Fatalf("resume: exit %d: %s", r.code, r.stderr)
	}
	if r := alliancesim(t, dir, append(args, "--out", "whole")...); r.code != 0 {
		t.Fatalf("uninterrupted: exit %d: %s", r.code, r.stderr)
	}
	for _, name := range []string{"sweep.csv", "sweep.json"} {
		a, _ := os.ReadFile(filepath.Join(dir, "killed", name))
		b, _ := os.ReadFile(filepath.Join(dir, "whole", name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: resumed sweep differs from the uninterrupted one", name)
		}
	}
	// A different sweep refuses the directory.
	r := alliancesim(t, dir, "sweep", "--param", "rep.init=0.1:0.9:5", "--runs", "1024", "--out", "killed", "--resume")
	if r.code != 1 || !strings.Contains(r.stderr, "different") {
		t.Errorf("resuming with other axes: exit %d: %s", r.code, r.stderr)
	}
}

// SIGINT and SIGTERM stop a sweep with exit 130 and 143, keeping its finished points and saying
// how to resume.
func TestSweepInterrupt(t *testing.T) {
	for _, test := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		dir := t.TempDir()
		cmd := startSweep(t, dir, "o")
		waitForPoints(t, filepath.Join(dir, "o"), 1)
		cmd.Process.Signal(test.sig)
		cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != test.code {
			t.Errorf("%v: exit %d, want %d", test.sig, code, test.code)
		}
		stderr := cmd.Stderr.(*bytes.Buffer).String()
		if !strings.Contains(stderr, "--resume") || !strings.Contains(stderr, "kept") {
			t.Errorf("%v: stderr %q does not say what was kept and how to resume", test.sig, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "o", "sweep.csv")); err == nil {
			t.Errorf("%v: an interrupted sweep wrote sweep.csv", test.sig)
		}
	}
}
