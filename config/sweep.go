package config

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"alliancesim/sim"
)

// Sweep is one [[sweep]] table: an axis of the grid that `alliancesim sweep` runs when its
// command line gives no --param or --values, so that a sweep is reproducible from its config
// alone. Path is a dotted path that [Setter] accepts; either Range and N give N evenly spaced
// numbers from Range[0] to Range[1] (--param PATH=LO:HI:N), or Values lists the values
// (--values PATH=a,b,c): numbers, "false" and "true", or the names of choices such as
// strategies. A config has at most two.
//
//	[[sweep]]
//	path = "rep.init"
//	range = [0.3, 0.9]
//	n = 7
//
//	[[sweep]]
//	path = "state.Germany.strategy"
//	values = ["buckpass", "balance"]
type Sweep struct {
	Path  string    `toml:"path" cfg:"required" doc:"the dotted path of the swept value, as --set takes it: a number, a boolean or a choice"`
	Range []float64 `toml:"range" doc:"[lo, hi]: with n, n evenly spaced numbers from lo to hi (--param PATH=LO:HI:N)"`
	N     int       `toml:"n" doc:"how many numbers range gives"`
	// Values holds numbers in their shortest exact form (Load writes 0.25 and 1e-07), booleans
	// as "false" and "true", choices by name. A config writes them as TOML numbers, booleans
	// and strings, by the type of the value at Path.
	Values []string `toml:"values" cfg:"scalars" doc:"listed values instead of range and n (--values PATH=a,b,c): numbers, true and false, or choices such as strategy names"`
}

// Limits of a sweep: at most two axes (a line or a heatmap) of at most 1000 values each.
const (
	MaxSweeps      = 2
	MaxSweepValues = 1000
)

// sweepPath is the path of sweep i (0-based) in messages: sweep[1], sweep[2], ... (path is
// "sweep").
func sweepPath(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i+1) }

