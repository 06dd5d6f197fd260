package calibrate

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"alliancesim/agents"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// Published size–burden rank correlations among NATO members.
const (
	// NATO1964 is Olson & Zeckhauser's (1966) rank correlation of GNP and defence burden
	// among NATO members in 1964: the large pay disproportionately (free-riding).
	NATO1964 = 0.49
	// NATO2024 is the same correlation in the 2024 data (NATO defence expenditure estimates):
	// the frontline states, mostly small, spend most.
	NATO2024 = -0.36
)

// SizeBurden returns Spearman's rank correlation of economy and defence burden over states
// (ties at mid-ranks; NaN when fewer than two states or either variable is constant).
func SizeBurden(e, b []float64) (float64, error) {
	if len(e) != len(b) {
		return 0, fmt.Errorf("size–burden correlation: %d economies but %d burdens", len(e), len(b))
	}
	return stats.Spearman(e, b, nil), nil
}

// FreerideBurdens returns the burdens of an alliance whose members all free-ride, at the
// Olson–Zeckhauser equilibrium of docs/ODD.md §7.3 (freeride.alpha of p), clamped to the model's
// burden range: the static counterpart of running the alliance with every member `freeride`.
// With the 2024 economies of NATO only the USA pays, the others sit at burden_min, and the
// rank correlation of economy and burden is positive, as in 1964.
func FreerideBurdens(p agents.Params, e []float64) []float64 {
	s := agents.FreerideEquilibrium(e, p.Freeride.Alpha)
	b := make([]float64, len(e))
	for i := range s {
		b[i] = math.Min(p.Model.BurdenMax, math.Max(p.Model.BurdenMin, s[i]/e[i]))
	}
	return b
}

// The generative burden check's criteria (docs/ODD.md §9): from equal starts the model's
// Spearman(E, b) among the members within [SizeBurdenLo, SizeBurdenHi], around the 2024 data's
// NATO2024, and the members' mean end burdens ranked like their 2024 burdens at least
// DataRankMin.
const (
	SizeBurdenLo, SizeBurdenHi = -0.5, -0.2
	DataRankMin                = 0.6
)

// EqualBurden is the common starting burden of the generative burden check: NATO's 2% guideline.
const EqualBurden = 0.02

// BurdenRun describes the generative burden check (docs/ODD.md §9): an alliance's members all
// start at one burden and the model, not the input, must bring out who spends most.
type BurdenRun struct {
	Alliance  int      // index of the alliance in the spec's guarantees
	Equal     float64  // the members' common starting burden
	Frontline []string // the states expected to spend most
	Watch     string   // a state at war whose burden must not fall while it is attacked ("" none)
	Runs      int
	Seed      uint64
}

// BurdenPattern is what BurdenCheck measures, per member in the alliance's order.
type BurdenPattern struct {
	Members []string
	Economy []float64 // the spec's economies
	Data    []float64 // the spec's burdens (the 2024 data in the European scenarios)
	// From equal starts: each member's mean end burden, and its end burdens run by run.
	EqualEnd  []float64
	EqualRuns [][]float64
	// From the data: the members' mean burdens at every step (Path[0] is the start).
	Path [][]float64
	// SizeBurden is Spearman(E, mean end burden) from equal starts; RhoMean the mean over runs
	// of Spearman(E, b) at the end (the summary's figure); DataRank Spearman(mean end burden,
	// data burden).
	SizeBurden, RhoMean, DataRank float64
	RhoSE                         float64 // the standard error of RhoMean
	TopFrontline                  int     // how many of the five highest mean end burdens are frontline states
	// FrontlineBelow: the first step (from the data start) at which a frontline state's mean
	// burden is at or below the members' median, or -1.
	FrontlineBelow int
	// WatchCut counts the steps in which the watched state's burden fell right after it was
	// attacked by arms.
	WatchCut int
	// Bimodality is Sarle's bimodality coefficient of each member's end burdens over runs from
	// equal starts (see Bimodality), and Modes their number of modes (see Modes).
	Bimodality []float64
	Modes      []int
}

