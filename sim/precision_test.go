package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"testing"

	"alliancesim/agents"
)

func metricNamed(t *testing.T, name string) Metric {
	t.Helper()
	ms, err := LookupMetrics(name)
	if err != nil {
		t.Fatal(err)
	}
	return ms[0]
}

// Grow stops where the rule says, on half-widths known in closed form.
func TestPrecisionGrow(t *testing.T) {
	root := func(n int) (float64, error) { return 1 / math.Sqrt(float64(n)), nil }
	undefined := func(int) (float64, error) { return math.NaN(), nil }
	for _, tc := range []struct {
		name     string
		first    int
		target   float64
		maxRuns  int
		measure  func(int) (float64, error)
		want     []int
		wantMet  bool
		wantHalf float64
	}{
		// 1/sqrt(n) projected from 2048 to 4096 is 1/64 <= 0.02; from 1024 to 2048, 0.0221.
		{"projected", 256, 0.02, 100_000, root, []int{256, 512, 1024, 2048, 4096}, true, 1.0 / 64},
		{"rounded to chunks", 300, 0.02, 100_000, root, []int{512, 1024, 2048, 4096}, true, 1.0 / 64},
		// Already met at the first checkpoint: the rule still runs the stage it projects to.
		{"met at first", 1024, 0.05, 100_000, root, []int{1024, 2048}, true, 1 / math.Sqrt(2048)},
		{"capped", 256, 0.02, 3000, root, []int{256, 512, 1024, 2048, 3000}, true, 1 / math.Sqrt(3000)},
		{"max runs", 256, 0.001, 1000, root, []int{256, 512, 1000}, false, 1 / math.Sqrt(1000)},
		{"first beyond max", 5000, 0.001, 1000, root, []int{1000}, false, 1 / math.Sqrt(1000)},
		{"undefined", 256, 0.5, 2000, undefined, []int{256, 512, 1024, 2000}, false, math.NaN()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var asked []int
			p := Precision{Metric: metricNamed(t, "deterrence_failure"), HalfWidth: tc.target, MaxRuns: tc.maxRuns}
			r, err := p.Grow(tc.first, func(n int) (float64, error) {
				asked = append(asked, n)
				return tc.measure(n)
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(asked, tc.want) || !slices.Equal(r.Checkpoints, tc.want) || r.Runs != tc.want[len(tc.want)-1] {
				t.Errorf("measured at %v, reported %v and %d runs; want %v", asked, r.Checkpoints, r.Runs, tc.want)
			}
			// The stages a shard plans before any run: the rule measures a prefix of them, and
			// all of them when the target is never met.
			cps := p.Checkpoints(tc.first)
			if len(asked) > len(cps) || !slices.Equal(cps[:len(asked)], asked) {
				t.Errorf("measured at %v, not a prefix of the checkpoints %v", asked, cps)
			}
			never, err := p.Grow(tc.first, undefined)
			if err != nil || !slices.Equal(never.Checkpoints, cps) {
				t.Errorf("never met, measured at %v (%v); want every checkpoint %v", never.Checkpoints, err, cps)
			}
			if r.Met != tc.wantMet || !(r.HalfWidth == tc.wantHalf || math.IsNaN(r.HalfWidth) && math.IsNaN(tc.wantHalf)) {
				t.Errorf("half-width %v, met %v; want %v, %v", r.HalfWidth, r.Met, tc.wantHalf, tc.wantMet)
			}
		})
	}
}

func TestPrecisionCheck(t *testing.T) {
	m := metricNamed(t, "deterrence_failure")
	for _, p := range []Precision{
		{Metric: m, HalfWidth: 0, MaxRuns: 100},
		{Metric: m, HalfWidth: -0.01, MaxRuns: 100},
		{Metric: m, HalfWidth: math.NaN(), MaxRuns: 100},
		{Metric: m, HalfWidth: math.Inf(1), MaxRuns: 100},
		{Metric: m, HalfWidth: 0.01, MaxRuns: 0},
		{Metric: Metric{Name: "none"}, HalfWidth: 0.01, MaxRuns: 100},
	} {
		if _, err := p.Grow(256, func(int) (float64, error) { return 0, nil }); err == nil {
			t.Errorf("%+v: no error", p)
		}
	}
	boom := errors.New("boom")
	p := Precision{Metric: m, HalfWidth: 0.01, MaxRuns: 100}
	if _, err := p.Grow(256, func(int) (float64, error) { return 0, boom }); !errors.Is(err, boom) {
		t.Errorf("measure's error: got %v", err)
	}
}

// EnsembleTo follows the rule on the intervals of the plain ensembles at its checkpoints, and
// its result is the plain ensemble of the runs it reached, rows and summary byte for byte,
// whatever the number of workers.
func TestEnsembleTo(t *testing.T) {
	spec := europeLike(300)
	m := metricNamed(t, "deterrence_failure")
	plain := func(n int) ([]byte, []byte, float64) {
		s := *spec
		s.Runs = n
		rows, sum := runEnsemble(t, &s, 2)
		var got Summary
		if err := json.Unmarshal(sum, &got); err != nil {
			t.Fatal(err)
		}
		iv, _ := m.Value(&got)
		return rows, sum, HalfWidth(iv)
	}
	// A target the projection from 1024 to 2048 runs meets, and the one from 512 does not.
	_, _, hw512 := plain(512)
	_, _, hw1024 := plain(1024)
	target := hw1024 * math.Sqrt(0.5) * 1.0001
	if hw512*math.Sqrt(0.5) <= target {
		t.Fatalf("half-widths %v at 512 and %v at 1024 runs do not separate the checkpoints", hw512, hw1024)
	}
	wantRows, wantSum, wantHalf := plain(2048)
	p := Precision{Metric: m, HalfWidth: target, MaxRuns: 100_000}
	for _, workers := range []int{1, 2, 3} {
		var rows bytes.Buffer
		res, r, err := EnsembleTo(t.Context(), spec, p, Options{Workers: workers, Rows: &rows})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(r.Checkpoints, []int{512, 1024, 2048}) || r.Runs != 2048 || res.Spec.Runs != 2048 || spec.Runs != 300 {
			t.Fatalf("workers %d: checkpoints %v, runs %d, spec's %d (given %d); want 512, 1024, 2048", workers, r.Checkpoints, r.Runs, res.Spec.Runs, spec.Runs)
		}
		sum, err := json.Marshal(Summarize(res.Spec, res.Acc))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rows.Bytes(), wantRows) {
			t.Errorf("workers %d: rows differ from the plain ensemble of 2048 runs: %d vs %d bytes", workers, rows.Len(), len(wantRows))
		}
		if !bytes.Equal(sum, wantSum) {
			t.Errorf("workers %d: summary differs from the plain ensemble of 2048 runs:\n%.300s\n%.300s", workers, sum, wantSum)
		}
		if r.HalfWidth != wantHalf || r.Met != (wantHalf <= target) {
			t.Errorf("workers %d: half-width %v met %v, want %v", workers, r.HalfWidth, r.Met, wantHalf)
		}
	}
}

