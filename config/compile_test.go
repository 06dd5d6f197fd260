package config

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"alliancesim/agents"
	"alliancesim/sim"
)

func TestSpec(t *testing.T) {
	t.Parallel()
	src := `[simulation]
runs = 7
steps = 3
seed = 99
focus = "Ukraine"

[model]
growth = 0.03

[will]
alpha = 5

[[state]]
name = "Russia"
economy = 2.16
burden = 0.071
position = [37.62, 55.76]
revisionism = 0.1
claims = { Ukraine = 0.8, Poland = 0.3 }

[[state]]
name = "Ukraine"
economy = 0.19
burden = 0.34
power = 0.5
growth = -0.01
position = [30.52, 50.45]
will = { beta = 2 }
strategy = "fixed"

[[state]]
name = "Poland"
economy = 0.915
burden = 0.0412
position = [21.01, 52.23]
client_of = "Russia"

[[guarantee]]
name = "Pact"
kind = "alliance"
members = ["Poland", "Ukraine"]
tripwire = true
start = 2

[[guarantee]]
name = "Promise"
kind = "assurance"
guarantors = ["Russia"]
proteges = ["Ukraine", "Poland"]
tripwire = ["Poland"]
response = "arms"
aid = 0.1
`
	f, err := Load("dir/promise.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.Spec()
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "promise" || s.Runs != 7 || s.Steps != 3 || s.Seed != 99 || s.Focus != 1 {
		t.Errorf("spec header: %q %d %d %d %d", s.Name, s.Runs, s.Steps, s.Seed, s.Focus)
	}
	ru, ua, pl := s.States[0], s.States[1], s.States[2]
	if ru.Growth != 0.03 || ua.Growth != -0.01 {
		t.Errorf("growth %g, %g: want model.growth for Russia, its own for Ukraine", ru.Growth, ua.Growth)
	}
	if ru.Power != 0 || ua.Power != 0.5 {
		t.Errorf("power %g, %g: want 0 (steady state) and 0.5", ru.Power, ua.Power)
	}
	if ru.Will != (agents.Will{Alpha: 5, Beta: 4}) || ua.Will != (agents.Will{Alpha: 5, Beta: 2}) {
		t.Errorf("will %+v, %+v", ru.Will, ua.Will)
	}
	if ru.Strategy.Name() != "balance" || ua.Strategy.Name() != "fixed" {
		t.Errorf("strategies %s, %s", ru.Strategy.Name(), ua.Strategy.Name())
	}
	if want := []sim.Claim{{Target: 1, R: 0.8}, {Target: 2, R: 0.3}}; !slices.Equal(ru.Claims, want) {
		t.Errorf("claims %v, want %v (by target)", ru.Claims, want)
	}
	if ru.R(0) != 0.1 || pl.ClientOf != 0 || ru.ClientOf != -1 {
		t.Errorf("revisionism %g, patrons %d %d", ru.R(0), pl.ClientOf, ru.ClientOf)
	}
	if ru.Lon != 37.62 || ru.Lat != 55.76 {
		t.Errorf("position %g %g", ru.Lon, ru.Lat)
	}

	pact, promise := s.Guarantees[0], s.Guarantees[1]
	if !slices.Equal(pact.Guarantors, []int{2, 1}) || !slices.Equal(pact.Proteges, []int{2, 1}) ||
		!slices.Equal(pact.Tripwire, []int{2, 1}) || pact.Start != 2 || pact.Set != 0 {
		t.Errorf("pact %+v", pact)
	}
	if promise.Kind != agents.Assurance || !slices.Equal(promise.Tripwire, []int{2}) ||
		promise.Set != sim.SetResponse|sim.SetAid {
		t.Errorf("promise %+v", promise)
	}
	terms := promise.Resolve(&s.Params.Kind)
	if terms.Response != agents.Arms || terms.Aid != 0.1 || terms.W != 0.05 {
		t.Errorf("promise terms %+v", terms)
	}
}

func TestUncertain(t *testing.T) {
	t.Parallel()
	src := base + `
[uncertainty]
"state.Russia.claims.Ukraine" = { dist = "beta", alpha = 8, beta = 2 }
"model.gamma" = { dist = "uniform", min = 1.0, max = 2.0 }
"model.s" = { dist = "normal", mu = 0.05, sigma = 0.1 }
"war.cost" = { dist = "lognormal", mu = 0, sigma = 0.5 }
"guarantee.G7.stake" = { dist = "triangular", min = 0.2, mode = 0.4, max = 0.9 }
"state.Ukraine.strategy" = { dist = "categorical", values = ["bandwagon", "balance", "fixed"], weights = [0.7, 0.3, 0] }
"state.Ukraine.nuclear" = { dist = "categorical", values = ["true"] }
`
	f, err := Load("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.Spec()
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, u := range s.Uncertain {
		paths = append(paths, u.Path)
	}
	if !slices.IsSorted(paths) || len(paths) != 7 {
		t.Fatalf("uncertain paths %v: want all seven, sorted", paths)
	}
	byPath := map[string]sim.Uncertain{}
	for _, u := range s.Uncertain {
		byPath[u.Path] = u
	}

	// The same stream gives the same draws: Draw uses the run's generator and nothing else.
	for _, u := range s.Uncertain {
		a, b := rand.New(rand.NewPCG(1, 2)), rand.New(rand.NewPCG(1, 2))
		for range 10 {
			if x, y := u.Draw(a), u.Draw(b); x != y && !(math.IsNaN(x) && math.IsNaN(y)) {
				t.Errorf("%s: draws %g and %g from equal streams", u.Path, x, y)
			}
		}
	}

	const n = 20000
	rng := rand.New(rand.NewPCG(7, 7))
	mean := func(path string) float64 {
		sum := 0.0
		for range n {
			sum += byPath[path].Draw(rng)
		}
		return sum / n
	}
	for _, test := range []struct {
		path      string
		want, tol float64
	}{
		{"state.Russia.claims.Ukraine", 0.8, 0.01},
		{"model.gamma", 1.5, 0.01},
		{"model.s", 0.05, 0.005},
		{"war.cost", math.Exp(0.125), 0.02},
		{"guarantee.G7.stake", 0.5, 0.01},
	} {
		if got := mean(test.path); math.Abs(got-test.want) > test.tol {
			t.Errorf("%s: mean draw %g, want %g ± %g", test.path, got, test.want, test.tol)
		}
	}

	// A categorical draw is an index into the entry's values, chosen by weight.
	counts := make([]int, 3)
	for range n {
		counts[int(byPath["state.Ukraine.strategy"].Draw(rng))]++
	}
	if p := float64(counts[0]) / n; math.Abs(p-0.7) > 0.015 || counts[2] != 0 {
		t.Errorf("categorical counts %v: want about 70%%, 30%%, 0", counts)
	}

	// Apply maps the entry's index to the field's value, and clamps numbers onto the range.
	run := &sim.Spec{}
	s.CopyTo(run)
	byPath["state.Ukraine.strategy"].Apply(run, 0)
	if got := run.States[1].Strategy.Name(); got != "bandwagon" {
		t.Errorf("categorical index 0 applied as %s, want bandwagon", got)
	}
	byPath["state.Ukraine.strategy"].Apply(run, 1)
	if got := run.States[1].Strategy.Name(); got != "balance" {
		t.Errorf("categorical index 1 applied as %s, want balance", got)
	}
	byPath["state.Ukraine.nuclear"].Apply(run, 0)
	if !run.States[1].Nuclear {
		t.Errorf("categorical \"true\" applied as false")
	}
	byPath["model.s"].Apply(run, -0.3)
	if run.Params.Model.S <= 0 {
		t.Errorf("a negative draw of model.s applied as %g: want it clamped above 0", run.Params.Model.S)
	}
	byPath["state.Russia.claims.Ukraine"].Apply(run, 0.25)
	if run.States[0].R(1) != 0.25 || s.States[0].R(1) != 0.8 {
		t.Errorf("claim applied: run %g, spec %g", run.States[0].R(1), s.States[0].R(1))
	}
}

func TestPick(t *testing.T) {
	t.Parallel()
	cum := cumulative([]float64{0, 1, 0, 3, 0}, 5)
	for _, test := range []struct {
		u    float64
		want int
	}{{0, 1}, {0.24, 1}, {0.25, 3}, {0.9999999, 3}, {1, 3}} {
		if got := pick(cum, test.u); got != test.want {
			t.Errorf("pick(%g) = %d, want %d", test.u, got, test.want)
		}
	}
	if got := cumulative(nil, 4); got[0] != 0.25 || got[3] != 1 {
		t.Errorf("equal weights: %v", got)
	}
}

func TestBoundsClamp(t *testing.T) {
	t.Parallel()
	b := positive(2)
	for _, test := range []struct{ v, want float64 }{
		{1, 1}, {3, 2}, {math.NaN(), math.SmallestNonzeroFloat64}, {-1, math.SmallestNonzeroFloat64},
	} {
		if got := b.clamp(test.v); got != test.want {
			t.Errorf("clamp(%g) = %g, want %g", test.v, got, test.want)
		}
	}
}

// TestDefaultsDoNotOverwriteDraws: a global default drawn per run (will.alpha, drawn after
// state.* in path order) must not overwrite a state's own draw of the same value.
func TestDefaultsDoNotOverwriteDraws(t *testing.T) {
	t.Parallel()
	f, err := Load("x.toml", []byte(base+`[uncertainty]
"will.alpha" = { dist = "uniform", min = 1, max = 2 }
"model.growth" = { dist = "uniform", min = 0.0, max = 0.01 }
"state.Ukraine.will.alpha" = { dist = "uniform", min = 10, max = 20 }
"state.Ukraine.growth" = { dist = "uniform", min = 0.1, max = 0.2 }
`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.Spec()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, u := range s.Uncertain {
		u.Apply(s, u.Draw(rng))
	}
	ru, ua := s.States[0], s.States[1]
	if ua.Will.Alpha < 10 || ua.Growth < 0.1 {
		t.Errorf("Ukraine's own draws were overwritten: will.alpha %g, growth %g", ua.Will.Alpha, ua.Growth)
	}
	if ru.Will.Alpha != s.Params.Will.Alpha || ru.Growth != s.Params.Model.Growth || ru.Will.Alpha > 2 {
		t.Errorf("Russia did not follow the global draws: will.alpha %g (global %g), growth %g (global %g)",
			ru.Will.Alpha, s.Params.Will.Alpha, ru.Growth, s.Params.Model.Growth)
	}
}