// formatValue is a number of a [[sweep]]'s values as Sweep.Values holds it.
func formatValue(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmtNum(v)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// sweepFault is one fault of a sweep: the key it is about ("" for the table as a whole) and
// what is wrong and what is allowed.
type sweepFault struct{ key, msg string }

// sweepFaults checks s against f and returns the field it sweeps (nil when its path does not
// name a sweepable value) and its faults. nGiven says whether the source gave n, which an
// n of 0 cannot tell.
func (f *File) sweepFaults(s *Sweep, nGiven bool) (*field, []sweepFault) {
	var faults []sweepFault
	add := func(key, format string, args ...any) {
		faults = append(faults, sweepFault{key, fmt.Sprintf(format, args...)})
	}
	fl := f.sweepField(s.Path, add)

	hasRange, hasN, hasValues := s.Range != nil, s.N != 0 || nGiven, s.Values != nil
	switch {
	case hasRange && hasValues:
		add("values", "give range and n, or values, not both")
	case !hasRange && !hasValues && !hasN:
		add("", "no values (required: range = [lo, hi] with n = count, or values = [a, b, ...])")
	case hasN && !hasRange && hasValues:
		add("n", "n goes with range, not with values (allowed: range and n, or values)")
	case hasN && !hasRange:
		add("range", "missing (required with n: [lo, hi], the numbers from which n values are spaced evenly)")
	}
	if hasRange {
		f.checkSweepRange(s, fl, hasN, add)
	}
	if hasValues {
		f.checkSweepValues(s, fl, add)
	}
	if len(faults) == 0 && fl != nil {
		f.checkSweepSet(s, fl, add)
	}
	return fl, faults
}

// checkSweepSet gives every value of a valid sweep to [File.Set], so that an axis holds only
// values that --set accepts: the engine would otherwise clamp an out-of-range value, or
// truncate a fractional count, and label the point with a value it did not run. Only the first
// refused value is reported. When f is faulty without its sweeps, each value would fail for
// the same fault, reported elsewhere, so nothing is checked.
func (f *File) checkSweepSet(s *Sweep, fl *field, add func(key, format string, args ...any)) {
	base := f.clone()
	base.Sweeps = nil
	if base.Validate() != nil {
		return
	}
	key, texts := "values", s.Values
	if s.Range != nil {
		key, texts = "range", nil
		for i := range s.N {
			texts = append(texts, formatValue(gridValue(s.Range[0], s.Range[1], i, s.N)))
		}
	}
	for _, v := range texts {
		g := base.clone()
		if err := g.Set(fl.path, v); err != nil {
			msg := err.Error()
			var e *Error
			if errors.As(err, &e) {
				msg = e.Msg
			}
			add(key, "value %s of %s is refused, as --set %s=%s is: %s", v, fl.path, fl.path, v, msg)
			return
		}
	}
}

// drawnBy returns the [uncertainty] key that draws the value at the canonical path per run, or
// "" if none does: a sweep or --set of that value would be overridden in every run.
func (f *File) drawnBy(path string) string {
	for _, key := range sortedKeys(f.Uncertainty) {
		if fl, err := f.field(key); err == nil && fl.path == path {
			return key
		}
	}
	return ""
}

// CanonicalPath returns the canonical form of a dotted path of f, so that two spellings of one
// value can be recognised as the same axis.
func CanonicalPath(f *File, path string) (string, error) {
	fl, err := f.field(path)
	if err != nil {
		return "", &Error{File: f.Name, Path: path, Msg: err.Error()}
	}
	return fl.path, nil
}

// sweepField resolves the path of a sweep; it reports a path that does not resolve, or that
// names a value that cannot be swept.
func (f *File) sweepField(path string, add func(key, format string, args ...any)) *field {
	if path == "" {
		add("path", "empty (allowed: a dotted path as --set takes it, such as rep.init)")
		return nil
	}
	fl, err := f.field(path)
	if err != nil {
		msg := err.Error()
		if s := didYouMean(path, f.sweepablePaths()); s != "" {
			add("path", "unknown path %q%s", path, s)
		} else if rest, ok := strings.CutPrefix(msg, "unknown path"); ok {
			add("path", "unknown path %q%s", path, rest)
		} else {
			add("path", "%q: %s", path, msg)
		}
		return nil
	}
	if fl.apply == nil {
		add("path", "%s cannot be swept (allowed: numbers, booleans and choices such as strategies)", fl.path)
		return nil
	}
	if key := f.drawnBy(fl.path); key != "" {
		add("path", "%s is drawn per run by %s, which would override every value of the axis (allowed: a value [uncertainty] does not draw)", fl.path, join("uncertainty", key))
		return nil
	}
	return fl
}

func (f *File) checkSweepRange(s *Sweep, fl *field, hasN bool, add func(key, format string, args ...any)) {
	if fl != nil && fl.kind != numField && fl.kind != intField {
		add("range", "%s is a %s, not a number: list its values (allowed: values = [%s])", fl.path, kindName(fl), choiceList(fl))
	}
	finite := len(s.Range) == 2
	if len(s.Range) != 2 {
		add("range", "have %d numbers, want 2: [lo, hi]", len(s.Range))
	}
	for _, v := range s.Range {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			add("range", "%s is not a finite number (allowed: any finite number)", fmtNum(v))
			finite = false
		}
	}
	switch {
	case !hasN:
		add("n", "missing (required with range: how many numbers, 1 to %d)", MaxSweepValues)
	case s.N < 1 || s.N > MaxSweepValues:
		add("n", "%d is out of range (allowed: 1 to %d)", s.N, MaxSweepValues)
	case !finite:
	case s.N == 1 && s.Range[0] != s.Range[1]:
		add("n", "1 number cannot span %s to %s (allowed: 2 to %d, or 1 when lo = hi)", fmtNum(s.Range[0]), fmtNum(s.Range[1]), MaxSweepValues)
	case s.N > 1 && s.Range[0] == s.Range[1]:
		add("n", "%d numbers from %s to itself (allowed: 1 when lo = hi)", s.N, fmtNum(s.Range[0]))
	case !distinctGrid(s.Range[0], s.Range[1], s.N):
		add("n", "%s to %s holds fewer than %d distinct numbers (allowed: a smaller n, or a wider range)",
			formatValue(s.Range[0]), formatValue(s.Range[1]), s.N)
	}
}

