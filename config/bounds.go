package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// bounds is the allowed range of a numeric field: [lo, hi], each end open when flagged.
// Infinite ends mean unbounded; a non-finite value is never allowed.
type bounds struct {
	lo, hi         float64
	loOpen, hiOpen bool
	note           string // where the bounds come from, when another field sets them
}

// closed returns the bounds [lo, hi].
func closed(lo, hi float64) bounds { return bounds{lo: lo, hi: hi} }

// positive returns the bounds (0, hi].
func positive(hi float64) bounds { return bounds{lo: 0, hi: hi, loOpen: true} }

func (b bounds) contains(v float64) bool {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return false
	}
	if v < b.lo || (b.loOpen && v == b.lo) {
		return false
	}
	return v < b.hi || (!b.hiOpen && v == b.hi)
}

// clamp returns the allowed value nearest to v: a draw or a sweep value outside a field's range
// is moved onto the range (an open end is approached to the nearest float64 inside it).
func (b bounds) clamp(v float64) float64 {
	lo, hi := b.lo, b.hi
	if b.loOpen {
		lo = math.Nextafter(lo, math.Inf(1))
	}
	if b.hiOpen {
		hi = math.Nextafter(hi, math.Inf(-1))
	}
	switch {
	case math.IsNaN(v):
		return lo
	case v < lo:
		return lo
	case v > hi:
		return hi
	}
	return v
}

// check returns "" when v is allowed, else what is wrong with it and what is allowed.
func (b bounds) check(v float64) string {
	if b.contains(v) {
		return ""
	}
	if math.IsNaN(v) {
		return fmt.Sprintf("nan is not a number (allowed: %s)", b)
	}
	return fmt.Sprintf("%s is out of range (allowed: %s)", fmtNum(v), b)
}

func (b bounds) String() string {
	lo, hi := fmtNum(b.lo), fmtNum(b.hi)
	var s string
	switch {
	case math.IsInf(b.lo, -1) && math.IsInf(b.hi, 1):
		s = "any finite number"
	case math.IsInf(b.hi, 1) && b.loOpen:
		s = "more than " + lo
	case math.IsInf(b.hi, 1):
		s = lo + " or more"
	case math.IsInf(b.lo, -1):
		s = "at most " + hi
	case b.loOpen && b.hiOpen:
		s = "more than " + lo + " and less than " + hi
	case b.loOpen:
		s = "more than " + lo + ", up to " + hi
	case b.hiOpen:
		s = lo + " to less than " + hi
	default:
		s = lo + " to " + hi
	}
	if b.note != "" {
		s += ", " + b.note
	}
	return s
}

// fmtNum formats v as a user would write it: integers without exponent, TOML's nan and inf.
func fmtNum(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Ranges of the values that are not global parameters. They are functions, not variables, so
// that nothing in the package is mutable.
func runsBounds() bounds      { return closed(1, 10_000_000) }
func stepsBounds() bounds     { return closed(1, 1000) }
func seedBounds() bounds      { return closed(0, math.Inf(1)) } // an int64: at most 2^63-1
func economyBounds() bounds   { return positive(1000) }         // trillion US$: world GDP is about 110
func powerBounds() bounds     { return positive(1e5) }
func unitBounds() bounds      { return closed(0, 1) }
func lonBounds() bounds       { return closed(-180, 180) }
func latBounds() bounds       { return closed(-90, 90) }
func startBounds() bounds     { return closed(0, 1000) }
func willPriorBounds() bounds { return positive(1000) }

// Limits on the size of a document: more would be a mistake, not a scenario.
const (
	maxStates     = 1000
	maxGuarantees = 10_000
	maxValues     = 1000 // values of a categorical distribution
)

// paramBounds returns the allowed range of the global parameter at path (model.gamma,
// kind.alliance.w, ...). Ranges keep each formula meaningful: shares and probabilities in
// [0, 1], scales positive, the rest within generous limits that still catch a typo of several
// orders of magnitude. A parameter missing here is allowed any finite value (a test checks
// that every parameter has a range).
func paramBounds(path string) (bounds, bool) {
	if rest, ok := strings.CutPrefix(path, "kind."); ok {
		if _, field, ok := strings.Cut(rest, "."); ok {
			path = "kind.*." + field
		}
	}
	share := unitBounds()
	coef := closed(-100, 100)
	b, ok := map[string]bounds{
		"model.burden_min": closed(0, 1),
		"model.burden_max": positive(1),
		"model.growth":     closed(-0.5, 0.5),
		"model.sigma_g":    closed(0, 1),
		"model.phi":        closed(0, 10),
		"model.b_ref":      share,
		"model.delta":      positive(1),
		"model.kappa":      positive(100),
		"model.lambda":     positive(1e6),
		"model.surge":      share,
		"model.gamma":      positive(20),
		"model.nuc":        closed(0, 100),
		"model.mu":         coef,
		"model.s":          positive(100),
		// Claims are at most 1, so an r_ref above 1 only makes opportunities rarer; the
		// calibration set (data/calibration-set.csv) holds members up to about 3.
		"model.r_ref": closed(0, 10),

		"war.cost":        closed(0, 100),
		"war.loss":        share,
		"war.prize":       share,
		"war.conquest":    share,
		"war.overstretch": closed(0, 100),

		// A multiple of war.prize's share; the calibration set holds members above 1.
		"hybrid.gain":         closed(0, 10),
		"hybrid.cost":         closed(0, 100),
		"hybrid.sanction":     share,
		"hybrid.escalation":   share,
		"hybrid.esc_umbrella": share,

		"honour.a0": coef, "honour.aw": coef, "honour.as": coef, "honour.at": coef,
		"honour.ar": coef, "honour.rho0": share, "honour.ap": coef, "honour.an": coef,
		"honour.ac": coef, "honour.ae": coef, "honour.ao": coef,

		"rep.init": share, "rep.up": share, "rep.down": share,

		"intent.up": share, "intent.decay": share,

		"will.alpha": willPriorBounds(), "will.beta": willPriorBounds(),

		"balance.hi": closed(0, 100), "balance.lo": closed(0, 100),
		"balance.up": share, "balance.down": share,

		"bandwagon.tau": closed(0, 100), "bandwagon.ratio": closed(0, 100), "bandwagon.p": share,

		"buckpass.threshold": share, "buckpass.diffusion": share,

		"freeride.alpha": share, "freeride.step": share,

		"burden.psi": share, "burden.x_star": positive(100), "burden.level": share,
		"burden.eta": closed(0, 10), "burden.alpha": share, "burden.norm": closed(0, 2), "burden.floor": share, "burden.rate": share,

		"kind.*.w": share, "kind.*.aid": share, "kind.*.stake": share,
	}[path]
	if !ok {
		return bounds{lo: math.Inf(-1), hi: math.Inf(1)}, false
	}
	return b, true
}

// growthBounds is the range of a state's growth: that of model.growth.
func growthBounds() bounds {
	b, _ := paramBounds("model.growth")
	return b
}
