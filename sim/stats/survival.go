package stats

import "math"

// SurvivalPoint is the Kaplan–Meier estimate at one time step.
type SurvivalPoint struct {
	Step   int     `json:"step"`    // the time t
	S      float64 `json:"s"`       // estimated P(no event through t)
	Lo     float64 `json:"lo"`      // lower confidence bound for S
	Hi     float64 `json:"hi"`      // upper confidence bound for S
	AtRisk int64   `json:"at_risk"` // subjects event-free and uncensored just before t
	Events int64   `json:"events"`  // events at t
}

// kmStep is one time of the product-limit walk shared by KaplanMeier and GreenwoodVar.
type kmStep struct {
	atRisk, events int64
	s              float64 // product-limit estimate
	logS           float64 // log S, accumulated as a sum of log1p terms for accuracy near 1
	gw             float64 // Greenwood sum Σ d/(r(r-d)) over event times so far
}

// productLimit walks the times 0..T once. Index 0 of the result is time 0: everyone at risk,
// S = 1. At t ≥ 1 the subjects at risk are those with neither an event nor censoring at any
// earlier time; subjects censored at t count as at risk at t (they are known event-free
// through t), the usual convention that censoring follows events at tied times.
func productLimit(events, censored []int64) []kmStep {
	if len(events) != len(censored) {
		panic("stats: events and censored must have the same length")
	}
	if len(events) == 0 {
		return nil
	}
	var n int64
	for t := 1; t < len(events); t++ {
		if events[t] < 0 || censored[t] < 0 {
			panic("stats: negative count in events or censored")
		}
		n += events[t] + censored[t]
	}
	steps := make([]kmStep, len(events))
	steps[0] = kmStep{atRisk: n, s: 1}
	atRisk := n
	for t := 1; t < len(events); t++ {
		prev := steps[t-1]
		// atRisk = Σ_{s≥t} (events[s]+censored[s]) ≥ events[t], since n was counted from
		// the same slices, so d ≤ atRisk always holds and needs no check.
		d := events[t]
		cur := kmStep{atRisk: atRisk, events: d, s: prev.s, logS: prev.logS, gw: prev.gw}
		if d > 0 {
			r, df := float64(atRisk), float64(d)
			cur.s *= (r - df) / r
			if d < atRisk {
				cur.logS += math.Log1p(-df / r)
				cur.gw += df / (r * (r - df))
			} else {
				// Everyone at risk failed: S = 0 from here on, log S = -Inf and the Greenwood
				// term d/(r(r-d)) is infinite. Neither is used once S == 0.
				cur.s = 0
				cur.logS = math.Inf(-1)
				cur.gw = math.Inf(1)
			}
		}
		// With nobody at risk (after the last subject left) d is 0 and cur carries the
		// previous values unchanged, as required.
		steps[t] = cur
		atRisk -= d + censored[t]
	}
	return steps
}

// KaplanMeier returns the Kaplan–Meier (product-limit) estimate of the survival function for
// discrete times 1..T, with pointwise confidence bands at normal quantile z (use [Z95]).
//
// events[t] is the number of subjects whose event happened at time t and censored[t] the
// number censored at t, where censored at t means known to be event-free through t; a
// subject still event-free at the end of a run is censored at its last time. Index 0 is
// time 0 and is ignored. The result has one point per time 0..T, with S = Lo = Hi = 1 at
// time 0. It is nil if len(events) == 0.
//
// The band uses Greenwood's variance on the log(-log S) scale (the "exponential Greenwood"
// interval of Kalbfleisch & Prentice 1980, The Statistical Analysis of Failure Time
// Data): with G(t) = Σ_{s≤t} d_s/(r_s(r_s-d_s)) and σ = sqrt(G)/|log S|,
//
//	Lo = S^exp(+zσ),  Hi = S^exp(-zσ).
//
// This is chosen over the plain Greenwood band S ± z·S·sqrt(G) because the plain band leaves
// [0, 1] and collapses to zero width when S is near 0 or 1, the regimes that matter for rare
// events; the log(-log) band is always inside [0, 1] and has better small-sample coverage
// (Borgan & Liestøl 1990, Scand. J. Statist. 17:35). It is R survival's conf.type =
// "log-log" and Stata's default. Where S == 1 (no events yet) the band is [1, 1]; where
// S == 0 it is [0, 0]. After the last time with anyone at risk every value is carried
// forward, with AtRisk 0.
//
// The number of subjects is the total of the counts at times 1..T. KaplanMeier panics if the
// slices differ in length, a count is negative, or z is negative, infinite or NaN.
func KaplanMeier(events, censored []int64, z float64) []SurvivalPoint {
	checkZ(z)
	steps := productLimit(events, censored)
	if steps == nil {
		return nil
	}
	out := make([]SurvivalPoint, len(steps))
	for t, st := range steps {
		p := SurvivalPoint{Step: t, S: st.s, AtRisk: st.atRisk, Events: st.events}
		switch {
		case st.s == 1:
			p.Lo, p.Hi = 1, 1
		case st.s == 0:
			p.Lo, p.Hi = 0, 0
		default:
			sigma := math.Sqrt(st.gw) / -st.logS
			// exp(log S · c) rather than math.Pow(S, c) so that the band uses the same
			// accurately accumulated log S as σ.
			p.Lo = math.Exp(st.logS * math.Exp(z*sigma))
			p.Hi = math.Exp(st.logS * math.Exp(-z*sigma))
		}
		out[t] = p
	}
	return out
}

// GreenwoodVar returns Greenwood's estimate of the variance of the Kaplan–Meier estimate at
// each time 0..T,
//
//	Var S(t) = S(t)² Σ_{s≤t} d_s / (r_s (r_s - d_s)),
//
// for the same events and censored counts as [KaplanMeier]. Its square root is the "plain"
// Greenwood standard error printed by most survival software. The variance is 0 at time 0,
// and 0 where S == 0 (the estimator is degenerate there; the formula's 0·∞ has no value).
// It panics on the same inputs as KaplanMeier.
func GreenwoodVar(events, censored []int64) []float64 {
	steps := productLimit(events, censored)
	if steps == nil {
		return nil
	}
	v := make([]float64, len(steps))
	for t, st := range steps {
		if st.s > 0 {
			v[t] = st.s * st.s * st.gw
		}
	}
	return v
}
