package explore

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mathext"
)

// PRIMOptions configure [PRIM]. The zero value asks for the usual settings of the EMA
// Workbench: 5% peeling and pasting, a minimum mass of 5%, and the knee of the trajectory.
type PRIMOptions struct {
	// Alpha is the share of the box's points that one peel removes (0 means 0.05).
	Alpha float64
	// PasteAlpha is the share of the box's points that one paste adds (0 means 0.05).
	PasteAlpha float64
	// NoPasting skips pasting: the chosen box is the peeled one.
	NoPasting bool
	// MinMass is the smallest share of all points that a box may hold (0 means 0.05).
	MinMass float64
	// Threshold, if positive, chooses the least restricted box (the largest coverage) whose
	// density reaches it; if 0, the knee of the coverage–density trajectory.
	Threshold float64
	// Categorical marks the columns that hold category codes rather than numbers; nil means
	// none. A categorical column is peeled a whole category at a time.
	Categorical []bool
	// Levels optionally names the categories of categorical columns for Box.Describe:
	// Levels[j][c] names code c of column j (codes are then the integers 0, 1, ...).
	Levels [][]string
}

func (o PRIMOptions) withDefaults() PRIMOptions {
	if o.Alpha == 0 {
		o.Alpha = 0.05
	}
	if o.PasteAlpha == 0 {
		o.PasteAlpha = 0.05
	}
	if o.MinMass == 0 {
		o.MinMass = 0.05
	}
	return o
}

// Box is a hyper-rectangle of scenario discovery and how well it describes the cases.
type Box struct {
	// Lo and Hi bound each numeric column, closed: a point is in the box if Lo ≤ x ≤ Hi.
	// An unrestricted side is -Inf or +Inf; both are NaN for a categorical column.
	Lo, Hi []float64
	// Allowed lists, for a categorical column, the codes in the box (ascending); nil for a
	// numeric column.
	Allowed [][]float64

	N        int     // points in the box
	Cases    int     // cases (y true) among them
	Coverage float64 // Cases / all cases: how many of the cases the box explains
	Density  float64 // Cases / N: how pure the box is
	Mass     float64 // N / all points: how large the box is

	// Restricted lists the columns the box restricts, ascending.
	Restricted []int
	// PValue is, for each restricted column, the quasi-p-value of its restriction (see
	// PRIM); NaN for the other columns.
	PValue []float64

	levels [][]string
}

// PRIMResult is the outcome of PRIM.
type PRIMResult struct {
	// Steps is the peeling trajectory: Steps[0] is the whole data set, each later box one
	// peel smaller.
	Steps []Box `json:"steps"`
	// Chosen is the index in Steps of the box chosen by the threshold or the knee.
	Chosen int `json:"chosen"`
	// ThresholdMet reports whether that box's density reaches PRIMOptions.Threshold (false
	// when choosing by the knee).
	ThresholdMet bool `json:"threshold_met"`
	// Box is the chosen box after pasting.
	Box Box `json:"box"`
	// Points and Cases count all points and all cases.
	Points int `json:"points"`
	Cases  int `json:"cases"`
}

