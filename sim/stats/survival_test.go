package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// toyEvents and toyCensored are a made-up cohort of 10 subjects observed at times 1..6:
//
//	time t          1   2   3   4   5   6
//	events d_t      1   2   0   1   0   0
//	censored c_t    0   1   1   0   4   0
//	at risk r_t    10   9   6   5   4   0
var (
	toyEvents   = []int64{0, 1, 2, 0, 1, 0, 0}
	toyCensored = []int64{0, 0, 1, 1, 0, 4, 0}
)

// TestKaplanMeierToy checks every field against a hand computation.
//
// Product-limit estimate S(t) = Π_{s≤t} (r_s - d_s)/r_s:
//
//	S(1) = 9/10             = 0.9
//	S(2) = 0.9 · 7/9        = 0.7
//	S(3) = 0.7              (no events)
//	S(4) = 0.7 · 4/5        = 0.56
//	S(5) = S(6) = 0.56      (no events; nobody at risk at 6, values carried)
//
// Greenwood sums G(t) = Σ_{s≤t} d_s/(r_s(r_s-d_s)):
//
//	G(1) = 1/(10·9)                 = 1/90
//	G(2) = 1/90 + 2/(9·7) = 1/90 + 2/63 = 3/70
//	G(4) = 3/70 + 1/(5·4) = 3/70 + 1/20 = 13/140
//
// log(-log) band, σ = sqrt(G)/|log S|, Lo = S^exp(zσ), Hi = S^exp(-zσ), z = Z95:
//
//	t=1: log 0.9  = -0.10536051565782628, sqrt(1/90)   = 0.10540925533894598,
//	     σ = 1.0004625991132958, exp(zσ) = 7.105510872074287,
//	     Lo = 0.9^7.1055108720  = 0.47300927136205034, Hi = 0.9^(1/7.1055108720) = 0.9852813933673431
//	t=2: log 0.7  = -0.35667494393873245, sqrt(3/70)   = 0.20701966780270625,
//	     σ = 0.5804155052681998, exp(zσ) = 3.119252801353818,
//	     Lo = 0.3287165932797347, Hi = 0.8919490412248442
//	t=4: log 0.56 = -0.579818495252942,   sqrt(13/140) = 0.304724700110022,
//	     σ = 0.5255518797776325, exp(zσ) = 2.8012416249430743,
//	     Lo = 0.19706696112426558, Hi = 0.8130308302565814
func TestKaplanMeierToy(t *testing.T) {
	want := []SurvivalPoint{
		{Step: 0, S: 1, Lo: 1, Hi: 1, AtRisk: 10, Events: 0},
		{Step: 1, S: 0.9, Lo: 0.47300927136205034, Hi: 0.9852813933673431, AtRisk: 10, Events: 1},
		{Step: 2, S: 0.7, Lo: 0.3287165932797347, Hi: 0.8919490412248442, AtRisk: 9, Events: 2},
		{Step: 3, S: 0.7, Lo: 0.3287165932797347, Hi: 0.8919490412248442, AtRisk: 6, Events: 0},
		{Step: 4, S: 0.56, Lo: 0.19706696112426558, Hi: 0.8130308302565814, AtRisk: 5, Events: 1},
		{Step: 5, S: 0.56, Lo: 0.19706696112426558, Hi: 0.8130308302565814, AtRisk: 4, Events: 0},
		{Step: 6, S: 0.56, Lo: 0.19706696112426558, Hi: 0.8130308302565814, AtRisk: 0, Events: 0},
	}
	got := KaplanMeier(toyEvents, toyCensored, Z95)
	checkCurve(t, got, want, 1e-14)

	// Plain Greenwood variance S²G: 0.81/90 = 0.009, 0.49·3/70 = 0.021,
	// 0.3136·13/140 = 0.02912; standard errors sqrt(0.009) = 0.09486832980505138,
	// sqrt(0.021) = 0.14491376746189438, sqrt(0.02912) = 0.17064583206161235.
	wantVar := []float64{0, 0.009, 0.021, 0.021, 0.02912, 0.02912, 0.02912}
	wantSE := []float64{0, 0.09486832980505138, 0.14491376746189438, 0.14491376746189438,
		0.17064583206161235, 0.17064583206161235, 0.17064583206161235}
	v := GreenwoodVar(toyEvents, toyCensored)
	for i := range wantVar {
		if !close(v[i], wantVar[i], 1e-15) || !close(math.Sqrt(v[i]), wantSE[i], 1e-15) {
			t.Errorf("GreenwoodVar[%d] = %v (SE %v), want %v (SE %v)", i, v[i], math.Sqrt(v[i]), wantVar[i], wantSE[i])
		}
	}
}

