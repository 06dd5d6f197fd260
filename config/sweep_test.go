package config

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// sweeps is a 2-D sweep for base: a range and listed choices.
const sweeps = `
[[sweep]]
path = "rep.init"
range = [0.3, 0.9]
n = 7

[[sweep]]
path = "state.Ukraine.strategy"
values = ["buckpass", "balance"]
`

func TestSweepsLoad(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		name, src string
		want      []Sweep
		values    [][]float64
		labels    [][]string
	}{
		{"range and choices", base + sweeps,
			[]Sweep{{Path: "rep.init", Range: []float64{0.3, 0.9}, N: 7}, {Path: "state.Ukraine.strategy", Values: []string{"buckpass", "balance"}}},
			[][]float64{{0.3, 0.4, 0.5, 0.6000000000000001, 0.7, 0.8, 0.9000000000000001}, {2, 0}},
			[][]string{{"0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"}, {"buckpass", "balance"}}},
		{"no sweeps", base, nil, nil, nil},
		{"booleans and integers", base + "[[sweep]]\npath = 'state.\"United Kingdom\".nuclear'\nvalues = [true, false]\n" +
			"[[sweep]]\npath = \"simulation.runs\"\nvalues = [100, 2e2, 1_000]\n",
			[]Sweep{{Path: `state."United Kingdom".nuclear`, Values: []string{"true", "false"}}, {Path: "simulation.runs", Values: []string{"100", "200", "1000"}}},
			[][]float64{{1, 0}, {100, 200, 1000}},
			[][]string{{"true", "false"}, {"100", "200", "1000"}}},
		{"numbers listed", base + "[[sweep]]\npath = \"state.Russia.claims.Ukraine\"\nvalues = [0.25, 1, 1e-7]\n",
			[]Sweep{{Path: "state.Russia.claims.Ukraine", Values: []string{"0.25", "1", "1e-07"}}},
			[][]float64{{0.25, 1, 1e-7}}, [][]string{{"0.25", "1", "1e-07"}}},
		{"one value, descending range, inline tables", "sweep = [{ path = \"kind.treaty.trigger\", values = [\"any\"] }, " +
			"{ path = \"model.gamma\", range = [2, 1], n = 3 }]\n" + base,
			[]Sweep{{Path: "kind.treaty.trigger", Values: []string{"any"}}, {Path: "model.gamma", Range: []float64{2, 1}, N: 3}},
			[][]float64{{1}, {2, 1.5, 1}}, [][]string{{"any"}, {"2", "1.5", "1"}}},
		{"a point", base + "[[sweep]]\npath = \"guarantee.G7.aid\"\nrange = [0.1, 0.1]\nn = 1\n",
			[]Sweep{{Path: "guarantee.G7.aid", Range: []float64{0.1, 0.1}, N: 1}}, [][]float64{{0.1}}, [][]string{{"0.1"}}},
	} {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			f, err := Load("x.toml", []byte(test.src))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f.Sweeps, test.want) {
				t.Errorf("sweeps:\n got %+v\nwant %+v", f.Sweeps, test.want)
			}
			axes, err := f.SweepAxes()
			if err != nil {
				t.Fatal(err)
			}
			if len(axes) != len(test.want) {
				t.Fatalf("%d axes, want %d", len(axes), len(test.want))
			}
			for i, a := range axes {
				if a.Path != test.want[i].Path || !reflect.DeepEqual(a.Values, test.values[i]) || !reflect.DeepEqual(a.Labels, test.labels[i]) {
					t.Errorf("axis %d: %s %v %q, want %s %v %q", i, a.Path, a.Values, a.Labels, test.want[i].Path, test.values[i], test.labels[i])
				}
				checkAxis(t, a)
			}
			// A run ignores the sweeps: the spec is the one without them.
			plain, err := Load("x.toml", []byte(base))
			if err != nil {
				t.Fatal(err)
			}
			if a, b := specOf(t, f), specOf(t, plain); !reflect.DeepEqual(a, b) {
				t.Errorf("the sweeps changed the spec")
			}
		})
	}
}

// The axes of the sweeps set what they say in a compiled spec.
func TestSweepAxesSet(t *testing.T) {
	t.Parallel()
	f, err := Load("x.toml", []byte(base+sweeps))
	if err != nil {
		t.Fatal(err)
	}
	axes, err := f.SweepAxes()
	if err != nil {
		t.Fatal(err)
	}
	spec := specOf(t, f)
	axes[0].Set(spec, axes[0].Values[2])
	axes[1].Set(spec, axes[1].Values[0])
	if spec.Params.Rep.Init != 0.5 {
		t.Errorf("rep.init = %v, want 0.5", spec.Params.Rep.Init)
	}
	if got := spec.States[1].Strategy.Name(); got != "buckpass" {
		t.Errorf("Ukraine's strategy %s, want buckpass", got)
	}
}

