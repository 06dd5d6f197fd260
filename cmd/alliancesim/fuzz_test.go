package main

import (
	"math"
	"slices"
	"strconv"
	"testing"

	"alliancesim/config"
	"alliancesim/sim"
)

// fuzzScenario loads the default scenario, whose paths the fuzzed flags name.
func fuzzScenario(f *testing.F) *config.File {
	file, err := config.Scenario("europe-2025")
	if err != nil {
		f.Fatal(err)
	}
	return file
}

// checkFuzzAxis fails t unless a, parsed from the flag value s, has 1 to 1000 finite values,
// all different (a chart needs them so), a label for each, all different, and a setter that
// takes each value into a spec of file without panicking.
func checkFuzzAxis(t *testing.T, file *config.File, s string, a sim.Axis) {
	t.Helper()
	if n := len(a.Values); n < 1 || n > config.MaxSweepValues || len(a.Labels) != n || a.Set == nil {
		t.Fatalf("%q: %d values, %d labels, setter %t", s, n, len(a.Labels), a.Set != nil)
	}
	for i, v := range a.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) || slices.Contains(a.Values[:i], v) {
			t.Fatalf("%q: value %v among %v", s, v, a.Values)
		}
		if slices.Contains(a.Labels[:i], a.Labels[i]) {
			t.Fatalf("%q: label %q twice among %q", s, a.Labels[i], a.Labels)
		}
	}
	spec, err := file.Spec()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range a.Values {
		a.Set(spec, v)
	}
}

// FuzzParseParam checks that parseParam never panics, and that what it accepts is an axis of
// 1 to 1000 finite numbers, each with its label.
func FuzzParseParam(f *testing.F) {
	file := fuzzScenario(f)
	for _, s := range []string{
		// Valid.
		"rep.init=0.3:0.9:7", "model.gamma=1:2:1000", "rep.init=0.5:0.5:1", "state.Germany.burden=0.04:0.01:4",
		"simulation.runs=10:100:10", "guarantee.NATO.start=0:5:6", "state.Russia.claims.Ukraine=0:1:11",
		"kind.alliance.w=-1e308:1e308:3", "honour.a0=1e-300:-1e300:2", `state."UK".economy=1:3:3`,
		"rep.init=0.3:0.3000001:3", "rep.init=0:5e-324:2",
		// Broken.
		"rep.init=0.3:0.9", "rep.init=a:b:3", "rep.init=0:1:0", "rep.init=0:1:1001", "rep.init=0:1:1",
		"rep.init=0.5:0.5:2", "rep.init=0.3:0.30000000000000004:3", "rep.init=0:5e-324:3", "rep.init=nan:1:3", "rep.init=0:inf:3", "rep.init=1e400:0:2", "rep.int=0:1:3",
		"state.Germany.strategy=0:4:5", "simulation.name=0:1:2", "=::", "", "rep.init=0:1:3:4",
		"state.Germnay.burden=0:1:2", "rep.init=0x1p-2:0x1p-1:2", "rep.init=0:1:+3", "rep.init=0:1:03",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := parseParam(file, s)
		if err != nil {
			return
		}
		checkFuzzAxis(t, file, s, a)
	})
}

// FuzzParseValues checks that parseValues never panics, and that what it accepts is an axis of
// 1 to 1000 finite values, each with its label: for a choice, the index of its label among the
// path's choices.
func FuzzParseValues(f *testing.F) {
	file := fuzzScenario(f)
	for _, s := range []string{
		// Valid.
		"rep.init=0.1,0.2,0.3", "state.Germany.strategy=buckpass,balance", "state.Germany.nuclear=true,false",
		"kind.alliance.trigger=armed,any", "guarantee.NATO.response=fight, arms ,sanctions", "simulation.runs=10,1e2",
		"rep.init=0x1p-2", "state.Russia.claims.Ukraine=0,1", `state."UK".umbrella=true`,
		// Broken.
		"rep.init=", "rep.init", "rep.init=a", "rep.init=0.5,0.5", "rep.init=1,,2", "rep.init=nan", "rep.init=1e400",
		"state.Germany.strategy=balanse", "state.Germany.strategy=buckpass,buckpass", "state.Germany.nuclear=1",
		"simulation.name=a,b", "state.Germany.client_of=Russia", "=1", ",=,", "rep.int=1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := parseValues(file, s)
		if err != nil {
			return
		}
		checkFuzzAxis(t, file, s, a)
		_, choices, err := config.Setter(file, a.Path)
		if err != nil {
			t.Fatalf("%q: accepted, but its path does not resolve: %v", s, err)
		}
		if choices == nil {
			return
		}
		for i, v := range a.Values {
			if v != math.Trunc(v) || v < 0 || int(v) >= len(choices) || choices[int(v)] != a.Labels[i] {
				t.Fatalf("%q: value %s labelled %q, choices %v", s, strconv.FormatFloat(v, 'g', -1, 64), a.Labels[i], choices)
			}
		}
	})
}
