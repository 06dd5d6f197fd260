package config

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"alliancesim/sim"
)

// Factor is one [[factor]] table: an uncertain value that `alliancesim explore` varies over its
// design, held fixed within each design point (an [uncertainty] entry, by contrast, is drawn
// afresh in every run; explore takes those as factors too). Path is a dotted path as --set
// takes it; Name, optional, is how outputs show the factor (default: its path). The
// distribution is given as in [uncertainty], with dist optional: uniform when min and max are
// given, categorical when values are. A run or a sweep ignores the factors; the hash does not.
//
//	[[factor]]
//	path = "state.Russia.claims.Ukraine"
//	name = "claim"
//	min = 0.2
//	max = 1.0
//
//	[[factor]]
//	path = "model.gamma"
//	dist = "triangular"
//	min = 1.0
//	mode = 1.5
//	max = 2.5
type Factor struct {
	Path    string    `toml:"path" cfg:"required" doc:"the dotted path of the value, as --set takes it: a number, a boolean or a choice"`
	Name    string    `toml:"name" doc:"how outputs name the factor (default: its path)"`
	Dist    string    `toml:"dist" doc:"uniform, normal, beta, lognormal, triangular or categorical (default: uniform with min and max, categorical with values)"`
	Min     *float64  `toml:"min"`
	Max     *float64  `toml:"max"`
	Mode    *float64  `toml:"mode"`
	Mu      *float64  `toml:"mu"`
	Sigma   *float64  `toml:"sigma"`
	Alpha   *float64  `toml:"alpha"`
	Beta    *float64  `toml:"beta"`
	Values  []string  `toml:"values"`
	Weights []float64 `toml:"weights"`
}

// MaxFactors is the most factors a config may have: the Saltelli design of K factors draws on a
// Sobol' sequence of 2K dimensions.
const MaxFactors = 32

// Label returns how outputs name the factor.
func (x *Factor) Label() string {
	if x.Name != "" {
		return x.Name
	}
	return x.Path
}

// dist returns the factor's distribution, with dist defaulted.
func (x *Factor) dist() Dist {
	d := Dist{Dist: x.Dist, Min: x.Min, Max: x.Max, Mode: x.Mode, Mu: x.Mu, Sigma: x.Sigma,
		Alpha: x.Alpha, Beta: x.Beta, Values: x.Values, Weights: x.Weights}
	if d.Dist == "" {
		d.Dist = "uniform"
		if x.Values != nil {
			d.Dist = "categorical"
		}
	}
	return d
}

// factorPath is the path of factor i (0-based) in messages: factor[1], factor[2], ...
func factorPath(i int) string { return fmt.Sprintf("factor[%d]", i+1) }

// checkParams reports the parameters of d that its distribution does not take, and those it
// needs and lacks; it reports false when the distribution is unknown.
func (r *report) checkParams(d *Dist, at func(k string) ([]string, string)) bool {
	params, ok := distParams()[d.Dist]
	if !ok {
		kl, kp := at("dist")
		r.add(kl, kp, "%s", unknownChoice("dist", d.Dist, sortedKeys(distParams())))
		return false
	}
	given := d.given()
	for _, name := range []string{"min", "max", "mode", "mu", "sigma", "alpha", "beta", "values", "weights"} {
		kl, kp := at(name)
		switch {
		case given[name] && !slices.Contains(params, name):
			r.add(kl, kp, "not a parameter of %s (allowed: %s)", d.Dist, strings.Join(params, ", "))
		case !given[name] && slices.Contains(params, name) && name != "weights":
			r.add(kl, kp, "missing (%s needs %s)", d.Dist, strings.Join(required(params), " and "))
		case given[name] && name != "values" && name != "weights":
			if v := d.numeric(name); math.IsNaN(v) || math.IsInf(v, 0) {
				r.add(kl, kp, "%s is not a finite number (allowed: any finite number)", fmtNum(v))
			}
		}
	}
	return true
}

