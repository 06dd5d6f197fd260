package config

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"alliancesim/agents"
	"alliancesim/sim"
)

// fieldKind is the type of value a dotted path holds.
type fieldKind int

const (
	numField    fieldKind = iota // a float64
	intField                     // an integer
	boolField                    // true or false
	choiceField                  // one of a list of names: a strategy, a trigger, a response
	stateField                   // the name of a state, or "" for none
	textField                    // free text
)

// field is one value of a File addressed by a dotted path: how to parse and assign it (Set),
// what is allowed, and how to change it in a compiled spec (sweeps and per-run draws).
type field struct {
	path    string   // the canonical dotted path
	loc     []string // its location in the document (see locKey)
	kind    fieldKind
	what    string   // what a value of a choice field is ("strategy"), for messages
	choices []string // the values of a choice or boolean field; Setter indexes them
	bounds  bounds   // the range of a numeric field
	perRun  bool     // the value may be drawn per run ([uncertainty])

	setF func(f *File, v float64)
	setI func(f *File, v int64)
	setB func(f *File, v bool)
	setS func(f *File, v string) error

	// apply sets the value in a spec compiled from the same file, clamped to its range; a
	// choice or a boolean comes as the index into choices. Nil: the value cannot be swept.
	apply sim.Setter
}

// boolChoices are the values of a boolean field, in the order of their Setter indices.
func boolChoices() []string { return []string{"false", "true"} }

// Paths returns every dotted path of f that Set accepts, in document order.
func (f *File) Paths() []string { return f.paths(true) }

// paths lists the paths of f, with those of claims only when withClaims is set: there is one
// per pair of states, too many to search for a suggestion.
func (f *File) paths(withClaims bool) []string {
	paths := []string{"simulation.name", "simulation.description", "simulation.runs",
		"simulation.steps", "simulation.seed", "simulation.focus"}
	for _, p := range paramLeaves() {
		paths = append(paths, p.path)
	}
	for i, s := range f.States {
		base := "state." + pathSeg(s.Name) + "."
		for _, k := range stateKeys() {
			paths = append(paths, base+k)
		}
		for j, t := range f.States {
			if withClaims && j != i {
				paths = append(paths, base+"claims."+pathSeg(t.Name))
			}
		}
	}
	for _, g := range f.Guarantees {
		for _, k := range guaranteeKeys() {
			paths = append(paths, "guarantee."+pathSeg(g.Name)+"."+k)
		}
	}
	return paths
}

func stateKeys() []string {
	return []string{"economy", "burden", "power", "growth", "projection", "nuclear", "revisionism",
		"strategy", "will.alpha", "will.beta", "client_of"}
}

func guaranteeKeys() []string {
	return []string{"w", "trigger", "response", "umbrella", "aid", "stake", "start"}
}

// field resolves a dotted path of f. The error says what is wrong with the path, and the
// nearest valid path when there is one.
func (f *File) field(path string) (*field, error) {
	family, rest, _ := strings.Cut(path, ".")
	switch family {
	case "simulation":
		if fl := simulationField(rest); fl != nil {
			return fl, nil
		}
	case "state":
		if i, key, ok := splitName(rest, f.stateNames()); ok {
			return f.stateField(i, key)
		}
		return nil, f.unknownName(path, rest, "state", f.stateNames(), stateKeys())
	case "guarantee":
		names := make([]string, len(f.Guarantees))
		for i := range f.Guarantees {
			names[i] = f.Guarantees[i].Name
		}
		if i, key, ok := splitName(rest, names); ok {
			return f.guaranteeField(i, key)
		}
		return nil, f.unknownName(path, rest, "guarantee", names, guaranteeKeys())
	default:
		for _, p := range paramLeaves() {
			if p.path == path {
				return f.paramField(p), nil
			}
		}
	}
	return nil, errors.New("unknown path" + f.nearest(path))
}

// nearest suggests the valid path nearest to path.
func (f *File) nearest(path string) string {
	if s := didYouMean(path, f.paths(false)); s != "" {
		return s
	}
	return " (see `alliancesim init` for every path)"
}

