package sim

import "slices"

// A normCache gives the allied norm (agents.Situation.AlliedNorm: the median burden of a state's
// allies) of the members of one alliance from one sorted list of their burdens, rather than a
// selection among its allies for every member: the burden rule's largest cost in a step of the
// default scenario. The states whose allies and themselves make the same set (a clique: the
// members of an alliance and nobody else's ally) share the list; a state's median leaves out
// one occurrence of its own burden, which takes the same values a selection would, so the norm
// is the same to the bit.
//
// The cliques follow the allies lists: found anew when the lists are rebuilt (a refresh in full
// or a Reset counts one w.alliesVersion), and repaired for the states whose allies change when
// a state leaves its guarantees or a treaty enters into force (see repair). A clique's sorted
// list is of the burdens of the strategy phase's snapshot (w.bSnap) numbered phase, until its
// clique changes.
type normCache struct {
	version  int         // the allies' version the cliques were found at
	phase    int         // the strategy phase the lists are for
	rep      []int       // per state: its clique's representative, or -1 (no allies, or no clique)
	sorted   [][]float64 // per representative: its clique's burdens, sorted, when sortedAt is phase
	sortedAt []int
}

// alliedNorm returns the allied norm of state i in the burdens of the strategy phase's snapshot,
// and whether the cache knows it (i is in a clique).
func (w *World) alliedNorm(i int) (float64, bool) {
	c := &w.norms
	if c.version != w.alliesVersion {
		c.find(w)
	}
	r := c.rep[i]
	if r < 0 {
		return 0, false
	}
	xs := c.sorted[r]
	if c.sortedAt[r] != c.phase {
		xs = append(xs[:0], w.bSnap[r])
		for _, j := range w.allies[r] {
			xs = append(xs, w.bSnap[j])
		}
		slices.Sort(xs)
		c.sorted[r], c.sortedAt[r] = xs, c.phase
	}
	return medianWithout(xs, w.bSnap[i]), true
}

// medianWithout returns the median of sorted xs without one occurrence of v, which it holds, as
// agents.Situation.AlliedNorm takes it: the middle value, or the mean of the two middle ones.
func medianWithout(xs []float64, v float64) float64 {
	p, _ := slices.BinarySearch(xs, v)
	kth := func(k int) float64 {
		if k < p {
			return xs[k]
		}
		return xs[k+1]
	}
	n := len(xs) - 1
	hi := kth(n / 2)
	if n%2 == 1 {
		return hi
	}
	return (kth(n/2-1) + hi) / 2
}

// repair finds the clique of each state of xs again, their allies having changed, and makes
// the sorted lists of the cliques they leave and join stale. The states whose allies change
// are enough: a state in the clique of one of them is its ally, and so one of them too.
func (c *normCache) repair(w *World, xs []int) {
	if c.version != w.alliesVersion {
		return // not found yet: find will
	}
	for _, x := range xs {
		if r := c.rep[x]; r >= 0 {
			c.sortedAt[r] = -1
		}
		c.rep[x] = c.clique(w, x)
		if r := c.rep[x]; r >= 0 {
			c.sortedAt[r] = -1
		}
	}
}

// clique returns the representative of state i's clique: r, the first of its allies and
// itself, when r's allies and r are i's allies and i; or -1.
func (c *normCache) clique(w *World, i int) int {
	al := w.allies[i]
	switch {
	case len(al) == 0:
		return -1
	case i < al[0]:
		return i
	case sameClique(al, w.allies[al[0]], i, al[0]):
		return al[0]
	}
	return -1
}

// find finds the cliques of the current allies (see clique).
func (c *normCache) find(w *World) {
	n := w.n
	c.version = w.alliesVersion
	c.phase++ // the lists are of the old cliques
	c.rep = resizeI(c.rep, n)
	if cap(c.sorted) < n {
		c.sorted, c.sortedAt = make([][]float64, n), make([]int, n)
	}
	c.sorted, c.sortedAt = c.sorted[:n], c.sortedAt[:n]
	for i := range n {
		c.rep[i] = c.clique(w, i)
	}
}

// sameClique reports whether a, the sorted allies of i, without r, are b, the sorted allies of
// r, without i.
func sameClique(a, b []int, i, r int) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := 0, 0
	for {
		if x < len(a) && a[x] == r {
			x++
		}
		if y < len(b) && b[y] == i {
			y++
		}
		if x == len(a) || y == len(b) {
			return x == len(a) && y == len(b)
		}
		if a[x] != b[y] {
			return false
		}
		x, y = x+1, y+1
	}
}