// MeasureTo grows the options together: the same runs for each, each the plain measurement of
// that many runs, so that their differences stay paired run by run.
func TestMeasureTo(t *testing.T) {
	a := europeLike(256)
	b := europeLike(256)
	b.Guarantees[0].Kind = agents.Alliance
	metrics, err := LookupMetrics("deterrence_failure,focus_attacked,focus_economy_lost")
	if err != nil {
		t.Fatal(err)
	}
	p := Precision{Metric: metrics[1], HalfWidth: 0.02, MaxRuns: 1500}
	var first []*SweepPoint
	for _, workers := range []int{1, 2} {
		pts, r, err := MeasureTo(t.Context(), []*Spec{a, b}, metrics, p, Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if r.Runs <= 256 || len(r.Checkpoints) < 2 {
			t.Fatalf("reached %d runs at %v: want growth beyond the first checkpoint", r.Runs, r.Checkpoints)
		}
		widest := 0.0
		for i, spec := range []*Spec{a, b} {
			s := *spec
			s.Runs = r.Runs
			want := &SweepPoint{}
			if err := Measure(t.Context(), &s, want, metrics, Options{Workers: 2}); err != nil {
				t.Fatal(err)
			}
			got := pts[i]
			if got.Summary.Runs != int64(r.Runs) || !sameJSON(t, got.Metrics, want.Metrics) || !sameJSON(t, got.Summary, want.Summary) {
				t.Errorf("workers %d, option %d: the grown point differs from the plain one of %d runs", workers, i, r.Runs)
			}
			for m := range metrics {
				if !slices.Equal(got.Outcomes[m], want.Outcomes[m]) {
					t.Errorf("workers %d, option %d: outcomes of %s differ", workers, i, metrics[m].Name)
				}
			}
			widest = math.Max(widest, HalfWidth(got.Metrics[1]))
		}
		if r.HalfWidth != widest {
			t.Errorf("reported half-width %v, the widest of the options is %v", r.HalfWidth, widest)
		}
		if first == nil {
			first = pts
		} else if !sameJSON(t, first[0].Summary, pts[0].Summary) || !sameJSON(t, first[1].Summary, pts[1].Summary) {
			t.Error("1 and 2 workers differ")
		}
	}
}

func sameJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return bytes.Equal(ja, jb)
}

