package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"alliancesim/agents"
)

func TestScenarios(t *testing.T) {
	t.Parallel()
	infos := Scenarios()
	if len(infos) == 0 || !slices.IsSortedFunc(infos, func(a, b ScenarioInfo) int { return strings.Compare(a.Name, b.Name) }) {
		t.Fatalf("Scenarios() = %v: want a sorted, non-empty list", infos)
	}
	for _, info := range infos {
		f, err := Scenario(info.Name)
		if err != nil {
			t.Errorf("scenario %s: %v", info.Name, err)
			continue
		}
		if info.Description == "" || info.Description != f.Simulation.Description {
			t.Errorf("scenario %s: description %q, want its [simulation].description", info.Name, info.Description)
		}
		if f.header == "" {
			t.Errorf("scenario %s: no header comment saying what it represents", info.Name)
		}
		spec, err := f.Spec()
		if err != nil {
			t.Errorf("scenario %s: Spec: %v", info.Name, err)
			continue
		}
		if err := spec.Check(); err != nil {
			t.Errorf("scenario %s: %v", info.Name, err)
		}
	}
}

// TestEurope2025 checks the default scenario against docs/ODD.md §6 and the 2024 data.
func TestEurope2025(t *testing.T) {
	t.Parallel()
	f, err := Scenario("europe-2025")
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.Spec()
	if err != nil {
		t.Fatal(err)
	}
	if s.Runs != 10000 || s.Steps != 20 || s.Seed != 1 || s.Focus != s.StateIndex("Ukraine") {
		t.Errorf("runs %d steps %d seed %d focus %d: want 10000, 20, 1, Ukraine", s.Runs, s.Steps, s.Seed, s.Focus)
	}
	if s.Params != agents.DefaultParams() {
		t.Errorf("the scenario changes model parameters; it must keep the defaults")
	}
	if len(s.States) != 20 {
		t.Errorf("%d states, want the 20 of europe-2024.csv", len(s.States))
	}
	state := func(name string) int {
		i := s.StateIndex(name)
		if i < 0 {
			t.Fatalf("no state %s", name)
		}
		return i
	}
	strategies := map[string][]string{
		"balance":   {"Poland", "Finland", "Sweden", "Romania", "Estonia", "Latvia", "Lithuania", "Ukraine", "USA", "Russia", "Belarus"},
		"buckpass":  {"Germany", "France", "UK"},
		"freeride":  {"Italy", "Netherlands", "Turkey", "Hungary"},
		"bandwagon": {"Moldova", "Georgia"},
	}
	for strategy, names := range strategies {
		for _, n := range names {
			if got := s.States[state(n)].Strategy.Name(); got != strategy {
				t.Errorf("%s: strategy %s, want %s", n, got, strategy)
			}
		}
	}
	for n, p := range map[string]float64{"USA": 0.5, "UK": 0.25, "France": 0.25, "Germany": 0} {
		if got := s.States[state(n)].Projection; got != p {
			t.Errorf("%s: projection %g, want %g", n, got, p)
		}
	}
	ru := &s.States[state("Russia")]
	for n, r := range map[string]float64{"Ukraine": 0.8, "Moldova": 0.3, "Georgia": 0.3, "Estonia": 0.3, "Latvia": 0.3, "Lithuania": 0.3, "Poland": 0} {
		if got := ru.R(state(n)); got != r {
			t.Errorf("r(Russia, %s) = %g, want %g", n, got, r)
		}
	}
	if by := s.States[state("Belarus")].ClientOf; by != state("Russia") {
		t.Errorf("Belarus is a client of %d, want Russia", by)
	}
	// Spot checks of the data.
	if u := s.States[state("Ukraine")]; u.Economy != 0.19 || u.Burden != 0.34 || u.Lon != 30.52 || u.Lat != 50.45 {
		t.Errorf("Ukraine: %+v", u)
	}
	if !ru.Nuclear || s.States[state("Germany")].Nuclear {
		t.Errorf("nuclear status wrong")
	}

	var nato *int
	agreements := map[string]bool{}
	for k, g := range s.Guarantees {
		switch g.Kind {
		case agents.Alliance:
			k := k
			nato = &k
		case agents.Agreement:
			if len(g.Guarantors) != 1 || len(g.Proteges) != 1 || g.Proteges[0] != state("Ukraine") {
				t.Errorf("agreement %s: want one guarantor and Ukraine", g.Name)
				continue
			}
			agreements[s.States[g.Guarantors[0]].Name] = true
		default:
			t.Errorf("guarantee %s of kind %s", g.Name, g.Kind)
		}
	}
	for _, n := range []string{"USA", "UK", "France", "Germany", "Italy"} {
		if !agreements[n] {
			t.Errorf("no agreement of %s with Ukraine", n)
		}
	}
	if len(agreements) != 5 {
		t.Errorf("%d agreements with Ukraine, want 5", len(agreements))
	}
	if nato == nil {
		t.Fatal("no alliance")
	}
	g := s.Guarantees[*nato]
	if len(g.Guarantors) != 15 || !slices.Equal(g.Guarantors, g.Proteges) {
		t.Errorf("NATO: %d members, want the 15 of 2024, each guarantor and protégé", len(g.Guarantors))
	}
	var tripwire []string
	for _, i := range g.Tripwire {
		tripwire = append(tripwire, s.States[i].Name)
	}
	slices.Sort(tripwire)
	if want := []string{"Estonia", "Latvia", "Lithuania", "Poland"}; !slices.Equal(tripwire, want) {
		t.Errorf("NATO tripwire %v, want %v", tripwire, want)
	}
}

func TestOpen(t *testing.T) {
	t.Parallel()
	if _, err := Open("europe-2025"); err != nil {
		t.Errorf("Open(europe-2025): %v", err)
	}
	path := filepath.Join(t.TempDir(), "mine.toml")
	if err := os.WriteFile(path, []byte(base), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, err := Open(path); err != nil || f.Name != path {
		t.Errorf("Open(%s): %v", path, err)
	}
	_, err := Open("europe-2052")
	want := `config: "europe-2052" is neither an embedded scenario nor a file (did you mean "europe-2025"?) (scenarios: `
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "europe-2025") {
		t.Errorf("Open(europe-2052) = %v, want %s", err, want)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "gone.toml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing file: %v", err)
	}
	if _, err := Scenario("../load"); err == nil {
		t.Errorf("Scenario(../load) loaded")
	}
}
