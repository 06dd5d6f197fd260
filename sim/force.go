package sim

import (
	"math"
	"slices"

	"alliancesim/agents"
)

// refreshForce brings up to date which pairs are in force, which states are allied (guarantor
// and protégé of the same in-force alliance or treaty), which hold an in-force guarantee, and
// every state's backers. They change only when a guarantee enters into force, a pair is voided,
// or a state is conquered or becomes a client. A refresh after those of a step is incremental,
// at the cost of the pairs they touch: a treaty formed during the run enters into force after
// every pair in force (it is the last guarantee yet), a voided pair and a conquered state leave;
// a guarantee of the spec entering into force, or a Reset, marks everything stale, and all is
// derived anew (fullRefresh). TestForceCurrent checks either against the plain derivation.
func (w *World) refreshForce() {
	starting := false
	if w.t >= w.nextStart {
		starting = true
		w.nextStart = math.MaxInt
		for k := range w.gs {
			s := w.gs[k].start
			if s > w.t && s < w.nextStart {
				w.nextStart = s
			}
			if s == w.t && w.gs[k].spec >= 0 {
				w.stale = true // its pairs may come before pairs in force
			}
		}
	}
	if w.stale {
		w.fullRefresh()
		return
	}
	for _, pi := range w.voided {
		w.unbind(int(pi))
	}
	for _, i := range w.fallen {
		w.leave(i)
	}
	w.voided, w.fallen = w.voided[:0], w.fallen[:0]
	if starting {
		// Treaties come in the order they were formed, after the spec's guarantees.
		lo := len(w.gs)
		for lo > 0 && w.gs[lo-1].spec < 0 && w.gs[lo-1].start >= w.t {
			lo--
		}
		for k := lo; k < len(w.gs); k++ {
			if w.gs[k].start == w.t {
				w.bind(k)
			}
		}
	}
}

// fullRefresh derives from every pair what refreshForce keeps.
func (w *World) fullRefresh() {
	w.stale, w.freeStale = false, true
	w.alliesVersion++
	w.voided, w.fallen = w.voided[:0], w.fallen[:0]
	n := w.n
	w.unmark()
	clear(w.held)
	for i := range w.single {
		w.single[i] = true
		w.binder1[i], w.binder2[i] = -1, -1
	}
	for i := range w.backers {
		w.backers[i] = w.backers[i][:0]
	}
	clear(w.anyModes)
	// Locals, so that the stores below need not reload every slice from w.
	pairs, force, group, reach := w.pairs, w.force[:len(w.pairs)], w.group, w.reach
	conquered, client, nuclear := w.conquered, w.client, w.nuclear
	held, single, allied, allies := w.held, w.single, w.allied, w.allies
	binder1, binder2, backers := w.binder1, w.binder2, w.backers
	groupLive, live, honour := w.groupLive, w.live[:0], &w.p.Honour
	for k := range w.gs {
		gk := &w.gs[k]
		started, binding := gk.start <= w.t, gk.kind.Binding()
		resp, anyMode := gk.terms.Response, gk.terms.Trigger == agents.Any
		fixed := honour.Fixed(gk.terms.W, gk.terms.Stake)
		for pi := gk.lo; pi < gk.hi; pi++ {
			pr := &pairs[pi]
			g, p := pr.g, pr.p
			// A pair binds from its guarantee's start while neither party is conquered or a
			// client, unless the guarantor voided it.
			in := started && !pr.void && !conquered[g] && !conquered[p] && client[g] < 0 && client[p] < 0
			force[pi] = in
			if !in {
				continue
			}
			r, by := reach[g*n+p], 1.0
			if resp == agents.Fight {
				by = r
			}
			backers[p] = append(backers[p], backer{
				reach: r, armedBy: by, g: int32(g), pair: int32(pi), group: int32(group[pi]),
				resp: resp, anyMode: anyMode, umbrella: gk.terms.Umbrella && nuclear[g],
			})
			if anyMode {
				w.anyModes[p]++
			}
			if gr := group[pi]; !groupLive[gr] {
				groupLive[gr] = true
				w.liveAt[gr] = int32(len(live))
				live = append(live, liveGroup{
					fixed: fixed, g: int32(g), group: int32(gr), tripwire: pr.tripwire, resp: resp,
				})
			}
			held[p] = true
			if binding {
				switch b1 := binder1[p]; {
				case b1 < 0:
					binder1[p] = g
				case b1 != g && binder2[p] < 0:
					binder2[p] = g
				}
				if !allied[g*n+p] {
					allied[g*n+p], allied[p*n+g] = true, true
					allies[g], allies[p] = append(allies[g], p), append(allies[p], g)
				}
			}
		}
	}
	w.force, w.live = force, live
	// A state is single unless one guarantor holds two of its in-force pairs: a mark per
	// guarantor, fresh for each protégé, finds that in one pass over its backers.
	for p, bs := range backers {
		if len(bs) < 2 {
			continue
		}
		w.mark++
		for _, b := range bs {
			if w.marked[b.g] == w.mark {
				single[p] = false
				break
			}
			w.marked[b.g] = w.mark
		}
	}
	// Allies in state order, as the sums over them have always been taken.
	for _, al := range allies {
		slices.Sort(al)
	}
}

