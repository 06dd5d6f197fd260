package config

import (
	"strings"
	"testing"

	"alliancesim/agents"
	"alliancesim/sim"
)

func loadBase(t *testing.T) *File {
	t.Helper()
	f, err := Load("x.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestSet(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		path, value string
		check       func(f *File) bool
	}{
		{"simulation.runs", "2500", func(f *File) bool { return f.Simulation.Runs == 2500 }},
		{"simulation.runs", "1e6", func(f *File) bool { return f.Simulation.Runs == 1_000_000 }},
		{"simulation.steps", "50", func(f *File) bool { return f.Simulation.Steps == 50 }},
		{"simulation.seed", "42", func(f *File) bool { return f.Simulation.Seed == 42 }},
		{"simulation.focus", "Ukraine", func(f *File) bool { return f.Simulation.Focus == "Ukraine" }},
		{"simulation.name", "my run", func(f *File) bool { return f.Simulation.Name == "my run" }},
		{"simulation.description", "what if", func(f *File) bool { return f.Simulation.Description == "what if" }},
		{"model.gamma", "2", func(f *File) bool { return f.Model.Gamma == 2 }},
		{"model.formation", "false", func(f *File) bool { return !f.Model.Formation }},
		{"war.cost", "1.0", func(f *File) bool { return f.War.Cost == 1 }},
		{"honour.a0", "-3", func(f *File) bool { return f.Honour.A0 == -3 }},
		{"will.alpha", "3", func(f *File) bool { return f.Will.Alpha == 3 }},
		{"kind.agreement.aid", "0.1", func(f *File) bool { return f.Kind.Agreement.Aid == 0.1 }},
		{"kind.informal.trigger", "armed", func(f *File) bool { return f.Kind.Informal.Trigger == agents.Armed }},
		{"kind.alliance.umbrella", "false", func(f *File) bool { return !f.Kind.Alliance.Umbrella }},
		{"state.Ukraine.economy", "0.2", func(f *File) bool { return f.States[1].Economy == 0.2 }},
		{"state.Ukraine.burden", "0.1", func(f *File) bool { return f.States[1].Burden == 0.1 }},
		{"state.Ukraine.power", "0.5", func(f *File) bool { return *f.States[1].Power == 0.5 }},
		{"state.Ukraine.growth", "0.03", func(f *File) bool { return *f.States[1].Growth == 0.03 }},
		{"state.Ukraine.projection", "0.1", func(f *File) bool { return f.States[1].Projection == 0.1 }},
		{"state.Ukraine.nuclear", "true", func(f *File) bool { return f.States[1].Nuclear }},
		{"state.Ukraine.revisionism", "0.2", func(f *File) bool { return f.States[1].Revisionism == 0.2 }},
		{"state.Ukraine.strategy", "bandwagon", func(f *File) bool { return f.States[1].Strategy == "bandwagon" }},
		{"state.Ukraine.will.alpha", "2", func(f *File) bool { return *f.States[1].Will.Alpha == 2 && f.States[1].Will.Beta == nil }},
		{"state.Ukraine.will.beta", "5", func(f *File) bool { return *f.States[1].Will.Beta == 5 }},
		{"state.Ukraine.client_of", "Russia", func(f *File) bool { return f.States[1].ClientOf == "Russia" }},
		{"state.Russia.claims.Ukraine", "0.5", func(f *File) bool { return f.States[0].Claims["Ukraine"] == 0.5 }},
		{"state.Russia.claims.United Kingdom", "0.1", func(f *File) bool { return f.States[0].Claims["United Kingdom"] == 0.1 }},
		{"state.United Kingdom.economy", "3.7", func(f *File) bool { return f.States[2].Economy == 3.7 }},
		{`state."United Kingdom".economy`, "3.8", func(f *File) bool { return f.States[2].Economy == 3.8 }},
		{"guarantee.G7.w", "0.9", func(f *File) bool { return *f.Guarantees[0].W == 0.9 }},
		{"guarantee.G7.trigger", "armed", func(f *File) bool { return *f.Guarantees[0].Trigger == agents.Armed }},
		{"guarantee.G7.response", "fight", func(f *File) bool { return *f.Guarantees[0].Response == agents.Fight }},
		{"guarantee.G7.umbrella", "true", func(f *File) bool { return *f.Guarantees[0].Umbrella }},
		{"guarantee.G7.aid", "0.2", func(f *File) bool { return *f.Guarantees[0].Aid == 0.2 }},
		{"guarantee.G7.stake", "0.9", func(f *File) bool { return *f.Guarantees[0].Stake == 0.9 }},
		{"guarantee.G7.start", "3", func(f *File) bool { return f.Guarantees[0].Start == 3 }},
	} {
		f := loadBase(t)
		if err := f.Set(test.path, test.value); err != nil {
			t.Errorf("Set(%s, %s): %v", test.path, test.value, err)
			continue
		}
		if !test.check(f) {
			t.Errorf("Set(%s, %s) did not set it", test.path, test.value)
		}
		if _, err := f.Spec(); err != nil {
			t.Errorf("Set(%s, %s): Spec: %v", test.path, test.value, err)
		}
	}
}