// distinctGrid reports whether the n evenly spaced numbers from lo to hi are all different,
// as the points of a chart must be: they are not when hi - lo is a few units in the last place.
func distinctGrid(lo, hi float64, n int) bool {
	prev := gridValue(lo, hi, 0, n)
	for i := 1; i < n; i++ {
		v := gridValue(lo, hi, i, n)
		if v == prev {
			return false
		}
		prev = v
	}
	return true
}

func (f *File) checkSweepValues(s *Sweep, fl *field, add func(key, format string, args ...any)) {
	switch n := len(s.Values); {
	case n == 0:
		add("values", "no values (allowed: a list of one or more)")
		return
	case n > MaxSweepValues:
		add("values", "%d values are too many (allowed: at most %d)", n, MaxSweepValues)
		return
	}
	if fl == nil {
		return
	}
	var seen []float64
	for i, v := range s.Values {
		if fl.kind == numField || fl.kind == intField {
			x, err := strconv.ParseFloat(v, 64)
			switch {
			case err != nil && !math.IsInf(x, 0):
				add("values", "%q is not a number (allowed: numbers, as %s is one)", v, fl.path)
			case math.IsNaN(x) || math.IsInf(x, 0):
				add("values", "%s is not a finite number (allowed: any finite number)", v)
			case slices.Contains(seen, x):
				add("values", "%s is listed twice", v)
			default:
				seen = append(seen, x)
			}
			continue
		}
		switch {
		case !slices.Contains(fl.choices, v):
			add("values", "%s", unknownChoice(kindName(fl), v, fl.choices))
		case slices.Contains(s.Values[:i], v):
			add("values", "%q is listed twice", v)
		}
	}
}

// choiceList is the values of a choice or boolean field as they are written in a list.
func choiceList(fl *field) string {
	if fl.kind == boolField {
		return strings.Join(fl.choices, ", ")
	}
	return quoteList(fl.choices)
}

// checkSweeps reports the faults of the [[sweep]] tables, and returns the field of each (nil
// for those whose path does not resolve).
func (f *File) checkSweeps(r *report) []*field {
	if n := len(f.Sweeps); n > MaxSweeps {
		r.add(loc("sweep", strconv.Itoa(MaxSweeps)), sweepPath("sweep", MaxSweeps),
			"%d sweeps are too many (allowed: at most %d, the axes of a line or a heatmap)", n, MaxSweeps)
	}
	fields := make([]*field, len(f.Sweeps))
	first := map[string]int{} // canonical path -> the sweep that sweeps it first
	for i := range f.Sweeps {
		s := &f.Sweeps[i]
		l, p := loc("sweep", strconv.Itoa(i)), sweepPath("sweep", i)
		nl := sub(l, "n")
		_, nGiven := f.lines[locKey(nl)]
		fl, faults := f.sweepFaults(s, nGiven)
		for _, ft := range faults {
			if ft.key == "" {
				r.add(l, p, "%s", ft.msg)
			} else {
				r.add(sub(l, ft.key), p+"."+ft.key, "%s", ft.msg)
			}
		}
		if fl == nil {
			continue
		}
		if j, dup := first[fl.path]; dup {
			r.add(sub(l, "path"), p+".path", "sweeps %s, as %s does (allowed: a different value on each axis)", fl.path, sweepPath("sweep", j))
			continue
		}
		first[fl.path] = i
		fields[i] = fl
	}
	return fields
}