// unmark undoes what the last refresh set in the pair matrix allied and in groupLive, through
// the lists it built (allies and live), and empties those lists: a refresh costs the pairs in
// force, not the square of the number of states. Reset calls it before it resizes anything,
// while w.n is still the size the marks were made at.
func (w *World) unmark() {
	w.alliesVersion++
	n := w.n
	for i, al := range w.allies {
		for _, j := range al {
			w.allied[i*n+j] = false
		}
		w.allies[i] = al[:0]
	}
	for _, lg := range w.live {
		w.groupLive[lg.group] = false
	}
	w.live = w.live[:0]
}

// bind puts in force the pairs of guarantee k, formed during the run and entering into force
// now, after every pair in force, as fullRefresh would.
func (w *World) bind(k int) {
	n, gk := w.n, &w.gs[k]
	resp, anyMode := gk.terms.Response, gk.terms.Trigger == agents.Any
	fixed := w.p.Honour.Fixed(gk.terms.W, gk.terms.Stake)
	w.freeStale = true
	for pi := gk.lo; pi < gk.hi; pi++ {
		pr := &w.pairs[pi]
		g, p := pr.g, pr.p
		in := !pr.void && !w.conquered[g] && !w.conquered[p] && w.client[g] < 0 && w.client[p] < 0
		w.force[pi] = in
		if !in {
			continue
		}
		r, by := w.reach[g*n+p], 1.0
		if resp == agents.Fight {
			by = r
		}
		for _, b := range w.backers[p] {
			if int(b.g) == g {
				w.single[p] = false
			}
		}
		w.backers[p] = append(w.backers[p], backer{
			reach: r, armedBy: by, g: int32(g), pair: int32(pi), group: int32(w.group[pi]),
			resp: resp, anyMode: anyMode, umbrella: gk.terms.Umbrella && w.nuclear[g],
		})
		if anyMode {
			w.anyModes[p]++
		}
		if gr := w.group[pi]; !w.groupLive[gr] {
			w.groupLive[gr] = true
			w.liveAt[gr] = int32(len(w.live))
			w.live = append(w.live, liveGroup{fixed: fixed, g: int32(g), group: int32(gr), tripwire: pr.tripwire, resp: resp})
		}
		w.held[p] = true
		if gk.kind.Binding() {
			switch b1 := w.binder1[p]; {
			case b1 < 0:
				w.binder1[p] = g
			case b1 != g && w.binder2[p] < 0:
				w.binder2[p] = g
			}
			if !w.allied[g*n+p] {
				w.allied[g*n+p], w.allied[p*n+g] = true, true
				w.allies[g] = insertSorted(w.allies[g], p)
				w.allies[p] = insertSorted(w.allies[p], g)
				// g's and p's allies change; those of their allies do not, but were in
				// their cliques.
				touched := append(append(w.touched[:0], w.allies[g]...), w.allies[p]...)
				w.norms.repair(w, touched)
				w.touched = touched
			}
		}
	}
}

func insertSorted(s []int, x int) []int {
	k, _ := slices.BinarySearch(s, x)
	return slices.Insert(s, k, x)
}

// unbind derives what the voiding of pair pi changes, its backer already dropped (see strike):
// its protégé's holding, binders and singleness. Guarantor and protégé stay allied if they were:
// a guarantor attacks (and so voids) no pair of an in-force alliance or treaty, since no
// aggressor attacks its ally; ForceDiffers would tell if one did.
func (w *World) unbind(pi int) {
	w.freeStale = true
	w.rederive(w.pairs[pi].p)
}

// leave takes state i out of its guarantees, as it becomes a client (at once) or is conquered
// (at the next refresh), and derives what a refresh would from that: its pairs, its allies'
// lists, and its protégés' backers, holding, binders and singleness, in the order a refresh
// would give them. It costs i's pairs, not all of them. The groups of i's pairs stay in w.live
// until the next full refresh: the credibilities computed for them are never read.
func (w *World) leave(i int) {
	w.freeStale = true
	touched := append(w.touched[:0], i)
	for _, j := range w.allies[i] {
		w.allied[i*w.n+j], w.allied[j*w.n+i] = false, false
		w.allies[j] = removeSorted(w.allies[j], i)
		touched = append(touched, j)
	}
	w.allies[i] = w.allies[i][:0]
	w.norms.repair(w, touched)
	w.touched = touched
	for _, pi := range w.byProtege[i] {
		w.force[pi] = false
	}
	w.backers[i] = w.backers[i][:0]
	w.rederive(i)
	for _, pi := range w.byGuard[i] {
		if !w.force[pi] {
			continue
		}
		w.force[pi] = false
		p := w.pairs[pi].p
		w.backers[p] = slices.DeleteFunc(w.backers[p], func(b backer) bool { return int(b.g) == i })
		w.rederive(p)
	}
}

// rederive derives p's holding, binders, singleness and count of backers of any mode from its
// backers, as fullRefresh does.
func (w *World) rederive(p int) {
	bs := w.backers[p]
	w.anyModes[p], w.held[p], w.single[p], w.binder1[p], w.binder2[p] = 0, len(bs) > 0, true, -1, -1
	w.mark++
	for _, b := range bs {
		g := int(b.g)
		if b.anyMode {
			w.anyModes[p]++
		}
		if w.marked[g] == w.mark {
			w.single[p] = false
		}
		w.marked[g] = w.mark
		if w.gs[w.pairs[b.pair].k].kind.Binding() {
			switch b1 := w.binder1[p]; {
			case b1 < 0:
				w.binder1[p] = g
			case b1 != g && w.binder2[p] < 0:
				w.binder2[p] = g
			}
		}
	}
}

func removeSorted(s []int, x int) []int {
	if k, ok := slices.BinarySearch(s, x); ok {
		return slices.Delete(s, k, k+1)
	}
	return s
}