func TestSetErrors(t *testing.T) {
	t.Parallel()
	for _, test := range []struct{ path, value, want string }{
		{"state.Ukraine.burden", "1.5", `x.toml: state.Ukraine.burden: 1.5 is out of range (allowed: 0.005 to 0.4, model.burden_min to model.burden_max)`},
		{"state.Ukraine.burden", "abc", `x.toml: state.Ukraine.burden: "abc" is not a number (allowed: 0.005 to 0.4, model.burden_min to model.burden_max)`},
		{"state.Ukrane.burden", "0.1", `x.toml: state.Ukrane.burden: unknown state "Ukrane" (did you mean "Ukraine"?)`},
		{"state.Ukraine.burdn", "0.1", `x.toml: state.Ukraine.burdn: unknown field (did you mean "burden"?)`},
		{"model.gama", "1", `x.toml: model.gama: unknown path (did you mean "model.gamma"?)`},
		{"simulation.runs", "1.5", `x.toml: simulation.runs: "1.5" is not an integer (allowed: 1 to 10000000)`},
		{"simulation.runs", "0", `x.toml: simulation.runs: 0 is out of range (allowed: 1 to 10000000)`},
		{"simulation.seed", "-3", `x.toml: simulation.seed: -3 is out of range (allowed: 0 or more)`},
		{"state.Russia.claims.Ukrane", "0.3", `x.toml: state.Russia.claims.Ukrane: unknown state "Ukrane" (did you mean "Ukraine"?)`},
		{"state.Russia.claims.Russia", "0.3", `x.toml: state.Russia.claims.Russia: a state cannot claim itself (claims name other states)`},
		{"state.Russia.strategy", "balanse", `x.toml: state.Russia.strategy: unknown strategy "balanse" (allowed: balance, bandwagon, buckpass, fixed, freeride)`},
		{"guarantee.G7.trigger", "amred", `x.toml: guarantee.G7.trigger: unknown trigger "amred" (allowed: armed, any)`},
		{"guarantee.G8.w", "1", `x.toml: guarantee.G8.w: unknown guarantee "G8"`},
		{"state.Russia.nuclear", "maybe", `x.toml: state.Russia.nuclear: "maybe" is not a boolean (allowed: true, false)`},
		{"state.Russia.client_of", "Belarus", `x.toml: state.Russia.client_of: unknown state "Belarus"`},
		{"model.gamma", "nan", `x.toml: model.gamma: nan is not a number (allowed: more than 0, up to 20)`},
		{"model.gamma", "inf", `x.toml: model.gamma: inf is out of range (allowed: more than 0, up to 20)`},
		{"guarantee.G7.aid", "1.5", `x.toml: guarantee.G7.aid: 1.5 is out of range (allowed: 0 to 1)`},
		{"simulation.rnus", "5", `x.toml: simulation.rnus: unknown path (did you mean "simulation.runs"?)`},
		{"nonsense", "5", "x.toml: nonsense: unknown path (see `alliancesim init` for every path)"},
		// A Set that breaks another value reports that value, at its line.
		{"model.burden_max", "0.3", `x.toml:16: state.Ukraine.burden: 0.34 is out of range (allowed: 0.005 to 0.3, model.burden_min to model.burden_max)`},
	} {
		f := loadBase(t)
		h := f.Hash()
		err := f.Set(test.path, test.value)
		if err == nil || err.Error() != test.want {
			t.Errorf("Set(%s, %s):\n got %v\nwant %s", test.path, test.value, err, test.want)
		}
		if f.Hash() != h {
			t.Errorf("Set(%s, %s) failed but changed the file", test.path, test.value)
		}
	}
}

