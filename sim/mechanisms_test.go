package sim

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"alliancesim/agents"
)

// triangle returns a strong conventional aggressor next to two weaker balancing states with no
// guarantees: both feel threatened, so the one proposes a treaty to the other.
func triangle() *Spec {
	p := agents.DefaultParams()
	p.Model.SigmaG = 0
	will := p.Will
	return &Spec{
		Name: "triangle", Runs: 1, Steps: 5, Seed: 3, Focus: -1, Params: p,
		States: []State{
			{Name: "A", Economy: 5, Burden: 0.05, Growth: 0.02, Lon: 20, Lat: 50, Revisionism: 0.5,
				Strategy: agents.Fixed{}, Will: will, ClientOf: -1},
			{Name: "B", Economy: 0.5, Burden: 0.02, Growth: 0.02, Lon: 22, Lat: 50,
				Strategy: agents.Balance{}, Will: will, ClientOf: -1},
			{Name: "C", Economy: 0.8, Burden: 0.02, Growth: 0.02, Lon: 22, Lat: 52,
				Strategy: agents.Balance{}, Will: will, ClientOf: -1},
		},
	}
}

// Balancing states facing the same conventional threat form a mutual treaty, in force from the
// next step: they are then allied and each guarantees the other.
func TestTreatyFormation(t *testing.T) {
	s := triangle()
	s.Params.Model.Mu = 10 // no attacks: only the strategies act
	w := NewWorld()
	w.Reset(s, rand.New(rand.NewPCG(1, 1)))
	w.Step()
	if w.rec.Treaties != 1 {
		t.Fatalf("treaties formed in the first step: %d, want 1 (tau B %.2f, C %.2f)", w.rec.Treaties, w.tau[1], w.tau[2])
	}
	if w.allied[1*3+2] {
		t.Error("the treaty is in force in the step it was formed; want the next")
	}
	w.Step()
	if !w.allied[1*3+2] || !w.allied[2*3+1] {
		t.Error("B and C are not allied the step after their treaty")
	}
	if w.rec.Treaties != 1 {
		t.Errorf("treaties after two steps: %d, want 1 (one per pair)", w.rec.Treaties)
	}
	// No treaty when formation is switched off, or with a nuclear threat and non-nuclear partners.
	for _, change := range []func(*Spec){
		func(s *Spec) { s.Params.Model.Formation = false },
		func(s *Spec) { s.States[0].Nuclear = true },
	} {
		s := triangle()
		s.Params.Model.Mu = 10
		change(s)
		w.Reset(s, rand.New(rand.NewPCG(1, 1)))
		w.Step()
		w.Step()
		if w.rec.Treaties != 0 {
			t.Errorf("treaties formed: %d, want 0", w.rec.Treaties)
		}
	}
}

// A won war that leaves the target below war.conquest of its initial power conquers it: its
// economy passes to the aggressor, it leaves its guarantees and its observation is censored.
func TestConquest(t *testing.T) {
	s := triangle()
	s.States = s.States[:2]
	s.States[0].Economy, s.States[0].Burden = 50, 0.2
	s.Params.Model.Mu = -10       // attack surely
	s.Params.Hybrid.Gain = 0      // and by arms
	s.Params.War.Conquest = 0.999 // any loss conquers
	s.Params.War.Loss = 0.5
	w := NewWorld()
	for seed := uint64(1); seed < 50; seed++ {
		w.Reset(s, rand.New(rand.NewPCG(seed, 1)))
		eA, eB := s.States[0].Economy, s.States[1].Economy
		w.Step()
		if !w.rec.States[1].Conquered {
			continue
		}
		if w.e[1] != 0 || w.pw[1] != 0 || !w.conquered[1] {
			t.Errorf("conquered B keeps E %g, P %g", w.e[1], w.pw[1])
		}
		if w.e[0] < eA+0.9*eB {
			t.Errorf("A's economy %g after conquering B (before: A %g, B %g)", w.e[0], eA, eB)
		}
		if w.rec.States[1].CensorStep != 1 || w.rec.Conquests != 1 {
			t.Errorf("censor step %d, conquests %d; want 1, 1", w.rec.States[1].CensorStep, w.rec.Conquests)
		}
		return
	}
	t.Fatal("no conquest in 49 tries against a target ten times weaker")
}