// unknownName explains a state or guarantee path whose name does not resolve: an unknown name
// before a known key, or else the nearest path.
func (f *File) unknownName(path, rest, what string, names, keys []string) error {
	for _, k := range keys {
		if name, ok := strings.CutSuffix(rest, "."+k); ok {
			return fmt.Errorf("unknown %s %q%s", what, unquote(name), didYouMean(unquote(name), names))
		}
	}
	if name, _, ok := strings.Cut(rest, ".claims."); ok && what == "state" {
		return fmt.Errorf("unknown state %q%s", unquote(name), didYouMean(unquote(name), names))
	}
	return errors.New("unknown path" + f.nearest(path))
}

// splitName splits "NAME.key" into the index of NAME among names and key. A name may itself
// hold dots: it is either quoted ("St. Kitts".burden) or the longest name that fits.
func splitName(rest string, names []string) (int, string, bool) {
	if strings.HasPrefix(rest, `"`) {
		if q, err := strconv.QuotedPrefix(rest); err == nil {
			name, _ := strconv.Unquote(q)
			if key, ok := strings.CutPrefix(rest[len(q):], "."); ok {
				if i := slices.Index(names, name); i >= 0 {
					return i, key, true
				}
			}
		}
		return -1, "", false
	}
	best, key := -1, ""
	for i, n := range names {
		if k, ok := strings.CutPrefix(rest, n+"."); ok && (best < 0 || len(n) > len(names[best])) {
			best, key = i, k
		}
	}
	return best, key, best >= 0
}

func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

func simulationField(key string) *field {
	l := loc("simulation", key)
	p := "simulation." + key
	intF := func(b bounds, set func(*File, int64), apply sim.Setter) *field {
		return &field{path: p, loc: l, kind: intField, bounds: b, setI: set, apply: apply}
	}
	textF := func(kind fieldKind, set func(*File, string)) *field {
		return &field{path: p, loc: l, kind: kind, setS: func(f *File, v string) error { set(f, v); return nil }}
	}
	switch key {
	case "name":
		return textF(textField, func(f *File, v string) { f.Simulation.Name = v })
	case "description":
		return textF(textField, func(f *File, v string) { f.Simulation.Description = v })
	case "focus":
		return textF(stateField, func(f *File, v string) { f.Simulation.Focus = v })
	case "runs":
		b := runsBounds()
		return intF(b, func(f *File, v int64) { f.Simulation.Runs = int(v) },
			func(s *sim.Spec, v float64) { s.Runs = int(b.clamp(math.Round(v))) })
	case "steps":
		b := stepsBounds()
		return intF(b, func(f *File, v int64) { f.Simulation.Steps = int(v) },
			func(s *sim.Spec, v float64) { s.Steps = int(b.clamp(math.Round(v))) })
	case "seed":
		b := seedBounds()
		return intF(b, func(f *File, v int64) { f.Simulation.Seed = v },
			func(s *sim.Spec, v float64) { s.Seed = uint64(closed(0, 1<<63).clamp(math.Round(v))) })
	}
	return nil
}

// paramLeaf is one global parameter: a leaf of agents.Params.
type paramLeaf struct {
	path  string
	index []int // field indices from agents.Params down to the leaf
	typ   reflect.Type
	doc   string
	table string // the table holding it: model, kind.alliance, ...
}

// paramLeaves returns the global parameters in the order of agents.Params, by reflection on
// its toml tags, so that a parameter added there is addressable here without another line.
func paramLeaves() []paramLeaf {
	var out []paramLeaf
	var walk func(t reflect.Type, prefix string, index []int)
	walk = func(t reflect.Type, prefix string, index []int) {
		for _, sf := range structFields(t) {
			ft := t.FieldByIndex(sf.index).Type
			idx := append(slices.Clone(index), sf.index...)
			if ft.Kind() == reflect.Struct {
				walk(ft, join(prefix, sf.name), idx)
				continue
			}
			out = append(out, paramLeaf{path: join(prefix, sf.name), index: idx, typ: ft, doc: sf.doc, table: prefix})
		}
	}
	walk(reflect.TypeFor[agents.Params](), "", nil)
	return out
}

// paramValue returns the parameter p of params, settable when params is addressable.
func paramValue(params *agents.Params, p paramLeaf) reflect.Value {
	return reflect.ValueOf(params).Elem().FieldByIndex(p.index)
}

