package config

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"alliancesim/agents"
)

// Validate checks every value of f against its range and every name against what it must
// name, and returns all the faults it finds, one [Error] per line (joined with errors.Join),
// in source order. Load calls it; call it again after changing a File by hand.
func (f *File) Validate() error {
	r := &report{f: f}
	f.checkSimulation(r)
	f.checkParams(r)
	f.checkStates(r)
	f.checkGuarantees(r)
	f.checkUncertainty(r)
	f.checkSweeps(r)
	f.checkFactors(r)
	f.checkLabels(r)
	return r.err()
}

// num reports v at l (shown as path) when it is outside b, or not a number.
func (r *report) num(l []string, path string, v float64, b bounds) {
	if msg := b.check(v); msg != "" {
		r.add(l, path, "%s", msg)
	}
}

// integer reports the integer v at l when it is outside b.
func (r *report) integer(l []string, path string, v int64, b bounds) {
	if !b.contains(float64(v)) {
		r.add(l, path, "%d is out of range (allowed: %s)", v, b)
	}
}

// text reports free text that would not survive a one-line message or a TOML string intact.
func (r *report) text(l []string, path, v string) {
	if !printable(v) {
		r.add(l, path, "%q holds control characters or invalid UTF-8 (allowed: printable text)", v)
	}
}

// name reports a missing or unprintable name.
func (r *report) name(l []string, path, v string) {
	if v == "" {
		r.add(l, path, "empty name (allowed: any printable text)")
		return
	}
	r.text(l, path, v)
}

func (f *File) checkSimulation(r *report) {
	s := &f.Simulation
	at := func(k string) ([]string, string) { return loc("simulation", k), "simulation." + k }
	l, p := at("name")
	r.text(l, p, s.Name)
	l, p = at("description")
	r.text(l, p, s.Description)
	l, p = at("runs")
	r.integer(l, p, int64(s.Runs), runsBounds())
	l, p = at("steps")
	r.integer(l, p, int64(s.Steps), stepsBounds())
	l, p = at("seed")
	r.integer(l, p, s.Seed, seedBounds())
	if l, p = at("focus"); s.Focus != "" && f.stateIndex(s.Focus) < 0 {
		r.add(l, p, "%s", unknownState(s.Focus, f.stateNames()))
	}
}

func (f *File) checkParams(r *report) {
	for _, p := range paramLeaves() {
		v := paramValue(&f.Params, p)
		l := strings.Split(p.path, ".")
		switch p.typ.Kind() {
		case reflect.Float64:
			b, _ := paramBounds(p.path)
			r.num(l, p.path, v.Float(), b)
		case reflect.Bool:
		default:
			if names := enumNames(p.typ); v.Int() < 0 || v.Int() >= int64(len(names)) {
				r.add(l, p.path, "invalid %s %d (allowed: %s)", strings.ToLower(p.typ.Name()), v.Int(), strings.Join(names, ", "))
			}
		}
	}
	// Ranges between parameters, reported once both ends are valid themselves.
	m := &f.Model
	if m.BurdenMin >= m.BurdenMax && m.BurdenMax > 0 && m.BurdenMin >= 0 && m.BurdenMax <= 1 {
		r.add(loc("model", "burden_max"), "model.burden_max", "%s is not above model.burden_min = %s (allowed: more than model.burden_min, up to 1)",
			fmtNum(m.BurdenMax), fmtNum(m.BurdenMin))
	}
	if b := &f.Balance; b.Lo > b.Hi && b.Hi >= 0 && b.Lo <= 100 {
		r.add(loc("balance", "lo"), "balance.lo", "%s is above balance.hi = %s (allowed: 0 to balance.hi)", fmtNum(b.Lo), fmtNum(b.Hi))
	}
}

// statePath is the dotted path of state i: by its name, or by its position when it has none.
func (f *File) statePath(i int) string {
	if n := f.States[i].Name; n != "" {
		return "state." + pathSeg(n)
	}
	return "state.#" + strconv.Itoa(i+1)
}

func (f *File) guaranteePath(k int) string {
	if n := f.Guarantees[k].Name; n != "" {
		return "guarantee." + pathSeg(n)
	}
	return "guarantee.#" + strconv.Itoa(k+1)
}

