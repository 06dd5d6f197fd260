package sim_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"alliancesim/config"
	"alliancesim/sim"
)

func defaultSpec(b *testing.B) *sim.Spec {
	b.Helper()
	f, err := config.Scenario("europe-2025")
	if err != nil {
		b.Fatal(err)
	}
	spec, err := f.Spec()
	if err != nil {
		b.Fatal(err)
	}
	return spec
}

// BenchmarkStep measures one step of the default scenario.
func BenchmarkStep(b *testing.B) {
	spec := defaultSpec(b)
	w := sim.NewWorld()
	rng := rand.New(rand.NewPCG(1, 1))
	w.Reset(spec, rng)
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
	b.ReportMetric(float64(b.N*len(spec.States))/b.Elapsed().Seconds(), "state-steps/s")
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

// BenchmarkEnsemble measures an ensemble of 2,048 runs on 1 and 2 workers.
func BenchmarkEnsemble(b *testing.B) {
	spec := defaultSpec(b)
	spec.Runs = 2048
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