// PRIM finds a box in the factor space where the cases (y true) are concentrated, by the
// Patient Rule Induction Method of Friedman and Fisher (1999, Statistics and Computing
// 9:123) as Bryant and Lempert (2010, Technological Forecasting & Social Change 77:34) use it
// for scenario discovery. x holds one row of factor values per point.
//
// Peeling: starting from the whole space, each step considers, for every numeric column,
// removing the Alpha share of the box's points with the lowest or with the highest values
// and, for every categorical column with two or more categories left, removing one
// category; it takes the candidate with the largest gain in density per point removed
// (Friedman and Fisher's criterion; ties: the larger box, then the lower column, low side
// first), as long as the box keeps MinMass of the points, and stops when no candidate does
// or the box holds only cases. Each step is a box on the
// coverage–density trade-off; the chosen one is set by Threshold or the knee (the step
// farthest above the chord from the first to the last step). Pasting (Friedman and Fisher's
// second phase) then widens the chosen box, PasteAlpha of its points or a category at a
// time, while a widening raises its density.
//
// Each restriction's quasi-p-value, as in the EMA Workbench (Kwakkel 2017), is the one-sided
// binomial probability of finding at least the box's number of cases among its points if
// they were drawn at the density of the box without that restriction: a large value means
// the restriction does not matter. It returns an error if x and y differ in length, the rows
// differ in length, a value is NaN, there are no cases, or an option is out of range.
func PRIM(x [][]float64, y []bool, opt PRIMOptions) (*PRIMResult, error) {
	opt = opt.withDefaults()
	d, err := checkPRIM(x, y, opt)
	if err != nil {
		return nil, err
	}
	p := newPrimData(x, y, d, opt)
	if p.cases == 0 {
		return nil, fmt.Errorf("prim: no cases among %d points", len(y))
	}
	b := p.full()
	res := &PRIMResult{Points: len(y), Cases: p.cases}
	res.Steps = append(res.Steps, p.describe(b))
	for b.cases < len(b.in) {
		next, ok := p.peel(b, opt.Alpha, opt.MinMass)
		if !ok {
			break
		}
		b = next
		res.Steps = append(res.Steps, p.describe(b))
	}
	res.Chosen, res.ThresholdMet = choose(res.Steps, opt.Threshold)
	chosen := p.replay(res.Steps[res.Chosen])
	if !opt.NoPasting {
		chosen = p.paste(chosen, opt.PasteAlpha)
	}
	res.Box = p.describe(chosen)
	return res, nil
}

func checkPRIM(x [][]float64, y []bool, opt PRIMOptions) (int, error) {
	for _, c := range []struct {
		name string
		v    float64
	}{{"alpha", opt.Alpha}, {"paste alpha", opt.PasteAlpha}, {"minimum mass", opt.MinMass}} {
		if !(c.v > 0 && c.v < 1) {
			return 0, fmt.Errorf("prim: %s %v: want a share in (0, 1)", c.name, c.v)
		}
	}
	if !(opt.Threshold >= 0 && opt.Threshold <= 1) {
		return 0, fmt.Errorf("prim: threshold %v: want a density in [0, 1]", opt.Threshold)
	}
	d, err := checkCases(x, y, opt.Categorical)
	if err != nil {
		return 0, fmt.Errorf("prim: %w", err)
	}
	return d, nil
}

// checkCases checks the data of PRIM and CART and returns the number of columns.
func checkCases(x [][]float64, y []bool, categorical []bool) (int, error) {
	if len(x) != len(y) {
		return 0, fmt.Errorf("%d points but %d outcomes", len(x), len(y))
	}
	if len(x) == 0 {
		return 0, fmt.Errorf("no points")
	}
	d := len(x[0])
	if categorical != nil && len(categorical) != d {
		return 0, fmt.Errorf("%d categorical flags for %d columns", len(categorical), d)
	}
	for i, row := range x {
		if len(row) != d {
			return 0, fmt.Errorf("point %d has %d values, point 0 has %d", i, len(row), d)
		}
		for j, v := range row {
			if math.IsNaN(v) {
				return 0, fmt.Errorf("point %d column %d is NaN", i, j)
			}
		}
	}
	return d, nil
}

// primData is the data set with each categorical column recoded as the index of its value
// among the column's distinct values.
type primData struct {
	x      [][]float64
	y      []bool
	d      int
	cat    []bool
	codes  [][]float64 // distinct values of each categorical column, ascending
	code   [][]int     // code[j][i]: point i's category index in column j
	min    []float64   // smallest value of each numeric column
	max    []float64
	cases  int
	levels [][]string
}

