package config

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"alliancesim/agents"
	"alliancesim/sim"
)

// Spec validates f and compiles it into a spec ready to run: names become indices, omitted
// values take their defaults (a state's growth from model.growth, its will prior from [will],
// its strategy balance, a guarantee's terms from its kind), strategies are looked up, claims
// are ordered by target, and each [uncertainty] entry becomes a sim.Uncertain, in the order of
// its path, which is therefore the order of the per-run draws.
func (f *File) Spec() (*sim.Spec, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	idx := make(map[string]int, len(f.States))
	for i := range f.States {
		idx[f.States[i].Name] = i
	}
	s := &sim.Spec{
		Name:        f.Simulation.Name,
		Description: f.Simulation.Description,
		Runs:        f.Simulation.Runs,
		Steps:       f.Simulation.Steps,
		Seed:        uint64(f.Simulation.Seed),
		Focus:       -1,
		Params:      f.Params,
		States:      make([]sim.State, len(f.States)),
		Guarantees:  make([]sim.Guarantee, len(f.Guarantees)),
	}
	if s.Name == "" {
		s.Name = strings.TrimSuffix(filepath.Base(f.Name), filepath.Ext(f.Name))
	}
	if f.Simulation.Focus != "" {
		s.Focus = idx[f.Simulation.Focus]
	}
	for i := range f.States {
		st, err := f.compileState(i, idx)
		if err != nil {
			return nil, err
		}
		s.States[i] = st
	}
	for k := range f.Guarantees {
		s.Guarantees[k] = f.compileGuarantee(k, idx)
	}
	for _, key := range sortedKeys(f.Uncertainty) {
		u, err := f.uncertain(key)
		if err != nil {
			return nil, fmt.Errorf("%s: uncertainty %q: %w", f.Name, key, err)
		}
		s.Uncertain = append(s.Uncertain, u)
	}
	if err := s.Check(); err != nil {
		return nil, fmt.Errorf("%s: compiled spec: %w", f.Name, err) // a bug here, not in the file
	}
	return s, nil
}

func (f *File) compileState(i int, idx map[string]int) (sim.State, error) {
	st := &f.States[i]
	name := st.Strategy
	if name == "" {
		name = DefaultStrategy
	}
	strategy, err := agents.LookupStrategy(name)
	if err != nil {
		return sim.State{}, fmt.Errorf("%s: %s: %w", f.Name, f.statePath(i), err)
	}
	out := sim.State{
		Name:        st.Name,
		Economy:     st.Economy,
		Burden:      st.Burden,
		Growth:      f.Model.Growth,
		Lon:         st.Position[0],
		Lat:         st.Position[1],
		Projection:  st.Projection,
		Nuclear:     st.Nuclear,
		Revisionism: st.Revisionism,
		Strategy:    strategy,
		Will:        f.Will,
		ClientOf:    -1,
	}
	if st.Power != nil {
		out.Power = *st.Power
	}
	if st.Growth != nil {
		out.Growth = *st.Growth
	}
	if st.Will != nil && st.Will.Alpha != nil {
		out.Will.Alpha = *st.Will.Alpha
	}
	if st.Will != nil && st.Will.Beta != nil {
		out.Will.Beta = *st.Will.Beta
	}
	if st.ClientOf != "" {
		out.ClientOf = idx[st.ClientOf]
	}
	for t, r := range st.Claims {
		out.Claims = append(out.Claims, sim.Claim{Target: idx[t], R: r})
	}
	slices.SortFunc(out.Claims, func(a, b sim.Claim) int { return a.Target - b.Target })
	return out, nil
}

func (f *File) compileGuarantee(k int, idx map[string]int) sim.Guarantee {
	g := &f.Guarantees[k]
	indices := func(names []string) []int {
		out := make([]int, len(names))
		for i, n := range names {
			out[i] = idx[n]
		}
		return out
	}
	guarantors, proteges := g.parties()
	out := sim.Guarantee{
		Name:       g.Name,
		Kind:       g.Kind,
		Guarantors: indices(guarantors),
		Proteges:   indices(proteges),
		Start:      g.Start,
	}
	switch {
	case g.Tripwire.All:
		out.Tripwire = slices.Clone(out.Proteges)
	case len(g.Tripwire.States) > 0:
		out.Tripwire = indices(g.Tripwire.States)
	}
	if g.W != nil {
		out.Terms.W, out.Set = *g.W, out.Set|sim.SetW
	}
	if g.Trigger != nil {
		out.Terms.Trigger, out.Set = *g.Trigger, out.Set|sim.SetTrigger
	}
	if g.Response != nil {
		out.Terms.Response, out.Set = *g.Response, out.Set|sim.SetResponse
	}
	if g.Umbrella != nil {
		out.Terms.Umbrella, out.Set = *g.Umbrella, out.Set|sim.SetUmbrella
	}
	if g.Aid != nil {
		out.Terms.Aid, out.Set = *g.Aid, out.Set|sim.SetAid
	}
	if g.Stake != nil {
		out.Terms.Stake, out.Set = *g.Stake, out.Set|sim.SetStake
	}
	return out
}
