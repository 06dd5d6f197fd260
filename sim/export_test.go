package sim

import (
	"fmt"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strings"

	"alliancesim/agents"
)

// Triangle is the internal tests' small spec (see triangle).
func Triangle() *Spec { return triangle() }

// SupportPathsDiffer checks the engine's fast support sums against the general path at w's
// current state, for every state and every state perceived as aggressive: armedSupport (after
// credAll, or needCred and credFill), expectOnly and expectBoth, which read cached
// credibilities and coefficients, against expect with every credibility computed afresh from
// the honour rule. It describes the first difference, or returns "".
func SupportPathsDiffer(w *World) string {
	close := func(x, y float64) bool { return math.Abs(x-y) <= 1e-12*max(1, math.Abs(y)) }
	for a := range w.n {
		if w.aggSlot[a] < 0 || w.conquered[a] {
			continue
		}
		for t := range w.n {
			if t == a || w.conquered[t] {
				continue
			}
			// Poisoned, so that an entry credFill leaves unfilled shows.
			for i := range w.credBlock(a) {
				w.credBlock(a)[i] = credEntry{q: math.NaN(), armed: math.NaN()}
			}
			w.epoch++
			// Either way of filling the cache (see perceiveThreats), in turn.
			if t%2 == 0 {
				w.credAll(a)
			} else {
				w.credFill(w.needCred(nil, a, t))
			}
			fast := make([]agents.Option, agents.NumModes)
			armed := w.armedSupport(t, a)
			for m := range fast {
				fast[m].Mode = agents.Mode(m)
				w.expectOnly(&fast[m], a, t)
			}
			if w.single[t] { // expectBoth, the aggression phase's walk, gives the same bits
				arm, hyb := agents.Option{Mode: agents.ArmedAttack}, agents.Option{Mode: agents.HybridAttack}
				w.expectBoth(&arm, &hyb, a, t)
				if arm != fast[agents.ArmedAttack] || hyb != fast[agents.HybridAttack] {
					return fmt.Sprintf("step %d, %s against %s: expectBoth gives %+v and %+v, expectOnly %+v and %+v",
						w.t, w.spec.States[a].Name, w.spec.States[t].Name, arm, hyb, fast[agents.ArmedAttack], fast[agents.HybridAttack])
				}
			}
			for m := range fast {
				w.epoch++ // so that expect computes every credibility anew (credMiss)
				slow := agents.Option{Mode: agents.Mode(m)}
				lo, _ := w.expect(&slow, a, t)
				w.cov = w.cov[:lo]
				f := fast[m]
				if !close(f.Support, slow.Support) || f.Umbrella != slow.Umbrella || !close(f.Sanctions, slow.Sanctions) {
					return fmt.Sprintf("step %d, %s against %s, mode %v: expectOnly gives %+v, expect %+v",
						w.t, w.spec.States[a].Name, w.spec.States[t].Name, agents.Mode(m), f, slow)
				}
				if m == int(agents.ArmedAttack) && !close(armed, slow.Support) {
					return fmt.Sprintf("step %d, %s against %s: armedSupport %v, expect %v",
						w.t, w.spec.States[a].Name, w.spec.States[t].Name, armed, slow.Support)
				}
			}
		}
	}
	return ""
}

// StepChecked is w.Step, calling check before each phase with the phase's name, such as
// "perceiveThreats".
func StepChecked(w *World, check func(phase string)) {
	for _, phase := range stepPhases() {
		name := runtime.FuncForPC(reflect.ValueOf(phase).Pointer()).Name()
		check(name[strings.LastIndex(name, ".")+1:])
		phase(w)
	}
}

// FreeFactorsDiffer compares the free-riders' factors with those of the current burdens and
// alliances, computed afresh, and describes the first difference, or returns "".
func FreeFactorsDiffer(w *World) string {
	for _, g := range w.freeRiders {
		sum, k := 0.0, 0
		for j := range w.n {
			if w.allied[g*w.n+j] {
				sum += w.b[j]
				k++
			}
		}
		if want := freeFactor(w.b[g], sum, k); w.free[g] != want {
			return fmt.Sprintf("step %d: %s's factor is %v, want %v", w.t, w.spec.States[g].Name, w.free[g], want)
		}
	}
	return ""
}

