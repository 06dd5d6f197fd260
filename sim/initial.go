package sim

import (
	"slices"

	"alliancesim/agents"
)

// initialForce is what the refresh of the last Reset derived (see refreshForce), with the inputs
// it read beyond the spec's pairs and geography, on which specPairs and geography report. A
// Reset with the same inputs restores it instead of refreshing again: runs of one spec differ in
// their draws of will, which no refresh reads, and the refresh was over half of a run's setup.
type initialForce struct {
	valid bool

	// Inputs.
	gs      []gstate
	client  []int
	nuclear []bool
	fixed   [3]float64 // the honour rule's a0, aw and as

	// Outputs.
	held, single, force        []bool // allied and groupLive follow from allies and live
	binder1, binder2, anyModes []int
	backers                    [][]backer
	allies                     [][]int
	live                       []liveGroup
	nextStart                  int
}

func honourFixed(h *agents.Honour) [3]float64 { return [3]float64{h.A0, h.AW, h.AS} }

// same reports whether w, reset but not yet refreshed, holds the inputs the saved refresh read,
// given that its pairs and geography are the last Reset's.
func (c *initialForce) same(w *World) bool {
	return c.valid && slices.Equal(c.gs, w.gs) && slices.Equal(c.client, w.client) &&
		slices.Equal(c.nuclear, w.nuclear) && c.fixed == honourFixed(&w.p.Honour)
}

// save records w's inputs and what its refresh derived from them.
func (c *initialForce) save(w *World) {
	c.valid = true
	c.gs = append(c.gs[:0], w.gs...)
	c.client = append(c.client[:0], w.client...)
	c.nuclear = append(c.nuclear[:0], w.nuclear...)
	c.fixed = honourFixed(&w.p.Honour)
	c.held, c.single = append(c.held[:0], w.held...), append(c.single[:0], w.single...)
	c.force = append(c.force[:0], w.force...)
	c.binder1, c.binder2 = append(c.binder1[:0], w.binder1...), append(c.binder2[:0], w.binder2...)
	c.anyModes = append(c.anyModes[:0], w.anyModes...)
	c.live = append(c.live[:0], w.live...)
	c.backers = saveLists(c.backers, w.backers)
	c.allies = saveLists(c.allies, w.allies)
	c.nextStart = w.nextStart
}

// restore sets w's derived state to the saved refresh's. Every slice of w has its length and
// room already (Reset), so nothing is allocated.
// Reset has unmarked the last run's allies and live groups (see unmark).
func (c *initialForce) restore(w *World) {
	copy(w.held, c.held)
	copy(w.single, c.single)
	w.force = append(w.force[:0], c.force...)
	copy(w.binder1, c.binder1)
	copy(w.binder2, c.binder2)
	copy(w.anyModes, c.anyModes)
	w.live = append(w.live[:0], c.live...)
	for k, lg := range w.live {
		w.groupLive[lg.group], w.liveAt[lg.group] = true, int32(k)
	}
	n := w.n
	w.alliesVersion++
	for i := range c.backers {
		w.backers[i] = append(w.backers[i][:0], c.backers[i]...)
		w.allies[i] = append(w.allies[i][:0], c.allies[i]...)
		for _, j := range w.allies[i] {
			w.allied[i*n+j] = true
		}
	}
	w.nextStart, w.stale = c.nextStart, false
}

func saveLists[T any](dst, src [][]T) [][]T {
	dst = slices.Grow(dst[:0], len(src))[:len(src)]
	for i := range src {
		dst[i] = append(dst[i][:0], src[i]...)
	}
	return dst
}