func (f *File) paramField(p paramLeaf) *field {
	fl := &field{path: p.path, loc: strings.Split(p.path, "."), perRun: true}
	switch {
	case p.typ.Kind() == reflect.Float64:
		b, _ := paramBounds(p.path)
		fl.kind, fl.bounds = numField, b
		fl.setF = func(f *File, v float64) { paramValue(&f.Params, p).SetFloat(v) }
		fl.apply = func(s *sim.Spec, v float64) { paramValue(&s.Params, p).SetFloat(b.clamp(v)) }
	case p.typ.Kind() == reflect.Bool:
		fl.kind, fl.choices = boolField, boolChoices()
		fl.setB = func(f *File, v bool) { paramValue(&f.Params, p).SetBool(v) }
		fl.apply = func(s *sim.Spec, v float64) { paramValue(&s.Params, p).SetBool(v >= 0.5) }
	default: // an enumeration: agents.Trigger, agents.Response
		fl.kind, fl.what, fl.choices = choiceField, strings.ToLower(p.typ.Name()), enumNames(p.typ)
		fl.setS = func(f *File, v string) error {
			return paramValue(&f.Params, p).Addr().Interface().(interface{ UnmarshalText([]byte) error }).UnmarshalText([]byte(v))
		}
		n := len(fl.choices)
		fl.apply = func(s *sim.Spec, v float64) { paramValue(&s.Params, p).SetInt(int64(choiceIndex(v, n))) }
	}
	// Values that other values default to, or are bounded by, carry those along in a spec.
	switch p.path {
	case "model.growth":
		fl.apply = f.withDefaultGrowth(fl.apply)
	case "will.alpha", "will.beta":
		fl.apply = f.withDefaultWill(fl.apply, p.path == "will.alpha")
	case "model.burden_min", "model.burden_max":
		fl.apply = withBurdenRange(fl.apply)
	}
	return fl
}

// choiceIndex turns a Setter's value into an index into n choices: rounded, and clamped.
func choiceIndex(v float64, n int) int {
	if math.IsNaN(v) {
		return 0
	}
	return int(math.Max(0, math.Min(float64(n-1), math.Round(v))))
}

// withDefaultGrowth makes a setter of model.growth also set the growth of the states that take
// theirs from it.
func (f *File) withDefaultGrowth(apply sim.Setter) sim.Setter {
	drawn := f.drawnStateFields()
	var idx []int
	for i := range f.States {
		if f.States[i].Growth == nil && !drawn[f.statePath(i)+".growth"] {
			idx = append(idx, i)
		}
	}
	return func(s *sim.Spec, v float64) {
		apply(s, v)
		for _, i := range idx {
			s.States[i].Growth = s.Params.Model.Growth
		}
	}
}

// withDefaultWill makes a setter of will.alpha (or will.beta) also set the prior of the states
// that take theirs from [will].
func (f *File) withDefaultWill(apply sim.Setter, alpha bool) sim.Setter {
	drawn := f.drawnStateFields()
	key := ".will.beta"
	if alpha {
		key = ".will.alpha"
	}
	var idx []int
	for i, st := range f.States {
		if drawn[f.statePath(i)+key] {
			continue
		}
		if st.Will == nil || (alpha && st.Will.Alpha == nil) || (!alpha && st.Will.Beta == nil) {
			idx = append(idx, i)
		}
	}
	return func(s *sim.Spec, v float64) {
		apply(s, v)
		for _, i := range idx {
			if alpha {
				s.States[i].Will.Alpha = s.Params.Will.Alpha
			} else {
				s.States[i].Will.Beta = s.Params.Will.Beta
			}
		}
	}
}

// drawnStateFields returns the canonical paths of the state fields drawn per run: a global
// default must not overwrite them, whichever is drawn first.
func (f *File) drawnStateFields() map[string]bool {
	drawn := map[string]bool{}
	for key := range f.Uncertainty {
		if !strings.HasPrefix(key, "state.") {
			continue
		}
		if fl, err := f.field(key); err == nil {
			drawn[fl.path] = true
		}
	}
	return drawn
}

// withBurdenRange makes a setter of model.burden_min or burden_max keep the range non-empty and
// every state's burden inside it.
func withBurdenRange(apply sim.Setter) sim.Setter {
	return func(s *sim.Spec, v float64) {
		apply(s, v)
		m := &s.Params.Model
		if m.BurdenMin > m.BurdenMax {
			m.BurdenMin, m.BurdenMax = m.BurdenMax, m.BurdenMin
		}
		for i := range s.States {
			s.States[i].Burden = math.Max(m.BurdenMin, math.Min(m.BurdenMax, s.States[i].Burden))
		}
	}
}