func newPrimData(x [][]float64, y []bool, d int, opt PRIMOptions) *primData {
	p := &primData{x: x, y: y, d: d, cat: make([]bool, d), codes: make([][]float64, d), code: make([][]int, d),
		min: make([]float64, d), max: make([]float64, d), levels: opt.Levels}
	copy(p.cat, opt.Categorical)
	for _, c := range y {
		if c {
			p.cases++
		}
	}
	for j := range d {
		p.min[j], p.max[j] = math.Inf(1), math.Inf(-1)
		for _, row := range x {
			p.min[j], p.max[j] = math.Min(p.min[j], row[j]), math.Max(p.max[j], row[j])
		}
		if !p.cat[j] {
			continue
		}
		vals := make([]float64, len(x))
		for i, row := range x {
			vals[i] = row[j]
		}
		slices.Sort(vals)
		p.codes[j] = slices.Compact(vals)
		p.code[j] = make([]int, len(x))
		for i, row := range x {
			p.code[j][i], _ = slices.BinarySearch(p.codes[j], row[j])
		}
	}
	return p
}

// box is a box under construction: its limits and the points inside.
type box struct {
	lo, hi  []float64
	allowed [][]bool // per categorical column, per category index
	in      []int    // indices of the points inside, ascending
	cases   int
}

func (p *primData) full() box {
	b := box{lo: make([]float64, p.d), hi: make([]float64, p.d), allowed: make([][]bool, p.d)}
	for j := range p.d {
		b.lo[j], b.hi[j] = math.Inf(-1), math.Inf(1)
		if p.cat[j] {
			b.allowed[j] = make([]bool, len(p.codes[j]))
			for c := range b.allowed[j] {
				b.allowed[j][c] = true
			}
		}
	}
	b.in = make([]int, len(p.y))
	for i := range b.in {
		b.in[i] = i
	}
	b.cases = p.cases
	return b
}

// inside reports whether point i satisfies every restriction of b except column skip's.
func (p *primData) inside(b box, i, skip int) bool {
	for j := range p.d {
		if j == skip {
			continue
		}
		if p.cat[j] {
			if !b.allowed[j][p.code[j][i]] {
				return false
			}
		} else if v := p.x[i][j]; v < b.lo[j] || v > b.hi[j] {
			return false
		}
	}
	return true
}

// candidate is one peel or paste: the new limits of one column and the points inside.
type candidate struct {
	col     int
	side    int // 0 low, 1 high, 2+c category c
	lo, hi  float64
	allowed []bool
	in      []int
	cases   int
}

func (c candidate) density() float64 { return float64(c.cases) / float64(len(c.in)) }

// better orders peels of a box of n points with the given cases: the larger gain in
// density per point removed (Friedman and Fisher's criterion, the EMA Workbench's
// "lenient1"), then more points kept, then lower column and side. Dividing by the points
// removed keeps a categorical peel, which may remove half the box, from winning on a small
// gain that a patient numeric peel would match.
func better(a, b candidate, n, cases int) bool {
	old := float64(cases) / float64(n)
	ga := (a.density() - old) / float64(n-len(a.in))
	gb := (b.density() - old) / float64(n-len(b.in))
	if ga != gb {
		return ga > gb
	}
	if len(a.in) != len(b.in) {
		return len(a.in) > len(b.in)
	}
	if a.col != b.col {
		return a.col < b.col
	}
	return a.side < b.side
}

// denser orders pastes: the higher density, then more points, then lower column and side.
func denser(a, b candidate) bool {
	// Compare densities exactly by cross-multiplying counts.
	l, r := a.cases*len(b.in), b.cases*len(a.in)
	if l != r {
		return l > r
	}
	if len(a.in) != len(b.in) {
		return len(a.in) > len(b.in)
	}
	if a.col != b.col {
		return a.col < b.col
	}
	return a.side < b.side
}