func checkCurve(t *testing.T, got, want []SurvivalPoint, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("len = %d, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Step != w.Step || g.AtRisk != w.AtRisk || g.Events != w.Events ||
			!close(g.S, w.S, tol) || !close(g.Lo, w.Lo, tol) || !close(g.Hi, w.Hi, tol) {
			t.Errorf("point %d = %+v, want %+v", i, g, w)
		}
	}
}

// sixMP is the 6-mercaptopurine arm of the Freireich et al. (1963, Blood 21:699) leukaemia
// remission trial, in weeks (+ = censored), the standard textbook example (Gehan 1965;
// Kalbfleisch & Prentice; Klein & Moeschberger; Kleinbaum & Klein):
//
//	6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+
func sixMP() (events, censored []int64) {
	events, censored = make([]int64, 36), make([]int64, 36)
	for _, w := range []int{6, 6, 6, 7, 10, 13, 16, 22, 23} {
		events[w]++
	}
	for _, w := range []int{6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35} {
		censored[w]++
	}
	return events, censored
}

// TestKaplanMeierSixMP checks the 6-MP arm at its event times.
//
// Published: S(t) and its plain Greenwood standard error to 4 decimals are tabulated for this
// arm in Klein & Moeschberger (2003), Survival Analysis, 2nd ed., §4.2 (and S(t) in Kleinbaum
// & Klein, Survival Analysis: A Self-Learning Text, ch. 2). The table is quoted here from
// memory of those books, not re-checked against them, and every entry is re-derived by hand:
//
//	t   r  d  S(t)                         G(t) = Σ d/(r(r-d))            SE = S·sqrt(G)
//	6  21  3  18/21        = 0.8571        3/(21·18)      = 0.0079365    0.0764
//	7  17  1  S(6)·16/17   = 0.8067        + 1/(17·16)    = 0.0116130    0.0869
//	10 15  1  S(7)·14/15   = 0.7529        + 1/(15·14)    = 0.0163749    0.0963
//	13 12  1  S(10)·11/12  = 0.6902        + 1/(12·11)    = 0.0239506    0.1068
//	16 11  1  S(13)·10/11  = 0.6275        + 1/(11·10)    = 0.0330415    0.1141
//	22  7  1  S(16)·6/7    = 0.5378        + 1/(7·6)      = 0.0568511    0.1282
//	23  6  1  S(22)·5/6    = 0.4482        + 1/(6·5)      = 0.0901844    0.1346
//
// Hand-computed (not taken from a publication): the log(-log) 95% band,
// Lo = S^exp(zσ), Hi = S^exp(-zσ), σ = sqrt(G)/|log S|. For t = 6: log S = -0.1541506798,
// σ = 0.0890870806/0.1541506798 = 0.5779220743, exp(zσ) = 3.1040460921,
// Lo = 0.857142857^3.1040460921 = 0.6197179553, Hi = 0.857142857^(1/3.1040460921) =
// 0.9515517476; the other rows are computed the same way.
func TestKaplanMeierSixMP(t *testing.T) {
	events, censored := sixMP()
	got := KaplanMeier(events, censored, Z95)
	gv := GreenwoodVar(events, censored)
	for _, w := range []struct {
		t       int
		atRisk  int64
		events  int64
		s, se   float64 // published, 4 decimals
		sExact  float64 // exact fraction
		seExact float64 // hand-computed, 10 decimals
		lo, hi  float64 // hand-computed, 10 decimals
	}{
		{6, 21, 3, 0.8571, 0.0764, 18.0 / 21, 0.0763603548, 0.6197179553, 0.9515517476},
		{7, 17, 1, 0.8067, 0.0869, 18.0 / 21 * 16 / 17, 0.0869352852, 0.5631465646, 0.9228090192},
		{10, 15, 1, 0.7529, 0.0963, 18.0 / 21 * 16 / 17 * 14 / 15, 0.0963496530, 0.5031995108, 0.8893618352},
		{13, 12, 1, 0.6902, 0.1068, 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12, 0.1068147078, 0.4316102225, 0.8490659633},
		{16, 11, 1, 0.6275, 0.1141, 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11, 0.1140538653, 0.3675108560, 0.8049121895},
		{22, 7, 1, 0.5378, 0.1282, 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11 * 6 / 7, 0.1282337517, 0.2677789368, 0.7467907176},
		{23, 6, 1, 0.4482, 0.1346, 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11 * 6 / 7 * 5 / 6, 0.1345914568, 0.1880520060, 0.6801426285},
	} {
		p := got[w.t]
		se := math.Sqrt(gv[w.t])
		if p.Step != w.t || p.AtRisk != w.atRisk || p.Events != w.events {
			t.Errorf("t=%d: got %+v, want at risk %d, events %d", w.t, p, w.atRisk, w.events)
		}
		if !close(p.S, w.s, 0.5e-4) || !close(se, w.se, 0.5e-4) {
			t.Errorf("t=%d: S = %.6f, SE = %.6f; published %.4f, %.4f", w.t, p.S, se, w.s, w.se)
		}
		if !close(p.S, w.sExact, 1e-15) || !close(se, w.seExact, 0.5e-10) {
			t.Errorf("t=%d: S = %.15f, SE = %.12f; hand %.15f, %.10f", w.t, p.S, se, w.sExact, w.seExact)
		}
		if !close(p.Lo, w.lo, 0.5e-10) || !close(p.Hi, w.hi, 0.5e-10) {
			t.Errorf("t=%d: band [%.12f, %.12f], hand [%.10f, %.10f]", w.t, p.Lo, p.Hi, w.lo, w.hi)
		}
		// Between event times the curve is flat: same S and band one step later unless an
		// event happens then.
		if w.t+1 < len(got) && events[w.t+1] == 0 {
			q := got[w.t+1]
			if q.S != p.S || q.Lo != p.Lo || q.Hi != p.Hi {
				t.Errorf("t=%d: curve not flat after an event time: %+v then %+v", w.t, p, q)
			}
		}
	}
	// Before the first event S = 1 with band [1, 1]; after the last subject leaves (t = 35
	// is the last time, 1 at risk, censored) the last values stand.
	for tt := 0; tt < 6; tt++ {
		if p := got[tt]; p.S != 1 || p.Lo != 1 || p.Hi != 1 || p.AtRisk != 21 {
			t.Errorf("t=%d: %+v, want S = Lo = Hi = 1, at risk 21", tt, p)
		}
	}
	if p := got[35]; p.AtRisk != 1 || p.S != got[23].S || p.Lo != got[23].Lo {
		t.Errorf("t=35: %+v, want at risk 1 and the t=23 values", p)
	}
}

