package main

import (
	"encoding/json"
	"encoding/xml"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The reader examples load a run's outputs, recompute the README's per-state table and the
// survival curve from states.csv and runs.csv, and redraw the figure: their numbers are
// summary.json's and their figures are images. Each runs where its interpreter is installed.
func TestReaderExamples(t *testing.T) {
	readers := []struct {
		interp string
		script string
		args   func(dir, table, surv, fig string) []string
		fig    string
	}{
		{"python3", "python/read_outputs.py", func(dir, table, surv, fig string) []string {
			return []string{dir, "--table", table, "--survival", surv, "--svg", fig}
		}, "figure.svg"},
		{"Rscript", "r/read_outputs.R", func(dir, table, surv, fig string) []string {
			return []string{dir, table, surv, fig}
		}, "figure.png"},
	}
	dir := t.TempDir()
	if r := alliancesim(t, dir, "run", "ukraine-budapest", "--runs", "400", "--steps", "15", "--seed", "7", "--quiet", "--out", "o"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "o", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum summaryNumbers
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	for _, rd := range readers {
		t.Run(rd.interp, func(t *testing.T) {
			interp, err := exec.LookPath(rd.interp)
			if err != nil {
				t.Skipf("%s is not installed", rd.interp)
			}
			script, err := filepath.Abs(filepath.Join("..", "..", "examples", rd.script))
			if err != nil {
				t.Fatal(err)
			}
			table, surv, fig := filepath.Join(dir, rd.interp+"-table.csv"), filepath.Join(dir, rd.interp+"-survival.csv"), filepath.Join(dir, rd.interp+"-"+rd.fig)
			cmd := exec.Command(interp, append([]string{script}, rd.args(filepath.Join(dir, "o"), table, surv, fig)...)...)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s %s: %v\n%s", rd.interp, rd.script, err, out)
			}
			if !strings.Contains(string(out), "Ukraine") {
				t.Errorf("the table printed has no Ukraine:\n%s", out)
			}
			checkReaderTable(t, table, &sum)
			checkReaderSurvival(t, surv, &sum)
			checkFigure(t, fig)
		})
	}
}

// summaryNumbers is what the readers recompute of summary.json.
type summaryNumbers struct {
	Steps    int `json:"steps"`
	PerState []struct {
		Name          string       `json:"name"`
		ProtectedRuns int64        `json:"protected_runs"`
		Failure       jsonInterval `json:"deterrence_failure"`
		Attacked      jsonInterval `json:"attacked"`
		Armed         jsonInterval `json:"armed_attacked"`
		Conquered     jsonInterval `json:"conquered"`
		EconomyLost   jsonInterval `json:"economy_lost"`
	} `json:"per_state"`
	RawSurvival []map[string]float64 `json:"survival"`
}

type jsonInterval struct{ P, Lo, Hi *float64 }

func (iv *jsonInterval) UnmarshalJSON(b []byte) error {
	var raw struct {
		P  *float64 `json:"estimate"`
		Lo *float64 `json:"lo"`
		Hi *float64 `json:"hi"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*iv = jsonInterval{raw.P, raw.Lo, raw.Hi}
	return nil
}

// near reports whether the reader's text v is the summary's value w (NA for null).
func near(v string, w *float64, tol float64) bool {
	if v == "NA" || w == nil {
		return v == "NA" && w == nil
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	return err == nil && math.Abs(x-*w) <= tol*math.Max(1, math.Abs(*w))
}

func checkReaderTable(t *testing.T, path string, sum *summaryNumbers) {
	t.Helper()
	rows := readTable(t, path)
	if len(rows) != len(sum.PerState) {
		t.Fatalf("%s: %d states, summary.json %d", path, len(rows), len(sum.PerState))
	}
	for i, s := range sum.PerState {
		r := rows[i]
		if r["state"] != s.Name || r["protected_runs"] != strconv.FormatInt(s.ProtectedRuns, 10) {
			t.Errorf("%s row %d: %s with %s protected runs, summary.json %s with %d", path, i+1, r["state"], r["protected_runs"], s.Name, s.ProtectedRuns)
		}
		for _, c := range []struct {
			key string
			iv  jsonInterval
		}{{"deterrence_failure", s.Failure}, {"attacked", s.Attacked}, {"armed_attacked", s.Armed}, {"conquered", s.Conquered}} {
			if !near(r[c.key], c.iv.P, 1e-12) || !near(r[c.key+"_lo"], c.iv.Lo, 1e-12) || !near(r[c.key+"_hi"], c.iv.Hi, 1e-12) {
				t.Errorf("%s %s %s: %s [%s, %s], summary.json %v", path, s.Name, c.key, r[c.key], r[c.key+"_lo"], r[c.key+"_hi"], c.iv)
			}
		}
		if !near(r["economy_lost"], s.EconomyLost.P, 1e-9) {
			t.Errorf("%s %s economy lost %s, summary.json %v", path, s.Name, r["economy_lost"], *s.EconomyLost.P)
		}
	}
}

func checkReaderSurvival(t *testing.T, path string, sum *summaryNumbers) {
	t.Helper()
	rows := readTable(t, path)
	if len(rows) != sum.Steps+1 {
		t.Fatalf("%s: %d steps, want 0..%d", path, len(rows), sum.Steps)
	}
	checked := 0
	for _, p := range sum.RawSurvival {
		r := rows[int(p["step"])]
		s, lo, hi := p["s"], p["lo"], p["hi"]
		if !near(r["s"], &s, 1e-12) || !near(r["lo"], &lo, 1e-9) || !near(r["hi"], &hi, 1e-9) {
			t.Errorf("%s step %v: %s [%s, %s], summary.json %v [%v, %v]", path, p["step"], r["s"], r["lo"], r["hi"], s, lo, hi)
		}
		checked++
	}
	if checked < 2 {
		t.Errorf("summary.json's survival has %d points: nothing to check", checked)
	}
}

// checkFigure checks that a redrawn figure is a whole image: a PNG that decodes, or an SVG
// that parses as XML with a drawn curve.
func checkFigure(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if strings.HasSuffix(path, ".png") {
		img, err := png.Decode(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if b := img.Bounds(); b.Dx() < 500 || b.Dy() < 300 {
			t.Errorf("%s: %v pixels", path, b)
		}
		return
	}
	dec := xml.NewDecoder(f)
	lines := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "polyline" {
			lines++
		}
	}
	if lines == 0 {
		t.Errorf("%s draws no curve", path)
	}
}
