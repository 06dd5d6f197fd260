package config

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"alliancesim/sim"
)

// distParams returns the parameters of each distribution, required ones first; the weights of
// a categorical distribution are optional (equal by default).
func distParams() map[string][]string {
	return map[string][]string{
		"uniform":     {"min", "max"},
		"normal":      {"mu", "sigma"},
		"beta":        {"alpha", "beta"},
		"lognormal":   {"mu", "sigma"},
		"triangular":  {"min", "mode", "max"},
		"categorical": {"values", "weights"},
	}
}

// given returns the parameters d sets, by name.
func (d *Dist) given() map[string]bool {
	return map[string]bool{
		"min": d.Min != nil, "max": d.Max != nil, "mode": d.Mode != nil, "mu": d.Mu != nil,
		"sigma": d.Sigma != nil, "alpha": d.Alpha != nil, "beta": d.Beta != nil,
		"values": d.Values != nil, "weights": d.Weights != nil,
	}
}

// numeric returns the numeric parameter called name, which d must set.
func (d *Dist) numeric(name string) float64 {
	p := map[string]*float64{"min": d.Min, "max": d.Max, "mode": d.Mode, "mu": d.Mu, "sigma": d.Sigma,
		"alpha": d.Alpha, "beta": d.Beta}[name]
	if p == nil {
		return math.NaN()
	}
	return *p
}

func (f *File) checkUncertainty(r *report) {
	seen := map[string]string{} // canonical path -> the key that drew it first
	for _, key := range sortedKeys(f.Uncertainty) {
		d := f.Uncertainty[key]
		l, p := loc("uncertainty", key), join("uncertainty", key)
		at := func(k string) ([]string, string) { return sub(l, k), join(p, k) }

		fl, err := f.field(key)
		switch {
		case err != nil:
			r.add(l, p, "%s", err)
		case !fl.perRun:
			r.add(l, p, "%s cannot vary per run (allowed: the paths of model parameters, states and guarantees)", key)
			fl = nil
		case seen[fl.path] != "":
			r.add(l, p, "draws %s, as %q does (allowed: one entry per value)", fl.path, seen[fl.path])
		case f.set[locKey(fl.loc)]:
			// The drawn value would silently override the one --set gave, in every run.
			r.add(l, p, "draws %s per run, which --set %s also sets (allowed: set it or draw it, not both)", fl.path, fl.path)
			seen[fl.path] = key
		default:
			seen[fl.path] = key
		}
		if !r.checkParams(&d, at) {
			continue
		}
		f.checkDist(r, &d, fl, l, p)
	}
}

func required(params []string) []string {
	return slices.DeleteFunc(slices.Clone(params), func(s string) bool { return s == "weights" })
}

// checkDist checks the parameters of a distribution against each other and against the field
// fl it draws (nil when the path did not resolve).
func (f *File) checkDist(r *report, d *Dist, fl *field, l []string, p string) {
	at := func(k string) ([]string, string) { return sub(l, k), join(p, k) }
	finite := func(names ...string) bool {
		for _, n := range names {
			if v := d.numeric(n); math.IsNaN(v) || math.IsInf(v, 0) {
				return false
			}
		}
		return true
	}
	switch d.Dist {
	case "uniform":
		if finite("min", "max") && !(*d.Min < *d.Max) {
			kl, kp := at("max")
			r.add(kl, kp, "%s is not above min = %s (allowed: more than min)", fmtNum(*d.Max), fmtNum(*d.Min))
		}
	case "normal", "lognormal":
		if finite("mu", "sigma") && !(*d.Sigma > 0) {
			kl, kp := at("sigma")
			r.add(kl, kp, "%s is out of range (allowed: more than 0)", fmtNum(*d.Sigma))
		}
	case "beta":
		for _, n := range []string{"alpha", "beta"} {
			if finite(n) && !(d.numeric(n) > 0) {
				kl, kp := at(n)
				r.add(kl, kp, "%s is out of range (allowed: more than 0)", fmtNum(d.numeric(n)))
			}
		}
	case "triangular":
		if finite("min", "mode", "max") {
			lo, mode, hi := *d.Min, *d.Mode, *d.Max
			switch {
			case !(lo < hi):
				kl, kp := at("max")
				r.add(kl, kp, "%s is not above min = %s (allowed: more than min)", fmtNum(hi), fmtNum(lo))
			case mode < lo || mode > hi:
				kl, kp := at("mode")
				r.add(kl, kp, "%s is out of range (allowed: min to max, %s to %s)", fmtNum(mode), fmtNum(lo), fmtNum(hi))
			}
		}
	case "categorical":
		f.checkCategorical(r, d, fl, l, p)
		return
	}
	if fl != nil && fl.kind != numField && fl.kind != intField {
		r.add(l, p, "%s is a %s, not a number: draw it with categorical (allowed: values = [%s])",
			fl.path, kindName(fl), quoteList(fl.choices))
	}
}

