package explore

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// TreeOptions configure [CART]. The zero value grows a tree of depth 3 whose leaves hold at
// least 5% of the points.
type TreeOptions struct {
	MaxDepth    int        // deepest split level (0 means 3)
	MinLeaf     float64    // smallest share of all points in a leaf (0 means 0.05)
	Categorical []bool     // columns of category codes, as in PRIMOptions
	Levels      [][]string // names of the categories, as in PRIMOptions
}

// Tree is a classification tree of the cases. Nodes[0] is the root.
type Tree struct {
	Nodes  []TreeNode `json:"nodes"`
	Points int        `json:"points"`
	Cases  int        `json:"cases"`

	levels [][]string
}

// TreeNode is a node of a Tree: a leaf (Col = -1) or a split of column Col.
type TreeNode struct {
	// Col is the column split on, -1 for a leaf.
	Col int `json:"col"`
	// Cut sends a numeric column's points with x ≤ Cut to Left, the others to Right.
	Cut float64 `json:"cut"`
	// LeftCodes and RightCodes list, for a categorical column, the codes present in the node
	// that go to Left and to Right (ascending); nil for a numeric column.
	LeftCodes  []float64 `json:"left_codes,omitempty"`
	RightCodes []float64 `json:"right_codes,omitempty"`
	// Left and Right index the children in Tree.Nodes (0 for a leaf).
	Left  int `json:"left"`
	Right int `json:"right"`
	// Parent indexes the parent (-1 for the root).
	Parent int `json:"parent"`

	N       int     `json:"n"`       // points in the node
	Cases   int     `json:"cases"`   // cases among them
	Density float64 `json:"density"` // Cases / N
}

// CART grows a classification tree of the cases (y true) over the factors x, the method of
// Breiman, Friedman, Olshen and Stone (1984), which Lempert, Bryant and Bankes (2008) compare
// with PRIM for scenario discovery: each node is split on the column and cut that most reduce
// the Gini impurity, a numeric column at a midpoint between two of its values, a categorical
// column into two groups of categories (ordered by their share of cases, which finds the best
// grouping for a two-class outcome; Breiman et al. 1984, §9.4). A node is a leaf at
// MaxDepth, when it is pure, or when no split leaves MinLeaf of the points on each side. The
// tree is a pure function of its arguments (ties go to the lower column and the lower cut).
// It returns an error if x and y differ in length, the rows differ in length, a value is
// NaN, or an option is out of range; a tree of no cases is a single leaf.
func CART(x [][]float64, y []bool, opt TreeOptions) (*Tree, error) {
	if opt.MaxDepth == 0 {
		opt.MaxDepth = 3
	}
	if opt.MinLeaf == 0 {
		opt.MinLeaf = 0.05
	}
	if opt.MaxDepth < 0 || !(opt.MinLeaf > 0 && opt.MinLeaf < 0.5) {
		return nil, fmt.Errorf("cart: depth %d, minimum leaf %v: want a positive depth and a share in (0, 0.5)", opt.MaxDepth, opt.MinLeaf)
	}
	d, err := checkCases(x, y, opt.Categorical)
	if err != nil {
		return nil, fmt.Errorf("cart: %w", err)
	}
	p := newPrimData(x, y, d, PRIMOptions{Categorical: opt.Categorical, Levels: opt.Levels})
	t := &Tree{Points: len(y), Cases: p.cases, levels: opt.Levels}
	minLeaf := max(1, int(math.Ceil(opt.MinLeaf*float64(len(y)))))
	var grow func(in []int, parent, depth int) int
	grow = func(in []int, parent, depth int) int {
		cases := 0
		for _, i := range in {
			if y[i] {
				cases++
			}
		}
		id := len(t.Nodes)
		t.Nodes = append(t.Nodes, TreeNode{Col: -1, Parent: parent, N: len(in), Cases: cases,
			Density: float64(cases) / float64(len(in))})
		if depth >= opt.MaxDepth || cases == 0 || cases == len(in) {
			return id
		}
		s, ok := p.bestSplit(in, cases, minLeaf)
		if !ok {
			return id
		}
		var left, right []int
		for _, i := range in {
			if s.goesLeft(p, i) {
				left = append(left, i)
			} else {
				right = append(right, i)
			}
		}
		t.Nodes[id].Col, t.Nodes[id].Cut = s.col, s.cut
		t.Nodes[id].LeftCodes, t.Nodes[id].RightCodes = s.leftCodes, s.rightCodes
		l := grow(left, id, depth+1)
		r := grow(right, id, depth+1)
		t.Nodes[id].Left, t.Nodes[id].Right = l, r
		return id
	}
	grow(allPoints(len(y)), -1, 0)
	return t, nil
}

type split struct {
	col        int
	cut        float64 // numeric: x ≤ cut goes left
	leftCodes  []float64
	rightCodes []float64
	left       []bool // categorical: whether each category index goes left
	gain       float64
}

func (s split) goesLeft(p *primData, i int) bool {
	if s.left != nil {
		return s.left[p.code[s.col][i]]
	}
	return p.x[i][s.col] <= s.cut
}

// gini returns n times the Gini impurity 2q(1-q) of a node of n points with k cases.
func gini(k, n int) float64 {
	if n == 0 {
		return 0
	}
	q := float64(k) / float64(n)
	return float64(n) * 2 * q * (1 - q)
}