func TestSweepErrors(t *testing.T) {
	t.Parallel()
	const l = 31 // the line of the first [[sweep]] after base
	for _, test := range []struct {
		name, sweeps string
		want         string // the whole error text, one line per fault
	}{
		// Keys that do not fit the schema.
		{"unknown key", "[[sweep]]\npath = \"rep.init\"\nrnage = [0, 1]\nn = 2\n",
			`x.toml:33: sweep[1].rnage: unknown key (did you mean "range"?)`},
		{"missing path", "[[sweep]]\nvalues = [1]\n",
			`x.toml:31: sweep[1].path: missing (required: the dotted path of the swept value, as --set takes it: a number, a boolean or a choice)`},
		{"a table for tables", "[sweep]\npath = \"rep.init\"\n",
			`x.toml:31: sweep: wrong type: have a table, want tables [[sweep]]`},
		{"a string for a range", "[[sweep]]\npath = \"rep.init\"\nrange = \"0.3:0.9\"\nn = 7\n",
			`x.toml:33: sweep[1].range: wrong type: have string "0.3:0.9", want a list of numbers`},
		{"a float for n", "[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.9]\nn = 7.0\n",
			`x.toml:34: sweep[1].n: wrong type: have float 7.0, want an integer (write 7)`},
		{"a string for values", "[[sweep]]\npath = \"rep.init\"\nvalues = \"0.3,0.9\"\n",
			`x.toml:33: sweep[1].values: wrong type: have string "0.3,0.9", want a list of numbers, booleans or strings`},
		{"a list among values", "[[sweep]]\npath = \"rep.init\"\nvalues = [[0.3]]\n",
			`x.toml:33: sweep[1].values: wrong type: have an array, want a number, a boolean or a string`},
		{"a string for a number", "[[sweep]]\npath = \"rep.init\"\nvalues = [0.3, \"0.9\"]\n",
			`x.toml:33: sweep[1].values: wrong type: have string "0.9", want a number (rep.init is a number)`},
		{"a string for a boolean", "[[sweep]]\npath = \"state.Russia.nuclear\"\nvalues = [\"true\"]\n",
			`x.toml:33: sweep[1].values: wrong type: have string "true", want true or false (state.Russia.nuclear is a boolean)`},
		{"a number for a choice", "[[sweep]]\npath = \"state.Russia.strategy\"\nvalues = [1]\n",
			`x.toml:33: sweep[1].values: wrong type: have integer 1, want the name of a strategy (allowed: balance, bandwagon, buckpass, fixed, freeride)`},
		{"an inexact integer", "[[sweep]]\npath = \"simulation.seed\"\nvalues = [9007199254740993]\n",
			`x.toml:33: sweep[1].values: 9007199254740993 cannot be held exactly by a number (allowed: at most 2^53 in magnitude)`},

		// Paths.
		{"unknown path", "[[sweep]]\npath = \"rep.int\"\nrange = [0.3, 0.9]\nn = 7\n",
			`x.toml:32: sweep[1].path: unknown path "rep.int" (did you mean "rep.init"?)`},
		{"unknown state", "[[sweep]]\npath = \"state.Ukrane.strategy\"\nvalues = [\"balance\"]\n",
			`x.toml:32: sweep[1].path: unknown path "state.Ukrane.strategy" (did you mean "state.Ukraine.strategy"?)`},
		{"unknown claim", "[[sweep]]\npath = \"state.Russia.claims.Ukrane\"\nvalues = [0.5]\n",
			`x.toml:32: sweep[1].path: "state.Russia.claims.Ukrane": unknown state "Ukrane" (did you mean "Ukraine"?)`},
		{"nothing near", "[[sweep]]\npath = \"xyzzy\"\nvalues = [1]\n",
			"x.toml:32: sweep[1].path: unknown path \"xyzzy\" (see `alliancesim init` for every path)"},
		{"empty path", "[[sweep]]\npath = \"\"\nvalues = [1]\n",
			`x.toml:32: sweep[1].path: empty (allowed: a dotted path as --set takes it, such as rep.init)`},
		{"text", "[[sweep]]\npath = \"simulation.name\"\nvalues = [\"a\", \"b\"]\n",
			`x.toml:32: sweep[1].path: simulation.name cannot be swept (allowed: numbers, booleans and choices such as strategies)`},
		{"a state's name", "[[sweep]]\npath = \"state.Ukraine.client_of\"\nvalues = [\"Russia\"]\n",
			`x.toml:32: sweep[1].path: state.Ukraine.client_of cannot be swept (allowed: numbers, booleans and choices such as strategies)`},
		{"one path twice", "[[sweep]]\npath = 'state.\"Ukraine\".burden'\nvalues = [0.1]\n[[sweep]]\npath = \"state.Ukraine.burden\"\nvalues = [0.2]\n",
			`x.toml:35: sweep[2].path: sweeps state.Ukraine.burden, as sweep[1] does (allowed: a different value on each axis)`},

		// Range and n.
		{"no values", "[[sweep]]\npath = \"rep.init\"\n",
			`x.toml:31: sweep[1]: no values (required: range = [lo, hi] with n = count, or values = [a, b, ...])`},
		{"range and values", "[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.9]\nn = 2\nvalues = [0.5]\n",
			`x.toml:35: sweep[1].values: give range and n, or values, not both`},
		{"range without n", "[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.9]\n",
			`x.toml:31: sweep[1].n: missing (required with range: how many numbers, 1 to 1000)`},
		{"n without range", "[[sweep]]\npath = \"rep.init\"\nn = 7\n",
			`x.toml:31: sweep[1].range: missing (required with n: [lo, hi], the numbers from which n values are spaced evenly)`},
		{"n with values", "[[sweep]]\npath = \"rep.init\"\nvalues = [0.5]\nn = 1\n",
			`x.toml:34: sweep[1].n: n goes with range, not with values (allowed: range and n, or values)`},
		{"n of 0", "[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.9]\nn = 0\n",
			`x.toml:34: sweep[1].n: 0 is out of range (allowed: 1 to 1000)`},
		{"n too large", "[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.9]\nn = 1001\n",
			`x.toml:34: sweep[1].n: 1001 is out of range (allowed: 1 to 1000)`},
		{"n of 1 over a span", "[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.9]\nn = 1\n",
			`x.toml:34: sweep[1].n: 1 number cannot span 0.3 to 0.9 (allowed: 2 to 1000, or 1 when lo = hi)`},
		{"n above 1 over a point", "[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.3]\nn = 3\n",
			`x.toml:34: sweep[1].n: 3 numbers from 0.3 to itself (allowed: 1 when lo = hi)`},
		{"numbers too close", "[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.30000000000000004]\nn = 3\n",
			`x.toml:34: sweep[1].n: 0.3 to 0.30000000000000004 holds fewer than 3 distinct numbers (allowed: a smaller n, or a wider range)`},
		{"three numbers", "[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.6, 0.9]\nn = 3\n",
			`x.toml:33: sweep[1].range: have 3 numbers, want 2: [lo, hi]`},
		{"infinite range", "[[sweep]]\npath = \"rep.init\"\nrange = [0.3, inf]\nn = 3\n",
			`x.toml:33: sweep[1].range: inf is not a finite number (allowed: any finite number)`},
		{"nan range", "[[sweep]]\npath = \"rep.init\"\nrange = [nan, 0.3]\nn = 3\n",
			`x.toml:33: sweep[1].range: nan is not a finite number (allowed: any finite number)`},
		{"a range of choices", "[[sweep]]\npath = \"state.Ukraine.strategy\"\nrange = [0, 4]\nn = 5\n",
			`x.toml:33: sweep[1].range: state.Ukraine.strategy is a strategy, not a number: list its values (allowed: values = ["balance", "bandwagon", "buckpass", "fixed", "freeride"])`},
		{"a range of booleans", "[[sweep]]\npath = \"guarantee.G7.umbrella\"\nrange = [0, 1]\nn = 2\n",
			`x.toml:33: sweep[1].range: guarantee.G7.umbrella is a boolean, not a number: list its values (allowed: values = [false, true])`},

		// Values.
		{"empty values", "[[sweep]]\npath = \"rep.init\"\nvalues = []\n",
			`x.toml:33: sweep[1].values: no values (allowed: a list of one or more)`},
		{"unknown choice", "[[sweep]]\npath = \"state.Ukraine.strategy\"\nvalues = [\"buckpass\", \"balanse\"]\n",
			`x.toml:33: sweep[1].values: unknown strategy "balanse" (allowed: balance, bandwagon, buckpass, fixed, freeride)`},
		{"unknown trigger", "[[sweep]]\npath = \"guarantee.G7.trigger\"\nvalues = [\"armd\"]\n",
			`x.toml:33: sweep[1].values: unknown trigger "armd" (allowed: armed, any)`},
		{"choice twice", "[[sweep]]\npath = \"state.Ukraine.strategy\"\nvalues = [\"buckpass\", \"buckpass\"]\n",
			`x.toml:33: sweep[1].values: "buckpass" is listed twice`},
		{"number twice", "[[sweep]]\npath = \"rep.init\"\nvalues = [0.5, 5e-1]\n",
			`x.toml:33: sweep[1].values: 0.5 is listed twice`},
		{"infinite value", "[[sweep]]\npath = \"rep.init\"\nvalues = [0.5, -inf]\n",
			`x.toml:33: sweep[1].values: -inf is not a finite number (allowed: any finite number)`},

		// Too many.
		{"three sweeps", "[[sweep]]\npath = \"rep.init\"\nvalues = [0.5]\n\n[[sweep]]\npath = \"rep.up\"\nvalues = [0.5]\n\n" +
			"[[sweep]]\npath = \"rep.down\"\nvalues = [0.5]\n",
			`x.toml:39: sweep[3]: 3 sweeps are too many (allowed: at most 2, the axes of a line or a heatmap)`},

		// Every fault at once, in source order.
		{"several faults", "[[sweep]]\npath = \"rep.int\"\nrange = [0.3, 0.9]\nn = 0\n\n[[sweep]]\npath = \"state.Ukraine.strategy\"\nvalues = [\"balanse\"]\n",
			`x.toml:32: sweep[1].path: unknown path "rep.int" (did you mean "rep.init"?)
x.toml:34: sweep[1].n: 0 is out of range (allowed: 1 to 1000)
x.toml:38: sweep[2].values: unknown strategy "balanse" (allowed: balance, bandwagon, buckpass, fixed, freeride)`},
	} {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			src := base + "\n" + test.sweeps
			if got := strings.Count(base+"\n", "\n") + 1; got != l {
				t.Fatalf("the first sweep is on line %d, not %d", got, l)
			}
			f, err := Load("x.toml", []byte(src))
			if err == nil {
				t.Fatalf("loaded broken sweeps: %+v", f.Sweeps)
			}
			if got := err.Error(); got != test.want {
				t.Errorf("error:\n got %s\nwant %s", got, test.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error %T is not an *Error", err)
			}
		})
	}
}