// checkSweepTypes reports the values of a [[sweep]] whose TOML type does not fit the value its
// path names: a string for a number, a number for a strategy. Load calls it after decoding,
// with the source values that scalarList kept; a path that does not resolve is left to
// Validate.
func (d *decoder) checkSweepTypes(f *File) {
	for i := range f.Sweeps {
		s := &f.Sweeps[i]
		l := loc("sweep", strconv.Itoa(i), "values")
		list, ok := d.scalars[locKey(l)]
		if !ok || s.Path == "" {
			continue
		}
		fl, err := f.field(s.Path)
		if err != nil || fl.apply == nil {
			continue
		}
		p := sweepPath("sweep", i) + ".values"
		for _, e := range list {
			switch fl.kind {
			case numField, intField:
				switch e.(type) {
				case int64, float64:
				default:
					d.wrongType(e, fmt.Sprintf("a number (%s is a number)", fl.path), l, p)
				}
			case boolField:
				if _, ok := e.(bool); !ok {
					d.wrongType(e, fmt.Sprintf("true or false (%s is a boolean)", fl.path), l, p)
				}
			default:
				if _, ok := e.(string); !ok {
					d.wrongType(e, fmt.Sprintf("the name of a %s (allowed: %s)", kindName(fl), strings.Join(fl.choices, ", ")), l, p)
				}
			}
		}
	}
}

// SweepAxes returns the axes of f's [[sweep]] tables, in order, for [sim.Sweep]; none when f
// has none. The error, as Validate's, names each faulty table.
func (f *File) SweepAxes() ([]sim.Axis, error) {
	r := &report{f: f}
	fields := f.checkSweeps(r)
	if err := r.err(); err != nil {
		return nil, err
	}
	var axes []sim.Axis
	for i := range f.Sweeps {
		axes = append(axes, f.Sweeps[i].axis(fields[i]))
	}
	return axes, nil
}

// Axis returns the axis s sweeps in a spec compiled from f: its Values are the numbers, or the
// indices of the choices, passed to the path's [Setter], all different; its Labels show them:
// a number of a range with 6 significant digits (more when 6 do not tell two apart), a listed
// value as it is written. The error says what is
// wrong with s, with the checks of a [[sweep]] table.
func (s Sweep) Axis(f *File) (sim.Axis, error) {
	fl, faults := f.sweepFaults(&s, false)
	if len(faults) > 0 {
		key := "sweep"
		if faults[0].key != "" {
			key += " " + faults[0].key
		}
		return sim.Axis{}, &Error{File: f.Name, Path: s.Path, Msg: key + ": " + faults[0].msg}
	}
	return s.axis(fl), nil
}

// axis builds the axis of a valid sweep of the field fl.
func (s *Sweep) axis(fl *field) sim.Axis {
	a := sim.Axis{Path: s.Path, Set: fl.apply}
	if s.Range != nil {
		lo, hi := s.Range[0], s.Range[1]
		for i := range s.N {
			a.Values = append(a.Values, gridValue(lo, hi, i, s.N))
		}
		// 6 significant digits, or as many more as tell the numbers apart.
		for digits := 6; digits <= 17; digits++ {
			a.Labels = a.Labels[:0]
			for _, v := range a.Values {
				a.Labels = append(a.Labels, strconv.FormatFloat(v, 'g', digits, 64))
			}
			if !hasDuplicates(a.Labels) {
				break
			}
		}
		return a
	}
	for _, v := range s.Values {
		x, err := strconv.ParseFloat(v, 64)
		if fl.choices != nil || err != nil {
			x = float64(slices.Index(fl.choices, v))
		}
		a.Values = append(a.Values, x)
		a.Labels = append(a.Labels, v)
	}
	return a
}

func hasDuplicates(labels []string) bool {
	seen := make(map[string]bool, len(labels))
	for _, l := range labels {
		if seen[l] {
			return true
		}
		seen[l] = true
	}
	return false
}