func (f *File) checkStates(r *report) {
	switch n := len(f.States); {
	case n == 0:
		r.add(nil, "", "no states (a config needs at least one [[state]] table)")
	case n > maxStates:
		r.add(loc("state"), "state", "%d states are too many (allowed: at most %d)", n, maxStates)
		return
	}
	names, stateIndex := f.stateNames(), f.indexer()
	first := map[string]int{}
	for i := range f.States {
		st := &f.States[i]
		l, p := loc("state", strconv.Itoa(i)), f.statePath(i)
		at := func(k ...string) ([]string, string) {
			pp := p
			for _, s := range k {
				pp = join(pp, s)
			}
			return sub(l, k...), pp
		}
		kl, kp := at("name")
		r.name(kl, kp, st.Name)
		if j, dup := first[st.Name]; dup && st.Name != "" {
			r.add(kl, kp, "duplicate state %q (also the name of state #%d%s)", st.Name, j+1, f.lineNote(loc("state", strconv.Itoa(j))))
		} else {
			first[st.Name] = i
		}
		kl, kp = at("economy")
		r.num(kl, kp, st.Economy, economyBounds())
		if b := f.burdenBounds(); b.lo < b.hi { // else model.burden_max is the fault, reported once
			kl, kp = at("burden")
			r.num(kl, kp, st.Burden, b)
		}
		if st.Power != nil {
			kl, kp = at("power")
			r.num(kl, kp, *st.Power, powerBounds())
		}
		g := f.Model.Growth
		if st.Growth != nil {
			kl, kp = at("growth")
			r.num(kl, kp, *st.Growth, growthBounds())
			g = *st.Growth
		}
		if st.Power == nil && g+f.Model.Delta <= 0 && growthBounds().contains(g) {
			kl, kp = at("growth")
			r.add(kl, kp, "steady-state power needs growth + model.delta > 0, have %s + %s (allowed: give power, or a higher growth)",
				fmtNum(g), fmtNum(f.Model.Delta))
		}
		kl, kp = at("position")
		switch len(st.Position) {
		case 2:
			if msg := lonBounds().check(st.Position[0]); msg != "" {
				r.add(kl, kp, "longitude %s", msg)
			}
			if msg := latBounds().check(st.Position[1]); msg != "" {
				r.add(kl, kp, "latitude %s", msg)
			}
		case 0:
			r.add(kl, kp, "missing (required: [lon, lat] of its capital, degrees)")
		default:
			r.add(kl, kp, "have %d numbers, want 2: [lon, lat] of its capital, degrees", len(st.Position))
		}
		kl, kp = at("projection")
		r.num(kl, kp, st.Projection, unitBounds())
		kl, kp = at("revisionism")
		r.num(kl, kp, st.Revisionism, unitBounds())
		for _, t := range sortedKeys(st.Claims) {
			kl, kp = at("claims", t)
			switch j := stateIndex(t); {
			case j < 0:
				r.add(kl, kp, "%s", unknownState(t, names))
			case j == i:
				r.add(kl, kp, "a state cannot claim itself (allowed: the names of other states)")
			default:
				r.num(kl, kp, st.Claims[t], unitBounds())
			}
		}
		kl, kp = at("strategy")
		if st.Strategy != "" {
			if _, err := agents.LookupStrategy(st.Strategy); err != nil {
				r.add(kl, kp, "%s", unknownChoice("strategy", st.Strategy, agents.StrategyNames()))
			}
		}
		if st.Will != nil {
			if st.Will.Alpha != nil {
				kl, kp = at("will", "alpha")
				r.num(kl, kp, *st.Will.Alpha, willPriorBounds())
			}
			if st.Will.Beta != nil {
				kl, kp = at("will", "beta")
				r.num(kl, kp, *st.Will.Beta, willPriorBounds())
			}
		}
		if c := st.ClientOf; c != "" {
			kl, kp = at("client_of")
			switch j := stateIndex(c); {
			case j < 0:
				r.add(kl, kp, "%s", unknownState(c, names))
			case j == i:
				r.add(kl, kp, "a state cannot be its own client (allowed: the name of another state)")
			case f.States[j].ClientOf != "":
				r.add(kl, kp, "%q is itself a client of %q (allowed: a state that is no one's client)", c, f.States[j].ClientOf)
			}
		}
	}
}

// lineNote returns ", line N" for the source line of l, or "".
func (f *File) lineNote(l []string) string {
	if line, _ := f.where(l); line > 0 {
		return ", line " + strconv.Itoa(line)
	}
	return ""
}

