package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// vouch writes name into dir with a complete manifest that lists it, as a command would have.
func vouch(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	mf, err := checksumFile(path)
	if err != nil {
		t.Fatal(err)
	}
	mf.Name = name
	o := &outDir{dir: dir, kind: "sweep"}
	if err := o.writeManifest(true, []manifestFile{mf}); err != nil {
		t.Fatal(err)
	}
	return path
}

const (
	iv01     = `{"estimate":0.5,"lo":0.4,"hi":0.6}`
	axisRep  = `{"path":"rep.init","values":[0.1,0.2],"labels":["0.1","0.2"]}`
	axisHon  = `{"path":"honour.a0","values":[1,2],"labels":["1","2"]}`
	metricDF = `{"name":"deterrence_failure","label":"Deterrence failure"}`
)

func sweepJSON(axes, metrics, points string) string {
	return `{"schema":2,"runs":10,"steps":5,"axes":[` + axes + `],"metrics":[` + metrics + `],"points":[` + points + `]}`
}

// plot refuses results files that cannot be drawn honestly, each with its reason (issue 12,
// class 3).
func TestPlotRefusesDishonestResults(t *testing.T) {
	six := strings.Repeat(axisRep+",", 5) + axisRep
	for _, test := range []struct {
		name, file, text, err string
	}{
		{"empty axes", "sweep.json", sweepJSON("", metricDF, ""),
			"cannot be drawn honestly: 0 axes (allowed: 1 or 2, a line or a heatmap)"},
		{"six axes", "sweep.json", sweepJSON(six, metricDF, ""),
			"cannot be drawn honestly: 6 axes (allowed: 1 or 2, a line or a heatmap)"},
		{"empty metrics", "sweep.json", sweepJSON(axisRep, "", `{"values":[0.1],"labels":["0.1"],"metrics":[]}`),
			"cannot be drawn honestly: no metrics"},
		{"a point off its axis", "sweep.json", sweepJSON(axisRep, metricDF, `{"values":[0.15],"labels":["0.15"],"metrics":[`+iv01+`]}`),
			"cannot be drawn honestly: point 1: 0.15 is not a value of axis rep.init"},
		{"a probability of 7.5", "sweep.json", sweepJSON(axisRep, metricDF, `{"values":[0.1],"labels":["0.1"],"metrics":[{"estimate":7.5,"lo":7,"hi":8}]}`),
			"cannot be drawn honestly: point 1: deterrence_failure: 7.5 is outside [0, 1]"},
		{"a value outside its interval", "sweep.json", sweepJSON(axisRep, metricDF, `{"values":[0.1],"labels":["0.1"],"metrics":[{"estimate":0.9,"lo":0.1,"hi":0.2}]}`),
			"cannot be drawn honestly: point 1: deterrence_failure: 0.9 is outside its own interval [0.1, 0.2]"},
		{"too few metrics at a point", "sweep.json", sweepJSON(axisRep, metricDF, `{"values":[0.1],"labels":["0.1"],"metrics":[]}`),
			"cannot be drawn honestly: point 1: 0 metrics, the file names 1"},
		{"an unknown metric", "sweep.json", sweepJSON(axisRep, `{"name":"happiness","label":"H"}`, ""),
			`cannot be drawn honestly: metric 1: unknown metric "happiness"`},
		{"a point twice", "sweep.json", sweepJSON(axisRep, metricDF, `{"values":[0.1],"labels":["0.1"],"metrics":[`+iv01+`]},{"values":[0.1],"labels":["0.1"],"metrics":[`+iv01+`]}`),
			"cannot be drawn honestly: points 1 and 2 are both at [0.1]"},
		{"no schema", "sweep.json", `{"axes":[` + axisRep + `],"metrics":[` + metricDF + `],"points":[]}`,
			"cannot be drawn honestly: no schema version (written by an older alliancesim?); rerun the command that made it"},
		{"a future schema", "sweep.json", strings.Replace(sweepJSON(axisRep, metricDF, ""), `"schema":2`, `"schema":3`, 1),
			"cannot be drawn honestly: schema 3, this alliancesim reads schema 2"},
		{"a file of layout 1, whose estimates were called p", "sweep.json", strings.Replace(sweepJSON(axisRep, metricDF, ""), `"schema":2`, `"schema":1`, 1),
			"cannot be drawn honestly: schema 1, this alliancesim reads schema 2"},
		{"a summary's probability of 7.5", "summary.json",
			`{"schema":2,"deterrence_failure":{"estimate":7.5,"lo":7,"hi":8},"armed_failure":` + iv01 + `,"abandonment":` + iv01 + `,"entrapment":` + iv01 + `,"conquest":` + iv01 + `,"survival":[]}`,
			"cannot be drawn honestly: deterrence_failure: 7.5 is outside [0, 1]"},
		{"a survival curve that rises", "summary.json",
			`{"schema":2,"deterrence_failure":` + iv01 + `,"armed_failure":` + iv01 + `,"abandonment":` + iv01 + `,"entrapment":` + iv01 + `,"conquest":` + iv01 +
				`,"survival":[{"step":0,"s":0.5,"lo":0.4,"hi":0.6},{"step":1,"s":0.8,"lo":0.7,"hi":0.9}]}`,
			"cannot be drawn honestly: survival point 2: s rises from 0.5 to 0.8"},
		{"a compare option beyond 1", "compare.json",
			`{"schema":2,"metrics":[` + metricDF + `],"options":[{"name":"a","metrics":[{"estimate":1.5,"lo":1,"hi":2}],"survival":[]}]}`,
			"cannot be drawn honestly: option a: deterrence_failure: 1.5 is outside [0, 1]"},
	} {
		t.Run(test.name, func(t *testing.T) {
			dir := t.TempDir()
			path := vouch(t, dir, test.file, test.text)
			r := inProcess(t, dir, "plot", path, "--out", filepath.Join(dir, "charts"))
			want := "alliancesim plot: " + path + ": " + test.err + "\n"
			if r.code != 1 || r.stderr != want {
				t.Errorf("got exit %d: %s\nwant exit 1: %s", r.code, r.stderr, want)
			}
		})
	}
}