func (p *primData) apply(b box, c candidate) box {
	nb := box{lo: slices.Clone(b.lo), hi: slices.Clone(b.hi), allowed: slices.Clone(b.allowed), in: c.in, cases: c.cases}
	if p.cat[c.col] {
		nb.allowed[c.col] = c.allowed
	} else {
		nb.lo[c.col], nb.hi[c.col] = c.lo, c.hi
	}
	return nb
}

// keep returns the points of in that pass test, and the cases among them.
func (p *primData) keep(in []int, test func(i int) bool) ([]int, int) {
	var out []int
	cases := 0
	for _, i := range in {
		if test(i) {
			out = append(out, i)
			if p.y[i] {
				cases++
			}
		}
	}
	return out, cases
}

// peel returns the best one-step peel of b that keeps at least minMass of the points.
func (p *primData) peel(b box, alpha, minMass float64) (box, bool) {
	minN := int(math.Ceil(minMass * float64(len(p.y))))
	n := len(b.in)
	var best candidate
	found := false
	consider := func(c candidate) {
		if len(c.in) == 0 || len(c.in) == n || len(c.in) < minN {
			return
		}
		if !found || better(c, best, n, b.cases) {
			best, found = c, true
		}
	}
	m := max(1, int(alpha*float64(n)))
	vals := make([]float64, n)
	for j := range p.d {
		if p.cat[j] {
			present := make([]bool, len(p.codes[j]))
			for _, i := range b.in {
				present[p.code[j][i]] = true
			}
			for c, ok := range present {
				if !ok {
					continue
				}
				allowed := slices.Clone(b.allowed[j])
				allowed[c] = false
				in, cases := p.keep(b.in, func(i int) bool { return p.code[j][i] != c })
				consider(candidate{col: j, side: 2 + c, allowed: allowed, in: in, cases: cases})
			}
			continue
		}
		for k, i := range b.in {
			vals[k] = p.x[i][j]
		}
		slices.Sort(vals)
		if vals[0] == vals[n-1] {
			continue
		}
		// Low side: keep values ≥ cut, the m-th smallest, or the next larger value when ties
		// at the minimum would otherwise remove nothing.
		cut := vals[min(m, n-1)]
		if cut == vals[0] {
			cut = vals[sortedAbove(vals, vals[0])]
		}
		in, cases := p.keep(b.in, func(i int) bool { return p.x[i][j] >= cut })
		consider(candidate{col: j, side: 0, lo: cut, hi: b.hi[j], in: in, cases: cases})
		cut = vals[max(n-1-m, 0)]
		if cut == vals[n-1] {
			cut = vals[sortedBelow(vals, vals[n-1])]
		}
		in, cases = p.keep(b.in, func(i int) bool { return p.x[i][j] <= cut })
		consider(candidate{col: j, side: 1, lo: b.lo[j], hi: cut, in: in, cases: cases})
	}
	if !found {
		return box{}, false
	}
	return p.apply(b, best), true
}

// sortedAbove returns the index of the first value of sorted v greater than x.
func sortedAbove(v []float64, x float64) int {
	i, _ := slices.BinarySearchFunc(v, x, func(e, t float64) int {
		if e <= t {
			return -1
		}
		return 1
	})
	return i
}

// sortedBelow returns the index of the last value of sorted v less than x.
func sortedBelow(v []float64, x float64) int {
	i, _ := slices.BinarySearch(v, x)
	return i - 1
}