// checkFactors reports the faults of the [[factor]] tables and returns the field of each (nil
// for those whose path does not resolve to a value that can vary).
func (f *File) checkFactors(r *report) []*field {
	if n := len(f.Factors); n > MaxFactors {
		r.add(loc("factor", strconv.Itoa(MaxFactors)), factorPath(MaxFactors),
			"%d factors are too many (allowed: at most %d)", n, MaxFactors)
	}
	fields := make([]*field, len(f.Factors))
	paths := map[string]int{} // canonical path -> the factor that varies it first
	names := map[string]int{}
	for i := range f.Factors {
		x := &f.Factors[i]
		l, p := loc("factor", strconv.Itoa(i)), factorPath(i)
		at := func(k string) ([]string, string) { return sub(l, k), p + "." + k }
		fl := f.factorField(r, x.Path, at)
		if fl != nil {
			if j, dup := paths[fl.path]; dup {
				kl, kp := at("path")
				r.add(kl, kp, "varies %s, as %s does (allowed: one factor per value)", fl.path, factorPath(j))
				fl = nil
			} else {
				paths[fl.path] = i
			}
		}
		if x.Name != "" {
			kl, kp := at("name")
			r.text(kl, kp, x.Name)
		}
		if j, dup := names[x.Label()]; dup && x.Path != "" {
			kl, kp := at("name")
			r.add(kl, kp, "%q names %s too (allowed: a different name for each factor)", x.Label(), factorPath(j))
		} else {
			names[x.Label()] = i
		}
		d := x.dist()
		if !r.checkParams(&d, at) {
			continue
		}
		f.checkDist(r, &d, fl, l, p)
		fields[i] = fl
	}
	// An [uncertainty] entry is a factor of explore too: its name must not be taken.
	for _, key := range sortedKeys(f.Uncertainty) {
		if j, dup := names[key]; dup && f.Factors[j].Name != "" {
			l := loc("factor", strconv.Itoa(j), "name")
			r.add(l, factorPath(j)+".name", "%q is the name of the [uncertainty] entry %s (allowed: another name)", key, key)
		}
	}
	return fields
}

// factorField resolves the path of a factor; it reports a path that does not resolve, that
// names a value that cannot vary, or that [uncertainty] draws.
func (f *File) factorField(r *report, path string, at func(k string) ([]string, string)) *field {
	kl, kp := at("path")
	if path == "" {
		r.add(kl, kp, "empty (allowed: a dotted path as --set takes it, such as model.gamma)")
		return nil
	}
	fl, err := f.field(path)
	if err != nil {
		if s := didYouMean(path, f.sweepablePaths()); s != "" {
			r.add(kl, kp, "unknown path %q%s", path, s)
		} else {
			r.add(kl, kp, "%q: %s", path, err)
		}
		return nil
	}
	if fl.apply == nil {
		r.add(kl, kp, "%s cannot vary (allowed: numbers, booleans and choices such as strategies)", fl.path)
		return nil
	}
	if key := f.drawnBy(fl.path); key != "" {
		r.add(kl, kp, "%s is drawn by %s, which explore varies as a factor already (allowed: a value [uncertainty] does not draw)", fl.path, join("uncertainty", key))
		return nil
	}
	return fl
}

// ExploreFactors returns the factors `alliancesim explore` varies: the [[factor]] tables in
// order, then the [uncertainty] entries in the order of their paths (named by their keys). A
// spec compiled from f still draws the [uncertainty] entries per run; explore removes those
// draws, as the factors set them at each design point.
func (f *File) ExploreFactors() ([]sim.Factor, error) {
	r := &report{f: f}
	fields := f.checkFactors(r)
	if err := r.err(); err != nil {
		return nil, err
	}
	var out []sim.Factor
	for i := range f.Factors {
		x := &f.Factors[i]
		out = append(out, newFactor(x.Label(), x.dist(), fields[i]))
	}
	for _, key := range sortedKeys(f.Uncertainty) {
		fl, err := f.field(key)
		if err != nil {
			return nil, &Error{File: f.Name, Path: join("uncertainty", key), Msg: err.Error()}
		}
		out = append(out, newFactor(key, f.Uncertainty[key], fl))
	}
	if len(out) > MaxFactors {
		return nil, &Error{File: f.Name, Msg: fmt.Sprintf("%d factors ([[factor]] and [uncertainty]) are too many (allowed: at most %d)", len(out), MaxFactors)}
	}
	return out, nil
}