// burdenBounds returns the range of a state's burden in f.
func (f *File) burdenBounds() bounds {
	return bounds{lo: f.Model.BurdenMin, hi: f.Model.BurdenMax, note: "model.burden_min to model.burden_max"}
}

func (f *File) stateField(i int, key string) (*field, error) {
	name := f.States[i].Name
	p := "state." + pathSeg(name) + "." + key
	l := loc("state", strconv.Itoa(i))
	num := func(b bounds, set func(st *State, v float64), apply func(st *sim.State, v float64)) *field {
		return &field{path: p, loc: sub(l, strings.Split(key, ".")...), kind: numField, bounds: b, perRun: true,
			setF:  func(f *File, v float64) { set(&f.States[i], v) },
			apply: func(s *sim.Spec, v float64) { apply(&s.States[i], b.clamp(v)) }}
	}
	switch key {
	case "economy":
		return num(economyBounds(), func(st *State, v float64) { st.Economy = v },
			func(st *sim.State, v float64) { st.Economy = v }), nil
	case "burden":
		fl := num(f.burdenBounds(), func(st *State, v float64) { st.Burden = v }, nil)
		fl.apply = func(s *sim.Spec, v float64) { // bounded by the spec's range, itself variable
			m := &s.Params.Model
			s.States[i].Burden = math.Max(m.BurdenMin, math.Min(m.BurdenMax, v))
		}
		return fl, nil
	case "power":
		return num(powerBounds(), func(st *State, v float64) { st.Power = &v },
			func(st *sim.State, v float64) { st.Power = v }), nil
	case "growth":
		return num(growthBounds(), func(st *State, v float64) { st.Growth = &v },
			func(st *sim.State, v float64) { st.Growth = v }), nil
	case "projection":
		return num(unitBounds(), func(st *State, v float64) { st.Projection = v },
			func(st *sim.State, v float64) { st.Projection = v }), nil
	case "revisionism":
		return num(unitBounds(), func(st *State, v float64) { st.Revisionism = v },
			func(st *sim.State, v float64) { st.Revisionism = v }), nil
	case "will.alpha":
		return num(willPriorBounds(), func(st *State, v float64) { st.willPrior().Alpha = &v },
			func(st *sim.State, v float64) { st.Will.Alpha = v }), nil
	case "will.beta":
		return num(willPriorBounds(), func(st *State, v float64) { st.willPrior().Beta = &v },
			func(st *sim.State, v float64) { st.Will.Beta = v }), nil
	case "nuclear":
		return &field{path: p, loc: sub(l, key), kind: boolField, choices: boolChoices(), perRun: true,
			setB:  func(f *File, v bool) { f.States[i].Nuclear = v },
			apply: func(s *sim.Spec, v float64) { s.States[i].Nuclear = v >= 0.5 }}, nil
	case "strategy":
		names := agents.StrategyNames()
		strategies := make([]agents.Strategy, len(names))
		for k, n := range names {
			strategies[k], _ = agents.LookupStrategy(n)
		}
		return &field{path: p, loc: sub(l, key), kind: choiceField, what: "strategy", choices: names, perRun: true,
			setS:  func(f *File, v string) error { f.States[i].Strategy = v; return nil },
			apply: func(s *sim.Spec, v float64) { s.States[i].Strategy = strategies[choiceIndex(v, len(names))] }}, nil
	case "client_of":
		return &field{path: p, loc: sub(l, key), kind: stateField,
			setS: func(f *File, v string) error { f.States[i].ClientOf = v; return nil }}, nil
	}
	if target, ok := strings.CutPrefix(key, "claims."); ok {
		target = unquote(target)
		j := f.stateIndex(target)
		switch {
		case j < 0:
			return nil, errors.New(unknownState(target, f.stateNames()))
		case j == i:
			return nil, fmt.Errorf("a state cannot claim itself (claims name other states)")
		}
		fl := num(unitBounds(), func(st *State, v float64) {
			if st.Claims == nil {
				st.Claims = map[string]float64{}
			}
			st.Claims[target] = v
		}, func(st *sim.State, v float64) { setClaim(st, j, v) })
		fl.path = "state." + pathSeg(name) + ".claims." + pathSeg(target)
		fl.loc = sub(l, "claims", target)
		return fl, nil
	}
	return nil, fmt.Errorf("unknown field%s", keyHint(key, append(stateKeys(), "claims.<state>")))
}

