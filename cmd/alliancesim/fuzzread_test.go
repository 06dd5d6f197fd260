package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliancesim/config"
	"alliancesim/plots"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// Fuzz targets for every file the program reads back: a sweep's points, the shards' partial
// results, and the results plot draws. Whatever the bytes, reading must not panic, and a
// refusal must name the file. Each target also seals what it decoded, so that the checks
// behind the checksum are fuzzed too.

// fuzzSweep is a small sweep of the default scenario: its pointID, and a valid point file.
func fuzzSweep(tb testing.TB) (pointID, []byte) {
	file, err := config.Scenario("europe-2025")
	if err != nil {
		tb.Fatal(err)
	}
	if err := file.Set("simulation.runs", "100"); err != nil {
		tb.Fatal(err)
	}
	a, err := config.Sweep{Path: "rep.init", Range: []float64{0.2, 0.4}, N: 3}.Axis(file)
	if err != nil {
		tb.Fatal(err)
	}
	spec, err := file.Spec()
	if err != nil {
		tb.Fatal(err)
	}
	metrics, _ := sim.LookupMetrics("deterrence_failure,focus_economy_lost")
	axes := []sim.Axis{a}
	id := newPointID(sweepID(file.Hash(), axes, metrics), file.Hash(), spec, axes, len(metrics), nil)
	p := pointFile{SweepID: id.sweep, Version: id.version, ConfigSHA256: id.config, Seed: id.seed, Runs: id.runs,
		Index: 1, Coord: []int{1}, Values: []float64{a.Values[1]}, Labels: []string{a.Labels[1]},
		Metrics: make([]stats.Interval, 2), Outcomes: [][]uint64{{5, 0}, nil}}
	if err := seal(&p); err != nil {
		tb.Fatal(err)
	}
	b, _ := json.Marshal(&p)
	return id, b
}

// resealed returns b sealed anew when it decodes as a v, so that a fuzzed edit reaches the
// checks behind the checksum.
func resealed(b []byte, v sealed) ([]byte, bool) {
	if decodeStrict(b, v) != nil || seal(v) != nil {
		return nil, false
	}
	out, err := json.Marshal(v)
	return out, err == nil
}

func checkNamed(t *testing.T, err error, path string) {
	t.Helper()
	if err != nil && !strings.Contains(err.Error(), path) && !strings.Contains(err.Error(), filepath.Base(path)) && !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("an error that does not name %s: %v", path, err)
	}
}

