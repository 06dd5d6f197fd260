package sim_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"alliancesim/agents"
	"alliancesim/sim"
)

// randomWorld returns k copies of Europe (see europes) with random additions that take the
// engine's bookkeeping off its usual paths: extra guarantees of every kind between random
// states, some of them to protégés the guarantor already guarantees, with tripwires and late
// starts, and extra claims.
func randomWorld(tb testing.TB, rng *rand.Rand, k int) *sim.Spec {
	spec := europes(tb, k)
	n := len(spec.States)
	pick := func(m int) []int {
		xs := make([]int, 0, m)
		for range m {
			xs = append(xs, rng.IntN(n))
		}
		return xs
	}
	for g := range 3 * k {
		guarantors, proteges := pick(1+rng.IntN(3)), pick(1+rng.IntN(4))
		var tripwire []int
		if rng.IntN(3) == 0 {
			tripwire = proteges[:1]
		}
		spec.Guarantees = append(spec.Guarantees, sim.Guarantee{
			Name: fmt.Sprintf("random-%d", g), Kind: agents.Kind(rng.IntN(int(agents.NumKinds))),
			Guarantors: dedup(guarantors), Proteges: dedup(proteges), Tripwire: tripwire, Start: rng.IntN(6),
		})
	}
	for range k {
		a := rng.IntN(n)
		claims := append([]sim.Claim(nil), spec.States[a].Claims...)
		for _, t := range pick(3) {
			if t != a {
				claims = append(claims, sim.Claim{Target: t, R: 0.2 + 0.6*rng.Float64()})
			}
		}
		spec.States[a].Claims = claims
	}
	return spec
}

// violentWorld is a random world (see randomWorld) in which wars are many and conquer, and
// guarantors attack their own protégés, voiding their pairs: the events that take pairs out of
// force between refreshes.
func violentWorld(tb testing.TB, rng *rand.Rand, k int) *sim.Spec {
	spec := randomWorld(tb, rng, k)
	spec.Params.Model.Mu, spec.Params.Hybrid.Gain = -10, 0
	spec.Params.War.Conquest, spec.Params.War.Loss = 0.999, 0.5
	for _, g := range spec.Guarantees[len(spec.Guarantees)-3*k:] {
		a := g.Guarantors[0]
		for _, p := range g.Proteges {
			if p != a {
				spec.States[a].Claims = append(spec.States[a].Claims, sim.Claim{Target: p, R: 0.5})
			}
		}
	}
	return spec
}