func TestKaplanMeierToZero(t *testing.T) {
	// 3 subjects: two events at t=1, one at t=2, then nothing. Hand computation:
	//   S(1) = 1/3, G(1) = 2/(3·1) = 2/3, σ = sqrt(2/3)/log 3 = 0.8164965809/1.0986122887
	//        = 0.7432072164, exp(zσ) = 4.2915989415,
	//   Lo = (1/3)^4.2915989415 = 0.0089616283, Hi = (1/3)^(1/4.2915989415) = 0.7741486504;
	//   S(2) = 1/3 · 0/1 = 0, band [0, 0]; t=3 nobody at risk, values carried.
	got := KaplanMeier([]int64{0, 2, 1, 0}, []int64{0, 0, 0, 0}, Z95)
	want := []SurvivalPoint{
		{Step: 0, S: 1, Lo: 1, Hi: 1, AtRisk: 3},
		{Step: 1, S: 1.0 / 3, Lo: 0.0089616283, Hi: 0.7741486504, AtRisk: 3, Events: 2},
		{Step: 2, S: 0, Lo: 0, Hi: 0, AtRisk: 1, Events: 1},
		{Step: 3, S: 0, Lo: 0, Hi: 0, AtRisk: 0},
	}
	checkCurve(t, got, want, 0.5e-10)
	if v := GreenwoodVar([]int64{0, 2, 1, 0}, []int64{0, 0, 0, 0}); v[2] != 0 || v[3] != 0 {
		t.Errorf("GreenwoodVar at S = 0: %v, want 0", v[2:])
	}
}