func FuzzPointFile(f *testing.F) {
	id, valid := fuzzSweep(f)
	f.Add(valid)
	f.Add([]byte(`{"sweep_id":"x","index":-1,"coord":[9],"values":[1e309]}`))
	f.Add([]byte(`{"index":1,"coord":[1],"outcomes":[[1,2,3]],"checksum":"00"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		try := func(b []byte) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "points"), 0o755)
			path := filepath.Join(dir, "points", "point-000001.json")
			os.WriteFile(path, b, 0o644)
			s, err := openPointStore(dir, id, true, false)
			checkNamed(t, err, path)
			if err == nil && s.has(1) {
				// The point passed: the load must give it back as computed.
				pts, err := s.load(sim.GridSize(id.axes))
				if err == nil || !strings.Contains(err.Error(), "missing") {
					t.Fatalf("a sweep of 3 points with 1 on disk loaded: %v %v", pts, err)
				}
			}
		}
		try(b)
		if r, ok := resealed(b, &pointFile{}); ok {
			try(r)
		}
	})
}

// fuzzParts writes two shards of a run of 300 runs into a directory and returns it.
func fuzzParts(tb testing.TB) string {
	dir, err := os.MkdirTemp("", "alliancesim-fuzz-")
	if err != nil {
		tb.Fatal(err)
	}
	for _, k := range []string{"0/2", "1/2"} {
		e := &env{stdout: io.Discard, stderr: io.Discard, signal: func() os.Signal { return nil }}
		if code := realMain(context.Background(), e, []string{"run", "--runs", "300", "--steps", "5", "--shard", k, "--out", filepath.Join(dir, "parts"), "--quiet"}); code != 0 {
			tb.Fatalf("shard %s: exit %d", k, code)
		}
	}
	return filepath.Join(dir, "parts")
}

func FuzzPartial(f *testing.F) {
	parts := fuzzParts(f)
	f.Cleanup(func() { os.RemoveAll(filepath.Dir(parts)) })
	valid, err := os.ReadFile(filepath.Join(parts, "part-0-of-2.json"))
	if err != nil {
		f.Fatal(err)
	}
	other, _ := os.ReadFile(filepath.Join(parts, "part-1-of-2.json"))
	csv, _ := os.ReadFile(filepath.Join(parts, "part-0-of-2.csv"))
	f.Add(valid)
	f.Add([]byte(`{"kind":"run","shard":0,"shards":2,"chunks":[{"index":-5,"row_bytes":-1}],"checksum":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		try := func(b []byte) {
			dir := t.TempDir()
			path := filepath.Join(dir, "part-0-of-2.json")
			os.WriteFile(path, b, 0o644)
			os.WriteFile(filepath.Join(dir, "part-0-of-2.csv"), csv, 0o644)
			os.WriteFile(filepath.Join(dir, "part-1-of-2.json"), other, 0o644)
			ps, files, err := loadPartials([]string{path, filepath.Join(parts, "part-1-of-2.json")})
			checkNamed(t, err, path)
			if err != nil {
				return
			}
			var ids []shardID
			for i, p := range ps {
				ids = append(ids, p.id(files[i], p.ConfigSHA256))
			}
			if checkShards(ids, "part") != nil {
				return
			}
			mergePartials(ps, files)
		}
		try(b)
		if r, ok := resealed(b, &partial{}); ok {
			try(r)
		}
	})
}

func FuzzResults(f *testing.F) {
	f.Add([]byte(sweepJSON(axisRep+","+axisHon, metricDF, `{"values":[0.1,1],"labels":["0.1","1"],"metrics":[`+iv01+`]}`)))
	f.Add([]byte(sweepJSON(axisRep, metricDF, `{"values":[0.1],"labels":["0.1"],"metrics":[null]}`)))
	f.Add([]byte(`{"schema":2,"metrics":[` + metricDF + `],"options":[{"name":"a","metrics":[` + iv01 + `],"survival":[{"step":1,"s":0.5,"lo":0.4,"hi":0.6}]}]}`))
	f.Add([]byte(`{"schema":2,"deterrence_failure":` + iv01 + `,"armed_failure":` + iv01 + `,"abandonment":` + iv01 + `,"entrapment":` + iv01 + `,"conquest":` + iv01 + `,"survival":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if r, err := decodeSweep(b); err == nil {
			r.chart(plots.Options{}, r.chartLabels(nil))
		}
		if _, err := checkCompareFile(b); err == nil {
			var r compareResult
			if json.Unmarshal(b, &r) == nil {
				r.charts(plots.Options{}, plots.Options{}, nil)
			}
		}
		if missing, err := checkSummaryFile(b); err == nil && missing != nil {
			var s sim.Summary
			if json.Unmarshal(b, &s) == nil {
				plots.Survival([]plots.Curve{survivalCurve("", s.Survival)}, plots.Options{})
				runCharts(&s, chartLabels{}, plots.Options{})
			}
		}
	})
}

// FuzzShardFile fuzzes the shards' files of a sweep (sweep-part-K-of-N.json) and of a
// comparison (compare-part-K-of-N.json), read and merged.
func FuzzShardFile(f *testing.F) {
	dir, err := os.MkdirTemp("", "alliancesim-fuzz-")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { os.RemoveAll(dir) })
	e := &env{stdout: io.Discard, stderr: io.Discard, signal: func() os.Signal { return nil }}
	for _, args := range [][]string{
		{"sweep", "--param", "rep.init=0.2:0.4:2", "--runs", "100", "--steps", "5", "--shard", "0/1", "--out", filepath.Join(dir, "s"), "--quiet"},
		{"compare", "europe-2025", "g:model.gamma=2", "--runs", "100", "--steps", "5", "--shard", "0/1", "--out", filepath.Join(dir, "c"), "--quiet"},
	} {
		if code := realMain(context.Background(), e, args); code != 0 {
			f.Fatalf("%s: exit %d", strings.Join(args, " "), code)
		}
	}
	for _, name := range []string{filepath.Join("s", "sweep-part-0-of-1.json"), filepath.Join("c", "compare-part-0-of-1.json")} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		try := func(b []byte) {
			for _, kind := range []string{"sweep", "compare"} {
				path := filepath.Join(dir, kind[:1], kind+"-part-0-of-1.json.fuzz")
				os.WriteFile(path, b, 0o644)
				out := t.TempDir()
				if kind == "sweep" {
					ms, files, err := readParts([]string{path}, "sweep-part", "sweep", func(m *sweepManifest) string { return m.Kind })
					checkNamed(t, err, path)
					if err == nil && len(ms) > 0 {
						mergeSweep(e, ms, files, out, false)
					}
					continue
				}
				ps, files, err := readParts([]string{path}, "compare-part", "compare", func(p *comparePart) string { return p.Kind })
				checkNamed(t, err, path)
				if err == nil && len(ps) > 0 {
					mergeCompare(e, ps, files, out, false)
				}
			}
		}
		try(b)
		if r, ok := resealed(b, &sweepManifest{}); ok {
			try(r)
		}
		if r, ok := resealed(b, &comparePart{}); ok {
			try(r)
		}
	})
}
