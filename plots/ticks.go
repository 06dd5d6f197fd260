package plots

import (
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Tick spacing in print. The number of ticks follows from the length of an
// axis on paper, so a double-column chart gets more ticks, not wider gaps.
const (
	xTickSpacing = 45 * vg.Millimeter / 3 // about 1.5 cm
	yTickSpacing = 10 * vg.Millimeter
)

// tickCount is the number of tick intervals wanted on an axis of length l. A short axis (a
// stacked panel) still gets two when they are at least half a spacing apart, so that a
// probability axis reads 0.0, 0.5, 1.0 rather than 0 and 1; only a very short one gets one.
func tickCount(l, spacing vg.Length) int {
	n := int(l / spacing)
	if n < 2 && l >= spacing {
		n = 2
	}
	return max(1, min(10, n))
}

// niceStep returns the step among {1, 2, 5} x 10^k closest (on a log scale)
// to span/n. Steps of 2.5 would need an extra decimal on every label.
func niceStep(span float64, n int) float64 {
	raw := span / float64(max(n, 1))
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	best, bestErr := mag, math.Inf(1)
	for _, m := range []float64{1, 2, 5, 10} {
		s := m * mag
		if e := math.Abs(math.Log(s / raw)); e < bestErr {
			best, bestErr = s, e
		}
	}
	return best
}

// decimalsFor returns the number of decimals needed to print every multiple
// of step exactly: 1 for 0.2, 2 for 0.25, 0 for 10.
func decimalsFor(step float64) int {
	for d := 0; d < 10; d++ {
		s := step * math.Pow10(d)
		if math.Abs(s-math.Round(s)) < 1e-6*s {
			return d
		}
	}
	return 10
}

// formatFixed formats v with d decimals and never prints "-0".
func formatFixed(v float64, d int) string {
	s := strconv.FormatFloat(v, 'f', d, 64)
	if z := strconv.FormatFloat(0, 'f', d, 64); s == "-"+z {
		return z
	}
	return s
}

// niceTicks returns labelled ticks at the multiples of a nice step that lie
// in [lo, hi], about n intervals apart. Every label has the same number of
// decimals ("0.0 0.5 1.0" rather than "0 0.5 1").
func niceTicks(lo, hi float64, n int) plot.ConstantTicks {
	if !(hi > lo) {
		return plot.ConstantTicks{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 4, 64)}}
	}
	step := niceStep(hi-lo, n)
	d := decimalsFor(step)
	var ticks plot.ConstantTicks
	// Multiples k*step, not repeated additions, so 0.1+0.1+0.1 cannot
	// drift into a label such as 0.30000000000000004.
	const eps = 1e-9
	for k := math.Ceil(lo/step - eps); k*step <= hi+eps*step; k++ {
		v := k * step
		ticks = append(ticks, plot.Tick{Value: v, Label: formatFixed(v, d)})
	}
	return ticks
}

// niceCeil returns the smallest of {1, 2, 2.5, 3, 4, 5, 6, 8} x 10^k that is
// at least v (v > 0).
func niceCeil(v float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*mag >= v*(1-1e-12) {
			return m * mag
		}
	}
	return 10 * mag
}

// valueRange returns the range of the finite values in vs.
func valueRange(vs ...[]float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range vs {
		for _, v := range s {
			if finite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
				ok = true
			}
		}
	}
	return lo, hi, ok
}

// valueAxis returns the range of a value axis showing data in [lo, hi].
//
// Probabilities (all data in [0, 1]) get an axis from 0: up to 1 when the
// data reach past one half, otherwise up to a round bound just above the
// data, so that rare events (deterrence failure at 3%) stay visible. The
// tick labels make the zoom plain. Other data get a range padded out to
// round numbers; with fromZero, it includes 0 (bars start at 0).
func valueAxis(lo, hi float64, ok, fromZero bool) (min, max float64, prob bool) {
	switch {
	case !ok:
		return 0, 1, true
	case lo >= 0 && hi <= 1:
		if hi > 0.5 || hi <= 0 {
			return 0, 1, true
		}
		return 0, math.Min(1, niceCeil(hi*1.04)), true
	}
	if fromZero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	if hi == lo {
		return lo - 1, hi + 1, false
	}
	step := niceStep(hi-lo, 5)
	const eps = 1e-9 // 0.4/0.1 is 4.000000000000001
	return math.Floor(lo/step+eps) * step, math.Ceil(hi/step-eps) * step, false
}

// valueDecimals is the number of decimals for values printed on a chart
// whose value axis ends at top.
func valueDecimals(top float64) int {
	switch a := math.Abs(top); {
	case a >= 100:
		return 0
	case a >= 10:
		return 1
	case a > 0.1:
		return 2
	}
	return 3
}

// formatValues formats vs with one shared number of decimals: the fewest
// that print every value to within 1e-9 of its magnitude, so that a grid
// built by repeated addition (0.30000000000000004) prints 0.3, but never
// more than it takes to tell the values apart and to give the smallest two
// significant digits, plus one: thirds and fifteenths of an uneven grid
// print as 0.067 and 0.333, not 0.0666666667.
func formatValues(vs []float64) []string {
	scale, smallest := 0.0, math.Inf(1)
	for _, v := range vs {
		scale = math.Max(scale, math.Abs(v))
		if v != 0 && finite(v) {
			smallest = math.Min(smallest, math.Abs(v))
		}
	}
	tol := 1e-9 * math.Max(scale, 1e-300)
	const most = 12
	exact := most
	for d := 0; d < most; d++ {
		p := math.Pow10(d)
		ok := true
		for _, v := range vs {
			if math.Abs(math.Round(v*p)/p-v) > tol {
				ok = false
				break
			}
		}
		if ok {
			exact = d
			break
		}
	}
	distinct := most
	for d := 0; d < most; d++ {
		seen := map[string]bool{}
		for _, v := range vs {
			seen[formatFixed(v, d)] = true
		}
		if len(seen) == len(slices.Compact(slices.Sorted(slices.Values(vs)))) {
			distinct = d
			break
		}
	}
	readable := distinct + 1
	if finite(smallest) {
		readable = max(readable, 1-int(math.Floor(math.Log10(smallest))))
	}
	d := min(exact, max(readable, 0))
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = formatFixed(v, d)
	}
	return out
}