func (f *File) checkGuarantees(r *report) {
	if n := len(f.Guarantees); n > maxGuarantees {
		r.add(loc("guarantee"), "guarantee", "%d guarantees are too many (allowed: at most %d)", n, maxGuarantees)
		return
	}
	names, stateIndex := f.stateNames(), f.indexer()
	first := map[string]int{}
	for k := range f.Guarantees {
		g := &f.Guarantees[k]
		l, p := loc("guarantee", strconv.Itoa(k)), f.guaranteePath(k)
		at := func(key string) ([]string, string) { return sub(l, key), join(p, key) }

		kl, kp := at("name")
		r.name(kl, kp, g.Name)
		if j, dup := first[g.Name]; dup && g.Name != "" {
			r.add(kl, kp, "duplicate guarantee %q (also the name of guarantee #%d%s)", g.Name, j+1, f.lineNote(loc("guarantee", strconv.Itoa(j))))
		} else {
			first[g.Name] = k
		}
		if g.Kind < 0 || g.Kind >= agents.NumKinds {
			kl, kp = at("kind")
			r.add(kl, kp, "invalid kind %d (allowed: %s)", int(g.Kind), strings.Join(enumNames(reflect.TypeFor[agents.Kind]()), ", "))
		}

		pk := g.protegesName()
		// refs checks a list of state names; it returns those that resolve, once each.
		refs := func(key string, list []string) []string {
			kl, kp := at(key)
			var ok []string
			for _, n := range list {
				switch {
				case stateIndex(n) < 0:
					r.add(kl, kp, "%s", unknownState(n, names))
				case slices.Contains(ok, n):
					r.add(kl, kp, "%q is listed twice", n)
				default:
					ok = append(ok, n)
				}
			}
			return ok
		}
		var proteges []string
		if g.Members != nil {
			if g.Guarantors != nil || g.Proteges != nil {
				kl, kp = at("members")
				r.add(kl, kp, "give members, or guarantors and %s, not both", pk)
			}
			members := refs("members", g.Members)
			if len(g.Members) < 2 {
				kl, kp = at("members")
				r.add(kl, kp, "%d members, want at least 2 (allowed: a list of states that each guarantee every other)", len(g.Members))
			}
			proteges = members
		} else {
			if len(g.Guarantors) == 0 {
				kl, kp = at("guarantors")
				r.add(kl, kp, "missing (required: the states that guarantee, with %s; or members)", pk)
			}
			if len(g.Proteges) == 0 {
				kl, kp = at(pk)
				r.add(kl, kp, "missing (required: the states guaranteed, with guarantors; or members)")
			}
			guarantors := refs("guarantors", g.Guarantors)
			proteges = refs(pk, g.Proteges)
			for _, n := range proteges {
				if slices.Contains(guarantors, n) {
					kl, kp = at(pk)
					r.add(kl, kp, "%q cannot guarantee itself (it is also among the guarantors)", n)
				}
			}
		}
		kl, kp = at("tripwire")
		var seen []string
		for _, n := range g.Tripwire.States {
			switch {
			case !slices.Contains(proteges, n) && stateIndex(n) < 0:
				r.add(kl, kp, "%s", unknownState(n, names))
			case !slices.Contains(proteges, n):
				r.add(kl, kp, "%q is not a protégé of %s (allowed: %s)", n, g.Name, quoteList(proteges))
			case slices.Contains(seen, n):
				r.add(kl, kp, "%q is listed twice", n)
			default:
				seen = append(seen, n)
			}
		}
		kl, kp = at("start")
		r.integer(kl, kp, int64(g.Start), startBounds())
		for _, t := range []struct {
			key string
			v   *float64
		}{{"w", g.W}, {"aid", g.Aid}, {"stake", g.Stake}} {
			if t.v != nil {
				kl, kp = at(t.key)
				r.num(kl, kp, *t.v, unitBounds())
			}
		}
		if g.Trigger != nil && (*g.Trigger < 0 || int(*g.Trigger) >= len(enumNames(reflect.TypeFor[agents.Trigger]()))) {
			kl, kp = at("trigger")
			r.add(kl, kp, "invalid trigger %d", int(*g.Trigger))
		}
		if g.Response != nil && (*g.Response < 0 || int(*g.Response) >= len(enumNames(reflect.TypeFor[agents.Response]()))) {
			kl, kp = at("response")
			r.add(kl, kp, "invalid response %d", int(*g.Response))
		}
	}
	f.checkAid(r)
}

// checkAid reports a guarantor whose aid shares sum above 1: it cannot give away more than its
// whole defence accrual.
func (f *File) checkAid(r *report) {
	type share struct {
		guarantee string
		aid       float64
	}
	stateIndex := f.indexer()
	given := make([][]share, len(f.States))
	last := make([]int, len(f.States)) // the guarantee that took the sum over 1
	for k := range f.Guarantees {
		g := &f.Guarantees[k]
		if g.Kind < 0 || g.Kind >= agents.NumKinds {
			continue
		}
		aid := f.Kind.Of(g.Kind).Aid
		if g.Aid != nil {
			aid = *g.Aid
		}
		if !(aid > 0 && aid <= 1) { // out of range or NaN: reported already
			continue
		}
		guarantors, _ := g.parties()
		var done []int
		for _, n := range guarantors {
			i := stateIndex(n)
			if i < 0 || slices.Contains(done, i) {
				continue
			}
			done = append(done, i)
			given[i] = append(given[i], share{g.Name, aid})
			last[i] = k
		}
	}
	for i, shares := range given {
		total := 0.0
		terms := make([]string, len(shares))
		for j, s := range shares {
			total += s.aid
			terms[j] = fmt.Sprintf("%s %s", s.guarantee, fmtNum(s.aid))
		}
		if total > 1+1e-9 && !math.IsInf(total, 0) {
			k := last[i]
			r.add(loc("guarantee", strconv.Itoa(k), "aid"), join(f.guaranteePath(k), "aid"),
				"the aid shares %q gives sum to %s (%s) (allowed: at most 1 in total per guarantor)",
				f.States[i].Name, fmtNum(total), strings.Join(terms, " + "))
		}
	}
}

// indexer returns a lookup of state indices by name (the first state of each name), -1 for a
// name no state has: Validate resolves every name of a document through it.
func (f *File) indexer() func(string) int {
	idx := make(map[string]int, len(f.States))
	for i := len(f.States) - 1; i >= 0; i-- {
		idx[f.States[i].Name] = i
	}
	return func(name string) int {
		if i, ok := idx[name]; ok {
			return i
		}
		return -1
	}
}