// Modes returns the number of modes of a Gaussian kernel density estimate of xs (bandwidth
// 1.06*sd*n^(-1/5), Silverman's normal reference, which smooths the noise of a few hundred
// runs), on a grid of 200 points: local maxima of at least a tenth of the highest, each
// separated from the next by a valley lower than 0.8 of the smaller of the two. A sample with no
// spread has one mode.
func Modes(xs []float64) int {
	n := float64(len(xs))
	if n < 2 {
		return len(xs)
	}
	mean, m2 := 0.0, 0.0
	for _, x := range xs {
		mean += x / n
	}
	for _, x := range xs {
		m2 += (x - mean) * (x - mean) / (n - 1)
	}
	if m2 <= 1e-24*max(1, mean*mean) {
		return 1
	}
	h := 1.06 * math.Sqrt(m2) * math.Pow(n, -0.2)
	lo, hi := slices.Min(xs)-3*h, slices.Max(xs)+3*h
	const grid = 200
	d := make([]float64, grid)
	for g := range d {
		v := lo + (hi-lo)*float64(g)/(grid-1)
		for _, x := range xs {
			z := (v - x) / h
			d[g] += math.Exp(-z * z / 2)
		}
	}
	top := slices.Max(d)
	modes, peak, valley := 0, 0.0, math.Inf(1)
	for g := 1; g < grid-1; g++ {
		if modes > 0 {
			valley = min(valley, d[g])
		}
		if d[g] < d[g-1] || d[g] < d[g+1] || d[g] < top/10 {
			continue
		}
		switch {
		case modes == 0:
			modes, peak = 1, d[g]
		case valley < 0.8*min(peak, d[g]):
			modes++
			peak, valley = d[g], math.Inf(1)
		default:
			peak = max(peak, d[g])
		}
	}
	return max(1, modes)
}

// Bimodality returns Sarle's bimodality coefficient of xs, (g² + 1)/(k + 3(n-1)²/((n-2)(n-3)))
// with g the sample skewness and k the sample excess kurtosis: 1/3 for a normal sample, 1 for two
// point masses; above 5/9 (that of the uniform distribution) the sample is more bimodal than
// flat, as when a threshold splits the runs between two burdens. It is 0 for a sample of fewer
// than four values or none spread.
func Bimodality(xs []float64) float64 {
	n := float64(len(xs))
	if n < 4 {
		return 0
	}
	mean := 0.0
	for _, x := range xs {
		mean += x / n
	}
	var m2, m3, m4 float64
	for _, x := range xs {
		d := x - mean
		m2 += d * d / n
		m3 += d * d * d / n
		m4 += d * d * d * d / n
	}
	// A spread of a few ulps is rounding, not a distribution.
	if m2 <= 1e-24*max(1, mean*mean) {
		return 0
	}
	g := math.Sqrt(n*(n-1)) / (n - 2) * m3 / math.Pow(m2, 1.5)
	k := (n - 1) / ((n - 2) * (n - 3)) * ((n+1)*(m4/(m2*m2)-3) + 6)
	return (g*g + 1) / (k + 3*(n-1)*(n-1)/((n-2)*(n-3)))
}