func TestKaplanMeierEdgeCases(t *testing.T) {
	if got := KaplanMeier(nil, nil, Z95); got != nil {
		t.Errorf("KaplanMeier(nil) = %v, want nil", got)
	}
	if got := GreenwoodVar(nil, nil); got != nil {
		t.Errorf("GreenwoodVar(nil) = %v, want nil", got)
	}
	// No events at all: S = 1 with band [1, 1] throughout.
	for _, p := range KaplanMeier([]int64{0, 0, 0, 0}, []int64{0, 1, 2, 3}, Z95) {
		if p.S != 1 || p.Lo != 1 || p.Hi != 1 {
			t.Errorf("no events: %+v", p)
		}
	}
	// Only time 0.
	if got := KaplanMeier([]int64{0}, []int64{0}, Z95); len(got) != 1 || got[0].S != 1 {
		t.Errorf("T = 0: %+v", got)
	}
	mustPanic(t, "length mismatch", func() { KaplanMeier([]int64{0, 1}, []int64{0}, Z95) })
	mustPanic(t, "negative count", func() { KaplanMeier([]int64{0, -1}, []int64{0, 2}, Z95) })
	mustPanic(t, "negative z", func() { KaplanMeier([]int64{0, 1}, []int64{0, 1}, -1) })
}

// TestKaplanMeierProperties checks invariants on random cohorts: S is non-increasing, the
// band is inside [0, 1] and contains S, and the band agrees with GreenwoodVar through
// σ² = Var S / (S log S)².
func TestKaplanMeierProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		T := 1 + rng.IntN(30)
		events, censored := make([]int64, T+1), make([]int64, T+1)
		for i := 1; i <= T; i++ {
			events[i] = int64(rng.IntN(4))
			censored[i] = int64(rng.IntN(3))
		}
		curve := KaplanMeier(events, censored, Z95)
		gv := GreenwoodVar(events, censored)
		prev := 1.0
		for i, p := range curve {
			if !(0 <= p.Lo && p.Lo <= p.S && p.S <= p.Hi && p.Hi <= 1) || p.S > prev {
				t.Fatalf("trial %d t=%d: %+v (previous S %v)", trial, i, p, prev)
			}
			prev = p.S
			if p.S > 0 && p.S < 1 {
				sigma := math.Sqrt(gv[i]) / (p.S * -math.Log(p.S))
				lo := math.Pow(p.S, math.Exp(Z95*sigma))
				if math.Abs(lo-p.Lo) > 1e-12 {
					t.Fatalf("trial %d t=%d: Lo = %v, from GreenwoodVar %v", trial, i, p.Lo, lo)
				}
			}
		}
	}
}