// The many values of one sweep are limited like its n.
func TestSweepTooManyValues(t *testing.T) {
	t.Parallel()
	vals := strings.Repeat("0.5, ", MaxSweepValues) + "0.5"
	_, err := Load("x.toml", []byte(base+"[[sweep]]\npath = \"rep.init\"\nvalues = ["+vals+"]\n"))
	want := `x.toml:32: sweep[1].values: 1001 values are too many (allowed: at most 1000)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// The sweeps are part of the canonical encoding: they survive a round trip with the same hash
// and change the hash, whatever the layout of the source.
func TestSweepsHash(t *testing.T) {
	t.Parallel()
	plain, err := Load("x.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load("x.toml", []byte(base+sweeps+"[[sweep]]\n")); err == nil {
		t.Fatal("a third, empty, [[sweep]] loaded")
	}
	f, err := Load("x.toml", []byte(base+sweeps))
	if err != nil {
		t.Fatal(err)
	}
	h := f.Hash()
	if h == plain.Hash() {
		t.Error("the sweeps do not change the hash")
	}
	for _, commented := range []bool{false, true} {
		g := reload(t, f, commented)
		if g.Hash() != h {
			t.Errorf("commented %t: hash changed by a round trip", commented)
		}
		if !reflect.DeepEqual(g.Sweeps, f.Sweeps) {
			t.Errorf("commented %t: sweeps %+v after a round trip, want %+v", commented, g.Sweeps, f.Sweeps)
		}
	}
	var b bytes.Buffer
	f.WriteTOML(&b, false)
	if want := "[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.9]\nn = 7\n\n[[sweep]]\npath = \"state.Ukraine.strategy\"\nvalues = [\"buckpass\", \"balance\"]\n"; !strings.HasSuffix(b.String(), want) {
		t.Errorf("canonical encoding ends:\n%s\nwant:\n%s", b.String()[strings.Index(b.String(), "[[guarantee]]"):], want)
	}

	// The same sweeps written otherwise: inline, other key order, numbers spelled otherwise.
	other := "sweep = [\n  { n = 7, range = [3e-1, 0.90], path = \"rep.init\" },\n  # choices\n" +
		"  { values = [\"buckpass\", \"balance\"], path = 'state.Ukraine.strategy' },\n]\n" + base
	g, err := Load("y.toml", []byte(other))
	if err != nil {
		t.Fatal(err)
	}
	if g.Hash() != h {
		t.Error("the same sweeps written otherwise have another hash")
	}
	// Other sweeps, another hash: another n, the axes swapped, a value more.
	for _, changed := range []string{
		strings.Replace(sweeps, "n = 7", "n = 6", 1),
		"\n[[sweep]]\npath = \"state.Ukraine.strategy\"\nvalues = [\"buckpass\", \"balance\"]\n\n[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.9]\nn = 7\n",
		strings.Replace(sweeps, `"balance"]`, `"balance", "fixed"]`, 1),
	} {
		g, err := Load("z.toml", []byte(base+changed))
		if err != nil {
			t.Fatal(err)
		}
		if g.Hash() == h {
			t.Errorf("other sweeps, the same hash:\n%s", changed)
		}
	}

	// Integers, booleans and numbers are written as such, by the type of the path.
	f, err = Load("x.toml", []byte(base+"[[sweep]]\npath = \"simulation.runs\"\nvalues = [100, 2e2, 1e0]\n"+
		"[[sweep]]\npath = \"state.Russia.nuclear\"\nvalues = [false, true]\n"))
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	f.WriteTOML(&b, false)
	for _, want := range []string{"values = [100, 200, 1]\n", "values = [false, true]\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("canonical encoding lacks %q:\n%s", want, b.String())
		}
	}
	if reload(t, f, false).Hash() != f.Hash() {
		t.Error("integer sweep values: hash changed by a round trip")
	}
}

// init's output documents [[sweep]]: with an example when the file has none, with the doc of
// its keys when it has some.
func TestSweepsCommented(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		src  string
		want []string
	}{
		{base, []string{"# Sweeps: the axes of the grid", "# [[sweep]]\n# path = \"rep.init\"\n# range = [0.3, 0.9]\n# n = 7\n",
			"# path = \"state.Russia.strategy\"\n# values = [\"buckpass\", \"balance\"]\n"}},
		{base + sweeps, []string{"# Sweeps: the axes of the grid", "#   n        how many numbers range gives: 1 to 1000",
			"\n[[sweep]]\npath = \"rep.init\"\nrange = [0.3, 0.9]\nn = 7\n"}},
	} {
		f, err := Load("x.toml", []byte(test.src))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		f.WriteTOML(&b, true)
		for _, want := range test.want {
			if !strings.Contains(b.String(), want) {
				t.Errorf("commented config lacks %q:\n%s", want, b.String())
			}
		}
		if got, want := strings.Count(b.String(), "\n[[sweep]]"), len(f.Sweeps); got != want {
			t.Errorf("%d [[sweep]] tables written, want %d", got, want)
		}
		if len(f.Sweeps) > 0 && strings.Contains(b.String(), "# [[sweep]]\n") {
			t.Error("an example of [[sweep]] beside the config's own")
		}
	}
}

// Set keeps the sweeps, in a copy of its own.
func TestSetKeepsSweeps(t *testing.T) {
	t.Parallel()
	f, err := Load("x.toml", []byte(base+sweeps))
	if err != nil {
		t.Fatal(err)
	}
	before := f.Sweeps
	if err := f.Set("model.gamma", "2"); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f.Sweeps, before) {
		t.Fatalf("sweeps %+v after Set, want %+v", f.Sweeps, before)
	}
	f.Sweeps[0].Range[0] = 0.1
	f.Sweeps[1].Values[0] = "fixed"
	if before[0].Range[0] != 0.3 || before[1].Values[0] != "buckpass" {
		t.Error("the file after Set shares its sweeps with the file before")
	}
}

// Sweep.Axis checks a sweep built by hand as Load checks a [[sweep]] table.
func TestSweepAxis(t *testing.T) {
	t.Parallel()
	f := loadBase(t)
	for _, test := range []struct {
		s      Sweep
		values []float64
		labels []string
		err    string
	}{
		{s: Sweep{Path: "rep.init", Range: []float64{0, 1}, N: 3}, values: []float64{0, 0.5, 1}, labels: []string{"0", "0.5", "1"}},
		{s: Sweep{Path: "model.gamma", Values: []string{"1.50", "0x1p1"}}, values: []float64{1.5, 2}, labels: []string{"1.50", "0x1p1"}},
		{s: Sweep{Path: "guarantee.G7.umbrella", Values: []string{"true"}}, values: []float64{1}, labels: []string{"true"}},
		{s: Sweep{Path: "simulation.steps", Range: []float64{-1e308, 1e308}, N: 1000},
			err: `x.toml: simulation.steps: sweep range: value -1e+308 of simulation.steps is refused, as --set simulation.steps=-1e+308 is: "-1e+308" is not an integer (allowed: 1 to 1000)`},
		// Labels take more digits when 6 do not tell the numbers apart.
		{s: Sweep{Path: "rep.init", Range: []float64{0.3, 0.3000001}, N: 3}, values: []float64{0.3, 0.30000004999999996, 0.3000001},
			labels: []string{"0.3", "0.30000005", "0.3000001"}},
		{s: Sweep{Path: "rep.init", Range: []float64{0, 5e-324}, N: 3},
			err: `x.toml: rep.init: sweep n: 0 to 5e-324 holds fewer than 3 distinct numbers (allowed: a smaller n, or a wider range)`},
		{s: Sweep{Path: "rep.int", Values: []string{"1"}}, err: `x.toml: rep.int: sweep path: unknown path "rep.int" (did you mean "rep.init"?)`},
		{s: Sweep{Path: "rep.init", Values: []string{" 1"}}, err: `x.toml: rep.init: sweep values: " 1" is not a number (allowed: numbers, as rep.init is one)`},
		{s: Sweep{Path: "rep.init", Values: []string{"1e400"}}, err: `x.toml: rep.init: sweep values: 1e400 is not a finite number (allowed: any finite number)`},
		{s: Sweep{Path: "rep.init", Range: []float64{0, 1}}, err: `x.toml: rep.init: sweep n: missing (required with range: how many numbers, 1 to 1000)`},
		{s: Sweep{Path: "rep.init"}, err: `x.toml: rep.init: sweep: no values (required: range = [lo, hi] with n = count, or values = [a, b, ...])`},
		{s: Sweep{Path: "state.Russia.nuclear", Values: []string{"yes"}}, err: `x.toml: state.Russia.nuclear: sweep values: unknown boolean "yes" (allowed: false, true)`},
	} {
		a, err := test.s.Axis(f)
		if test.err != "" {
			if err == nil || err.Error() != test.err {
				t.Errorf("%+v: got error %v, want %s", test.s, err, test.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%+v: %v", test.s, err)
			continue
		}
		checkAxis(t, a)
		if test.values != nil && (!reflect.DeepEqual(a.Values, test.values) || !reflect.DeepEqual(a.Labels, test.labels)) {
			t.Errorf("%+v: %v %q, want %v %q", test.s, a.Values, a.Labels, test.values, test.labels)
		}
	}
}

func TestGridValue(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		lo, hi float64
		n      int
		want   []float64
	}{
		{0.3, 0.9, 3, []float64{0.3, 0.6000000000000001, 0.9000000000000001}}, // as --param always gave
		{1, 0, 5, []float64{1, 0.75, 0.5, 0.25, 0}},
		{2, 2, 1, []float64{2}},
		{-math.MaxFloat64, math.MaxFloat64, 3, []float64{-math.MaxFloat64, 0, math.MaxFloat64}},
		{math.MaxFloat64, -math.MaxFloat64, 2, []float64{math.MaxFloat64, -math.MaxFloat64}},
	} {
		for i, want := range test.want {
			if got := gridValue(test.lo, test.hi, i, test.n); got != want {
				t.Errorf("gridValue(%g, %g, %d, %d) = %g, want %g", test.lo, test.hi, i, test.n, got, want)
			}
		}
	}
	// Any finite range gives finite values within it.
	for _, r := range [][2]float64{{-math.MaxFloat64, math.MaxFloat64}, {-1e308, 1e308}, {-math.MaxFloat64, 1}, {5e-324, -math.MaxFloat64}} {
		for _, n := range []int{2, 3, 7, 999, 1000} {
			for i := range n {
				v := gridValue(r[0], r[1], i, n)
				if math.IsNaN(v) || math.IsInf(v, 0) || v < min(r[0], r[1]) || v > max(r[0], r[1]) {
					t.Fatalf("gridValue(%g, %g, %d, %d) = %g", r[0], r[1], i, n, v)
				}
			}
		}
	}
}