// BurdenCheck runs spec twice, from equal starts and from the spec's own burdens, and measures
// the pattern of burdens among the alliance's members.
func BurdenCheck(spec *sim.Spec, o BurdenRun) (*BurdenPattern, error) {
	if o.Alliance < 0 || o.Alliance >= len(spec.Guarantees) {
		return nil, fmt.Errorf("burden check: no guarantee %d", o.Alliance)
	}
	members := spec.Guarantees[o.Alliance].Guarantors
	m := len(members)
	bp := &BurdenPattern{EqualEnd: make([]float64, m), EqualRuns: make([][]float64, m), FrontlineBelow: -1}
	front := make([]bool, m)
	for k, i := range members {
		s := &spec.States[i]
		bp.Members = append(bp.Members, s.Name)
		bp.Economy = append(bp.Economy, s.Economy)
		bp.Data = append(bp.Data, s.Burden)
		for _, f := range o.Frontline {
			front[k] = front[k] || f == s.Name
		}
	}
	watch := -1
	if o.Watch != "" {
		if watch = spec.StateIndex(o.Watch); watch < 0 {
			return nil, fmt.Errorf("burden check: no state %q", o.Watch)
		}
	}
	var eq sim.Spec
	spec.CopyTo(&eq)
	eq.Seed = o.Seed
	for _, i := range members {
		eq.States[i].Burden, eq.States[i].Power = o.Equal, 0
	}
	data := *spec
	data.Seed = o.Seed
	w := sim.NewWorld()
	ys := make([]float64, m)
	bp.Path = make([][]float64, spec.Steps+1)
	for t := range bp.Path {
		bp.Path[t] = make([]float64, m)
	}
	var rhos []float64
	for r := range o.Runs {
		w.Reset(&eq, rand.New(sim.RunSource(o.Seed, r)))
		for range eq.Steps {
			w.Step()
		}
		for k, i := range members {
			b := w.Burden(i)
			bp.EqualEnd[k] += b / float64(o.Runs)
			bp.EqualRuns[k] = append(bp.EqualRuns[k], b)
			ys[k] = b
		}
		if v := stats.Spearman(bp.Economy, ys, nil); !math.IsNaN(v) {
			rhos = append(rhos, v)
		}
		w.Reset(&data, rand.New(sim.RunSource(o.Seed, r)))
		for t := range data.Steps + 1 {
			if t > 0 {
				before := -1.0
				if watch >= 0 && w.ArmedAttacked(watch) {
					before = w.Burden(watch)
				}
				w.Step()
				if before >= 0 && w.Burden(watch) < before {
					bp.WatchCut++
				}
			}
			for k, i := range members {
				bp.Path[t][k] += w.Burden(i) / float64(o.Runs)
			}
		}
	}
	for _, xs := range bp.EqualRuns {
		bp.Bimodality = append(bp.Bimodality, Bimodality(xs))
		bp.Modes = append(bp.Modes, Modes(xs))
	}
	bp.RhoMean, bp.RhoSE = meanSE(rhos)
	bp.SizeBurden = stats.Spearman(bp.Economy, bp.EqualEnd, nil)
	bp.DataRank = stats.Spearman(bp.EqualEnd, bp.Data, nil)
	idx := make([]int, m)
	for k := range idx {
		idx[k] = k
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(bp.EqualEnd[b], bp.EqualEnd[a]) })
	for _, k := range idx[:min(5, m)] {
		if front[k] {
			bp.TopFrontline++
		}
	}
	for t, row := range bp.Path {
		med := median(row)
		for k := range row {
			if front[k] && row[k] <= med && bp.FrontlineBelow < 0 {
				bp.FrontlineBelow = t
			}
		}
	}
	return bp, nil
}

// meanSE returns the mean of xs and its standard error (NaN for fewer than two values).
func meanSE(xs []float64) (mean, se float64) {
	n := float64(len(xs))
	if n < 2 {
		return math.NaN(), math.NaN()
	}
	for _, x := range xs {
		mean += x / n
	}
	v := 0.0
	for _, x := range xs {
		v += (x - mean) * (x - mean) / (n - 1)
	}
	return mean, math.Sqrt(v / n)
}

// Frontline returns the names of the k members of guarantee g nearest (great-circle, capital to
// capital) to the strongest potential aggressor that is not a member (the state with some claim
// or revisionism above 0 and the largest power), or nil if there is none.
func Frontline(spec *sim.Spec, g, k int) []string {
	if g < 0 || g >= len(spec.Guarantees) {
		return nil
	}
	members := spec.Guarantees[g].Guarantors
	threat, best := -1, 0.0
	for i := range spec.States {
		s := &spec.States[i]
		if slices.Contains(members, i) {
			continue
		}
		r := s.Revisionism
		for _, c := range s.Claims {
			r = max(r, c.R)
		}
		if r <= 0 {
			continue
		}
		pw := s.Power
		if pw <= 0 {
			pw = s.Burden * s.Economy // the ranking needs only a proxy of the steady state
		}
		if threat < 0 || pw > best {
			threat, best = i, pw
		}
	}
	if threat < 0 {
		return nil
	}
	t := &spec.States[threat]
	near := slices.Clone(members)
	d := func(i int) float64 { return agents.Distance(t.Lon, t.Lat, spec.States[i].Lon, spec.States[i].Lat) }
	slices.SortStableFunc(near, func(a, b int) int { return cmp.Compare(d(a), d(b)) })
	var names []string
	for _, i := range near[:min(k, len(near))] {
		names = append(names, spec.States[i].Name)
	}
	return names
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return math.NaN()
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