// keyHint suggests the key nearest to key, or lists the allowed keys.
func keyHint(key string, keys []string) string {
	if s := didYouMean(key, keys); s != "" {
		return s
	}
	return " (allowed: " + strings.Join(keys, ", ") + ")"
}

func (st *State) willPrior() *WillPrior {
	if st.Will == nil {
		st.Will = &WillPrior{}
	}
	return st.Will
}

// setClaim sets r(a, target) of state a, adding the claim when a has none on target.
func setClaim(a *sim.State, target int, r float64) {
	for k := range a.Claims {
		if a.Claims[k].Target == target {
			a.Claims[k].R = r
			return
		}
	}
	a.Claims = append(a.Claims, sim.Claim{Target: target, R: r})
}

func (f *File) guaranteeField(k int, key string) (*field, error) {
	p := "guarantee." + pathSeg(f.Guarantees[k].Name) + "." + key
	l := loc("guarantee", strconv.Itoa(k), key)
	share := func(set func(g *Guarantee, v float64), apply func(t *agents.Terms, v float64), bit sim.TermSet) *field {
		b := unitBounds()
		return &field{path: p, loc: l, kind: numField, bounds: b, perRun: true,
			setF: func(f *File, v float64) { set(&f.Guarantees[k], v) },
			apply: func(s *sim.Spec, v float64) {
				g := &s.Guarantees[k]
				apply(&g.Terms, b.clamp(v))
				g.Set |= bit
			}}
	}
	switch key {
	case "w":
		return share(func(g *Guarantee, v float64) { g.W = &v }, func(t *agents.Terms, v float64) { t.W = v }, sim.SetW), nil
	case "aid":
		return share(func(g *Guarantee, v float64) { g.Aid = &v }, func(t *agents.Terms, v float64) { t.Aid = v }, sim.SetAid), nil
	case "stake":
		return share(func(g *Guarantee, v float64) { g.Stake = &v }, func(t *agents.Terms, v float64) { t.Stake = v }, sim.SetStake), nil
	case "umbrella":
		return &field{path: p, loc: l, kind: boolField, choices: boolChoices(), perRun: true,
			setB: func(f *File, v bool) { f.Guarantees[k].Umbrella = &v },
			apply: func(s *sim.Spec, v float64) {
				g := &s.Guarantees[k]
				g.Terms.Umbrella = v >= 0.5
				g.Set |= sim.SetUmbrella
			}}, nil
	case "trigger":
		names := enumNames(reflect.TypeFor[agents.Trigger]())
		return &field{path: p, loc: l, kind: choiceField, what: "trigger", choices: names, perRun: true,
			setS: func(f *File, v string) error {
				var t agents.Trigger
				if err := t.UnmarshalText([]byte(v)); err != nil {
					return err
				}
				f.Guarantees[k].Trigger = &t
				return nil
			},
			apply: func(s *sim.Spec, v float64) {
				g := &s.Guarantees[k]
				g.Terms.Trigger = agents.Trigger(choiceIndex(v, len(names)))
				g.Set |= sim.SetTrigger
			}}, nil
	case "response":
		names := enumNames(reflect.TypeFor[agents.Response]())
		return &field{path: p, loc: l, kind: choiceField, what: "response", choices: names, perRun: true,
			setS: func(f *File, v string) error {
				var r agents.Response
				if err := r.UnmarshalText([]byte(v)); err != nil {
					return err
				}
				f.Guarantees[k].Response = &r
				return nil
			},
			apply: func(s *sim.Spec, v float64) {
				g := &s.Guarantees[k]
				g.Terms.Response = agents.Response(choiceIndex(v, len(names)))
				g.Set |= sim.SetResponse
			}}, nil
	case "start":
		b := startBounds()
		return &field{path: p, loc: l, kind: intField, bounds: b, perRun: true,
			setI:  func(f *File, v int64) { f.Guarantees[k].Start = int(v) },
			apply: func(s *sim.Spec, v float64) { s.Guarantees[k].Start = int(b.clamp(math.Round(v))) }}, nil
	}
	return nil, fmt.Errorf("unknown field%s", keyHint(key, guaranteeKeys()))
}