// paste widens b while a widening raises its density.
func (p *primData) paste(b box, alpha float64) box {
	for {
		var best candidate
		found := false
		for j := range p.d {
			// Points that meet every other restriction but lie outside on column j.
			var out []int
			for i := range p.y {
				if p.inside(b, i, j) && !p.inside(b, i, -1) {
					out = append(out, i)
				}
			}
			if len(out) == 0 {
				continue
			}
			m := max(1, int(alpha*float64(len(b.in))))
			var cands []candidate
			if p.cat[j] {
				for c, ok := range b.allowed[j] {
					if ok {
						continue
					}
					allowed := slices.Clone(b.allowed[j])
					allowed[c] = true
					cands = append(cands, candidate{col: j, side: 2 + c, allowed: allowed})
				}
			} else {
				var below, above []float64
				for _, i := range out {
					if v := p.x[i][j]; v < b.lo[j] {
						below = append(below, v)
					} else {
						above = append(above, v)
					}
				}
				if len(below) > 0 {
					slices.Sort(below)
					lo := math.Inf(-1)
					if m < len(below) {
						lo = below[len(below)-m]
					}
					cands = append(cands, candidate{col: j, side: 0, lo: lo, hi: b.hi[j]})
				}
				if len(above) > 0 {
					slices.Sort(above)
					hi := math.Inf(1)
					if m < len(above) {
						hi = above[m-1]
					}
					cands = append(cands, candidate{col: j, side: 1, lo: b.lo[j], hi: hi})
				}
			}
			for _, c := range cands {
				nb := p.apply(b, c)
				c.in, c.cases = p.keep(allPoints(len(p.y)), func(i int) bool { return p.inside(nb, i, -1) })
				if !found || denser(c, best) {
					best, found = c, true
				}
			}
		}
		// Strictly denser only: a paste that keeps the density would widen the box forever.
		if !found || best.cases*len(b.in) <= b.cases*len(best.in) {
			return b
		}
		b = p.apply(b, best)
	}
}

func allPoints(n int) []int {
	a := make([]int, n)
	for i := range a {
		a[i] = i
	}
	return a
}

// replay rebuilds the working box of a described one.
func (p *primData) replay(d Box) box {
	b := p.full()
	for j := range p.d {
		if p.cat[j] {
			for c, v := range p.codes[j] {
				_, ok := slices.BinarySearch(d.Allowed[j], v)
				b.allowed[j][c] = ok
			}
		} else {
			b.lo[j], b.hi[j] = d.Lo[j], d.Hi[j]
		}
	}
	b.in, b.cases = p.keep(b.in, func(i int) bool { return p.inside(b, i, -1) })
	return b
}

// describe turns a working box into a Box with its statistics, restrictions and
// quasi-p-values. A side that excludes no point is reported as unrestricted.
func (p *primData) describe(b box) Box {
	out := Box{
		Lo: make([]float64, p.d), Hi: make([]float64, p.d), Allowed: make([][]float64, p.d),
		N: len(b.in), Cases: b.cases, PValue: make([]float64, p.d), levels: p.levels,
	}
	out.Coverage = float64(b.cases) / float64(p.cases)
	out.Density = float64(b.cases) / float64(len(b.in))
	out.Mass = float64(len(b.in)) / float64(len(p.y))
	for j := range p.d {
		out.PValue[j] = math.NaN()
		restricted := false
		if p.cat[j] {
			out.Lo[j], out.Hi[j] = math.NaN(), math.NaN()
			for c, ok := range b.allowed[j] {
				if ok {
					out.Allowed[j] = append(out.Allowed[j], p.codes[j][c])
				} else {
					restricted = true
				}
			}
		} else {
			out.Lo[j], out.Hi[j] = b.lo[j], b.hi[j]
			if out.Lo[j] <= p.min[j] {
				out.Lo[j] = math.Inf(-1)
			}
			if out.Hi[j] >= p.max[j] {
				out.Hi[j] = math.Inf(1)
			}
			restricted = !math.IsInf(out.Lo[j], -1) || !math.IsInf(out.Hi[j], 1)
		}
		if !restricted {
			continue
		}
		out.Restricted = append(out.Restricted, j)
		var n, k int
		for i := range p.y {
			if p.inside(b, i, j) {
				n++
				if p.y[i] {
					k++
				}
			}
		}
		out.PValue[j] = binomialUpper(b.cases, len(b.in), float64(k)/float64(n))
	}
	return out
}

