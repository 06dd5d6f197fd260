package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A sweep's outputs are byte-identical for 1 and 2 workers, and its curve over the guarantors'
// reputation is monotone under common random numbers.
func TestSweepWorkersIdentical(t *testing.T) {
	dir := t.TempDir()
	var first []byte
	for _, w := range []string{"1", "2"} {
		r := alliancesim(t, dir, "sweep", "--param", "rep.init=0.2:0.9:3", "--runs", "512", "--workers", w,
			"--metric", "armed_failure,reliability", "--out", "s"+w)
		if r.code != 0 {
			t.Fatalf("sweep: exit %d: %s", r.code, r.stderr)
		}
		csv, err := os.ReadFile(filepath.Join(dir, "s"+w, "sweep.csv"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"sweep.json", "sweep.png"} {
			if _, err := os.Stat(filepath.Join(dir, "s"+w, name)); err != nil {
				t.Error(err)
			}
		}
		if first == nil {
			first = csv
		} else if !bytes.Equal(first, csv) {
			t.Error("sweep.csv differs between 1 and 2 workers")
		}
	}
	lines := strings.Split(strings.TrimSpace(string(first)), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "rep.init,armed_failure,") {
		t.Fatalf("sweep.csv:\n%s", first)
	}
	prev := 2.0
	for _, l := range lines[1:] {
		var p float64
		if _, err := fmtSscan(strings.Split(l, ",")[1], &p); err != nil {
			t.Fatal(err)
		}
		if p > prev {
			t.Errorf("P(armed failure) rises with reputation: %s", l)
		}
		prev = p
	}
}

func TestSweep2DAndPlot(t *testing.T) {
	dir := t.TempDir()
	r := alliancesim(t, dir, "sweep", "--param", "rep.init=0.3:0.9:2", "--param", "kind.agreement.aid=0:0.1:2",
		"--runs", "256", "--out", "h", "--quiet")
	if r.code != 0 {
		t.Fatalf("2-D sweep: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "h", "heatmap.png")); err != nil {
		t.Error(err)
	}
	r = alliancesim(t, dir, "plot", filepath.Join("h", "sweep.json"), "--format", "pdf", "--width", "17.5cm", "--out", "p",
		"--label", "kind.agreement.aid=Aid — Київ", "--label", "deterrence_failure=P(failure)")
	if r.code != 0 {
		t.Fatalf("plot: exit %d: %s", r.code, r.stderr)
	}
	// Charts in --out are named after the results' folder.
	pdf := filepath.Join(dir, "p", "h-heatmap.pdf")
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("h-heatmap.pdf: %v", err)
	}
	// The axes carry labels, not config paths: --label's, and the built-in one of rep.init.
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command(pdftotext, "-raw", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ") // a rotated title may come out on two lines
		for _, want := range []string{"Aid — Київ", "Initial reputation", "P(failure)"} {
			if !strings.Contains(text, want) {
				t.Errorf("the heatmap's PDF has no %q:\n%s", want, out)
			}
		}
		if strings.Contains(string(out), "rep.init") {
			t.Errorf("an axis is titled with a config path:\n%s", out)
		}
	}
	for _, test := range []struct {
		args []string
		want string
	}{
		{[]string{"--label", "nope=x"}, `--label nope: h/sweep.json shows no "nope" (allowed: rep.init, kind.agreement.aid, deterrence_failure`},
		{[]string{"--label", "rep.init"}, "want KEY=TEXT"},
		{[]string{"--ylim", "1,0"}, "want LO,HI with LO < HI"},
	} {
		refuses(t, dir, test.want, append([]string{"plot", filepath.Join("h", "sweep.json"), "--out", "q"}, test.args...)...)
	}
	for _, test := range []struct {
		args []string
		want string
	}{
		{[]string{"sweep", "--param", "rep.init=0.3:0.9"}, "want PATH=LO:HI:N"},
		{[]string{"sweep", "--param", "rep.init=a:b:3"}, "must be numbers"},
		{[]string{"sweep"}, "one or two axes"},
		{[]string{"sweep", "--param", "rep.int=0:1:3"}, "rep.int"},
		{[]string{"sweep", "--values", "state.Germany.strategy=balance,nope"}, `"nope" is not allowed`},
		{[]string{"sweep", "--param", "rep.init=0:1:2", "--metric", "nope"}, "unknown metric"},
		{[]string{"plot", "--format", "gif", "x.json"}, "allowed: png, svg, pdf"},
		{[]string{"plot", "--width", "8.5furlong", "x.json"}, "--width"},
		{[]string{"compare", "europe-2025"}, "at least two options"},
		{[]string{"compare", "v:model.gamma=2", "europe-2025"}, "no option before it"},
	} {
		refuses(t, dir, test.want, test.args...)
	}
}

func TestCompare(t *testing.T) {
	dir := t.TempDir()
	r := alliancesim(t, dir, "compare", "europe-2025", "no-aid:kind.agreement.aid=0", "--runs", "512", "--out", "c", "--quiet")
	if r.code != 0 {
		t.Fatalf("compare: exit %d: %s", r.code, r.stderr)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "c", "compare.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	if len(lines) != 3 {
		t.Fatalf("compare.csv:\n%s", csv)
	}
	// Aid is what mostly deters in the agreements option: without it failure is more likely, and
	// the paired difference is positive.
	var p0, p1, d float64
	fmtSscan(strings.Split(lines[1], ",")[2], &p0)
	fmtSscan(strings.Split(lines[2], ",")[2], &p1)
	cols := strings.Split(lines[0], ",")
	for i, c := range cols {
		if c == "diff_deterrence_failure_lo" {
			fmtSscan(strings.Split(lines[2], ",")[i], &d)
		}
	}
	if !(p1 > p0) || !(d > 0) {
		t.Errorf("no aid: P(failure) %.3f vs %.3f, paired difference lower bound %.3f; want higher and > 0", p1, p0, d)
	}
	for _, name := range []string{"compare.png", "survival.png", "compare.json"} {
		if _, err := os.Stat(filepath.Join(dir, "c", name)); err != nil {
			t.Error(err)
		}
	}
}

// validate prints the calibration table, writes it as CSV and a chart, and passes with the
// shipped defaults.
func TestValidate(t *testing.T) {
	dir := t.TempDir()
	r := alliancesim(t, dir, "validate", "--out", "v")
	if r.code != 0 {
		t.Fatalf("validate: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"Leeds, Long & Mitchell", "Berkemeier & Fuhrmann", "COW", "Olson & Zeckhauser", "pass"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("validate table lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, name := range []string{"validate.csv", "validate.png"} {
		if _, err := os.Stat(filepath.Join(dir, "v", name)); err != nil {
			t.Error(err)
		}
	}
	// A parameter far from the calibration fails, with exit 1.
	r = alliancesim(t, dir, "validate", "--pairs", "2000", "--set", "honour.a0=0")
	if r.code != 1 || !strings.Contains(r.stdout, "FAIL") {
		t.Errorf("validate with honour.a0=0: exit %d\n%s", r.code, r.stdout)
	}
}