func (f *File) checkCategorical(r *report, d *Dist, fl *field, l []string, p string) {
	at := func(k string) ([]string, string) { return sub(l, k), join(p, k) }
	if fl != nil && fl.kind != choiceField && fl.kind != boolField {
		r.add(l, p, "categorical draws a choice, and %s is a number (allowed: uniform, normal, beta, lognormal, triangular)", fl.path)
		fl = nil
	}
	kl, kp := at("values")
	switch n := len(d.Values); {
	case d.Values == nil:
		// reported as missing already
	case n == 0:
		r.add(kl, kp, "no values (allowed: a list of one or more)")
	case n > maxValues:
		r.add(kl, kp, "%d values are too many (allowed: at most %d)", n, maxValues)
	}
	for i, v := range d.Values {
		switch {
		case fl != nil && !slices.Contains(fl.choices, v):
			r.add(kl, kp, "%s", unknownChoice(fl.what, v, fl.choices))
		case slices.Contains(d.Values[:i], v):
			r.add(kl, kp, "%q is listed twice", v)
		}
	}
	if d.Weights == nil {
		return
	}
	kl, kp = at("weights")
	if len(d.Weights) != len(d.Values) {
		r.add(kl, kp, "%d weights for %d values (allowed: one weight per value)", len(d.Weights), len(d.Values))
	}
	total := 0.0
	for _, w := range d.Weights {
		if !(w >= 0) || math.IsInf(w, 0) {
			r.add(kl, kp, "weight %s is out of range (allowed: 0 or more, finite)", fmtNum(w))
			return
		}
		total += w
	}
	if !(total > 0) || math.IsInf(total, 0) {
		r.add(kl, kp, "the weights sum to %s (allowed: a positive finite sum)", fmtNum(total))
	}
}

func kindName(fl *field) string {
	if fl.kind == boolField {
		return "boolean"
	}
	if fl.what != "" {
		return fl.what
	}
	return "choice"
}

// uncertain compiles the [uncertainty] entry at key of a valid file into a per-run draw. Its
// Draw uses only the run's stream: gonum's distributions are given it as their Src, because a
// nil Src would fall back to a global generator that no seed controls. Apply clamps a draw
// outside the field's range onto the range (a normal economy that comes out negative becomes
// the smallest positive economy), and rounds the draw of an integer field.
func (f *File) uncertain(key string) (sim.Uncertain, error) {
	fl, err := f.field(key)
	if err != nil {
		return sim.Uncertain{}, err
	}
	d := f.Uncertainty[key]
	u := sim.Uncertain{Path: fl.path, Apply: fl.apply}
	switch d.Dist {
	case "uniform":
		lo, hi := *d.Min, *d.Max
		u.Draw = func(rng *rand.Rand) float64 { return distuv.Uniform{Min: lo, Max: hi, Src: rng}.Rand() }
	case "normal":
		mu, sigma := *d.Mu, *d.Sigma
		u.Draw = func(rng *rand.Rand) float64 { return distuv.Normal{Mu: mu, Sigma: sigma, Src: rng}.Rand() }
	case "beta":
		a, b := *d.Alpha, *d.Beta
		u.Draw = func(rng *rand.Rand) float64 { return distuv.Beta{Alpha: a, Beta: b, Src: rng}.Rand() }
	case "lognormal":
		mu, sigma := *d.Mu, *d.Sigma
		u.Draw = func(rng *rand.Rand) float64 { return distuv.LogNormal{Mu: mu, Sigma: sigma, Src: rng}.Rand() }
	case "triangular":
		lo, mode, hi := *d.Min, *d.Mode, *d.Max
		u.Draw = func(rng *rand.Rand) float64 { return distuv.NewTriangle(lo, hi, mode, rng).Rand() }
	case "categorical":
		cum := cumulative(d.Weights, len(d.Values))
		u.Draw = func(rng *rand.Rand) float64 { return float64(pick(cum, rng.Float64())) }
		// Draw returns the index among the entry's values; Apply wants the field's own index.
		index := make([]int, len(d.Values))
		for i, v := range d.Values {
			index[i] = slices.Index(fl.choices, v)
		}
		apply := fl.apply
		u.Apply = func(s *sim.Spec, v float64) { apply(s, float64(index[choiceIndex(v, len(index))])) }
	}
	return u, nil
}

// cumulative returns the running sums of the weights, normalised to end at 1 (equal weights
// when there are none).
func cumulative(weights []float64, n int) []float64 {
	cum := make([]float64, n)
	total := 0.0
	for i := range cum {
		w := 1.0
		if weights != nil {
			w = weights[i]
		}
		total += w
		cum[i] = total
	}
	for i := range cum {
		cum[i] /= total
	}
	return cum
}

// pick returns the index chosen by the uniform draw u in [0, 1): the first whose cumulative
// weight exceeds u, so that a value of weight 0 is never chosen.
func pick(cum []float64, u float64) int {
	for i, c := range cum {
		if u < c {
			return i
		}
	}
	// Rounding may leave the last sum a hair below u: take the last value of positive weight.
	for i := len(cum) - 1; i > 0; i-- {
		if cum[i] > cum[i-1] {
			return i
		}
	}
	return 0
}

// String returns the entry as its TOML inline table, for messages and the encoding.
func (d *Dist) String() string {
	var parts []string
	parts = append(parts, "dist = "+tomlString(d.Dist))
	for _, name := range []string{"min", "mode", "max", "mu", "sigma", "alpha", "beta"} {
		if v := d.numeric(name); d.given()[name] {
			parts = append(parts, name+" = "+tomlFloat(v))
		}
	}
	if d.Values != nil {
		parts = append(parts, "values = "+tomlStrings(d.Values))
	}
	if d.Weights != nil {
		w := make([]string, len(d.Weights))
		for i, x := range d.Weights {
			w[i] = tomlFloat(x)
		}
		parts = append(parts, "weights = ["+strings.Join(w, ", ")+"]")
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}