// A heatmap's missing cell, and a null value, are missing (NaN), not 0 (issue 12, class 3).
func TestPlotDrawsMissingAsMissing(t *testing.T) {
	// Three of the four cells: (0.2, 2) is missing; (0.1, 2) is null.
	text := sweepJSON(axisRep+","+axisHon, metricDF,
		`{"values":[0.1,1],"labels":["0.1","1"],"metrics":[`+iv01+`]},`+
			`{"values":[0.1,2],"labels":["0.1","2"],"metrics":[null]},`+
			`{"values":[0.2,1],"labels":["0.2","1"],"metrics":[`+iv01+`]}`)
	r, err := decodeSweep([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	_, _, z := r.grid()
	if z[0][0] != 0.5 || !math.IsNaN(z[0][1]) || z[1][0] != 0.5 || !math.IsNaN(z[1][1]) {
		t.Errorf("heatmap cells %v: want 0.5 where given, NaN (missing) for the null and the absent cell", z)
	}
	dir := t.TempDir()
	path := vouch(t, dir, "sweep.json", text)
	if res := inProcess(t, dir, "plot", path, "--out", filepath.Join(dir, "charts")); res.code != 0 {
		t.Errorf("plot of a heatmap with missing cells: exit %d: %s", res.code, res.stderr)
	}
}

// plot draws only results a complete manifest vouches for, with their checksums (issue 12,
// classes 3 and 4).
func TestPlotNeedsManifest(t *testing.T) {
	text := sweepJSON(axisRep, metricDF, `{"values":[0.1],"labels":["0.1"],"metrics":[`+iv01+`]}`)
	dir := t.TempDir()
	bare := filepath.Join(dir, "bare")
	os.Mkdir(bare, 0o755)
	os.WriteFile(filepath.Join(bare, "sweep.json"), []byte(text), 0o644)
	edited := filepath.Join(dir, "edited")
	os.Mkdir(edited, 0o755)
	path := vouch(t, edited, "sweep.json", text)
	os.WriteFile(path, []byte(strings.Replace(text, `"estimate":0.5`, `"estimate":0.4`, 1)), 0o644)
	for _, test := range []struct{ path, err string }{
		{filepath.Join(bare, "sweep.json"), filepath.Join(bare, "sweep.json") + ": its folder has no manifest.json, so it is not known to be complete (written by another program, an older version, or a command that died)"},
		{path, path + ": its content differs from the checksum in manifest.json (changed since it was written)"},
	} {
		r := inProcess(t, dir, "plot", test.path, "--out", filepath.Join(dir, "charts"))
		if want := "alliancesim plot: " + test.err + "\n"; r.code != 1 || r.stderr != want {
			t.Errorf("got exit %d: %s\nwant exit 1: %s", r.code, r.stderr, want)
		}
	}
}