// ForceDiffers derives afresh, from the pairs and who is conquered or a client, what
// refreshForce keeps (which pairs are in force, who is allied with whom, which states are single,
// which credibility groups are live), the plain way: a matrix of n² entries cleared and filled.
// It describes the first difference from w's, or returns "". Call it after a refresh, or
// after a state has become a client (see leave).
func ForceDiffers(w *World) string {
	n := w.n
	allied, seen := make([]bool, n*n), make([]bool, n*n)
	single, live := make([]bool, n), map[int]bool{}
	binder1, binder2, anyModes := make([]int, n), make([]int, n), make([]int, n)
	backers := make([][]int32, n)
	for i := range single {
		single[i], binder1[i], binder2[i] = true, -1, -1
	}
	for k := range w.gs {
		gk := &w.gs[k]
		for pi := gk.lo; pi < gk.hi; pi++ {
			pr := &w.pairs[pi]
			g, p := pr.g, pr.p
			in := gk.start <= w.t && !pr.void && !w.conquered[g] && !w.conquered[p] && w.client[g] < 0 && w.client[p] < 0
			if in != w.force[pi] {
				return fmt.Sprintf("step %d: pair %d (%d guarantees %d) in force %v, want %v", w.t, pi, g, p, w.force[pi], in)
			}
			if !in {
				continue
			}
			if seen[g*n+p] {
				single[p] = false
			}
			seen[g*n+p] = true
			live[w.group[pi]] = true
			backers[p] = append(backers[p], int32(pi))
			if gk.terms.Trigger == agents.Any {
				anyModes[p]++
			}
			if gk.kind.Binding() {
				allied[g*n+p], allied[p*n+g] = true, true
				if binder1[p] < 0 {
					binder1[p] = g
				} else if binder1[p] != g && binder2[p] < 0 {
					binder2[p] = g
				}
			}
		}
	}
	for i := range n {
		var allies []int
		for j := range n {
			if allied[i*n+j] != w.allied[i*n+j] {
				return fmt.Sprintf("step %d: allied(%d, %d) = %v, want %v", w.t, i, j, w.allied[i*n+j], allied[i*n+j])
			}
			if allied[i*n+j] {
				allies = append(allies, j)
			}
		}
		if !slices.Equal(allies, w.allies[i]) {
			return fmt.Sprintf("step %d: allies of %d = %v, want %v", w.t, i, w.allies[i], allies)
		}
		if single[i] != w.single[i] {
			return fmt.Sprintf("step %d: single(%d) = %v, want %v", w.t, i, w.single[i], single[i])
		}
		if binder1[i] != w.binder1[i] || binder2[i] != w.binder2[i] {
			return fmt.Sprintf("step %d: binders of %d = %d, %d, want %d, %d", w.t, i, w.binder1[i], w.binder2[i], binder1[i], binder2[i])
		}
		var got []int32
		for _, b := range w.backers[i] {
			got = append(got, b.pair)
		}
		if !slices.Equal(got, backers[i]) || w.held[i] != (len(backers[i]) > 0) || w.anyModes[i] != anyModes[i] {
			return fmt.Sprintf("step %d: %d is backed by pairs %v (held %v, %d of any mode), want %v (%d)",
				w.t, i, got, w.held[i], w.anyModes[i], backers[i], anyModes[i])
		}
	}
	// Every group in force is live, listed once, where liveAt says; a group a new client has
	// left may stay listed until the next full refresh (see leave).
	listed := 0
	for gr, l := range w.groupLive {
		if live[gr] && !l {
			return fmt.Sprintf("step %d: group %d in force but not live", w.t, gr)
		}
		if l {
			listed++
			if k := w.liveAt[gr]; int(w.live[k].group) != gr {
				return fmt.Sprintf("step %d: group %d listed at %d, which holds group %d", w.t, gr, k, w.live[k].group)
			}
		}
	}
	if len(w.live) != listed {
		return fmt.Sprintf("step %d: %d live groups listed, %d marked", w.t, len(w.live), listed)
	}
	return ""
}

// CacheDiffers compares every credibility the cache holds for the current step with the honour
// rule's, computed afresh for each pair of the entry's group, and describes the first
// difference, or returns "", with how many entries it checked. The cache grows when a treaty
// forms between the threat phase, which fills it, and the aggression phase, which reads it: what
// it held must survive.
func CacheDiffers(w *World) (int, string) {
	checked := 0
	for a := range w.n {
		if w.aggSlot[a] < 0 {
			continue
		}
		block := w.credBlock(a)
		for pi := range w.pairs {
			g := w.pairs[pi].g
			c := block[w.group[pi]]
			if g == a || c.epoch != w.epoch {
				continue
			}
			checked++
			if want := w.p.Honour.Credibility(w.commitment(pi, a)); c.q != want {
				return checked, fmt.Sprintf("step %d: credibility of pair %d (group %d) against %d is %v, want %v", w.t, pi, w.group[pi], a, c.q, want)
			}
		}
	}
	return checked, ""
}

// GrowCache doubles the credibility cache's room, as a treaty formed beyond it would.
func GrowCache(w *World) { w.growCache(2 * w.nGroups) }

// ThreatListsDiffer compares the states listed by principal threat (see sortByThreat) with a
// plain filter of every state, and describes the first difference, or returns "".
func ThreatListsDiffer(w *World) string {
	w.sortByThreat()
	for j := range w.n {
		var want []int
		for c := range w.n {
			if w.threat[c] == j {
				want = append(want, c)
			}
		}
		if got := w.byThreat[w.threatAt[j]:w.threatAt[j+1]]; !slices.Equal(got, want) && len(got)+len(want) > 0 {
			return fmt.Sprintf("step %d: the states threatened by %d are listed as %v, want %v", w.t, j, got, want)
		}
	}
	return ""
}

// NormsDiffer compares every allied state's norm as the cache gives it (see alliedNorm) with
// the selection of agents.Situation.AlliedNorm, in the strategy phase's snapshot, to the bit,
// and describes the first difference, or returns "", with how many norms the cache gave.
func NormsDiffer(w *World) (int, string) {
	cached := 0
	for i := range w.n {
		got, ok := w.alliedNorm(i)
		if !ok {
			continue
		}
		cached++
		var s agents.Situation
		s.SetAllies(w.allies[i], w.spendSnap)
		s.SetBurdens(w.bSnap)
		if want := s.AlliedNorm(); math.Float64bits(got) != math.Float64bits(want) {
			return cached, fmt.Sprintf("step %d: state %d's allied norm is %v from the cache, %v by selection", w.t, i, got, want)
		}
	}
	return cached, ""
}