// gridValue returns value i of n evenly spaced from lo to hi, both finite.
func gridValue(lo, hi float64, i, n int) float64 {
	if n == 1 {
		return lo
	}
	t := float64(i) / float64(n-1)
	v := lo + (hi-lo)*t
	if math.IsInf(v, 0) || math.IsNaN(v) {
		// hi - lo overflowed, as it may when they are of opposite signs; this form cannot then
		// overflow, and stays between them.
		v = min(max(lo*(1-t)+hi*t, min(lo, hi)), max(lo, hi))
	}
	return v
}

const sweepDoc = `Sweeps: the axes of the grid that ` + "`alliancesim sweep`" + ` runs when its command line gives
no --param or --values (which replace them all); ` + "`alliancesim run`" + ` ignores them. At most %d
[[sweep]] tables: a line, or a heatmap. Keys:
  path     the dotted path of the swept value, as --set takes it: a number, a boolean or a
           choice such as a strategy. Required.
  range    [lo, hi], with n: n evenly spaced numbers from lo to hi (--param PATH=LO:HI:N).
  n        how many numbers range gives: 1 to %d, 1 only when lo = hi.
  values   listed values, instead of range and n (--values PATH=a,b,c): numbers, true and
           false, or choices such as strategy names; at most %d.`

// sweepExample is a commented example of [[sweep]], over a state of the config.
func sweepExample(state string) string {
	return fmt.Sprintf(`For example:
[[sweep]]
path = "rep.init"
range = [0.3, 0.9]
n = 7

[[sweep]]
path = %s
values = ["buckpass", "balance"]`, tomlString("state."+pathSeg(state)+".strategy"))
}

func (e *encoder) sweeps(f *File) {
	doc := fmt.Sprintf(sweepDoc, MaxSweeps, MaxSweepValues, MaxSweepValues)
	if len(f.Sweeps) == 0 {
		if e.commented {
			state := "Germany"
			if len(f.States) > 0 && f.States[0].Name != "" {
				state = f.States[0].Name
			}
			e.blank()
			e.comment(doc + "\n" + sweepExample(state))
		}
		return
	}
	e.blank()
	e.comment(doc)
	for i := range f.Sweeps {
		s := &f.Sweeps[i]
		if i > 0 {
			e.blank()
		}
		e.printf("[[sweep]]\n")
		e.kv("path", tomlString(s.Path))
		if s.Range != nil {
			e.kv("range", tomlFloats(s.Range))
		}
		if s.N != 0 {
			e.kv("n", strconv.Itoa(s.N))
		}
		if s.Values != nil {
			e.kv("values", f.sweepValues(s))
		}
	}
}

// sweepValues writes the values of s as a TOML list: numbers, booleans or strings by the type
// of the value at its path (strings when the path does not resolve).
func (f *File) sweepValues(s *Sweep) string {
	kind := textField
	if fl, err := f.field(s.Path); err == nil {
		kind = fl.kind
	}
	parts := make([]string, len(s.Values))
	for i, v := range s.Values {
		parts[i] = tomlString(v)
		switch kind {
		case numField, intField:
			x, err := strconv.ParseFloat(v, 64)
			switch {
			case err != nil:
			case kind == intField && x == math.Trunc(x) && math.Abs(x) <= 1<<53:
				parts[i] = strconv.FormatInt(int64(x), 10) // -0 too is 0
			default:
				parts[i] = tomlFloat(x)
			}
		case boolField:
			if v == "false" || v == "true" {
				parts[i] = v
			}
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// sweepablePaths returns the paths of f that a sweep may take, but for claims (see paths).
func (f *File) sweepablePaths() []string {
	return slices.DeleteFunc(f.paths(false), func(p string) bool {
		switch p {
		case "simulation.name", "simulation.description", "simulation.focus":
			return true
		}
		return strings.HasPrefix(p, "state.") && strings.HasSuffix(p, ".client_of")
	})
}