func dedup(xs []int) []int {
	seen := map[int]bool{}
	var out []int
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// randomWorlds returns the worlds the cache tests run on: the embedded scenarios and the
// engine's special cases (enginePaths), and random and violent worlds of 20 and 60 states.
func randomWorlds(t *testing.T) map[string]*sim.Spec {
	specs := enginePaths(t)
	rng := rand.New(rand.NewPCG(15, 15))
	for i := range 4 {
		specs[fmt.Sprintf("random-%d", i)] = randomWorld(t, rng, 1+2*(i%2))
		specs[fmt.Sprintf("violent-%d", i)] = violentWorld(t, rng, 1+2*(i%2))
	}
	return specs
}

// refreshForce keeps who is allied and which states are single through lists it undoes at the
// next refresh, never clearing the n² matrix: after every refresh, what it keeps must be what a
// plain derivation from the pairs gives, in worlds where treaties form, pairs are voided and
// states are conquered or become clients.
func TestForceCurrent(t *testing.T) {
	for name, spec := range randomWorlds(t) {
		w := sim.NewWorld()
		for run := range 4 {
			w.Reset(spec, rand.New(rand.NewPCG(spec.Seed, uint64(run))))
			if d := sim.ForceDiffers(w); d != "" {
				t.Fatalf("%s, run %d, after Reset: %s", name, run, d)
			}
			for range spec.Steps {
				sim.StepChecked(w, func(phase string) {
					if phase != "economy" && phase != "aggression" {
						return
					}
					if d := sim.ForceDiffers(w); d != "" {
						t.Fatalf("%s, run %d, before %s: %s", name, run, phase, d)
					}
				})
			}
		}
	}
}

// The credibility cache holds, for the step, what the honour rule gives: checked before the
// aggression and the response phases, which read it. A treaty formed in the strategy phase
// beyond the cache's room grows it between the threat phase, which fills it, and those: here it
// is grown there once a run, and what it then holds must still be right.
func TestCredibilityCacheCurrent(t *testing.T) {
	for name, spec := range randomWorlds(t) {
		w := sim.NewWorld()
		checked := 0
		for run := range 4 {
			w.Reset(spec, rand.New(rand.NewPCG(spec.Seed, uint64(run))))
			for step := range spec.Steps {
				sim.StepChecked(w, func(phase string) {
					if phase == "adjust" && step == 3 {
						sim.GrowCache(w)
					}
					if phase != "aggression" && phase != "respond" {
						return
					}
					k, d := sim.CacheDiffers(w)
					if d != "" {
						t.Fatalf("%s, run %d, before %s: %s", name, run, phase, d)
					}
					checked += k
				})
			}
		}
		if checked == 0 {
			t.Errorf("%s: no credibility cached in 4 runs", name)
		}
	}
}

// The strategy phase finds the states threatened by a menace in a list made once a step: it
// must be what a filter of every state gives.
func TestThreatListsCurrent(t *testing.T) {
	for name, spec := range randomWorlds(t) {
		w := sim.NewWorld()
		for run := range 2 {
			w.Reset(spec, rand.New(rand.NewPCG(spec.Seed, uint64(run))))
			for range spec.Steps {
				sim.StepChecked(w, func(phase string) {
					if phase != "aggression" {
						return
					}
					if d := sim.ThreatListsDiffer(w); d != "" {
						t.Fatalf("%s, run %d: %s", name, run, d)
					}
				})
			}
		}
	}
}

// The allied norms the strategy phase takes from one sorted list per alliance (see alliedNorm)
// are those a selection among each state's allies gives, to the bit: checked after the phase,
// when treaties have formed and states have become clients during it.
func TestAlliedNormsCurrent(t *testing.T) {
	cached := 0
	for name, spec := range randomWorlds(t) {
		w := sim.NewWorld()
		for run := range 3 {
			w.Reset(spec, rand.New(rand.NewPCG(spec.Seed, uint64(run))))
			for range spec.Steps {
				sim.StepChecked(w, func(phase string) {
					if phase != "refreshForce" {
						return
					}
					k, d := sim.NormsDiffer(w)
					if d != "" {
						t.Fatalf("%s, run %d: %s", name, run, d)
					}
					cached += k
				})
			}
		}
	}
	if cached == 0 {
		t.Fatal("no norm came from the cache")
	}
}

// Reset keeps a state's row of revisionism when its revisionism and claims are the last run's
// (see revision): a world reused across specs that differ in them, and in their number of
// states, must give what a fresh world gives.
func TestRowsFollowClaims(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	base := randomWorld(t, rng, 1)
	claims := randomWorld(t, rng, 1)
	claims.Guarantees = base.Guarantees
	revisionist := randomWorld(t, rng, 1)
	revisionist.Guarantees = base.Guarantees
	revisionist.States[3].Revisionism = 0.2
	bigger := randomWorld(t, rng, 2)
	reused := sim.NewWorld()
	for k, spec := range []*sim.Spec{base, claims, base, revisionist, bigger, base, revisionist} {
		fresh := sim.NewWorld()
		for _, w := range []*sim.World{reused, fresh} {
			w.Reset(spec, rand.New(rand.NewPCG(3, uint64(k))))
			for range spec.Steps {
				w.Step()
			}
		}
		if got, want := fmt.Sprint(reused.Record()), fmt.Sprint(fresh.Record()); got != want {
			t.Fatalf("spec %d: a reused world gives\n%s\nwant\n%s", k, got, want)
		}
	}
}