// tail is how far into each tail an unbounded distribution (normal, lognormal) is cut: the
// corners of a design (u = 0 or 1, as Morris trajectories reach) take its 0.1% and 99.9%
// quantiles rather than infinities.
const tail = 0.001

// newFactor compiles a valid distribution d of the field fl into a factor named name.
func newFactor(name string, d Dist, fl *field) sim.Factor {
	x := sim.Factor{Name: name, Path: fl.path, Set: fl.apply}
	clamp := func(u float64) float64 { return min(max(u, tail), 1-tail) }
	switch d.Dist {
	case "uniform":
		lo, hi := *d.Min, *d.Max
		x.Value = func(u float64) float64 { return lo + u*(hi-lo) }
	case "normal":
		n := distuv.Normal{Mu: *d.Mu, Sigma: *d.Sigma}
		x.Value = func(u float64) float64 { return n.Quantile(clamp(u)) }
	case "lognormal":
		n := distuv.LogNormal{Mu: *d.Mu, Sigma: *d.Sigma}
		x.Value = func(u float64) float64 { return n.Quantile(clamp(u)) }
	case "beta":
		b := distuv.Beta{Alpha: *d.Alpha, Beta: *d.Beta}
		x.Value = func(u float64) float64 { return b.Quantile(min(max(u, 0), 1)) }
	case "triangular":
		t := distuv.NewTriangle(*d.Min, *d.Max, *d.Mode, nil)
		x.Value = func(u float64) float64 { return t.Quantile(min(max(u, 0), 1)) }
	case "categorical":
		cum := cumulative(d.Weights, len(d.Values))
		x.Labels = slices.Clone(d.Values)
		x.Value = func(u float64) float64 { return float64(pick(cum, u)) }
		index := make([]int, len(d.Values))
		for i, v := range d.Values {
			index[i] = slices.Index(fl.choices, v)
		}
		apply := fl.apply
		x.Set = func(s *sim.Spec, v float64) { apply(s, float64(index[choiceIndex(v, len(index))])) }
	}
	return x
}

const factorDoc = `Factors: the values ` + "`alliancesim explore`" + ` varies over its design, each held fixed
within a design point (an [uncertainty] entry is a factor of explore too); ` + "`alliancesim run`" + `
and sweep ignore them. At most %d, [uncertainty] entries included. Keys:
  path     the dotted path of the value, as --set takes it: a number, a boolean or a choice.
  name     how outputs name the factor (default: its path).
  dist     as in [uncertainty]; default uniform (with min, max), categorical (with values).
  min, max, mode, mu, sigma, alpha, beta, values, weights: the distribution's parameters, as in
           [uncertainty]. Normal and lognormal are cut at their 0.1%% and 99.9%% quantiles.`

// factorExample is a commented example of [[factor]].
const factorExample = `For example:
[[factor]]
path = "model.s"
name = "decision noise"
min = 0.07
max = 0.28

[[factor]]
path = "kind.agreement.aid"
dist = "triangular"
min = 0
mode = 0.05
max = 0.15`

func (e *encoder) factors(f *File) {
	if len(f.Factors) == 0 {
		if e.commented {
			e.blank()
			e.comment(fmt.Sprintf(factorDoc, MaxFactors) + "\n" + factorExample)
		}
		return
	}
	e.blank()
	e.comment(fmt.Sprintf(factorDoc, MaxFactors))
	for i := range f.Factors {
		x := &f.Factors[i]
		if i > 0 {
			e.blank()
		}
		e.printf("[[factor]]\n")
		e.kv("path", tomlString(x.Path))
		if x.Name != "" {
			e.kv("name", tomlString(x.Name))
		}
		if x.Dist != "" {
			e.kv("dist", tomlString(x.Dist))
		}
		d := x.dist()
		for _, name := range []string{"min", "mode", "max", "mu", "sigma", "alpha", "beta"} {
			if d.given()[name] {
				e.kv(name, tomlFloat(d.numeric(name)))
			}
		}
		if x.Values != nil {
			e.kv("values", tomlStrings(x.Values))
		}
		if x.Weights != nil {
			e.kv("weights", tomlFloats(x.Weights))
		}
	}
}