// A world reused across runs restores its guarantees: the treaties, voided pairs and
// clienthoods of one run leave no trace in the next, even when another spec came between.
func TestWorldReuse(t *testing.T) {
	treaty := triangle()
	treaty.Params.Model.Mu = 10
	// A guarantor that attacks its own protégé voids their pair.
	other := triangle()
	other.Params.Model.Mu, other.Steps = -10, 1 // one attack: one of the two pairs voided
	other.Params.Model.Dyadic = false           // (dyadic decisions would attack both protégés)
	other.Guarantees = []Guarantee{{Name: "assurance", Kind: agents.Assurance, Guarantors: []int{0}, Proteges: []int{1, 2}}}
	run := func(w *World, s *Spec, seed uint64) Record {
		w.Reset(s, rand.New(rand.NewPCG(seed, 1)))
		for range s.Steps {
			w.Step()
		}
		rec := w.rec
		rec.States = append([]StateRecord(nil), w.rec.States...)
		return rec
	}
	reused := NewWorld()
	for seed := uint64(1); seed <= 6; seed++ {
		for _, s := range []*Spec{treaty, other, other, treaty} {
			got, want := run(reused, s, seed), run(NewWorld(), s, seed)
			if s == treaty && got.Treaties == 0 || s == other && reused.pairs[0].void == reused.pairs[1].void {
				t.Fatalf("seed %d: no treaty formed, or not one pair voided; the test needs both", seed)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d, spec with %d guarantees: a reused world gives\n%+v\nwant\n%+v", seed, len(s.Guarantees), got, want)
			}
			// And what the next run starts from is what a fresh world starts from.
			fresh := NewWorld()
			reused.Reset(s, rand.New(rand.NewPCG(seed, 2)))
			fresh.Reset(s, rand.New(rand.NewPCG(seed, 2)))
			for name, pair := range map[string][2]any{
				"pairs": {reused.pairs, fresh.pairs}, "group": {reused.group, fresh.group},
				"byProtege": {reused.byProtege, fresh.byProtege}, "party": {reused.party, fresh.party},
				"gs": {reused.gs, fresh.gs}, "force": {reused.force, fresh.force},
				"backers": {reused.backers, fresh.backers}, "allies": {reused.allies, fresh.allies},
				"anyModes": {reused.anyModes, fresh.anyModes}, "live": {reused.live, fresh.live},
			} {
				// As printed: an empty list a world keeps room in is a fresh world's nil.
				if fmt.Sprint(pair[0]) != fmt.Sprint(pair[1]) {
					t.Errorf("seed %d: after Reset, a reused world's %s = %v, a fresh one's %v", seed, name, pair[0], pair[1])
				}
			}
		}
	}
}

// Reset restores the last Reset's refresh when its inputs are unchanged (see initialForce): a
// change to any of them must refresh anew, and what either gives must be what a fresh world
// derives.
func TestResetRestoresRefresh(t *testing.T) {
	base := triangle()
	base.Guarantees = []Guarantee{
		{Name: "pact", Kind: agents.Alliance, Guarantors: []int{1, 2}, Proteges: []int{1, 2}},
		{Name: "aid", Kind: agents.Agreement, Guarantors: []int{2}, Proteges: []int{1}, Start: 3},
	}
	variants := map[string]func(s *Spec){
		"response": func(s *Spec) { s.Params.Kind.Alliance.Response = agents.Arms },
		"trigger":  func(s *Spec) { s.Params.Kind.Alliance.Trigger = agents.Any },
		"weight":   func(s *Spec) { s.Params.Kind.Alliance.W = 0.9 },
		"lambda":   func(s *Spec) { s.Params.Model.Lambda *= 2 },
		"client":   func(s *Spec) { s.States[1].ClientOf = 0 },
		"nuclear":  func(s *Spec) { s.States[2].Nuclear = true },
		"a0":       func(s *Spec) { s.Params.Honour.A0++ },
		"start":    func(s *Spec) { s.Guarantees[1].Start = 1 },
	}
	derived := func(w *World) map[string]any {
		return map[string]any{
			"allied": w.allied, "held": w.held, "single": w.single, "force": w.force,
			"binder1": w.binder1, "binder2": w.binder2, "anyModes": w.anyModes,
			"backers": w.backers, "allies": w.allies, "live": w.live, "nextStart": w.nextStart, "stale": w.stale,
		}
	}
	reused := NewWorld()
	for name, change := range variants {
		v := triangle()
		v.Guarantees = slices.Clone(base.Guarantees)
		change(v)
		for k, s := range []*Spec{base, v, v, base} {
			reused.Reset(s, rand.New(rand.NewPCG(1, 1)))
			fresh := NewWorld()
			fresh.Reset(s, rand.New(rand.NewPCG(1, 1)))
			// As printed (see TestWorldReuse); groupLive follows from live (see ForceDiffers).
			if got, want := derived(reused), derived(fresh); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s, reset %d: a reused world derives\n%v\na fresh one\n%v", name, k, got, want)
			}
		}
	}
}

