package config

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// factors are three factors for base: a uniform number, a normal one and a choice.
const factors = `
[[factor]]
path = "state.Russia.claims.Ukraine"
name = "claim"
min = 0.2
max = 1.0

[[factor]]
path = "model.gamma"
dist = "normal"
mu = 1.5
sigma = 0.2

[[factor]]
path = "state.Ukraine.strategy"
values = ["buckpass", "balance"]
weights = [3, 1]
`

func TestFactorsLoad(t *testing.T) {
	t.Parallel()
	f, err := Load("x.toml", []byte(base+factors+"[uncertainty]\n\"rep.init\" = { dist = \"uniform\", min = 0.3, max = 0.9 }\n"))
	if err != nil {
		t.Fatal(err)
	}
	xs, err := f.ExploreFactors()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, x := range xs {
		names = append(names, x.Name+"="+x.Path)
	}
	if got, want := strings.Join(names, " "), "claim=state.Russia.claims.Ukraine model.gamma=model.gamma state.Ukraine.strategy=state.Ukraine.strategy rep.init=rep.init"; got != want {
		t.Fatalf("factors %s, want %s", got, want)
	}
	normal := distuv.Normal{Mu: 1.5, Sigma: 0.2}
	for _, c := range []struct {
		x    int
		u    float64
		want float64
	}{
		{0, 0, 0.2}, {0, 0.5, 0.6}, {0, 1, 1.0},
		{1, 0.5, 1.5}, {1, 0.975, normal.Quantile(0.975)},
		{1, 0, normal.Quantile(tail)}, {1, 1, normal.Quantile(1 - tail)}, // cut, not infinite
		// weights 3:1: buckpass for u < 0.75
		{2, 0, 0}, {2, 0.7499, 0}, {2, 0.75, 1}, {2, 1, 1},
		{3, 0.25, 0.45},
	} {
		if got := xs[c.x].Value(c.u); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("factor %s at u = %g: %g, want %g", xs[c.x].Name, c.u, got, c.want)
		}
	}
	if !xs[2].Categorical() || strings.Join(xs[2].Labels, ",") != "buckpass,balance" || xs[0].Categorical() {
		t.Errorf("labels %q and %q", xs[0].Labels, xs[2].Labels)
	}
	// Set applies a factor's value to a compiled spec: the choice by its label's index.
	spec, err := f.Spec()
	if err != nil {
		t.Fatal(err)
	}
	xs[2].Set(spec, 1)
	ukraine := spec.States[1]
	if ukraine.Name != "Ukraine" || ukraine.Strategy.Name() != "balance" {
		t.Errorf("%s's strategy %s after setting balance", ukraine.Name, ukraine.Strategy.Name())
	}
	// The factors are part of the config: they survive an encoding and change the hash.
	var b strings.Builder
	if err := f.WriteTOML(&b, false); err != nil {
		t.Fatal(err)
	}
	g, err := Load("y.toml", []byte(b.String()))
	if err != nil {
		t.Fatalf("reload: %v\n%s", err, b.String())
	}
	if g.Hash() != f.Hash() || len(g.Factors) != 3 || g.Factors[1].Dist != "normal" || g.Factors[2].Dist != "" {
		t.Errorf("factors lost in the encoding:\n%s", b.String())
	}
	plain, err := Load("x.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if plain.Hash() == f.Hash() {
		t.Error("factors do not change the hash")
	}
}