// binomialUpper returns P(X ≥ k) for X ~ Binomial(n, q), computed as the regularised
// incomplete beta function I_q(k, n-k+1) so that small tail probabilities keep their
// precision.
func binomialUpper(k, n int, q float64) float64 {
	switch {
	case k <= 0:
		return 1
	case k > n || q <= 0:
		return 0
	case q >= 1:
		return 1
	}
	return mathext.RegIncBeta(float64(k), float64(n-k+1), q)
}

// choose returns the chosen step: with a threshold, the largest coverage among steps whose
// density reaches it (else the densest step); without, the knee.
func choose(steps []Box, threshold float64) (int, bool) {
	if threshold > 0 {
		best := -1
		for i, s := range steps {
			if s.Density >= threshold && (best < 0 || s.Coverage > steps[best].Coverage) {
				best = i
			}
		}
		if best >= 0 {
			return best, true
		}
		densest := 0
		for i, s := range steps {
			if s.Density > steps[densest].Density {
				densest = i
			}
		}
		return densest, false
	}
	first, last := steps[0], steps[len(steps)-1]
	dx, dy := last.Coverage-first.Coverage, last.Density-first.Density
	knee, far := len(steps)-1, 0.0
	for i, s := range steps {
		// Signed distance above the chord, up to the chord's length.
		if h := dx*(s.Density-first.Density) - dy*(s.Coverage-first.Coverage); h < 0 && -h > far {
			knee, far = i, -h
		}
	}
	return knee, false
}

// Contains reports whether the point x lies in the box.
func (b *Box) Contains(x []float64) bool {
	for j, v := range x {
		if b.Allowed[j] != nil || math.IsNaN(b.Lo[j]) {
			if _, ok := slices.BinarySearch(b.Allowed[j], v); !ok {
				return false
			}
		} else if v < b.Lo[j] || v > b.Hi[j] {
			return false
		}
	}
	return true
}

// Describe returns the box as a sentence, restrictions ordered from the most significant
// (smallest quasi-p-value) down, for example
//
//	when claim on Ukraine >= 0.71 and aid <= 0.04: coverage 0.82, density 0.77
//
// names[j] names column j; a missing or empty name is written x1, x2, ....
func (b *Box) Describe(names []string) string {
	name := func(j int) string {
		if j < len(names) && names[j] != "" {
			return names[j]
		}
		return "x" + strconv.Itoa(j+1)
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }
	order := slices.Clone(b.Restricted)
	slices.SortStableFunc(order, func(a, c int) int { return cmp.Compare(b.PValue[a], b.PValue[c]) })
	var parts []string
	for _, j := range order {
		switch {
		case b.Allowed[j] != nil || math.IsNaN(b.Lo[j]):
			var cats []string
			for _, v := range b.Allowed[j] {
				c := num(v)
				if j < len(b.levels) && v == math.Trunc(v) && v >= 0 && int(v) < len(b.levels[j]) {
					c = b.levels[j][int(v)]
				}
				cats = append(cats, c)
			}
			parts = append(parts, fmt.Sprintf("%s in {%s}", name(j), strings.Join(cats, ", ")))
		case math.IsInf(b.Hi[j], 1):
			parts = append(parts, fmt.Sprintf("%s >= %s", name(j), num(b.Lo[j])))
		case math.IsInf(b.Lo[j], -1):
			parts = append(parts, fmt.Sprintf("%s <= %s", name(j), num(b.Hi[j])))
		default:
			parts = append(parts, fmt.Sprintf("%s in [%s, %s]", name(j), num(b.Lo[j]), num(b.Hi[j])))
		}
	}
	where := "everywhere"
	if len(parts) > 0 {
		where = "when " + strings.Join(parts, " and ")
	}
	return fmt.Sprintf("%s: coverage %.2f, density %.2f", where, b.Coverage, b.Density)
}