// A conquered state leaves its alliances at the next refresh, which opens every step: from then
// on no state counts it as an ally or a backer, so the strategy and support sums need not test
// for conquest.
func TestConquestLeavesAlliances(t *testing.T) {
	s := triangle()
	s.States[0].Economy, s.States[0].Burden = 50, 0.2
	s.Params.Model.Mu = -10
	s.Params.Hybrid.Gain = 0
	s.Params.War.Conquest = 0.999
	s.Params.War.Loss = 0.5
	s.Guarantees = []Guarantee{{Name: "pact", Kind: agents.Alliance, Guarantors: []int{1, 2}, Proteges: []int{1, 2}}}
	w := NewWorld()
	for seed := uint64(1); seed < 100; seed++ {
		w.Reset(s, rand.New(rand.NewPCG(seed, 1)))
		if !contains(w.allies[2], 1) || len(w.backers[2]) != 1 {
			t.Fatalf("before the war: allies of C %v, backers %d; want [1], 1", w.allies[2], len(w.backers[2]))
		}
		for range s.Steps {
			w.Step()
			if !w.conquered[1] && !w.conquered[2] {
				continue
			}
			w.refreshForce()
			for i := range w.n {
				for _, k := range w.allies[i] {
					if w.conquered[k] {
						t.Errorf("seed %d: %s keeps conquered %s as an ally", seed, s.States[i].Name, s.States[k].Name)
					}
				}
				for _, b := range w.backers[i] {
					if w.conquered[b.g] || w.conquered[i] {
						t.Errorf("seed %d: %s backed by %s after a conquest", seed, s.States[i].Name, s.States[b.g].Name)
					}
				}
			}
			return
		}
	}
	t.Fatal("no conquest in 99 runs")
}

// A state that becomes its threat's client leaves its alliances at once: the states deciding
// after it in the same strategy phase no longer count it as an ally.
func TestClientLeavesAlliancesAtOnce(t *testing.T) {
	s := triangle()
	s.Params.Model.Mu = 10 // no attacks
	s.Params.Bandwagon.P, s.Params.Bandwagon.Tau = 1, 0
	s.States[1].Strategy = agents.Bandwagon{}
	s.Guarantees = []Guarantee{{Name: "pact", Kind: agents.Alliance, Guarantors: []int{1, 2}, Proteges: []int{1, 2}}}
	w := NewWorld()
	w.Reset(s, rand.New(rand.NewPCG(1, 1)))
	if !contains(w.allies[2], 1) {
		t.Fatalf("before: allies of C %v, want [1]", w.allies[2])
	}
	w.Step()
	if w.client[1] != 0 {
		t.Fatalf("B is not A's client after a step (tau %.2f)", w.tau[1])
	}
	// C decides after B, and last: its situation is the world's scratch one.
	if w.sit.Allied || w.sit.AlliedSpending() != 0 {
		t.Errorf("C, deciding after B became a client, sees allied %v, allied spending %g", w.sit.Allied, w.sit.AlliedSpending())
	}
	if len(w.backers[1]) != 0 || len(w.backers[2]) != 0 || w.held[1] || w.held[2] {
		t.Errorf("the pact still binds: backers %d, %d; held %v, %v", len(w.backers[1]), len(w.backers[2]), w.held[1], w.held[2])
	}
}

// A buck-passing guarantor decides last and abstains when those already honouring bring the
// aggressor's chance below buckpass.threshold; otherwise it honours like anyone.
func TestBuckPassAbstains(t *testing.T) {
	for _, test := range []struct {
		name           string
		strongPartner  bool
		honoured, buck int
	}{
		{"partner suffices", true, 1, 1},
		{"partner too weak", false, 2, 0},
	} {
		p := agents.DefaultParams()
		p.Model.SigmaG, p.Model.Mu = 0, -10  // attack surely
		p.Hybrid.Gain, p.Hybrid.Cost = 0, 50 // and by arms
		p.Honour.A0 = 20                     // every guarantor draws "honour"
		p.Buckpass.Diffusion = 0             // the abstention rule alone (diffusion: TestDiffusion)
		will := p.Will
		partner := 0.01
		if test.strongPartner {
			partner = 40
		}
		s := &Spec{
			Name: "buck", Runs: 1, Steps: 1, Seed: 1, Focus: 1, Params: p,
			States: []State{
				{Name: "A", Economy: 5, Burden: 0.05, Growth: 0.02, Lon: 20, Lat: 50, Claims: []Claim{{Target: 1, R: 0.9}},
					Strategy: agents.Fixed{}, Will: will, ClientOf: -1},
				{Name: "T", Economy: 0.5, Burden: 0.02, Growth: 0.02, Lon: 22, Lat: 50, Strategy: agents.Fixed{}, Will: will, ClientOf: -1},
				{Name: "Partner", Economy: partner, Burden: 0.05, Growth: 0.02, Lon: 22, Lat: 51, Strategy: agents.Fixed{}, Will: will, ClientOf: -1},
				{Name: "Passer", Economy: 3, Burden: 0.02, Growth: 0.02, Lon: 23, Lat: 51, Strategy: agents.Buckpass{}, Will: will, ClientOf: -1},
			},
			Guarantees: []Guarantee{{Name: "pact", Kind: agents.Treaty, Guarantors: []int{2, 3}, Proteges: []int{1}}},
		}
		rec := Run(s, 0)
		if rec.Triggered != 2 || rec.Honoured != test.honoured || rec.BuckPassed != test.buck {
			t.Errorf("%s: triggered %d, honoured %d, buck-passed %d; want 2, %d, %d",
				test.name, rec.Triggered, rec.Honoured, rec.BuckPassed, test.honoured, test.buck)
		}
	}
}