func TestFactorsInvalid(t *testing.T) {
	t.Parallel()
	// base has 29 lines and factor tables start on line 31.
	for _, test := range []struct {
		name, src, want string
	}{
		{"unknown path", "[[factor]]\npath = \"model.gama\"\nmin = 1\nmax = 2\n",
			`x.toml:32: factor[1].path: unknown path "model.gama" (did you mean "model.gamma"?)`},
		{"empty path", "[[factor]]\npath = \"\"\nmin = 1\nmax = 2\n",
			`x.toml:32: factor[1].path: empty (allowed: a dotted path as --set takes it, such as model.gamma)`},
		{"missing path", "[[factor]]\nmin = 1\nmax = 2\n", `x.toml:31: factor[1].path: missing (required: the dotted path of the value`},
		{"text cannot vary", "[[factor]]\npath = \"simulation.name\"\nvalues = [\"a\"]\n",
			`x.toml:32: factor[1].path: simulation.name cannot vary (allowed: numbers, booleans and choices such as strategies)`},
		{"unknown dist", "[[factor]]\npath = \"model.gamma\"\ndist = \"gamma\"\nmin = 1\n",
			`x.toml:33: factor[1].dist: unknown dist "gamma" (allowed: beta, categorical, lognormal, normal, triangular, uniform)`},
		{"uniform lacks max", "[[factor]]\npath = \"model.gamma\"\nmin = 1\n",
			`x.toml:31: factor[1].max: missing (uniform needs min and max)`},
		{"wrong parameter", "[[factor]]\npath = \"model.gamma\"\nmin = 1\nmax = 2\nsigma = 3\n",
			`x.toml:35: factor[1].sigma: not a parameter of uniform (allowed: min, max)`},
		{"max below min", "[[factor]]\npath = \"model.gamma\"\nmin = 2\nmax = 1\n",
			`x.toml:34: factor[1].max: 1 is not above min = 2 (allowed: more than min)`},
		{"range for a choice", "[[factor]]\npath = \"state.Ukraine.strategy\"\nmin = 0\nmax = 1\n",
			`x.toml:31: factor[1]: state.Ukraine.strategy is a strategy, not a number: draw it with categorical (allowed: values = ["balance", "bandwagon", "buckpass", "fixed", "freeride"])`},
		{"unknown choice", "[[factor]]\npath = \"state.Ukraine.strategy\"\nvalues = [\"buckpas\"]\n",
			`x.toml:33: factor[1].values: unknown strategy "buckpas" (allowed: balance, bandwagon, buckpass, fixed, freeride)`},
		{"values for a number", "[[factor]]\npath = \"model.gamma\"\nvalues = [\"1\"]\n",
			`x.toml:31: factor[1]: categorical draws a choice, and model.gamma is a number (allowed: uniform, normal, beta, lognormal, triangular)`},
		{"weights do not match", "[[factor]]\npath = \"state.Ukraine.nuclear\"\nvalues = [\"false\", \"true\"]\nweights = [1]\n",
			`x.toml:34: factor[1].weights: 1 weights for 2 values (allowed: one weight per value)`},
		{"twice", "[[factor]]\npath = \"model.gamma\"\nmin = 1\nmax = 2\n[[factor]]\npath = \"model.gamma\"\nname = \"g\"\nmin = 1\nmax = 2\n",
			`x.toml:36: factor[2].path: varies model.gamma, as factor[1] does (allowed: one factor per value)`},
		{"one name twice", "[[factor]]\npath = \"model.gamma\"\nname = \"g\"\nmin = 1\nmax = 2\n[[factor]]\npath = \"rep.init\"\nname = \"g\"\nmin = 0.1\nmax = 0.2\n",
			`x.toml:38: factor[2].name: "g" names factor[1] too (allowed: a different name for each factor)`},
		{"drawn per run", "[[factor]]\npath = \"model.gamma\"\nmin = 1\nmax = 2\n[uncertainty]\n\"model.gamma\" = { dist = \"uniform\", min = 1, max = 2 }\n",
			`x.toml:32: factor[1].path: model.gamma is drawn by uncertainty."model.gamma", which explore varies as a factor already (allowed: a value [uncertainty] does not draw)`},
		{"not a table", "", ``},
		{"unknown key", "[[factor]]\npath = \"model.gamma\"\nmin = 1\nmax = 2\nstep = 3\n", `x.toml:35: factor[1].step: unknown key`},
	} {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			src := base + "\n" + test.src
			if test.src == "" {
				src = "factor = 3\n" + base
				test.want = "x.toml:1: factor: "
			}
			_, err := Load("x.toml", []byte(src))
			if err == nil {
				t.Fatal("no error")
			}
			if got := strings.Split(err.Error(), "\n")[0]; !strings.HasPrefix(got, test.want) {
				t.Errorf("error\n got %s\nwant %s", err, test.want)
			}
		})
	}
}
