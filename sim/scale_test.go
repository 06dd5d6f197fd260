package sim_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"alliancesim/sim"
)

// europes returns k copies of the default scenario side by side, 40° of longitude apart (about
// 3,000 km: copies barely reach each other), each with its own Russia, claims and guarantees:
// the realistic family of worlds for scaling, 20k states with one aggressor per 20 states.
func europes(tb testing.TB, k int) *sim.Spec {
	tb.Helper()
	base := defaultSpec(tb)
	n := len(base.States)
	spec := *base
	spec.States, spec.Guarantees = nil, nil
	for c := range k {
		name := func(s string) string { return fmt.Sprintf("%s-%d", s, c) }
		shift := func(i int) int { return i + c*n }
		for _, s := range base.States {
			s.Name = name(s.Name)
			s.Lon += 40 * float64(c)
			if s.ClientOf >= 0 {
				s.ClientOf = shift(s.ClientOf)
			}
			claims := make([]sim.Claim, len(s.Claims))
			for j, cl := range s.Claims {
				claims[j] = sim.Claim{Target: shift(cl.Target), R: cl.R}
			}
			s.Claims = claims
			spec.States = append(spec.States, s)
		}
		for _, g := range base.Guarantees {
			g.Name = name(g.Name)
			move := func(xs []int) []int {
				out := make([]int, len(xs))
				for j, x := range xs {
					out[j] = shift(x)
				}
				return out
			}
			g.Guarantors, g.Proteges, g.Tripwire = move(g.Guarantors), move(g.Proteges), move(g.Tripwire)
			spec.Guarantees = append(spec.Guarantees, g)
		}
	}
	if spec.Focus >= 0 {
		spec.Focus = base.Focus
	}
	return &spec
}

// BenchmarkScale measures a step on the family of europes: nanoseconds per state-step and the
// heap a worker's world holds after its steps, for 20, 80 and 320 states (docs/PERFORMANCE.md). The work that
// matters grows as the states, not as their square.
func BenchmarkScale(b *testing.B) {
	for _, k := range []int{1, 4, 16} {
		spec := europes(b, k)
		n := len(spec.States)
		b.Run(fmt.Sprintf("states=%d", n), func(b *testing.B) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			w := sim.NewWorld()
			rng := rand.New(rand.NewPCG(1, 1))
			w.Reset(spec, rng)
			stepLoop(b, w, spec, rng)
			b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N*n), "ns/state-step")
			// What the world holds once its steps have grown its lists.
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.HeapInuse)-float64(before.HeapInuse), "B/worker")
			runtime.KeepAlive(w)
		})
	}
}

// Every claimed target is weighed at the documented maximum of 1,000 states: fifty Europes, each
// Russia attacks its own claims, and none of the last copies is left out.
func TestEveryClaimWeighedAt1000(t *testing.T) {
	if testing.Short() {
		t.Skip("a 1,000-state world")
	}
	spec := europes(t, 50)
	w := sim.NewWorld()
	attacked := make([]int, 50)
	for run := range 20 {
		w.Reset(spec, rand.New(rand.NewPCG(1, uint64(run))))
		w.Step()
		for i, s := range w.Record().States {
			if s.Attacked {
				attacked[i/20]++
			}
		}
	}
	for c, k := range attacked {
		if k == 0 {
			t.Errorf("copy %d of 50: no state attacked in 20 steps (attacks by copy: %v)", c, attacked)
		}
	}
}

// A worker's memory is flat in the number of runs: what its world holds grows with the most a
// run has needed (the treaties formed, the lists of a step), which the first runs reach
// (issue 15).
func TestWorkerMemoryFlatInRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a world of 160 states")
	}
	spec := europes(t, 8)
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	base := heap()
	r := sim.NewRunner(spec)
	treaties := 0
	for run := range 20 {
		treaties += r.Run(run).Treaties
	}
	early := heap() - base
	for run := 20; run < 200; run++ {
		r.Run(run)
	}
	late := heap() - base
	runtime.KeepAlive(r)
	if treaties == 0 {
		t.Fatal("no treaty formed in 20 runs: the test needs the lists that grow")
	}
	if late > early+early/10 {
		t.Errorf("a worker held %d bytes after 20 runs and %d after 200", early, late)
	}
	t.Logf("%d bytes after 20 runs, %d after 200 (%d treaties in the first 20)", early, late, treaties)
}
