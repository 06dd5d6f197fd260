package sim_test

import (
	"math/rand/v2"
	"testing"

	"alliancesim/agents"
	"alliancesim/config"
	"alliancesim/sim"
)

// The threat and aggression phases sum support through caches and per-protégé lists (see
// armedSupport and expectOnly); the general path recomputes every credibility from the honour
// rule. They must agree, in every embedded scenario, at every step: after treaties form, pairs
// are voided and states are conquered or become clients.
func TestSupportPaths(t *testing.T) {
	for name, spec := range enginePaths(t) {
		w := sim.NewWorld()
		for run := range 5 {
			w.Reset(spec, rand.New(rand.NewPCG(spec.Seed, uint64(run))))
			for range spec.Steps {
				w.Step()
				if d := sim.SupportPathsDiffer(w); d != "" {
					t.Fatalf("%s, run %d: %s", name, run, d)
				}
			}
		}
	}
}

// The threat and aggression phases read the free-riders' factors, which the engine recomputes
// only when burdens or alliances have changed (see updateFree): where they are read, they must
// be those of the current burdens and alliances.
func TestFreeFactorsCurrent(t *testing.T) {
	checked := 0
	for name, spec := range enginePaths(t) {
		w := sim.NewWorld()
		for run := range 5 {
			w.Reset(spec, rand.New(rand.NewPCG(spec.Seed, uint64(run))))
			for range spec.Steps {
				sim.StepChecked(w, func(phase string) {
					if phase != "perceiveThreats" && phase != "aggression" {
						return
					}
					checked++
					if d := sim.FreeFactorsDiffer(w); d != "" {
						t.Fatalf("%s, run %d, before %s: %s", name, run, phase, d)
					}
				})
			}
		}
	}
	if checked == 0 {
		t.Fatal("no phase checked: have the phases been renamed?")
	}
}

// enginePaths returns the embedded scenarios, and specs that take paths through the engine
// they do not.
func enginePaths(t *testing.T) map[string]*sim.Spec {
	specs := map[string]*sim.Spec{"self-backing": selfBacking(), "late-pact": latePact()}
	for _, info := range config.Scenarios() {
		specs[info.Name] = scenarioSpec(t, info.Name)
	}
	return specs
}

// latePact is a spec in which two free-riders of unequal burdens ally at step 2.
func latePact() *sim.Spec {
	s := selfBacking()
	s.Guarantees = []sim.Guarantee{{Name: "pact", Kind: agents.Alliance, Guarantors: []int{1, 2}, Proteges: []int{1, 2}, Start: 2}}
	s.States[1].Strategy, s.States[2].Strategy = agents.FreeRide{}, agents.FreeRide{}
	s.States[2].Burden = 0.04
	return s
}

// selfBacking is a spec in which the aggressor arms its own target under an agreement, which
// the support sums must leave out, beside a third state's informal guarantee.
func selfBacking() *sim.Spec {
	s := sim.Triangle()
	s.Name, s.Steps, s.Seed = "self-backing", 10, 5
	s.States[2].Economy = 2
	s.Guarantees = []sim.Guarantee{
		{Name: "agreement", Kind: agents.Agreement, Guarantors: []int{0}, Proteges: []int{1}},
		{Name: "informal", Kind: agents.Informal, Guarantors: []int{2}, Proteges: []int{1}},
	}
	return s
}