// A shard cannot see the other shards' runs, on which the decision to grow depends.
func TestPrecisionRefusesShards(t *testing.T) {
	p := Precision{Metric: metricNamed(t, "deterrence_failure"), HalfWidth: 0.01, MaxRuns: 1000}
	shard := Options{Chunk: func(c int) bool { return c%2 == 0 }, KeepChunks: true}
	if _, _, err := EnsembleTo(t.Context(), europeLike(256), p, shard); !errors.Is(err, errShardPrecision) {
		t.Errorf("EnsembleTo: got %v", err)
	}
	if _, _, err := MeasureTo(t.Context(), []*Spec{europeLike(256)}, nil, p, shard); !errors.Is(err, errShardPrecision) {
		t.Errorf("MeasureTo: got %v", err)
	}
}

// SweepTo grows every grid point to the same runs, and each point is the plain sweep's point at
// those runs, in grid order.
func TestSweepTo(t *testing.T) {
	s := europeLike(256)
	axis := Axis{Path: "rep.init", Values: []float64{0.2, 0.8}, Labels: []string{"0.2", "0.8"},
		Set: func(sp *Spec, v float64) { sp.Params.Rep.Init = v }}
	metrics, err := LookupMetrics("armed_failure,focus_attacked")
	if err != nil {
		t.Fatal(err)
	}
	p := Precision{Metric: metrics[0], HalfWidth: 0.025, MaxRuns: 2000}
	var done []int
	pts, r, err := SweepTo(t.Context(), s, []Axis{axis}, p, SweepOptions{Workers: 2, Metrics: metrics,
		Done: func(pt *SweepPoint) error { done = append(done, pt.Index); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if r.Runs <= 256 || !slices.Equal(done, []int{0, 1}) {
		t.Fatalf("reached %d runs, points done %v: want growth beyond 256 and both points in order", r.Runs, done)
	}
	plain := *s
	plain.Runs = r.Runs
	want, err := Sweep(t.Context(), &plain, []Axis{axis}, SweepOptions{Workers: 1, Metrics: metrics})
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		g, w := pts[i], want[i]
		if g.Index != w.Index || !slices.Equal(g.Values, w.Values) || !sameJSON(t, g.Summary, w.Summary) || !slices.Equal(g.Outcomes[0], w.Outcomes[0]) {
			t.Errorf("point %d differs from the plain sweep's at %d runs", i, r.Runs)
		}
	}
	if _, _, err := SweepTo(t.Context(), s, []Axis{axis}, p, SweepOptions{Skip: func(int) bool { return false }}); err == nil {
		t.Error("SweepTo with Skip: no error")
	}
}
