package sim_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"alliancesim/config"
	"alliancesim/sim"
)

// scenarioSpec returns the spec of the embedded scenario called name.
func scenarioSpec(tb testing.TB, name string) *sim.Spec {
	tb.Helper()
	f, err := config.Scenario(name)
	if err != nil {
		tb.Fatal(err)
	}
	spec, err := f.Spec()
	if err != nil {
		tb.Fatal(err)
	}
	return spec
}

func defaultSpec(tb testing.TB) *sim.Spec { return scenarioSpec(tb, "europe-2025") }

// BenchmarkStep measures one step of the default scenario.
func BenchmarkStep(b *testing.B) {
	spec := defaultSpec(b)
	w := sim.NewWorld()
	rng := rand.New(rand.NewPCG(1, 1))
	w.Reset(spec, rng)
	stepLoop(b, w, spec, rng)
	b.ReportMetric(float64(b.N*len(spec.States))/b.Elapsed().Seconds(), "state-steps/s")
}

// stepLoop steps w, already reset for spec, once per benchmark iteration, resetting it when a
// run ends.
func stepLoop(b *testing.B, w *sim.World, spec *sim.Spec, rng *rand.Rand) {
	b.ReportAllocs()
	steps := 0
	for b.Loop() {
		if steps == spec.Steps {
			w.Reset(spec, rng)
			steps = 0
		}
		w.Step()
		steps++
	}
}

// BenchmarkRun measures one whole run of the default scenario, setup included.
func BenchmarkRun(b *testing.B) {
	spec := defaultSpec(b)
	r := sim.NewRunner(spec)
	b.ReportAllocs()
	run := 0
	for b.Loop() {
		r.Run(run)
		run++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "runs/s")
	b.ReportMetric(float64(b.N*spec.Steps*len(spec.States))/b.Elapsed().Seconds(), "state-steps/s")
}

// BenchmarkEnsemble measures an ensemble of 8,192 runs (32 chunks) on 1 and 2 workers.
func BenchmarkEnsemble(b *testing.B) {
	spec := defaultSpec(b)
	spec.Runs = 8192
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := sim.Ensemble(context.Background(), spec, sim.Options{Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
			runs := float64(b.N * spec.Runs)
			b.ReportMetric(runs/b.Elapsed().Seconds(), "runs/s")
			b.ReportMetric(runs*float64(spec.Steps*len(spec.States))/b.Elapsed().Seconds(), "state-steps/s")
		})
	}
}

// BenchmarkSweep21 runs a 21-point sweep of 2,000 runs a point on the default scenario; compare
// it with BenchmarkSeparate21, the same work as 21 separate ensembles: sharing the setup must not
// cost more.
func BenchmarkSweep21(b *testing.B) {
	spec := defaultSpec(b)
	spec.Runs = 2000
	axis := sim.Axis{Path: "rep.init", Set: func(s *sim.Spec, v float64) { s.Params.Rep.Init = v }}
	for i := range 21 {
		axis.Values = append(axis.Values, float64(i)/20)
		axis.Labels = append(axis.Labels, "")
	}
	metrics, err := sim.LookupMetrics("deterrence_failure,focus_attacked")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := sim.Sweep(context.Background(), spec, []sim.Axis{axis}, sim.SweepOptions{Metrics: metrics}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*21*spec.Runs)/b.Elapsed().Seconds(), "runs/s")
}

// BenchmarkSeparate21 runs the 21 ensembles of BenchmarkSweep21 one by one, each from a fresh
// copy of the spec, as 21 separate `alliancesim run`s would.
func BenchmarkSeparate21(b *testing.B) {
	spec := defaultSpec(b)
	spec.Runs = 2000
	for b.Loop() {
		for i := range 21 {
			s := *spec
			s.Params.Rep.Init = float64(i) / 20
			if _, err := sim.Ensemble(context.Background(), &s, sim.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*21*spec.Runs)/b.Elapsed().Seconds(), "runs/s")
}