// bestSplit returns the split of the points in with the largest impurity decrease that
// leaves at least minLeaf points on each side.
func (p *primData) bestSplit(in []int, cases, minLeaf int) (split, bool) {
	n := len(in)
	parent := gini(cases, n)
	var best split
	found := false
	take := func(s split) {
		// Keep a tiny positive margin so that float noise never splits a node for nothing.
		if s.gain > 1e-12*float64(n) && (!found || s.gain > best.gain) {
			best, found = s, true
		}
	}
	type pt struct {
		v      float64
		isCase bool
	}
	for j := range p.d {
		var vals []pt
		var order []int // categorical: category indices in scan order
		if p.cat[j] {
			nc := len(p.codes[j])
			cnt, kc := make([]int, nc), make([]int, nc)
			for _, i := range in {
				c := p.code[j][i]
				cnt[c]++
				if p.y[i] {
					kc[c]++
				}
			}
			for c := range nc {
				if cnt[c] > 0 {
					order = append(order, c)
				}
			}
			// Order categories by their share of cases; the best two-group split of a
			// two-class outcome is a cut of this order.
			slices.SortStableFunc(order, func(a, b int) int {
				return cmp.Compare(float64(kc[a])/float64(cnt[a]), float64(kc[b])/float64(cnt[b]))
			})
			rank := make([]float64, nc)
			for r, c := range order {
				rank[c] = float64(r)
			}
			for _, i := range in {
				vals = append(vals, pt{rank[p.code[j][i]], p.y[i]})
			}
		} else {
			for _, i := range in {
				vals = append(vals, pt{p.x[i][j], p.y[i]})
			}
		}
		slices.SortStableFunc(vals, func(a, b pt) int { return cmp.Compare(a.v, b.v) })
		kl := 0
		for m := 1; m < n; m++ {
			if vals[m-1].isCase {
				kl++
			}
			if vals[m].v == vals[m-1].v || m < minLeaf || n-m < minLeaf {
				continue
			}
			gain := parent - gini(kl, m) - gini(cases-kl, n-m)
			if p.cat[j] {
				cut := int(vals[m-1].v) + 1 // categories order[:cut] go left
				left := make([]bool, len(p.codes[j]))
				for _, c := range order[:cut] {
					left[c] = true
				}
				var lc, rc []float64
				for _, c := range order[:cut] {
					lc = append(lc, p.codes[j][c])
				}
				for _, c := range order[cut:] {
					rc = append(rc, p.codes[j][c])
				}
				slices.Sort(lc)
				slices.Sort(rc)
				take(split{col: j, left: left, leftCodes: lc, rightCodes: rc, gain: gain})
			} else {
				take(split{col: j, cut: (vals[m-1].v + vals[m].v) / 2, gain: gain})
			}
		}
	}
	return best, found
}

// Leaves returns the indices of the tree's leaves, densest first (ties: larger first, then
// in tree order).
func (t *Tree) Leaves() []int {
	var out []int
	for i, n := range t.Nodes {
		if n.Col < 0 {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int {
		na, nb := t.Nodes[a], t.Nodes[b]
		if c := cmp.Compare(nb.Cases*na.N, na.Cases*nb.N); c != 0 {
			return c
		}
		return cmp.Compare(nb.N, na.N)
	})
	return out
}

// Describe returns node i as a sentence, the conditions on its path merged per column, for
// example "when aid <= 0.04 and claim > 0.71: 412 points, coverage 0.80, density 0.77".
// names are as in Box.Describe.
func (t *Tree) Describe(i int, names []string) string {
	name := func(j int) string {
		if j < len(names) && names[j] != "" {
			return names[j]
		}
		return "x" + strconv.Itoa(j+1)
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }
	// Walk up from the node, tightening each column's bounds or category set.
	lo, hi := map[int]float64{}, map[int]float64{}
	cats := map[int][]float64{}
	var cols []int
	for c := i; t.Nodes[c].Parent >= 0; c = t.Nodes[c].Parent {
		par := t.Nodes[t.Nodes[c].Parent]
		j := par.Col
		if !slices.Contains(cols, j) {
			cols = append(cols, j)
		}
		left := par.Left == c
		if par.LeftCodes != nil {
			set := par.RightCodes
			if left {
				set = par.LeftCodes
			}
			if prev, ok := cats[j]; ok {
				set = slices.DeleteFunc(slices.Clone(set), func(v float64) bool { return !slices.Contains(prev, v) })
			}
			cats[j] = set
			continue
		}
		if left {
			if h, ok := hi[j]; !ok || par.Cut < h {
				hi[j] = par.Cut
			}
		} else if l, ok := lo[j]; !ok || par.Cut > l {
			lo[j] = par.Cut
		}
	}
	slices.Sort(cols)
	var parts []string
	for _, j := range cols {
		if set, ok := cats[j]; ok {
			var s []string
			for _, v := range set {
				c := num(v)
				if j < len(t.levels) && v == math.Trunc(v) && v >= 0 && int(v) < len(t.levels[j]) {
					c = t.levels[j][int(v)]
				}
				s = append(s, c)
			}
			parts = append(parts, fmt.Sprintf("%s in {%s}", name(j), strings.Join(s, ", ")))
			continue
		}
		l, okl := lo[j]
		h, okh := hi[j]
		switch {
		case okl && okh:
			parts = append(parts, fmt.Sprintf("%s in (%s, %s]", name(j), num(l), num(h)))
		case okl:
			parts = append(parts, fmt.Sprintf("%s > %s", name(j), num(l)))
		default:
			parts = append(parts, fmt.Sprintf("%s <= %s", name(j), num(h)))
		}
	}
	where := "everywhere"
	if len(parts) > 0 {
		where = "when " + strings.Join(parts, " and ")
	}
	n := t.Nodes[i]
	return fmt.Sprintf("%s: %d points, coverage %.2f, density %.2f", where, n.N, float64(n.Cases)/float64(t.Cases), n.Density)
}