// TestPaths checks that every path Paths lists resolves, takes Set of its own current value,
// and has a Setter unless it names text or a state.
func TestPaths(t *testing.T) {
	t.Parallel()
	f, err := Scenario("europe-2025")
	if err != nil {
		t.Fatal(err)
	}
	paths := f.Paths()
	if len(paths) < 100 {
		t.Fatalf("only %d paths", len(paths))
	}
	for _, p := range paths {
		fl, err := f.field(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if fl.path != p {
			t.Errorf("%s resolves to %s", p, fl.path)
		}
		_, values, err := Setter(f, p)
		switch {
		case fl.kind == textField || fl.kind == stateField:
			if err == nil {
				t.Errorf("%s: a Setter for a name or text", p)
			}
		case err != nil:
			t.Errorf("%s: Setter: %v", p, err)
		case (fl.kind == choiceField || fl.kind == boolField) && len(values) < 2:
			t.Errorf("%s: values %v", p, values)
		}
	}
}

func TestEveryParamHasBounds(t *testing.T) {
	t.Parallel()
	def := agents.DefaultParams()
	for _, p := range paramLeaves() {
		if p.doc == "" && p.typ.Kind().String() == "float64" {
			t.Errorf("%s: no doc tag", p.path)
		}
		if p.typ.Kind().String() != "float64" {
			continue
		}
		b, ok := paramBounds(p.path)
		if !ok {
			t.Errorf("%s: no range in paramBounds", p.path)
		}
		if v := paramValue(&def, p).Float(); !b.contains(v) {
			t.Errorf("%s: default %g outside its range %s", p.path, v, b)
		}
	}
}

func specOf(t *testing.T, f *File) *sim.Spec {
	t.Helper()
	s, err := f.Spec()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSetter(t *testing.T) {
	t.Parallel()
	f := loadBase(t)
	ru, ua, uk := 0, 1, 2

	for _, test := range []struct {
		path  string
		v     float64
		check func(s *sim.Spec) bool
	}{
		{"model.gamma", 2, func(s *sim.Spec) bool { return s.Params.Model.Gamma == 2 }},
		{"model.gamma", 1e9, func(s *sim.Spec) bool { return s.Params.Model.Gamma == 20 }}, // clamped
		{"model.formation", 0, func(s *sim.Spec) bool { return !s.Params.Model.Formation }},
		{"kind.agreement.aid", 0.1, func(s *sim.Spec) bool { return s.Params.Kind.Agreement.Aid == 0.1 }},
		{"kind.agreement.response", 0, func(s *sim.Spec) bool { return s.Params.Kind.Agreement.Response == agents.Fight }},
		{"state.Ukraine.burden", 0.2, func(s *sim.Spec) bool { return s.States[ua].Burden == 0.2 }},
		{"state.Ukraine.burden", 0.9, func(s *sim.Spec) bool { return s.States[ua].Burden == 0.4 }}, // clamped
		{"state.Ukraine.economy", -1, func(s *sim.Spec) bool { return s.States[ua].Economy > 0 }},   // clamped
		{"state.Ukraine.nuclear", 1, func(s *sim.Spec) bool { return s.States[ua].Nuclear }},
		{"state.Ukraine.will.beta", 2, func(s *sim.Spec) bool { return s.States[ua].Will.Beta == 2 && s.States[ua].Will.Alpha == 6 }},
		{"state.Russia.claims.Ukraine", 0.3, func(s *sim.Spec) bool { return s.States[ru].R(ua) == 0.3 }},
		{"state.Russia.claims.United Kingdom", 0.2, func(s *sim.Spec) bool { return s.States[ru].R(uk) == 0.2 && s.States[ru].R(ua) == 0.8 }},
		{"guarantee.G7.stake", 0.9, func(s *sim.Spec) bool {
			g := &s.Guarantees[0]
			return g.Set&sim.SetStake != 0 && g.Resolve(&s.Params.Kind).Stake == 0.9
		}},
		{"guarantee.G7.trigger", 0, func(s *sim.Spec) bool { return s.Guarantees[0].Resolve(&s.Params.Kind).Trigger == agents.Armed }},
		{"guarantee.G7.umbrella", 1, func(s *sim.Spec) bool { return s.Guarantees[0].Resolve(&s.Params.Kind).Umbrella }},
		{"guarantee.G7.start", 2.6, func(s *sim.Spec) bool { return s.Guarantees[0].Start == 3 }}, // rounded
		{"simulation.steps", 30, func(s *sim.Spec) bool { return s.Steps == 30 }},
		// A global default carries over to the states that take it.
		{"model.growth", 0.05, func(s *sim.Spec) bool { return s.States[ua].Growth == 0.05 && s.Params.Model.Growth == 0.05 }},
		{"will.alpha", 2, func(s *sim.Spec) bool { return s.States[uk].Will.Alpha == 2 }},
		// So does the burden range.
		{"model.burden_max", 0.1, func(s *sim.Spec) bool { return s.States[ua].Burden == 0.1 }},
	} {
		set, _, err := Setter(f, test.path)
		if err != nil {
			t.Errorf("Setter(%s): %v", test.path, err)
			continue
		}
		s := specOf(t, f)
		set(s, test.v)
		if !test.check(s) {
			t.Errorf("Setter(%s)(%g) did not set it", test.path, test.v)
		}
	}

	// Choices come with their values; the Setter takes an index into them.
	set, values, err := Setter(f, "state.Ukraine.strategy")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(values, ",") != strings.Join(agents.StrategyNames(), ",") {
		t.Errorf("strategy values %v", values)
	}
	s := specOf(t, f)
	for i, v := range values {
		set(s, float64(i))
		if got := s.States[ua].Strategy.Name(); got != v {
			t.Errorf("strategy index %d: got %s, want %s", i, got, v)
		}
	}
	if _, values, _ := Setter(f, "state.Ukraine.nuclear"); strings.Join(values, ",") != "false,true" {
		t.Errorf("boolean values %v", values)
	}
	if _, _, err := Setter(f, "state.Ukraine.client_of"); err == nil {
		t.Errorf("a Setter for client_of")
	}
	if _, _, err := Setter(f, "state.Ukrane.burden"); err == nil {
		t.Errorf("a Setter for an unknown state")
	}
}
