package sim_test

import (
	"context"
	"fmt"
	"testing"

	"alliancesim/config"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// variant returns the embedded scenario name with the --set overrides sets applied, runs runs.
func variant(tb testing.TB, name string, runs int, sets ...string) *sim.Spec {
	tb.Helper()
	f, err := config.Scenario(name)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+1 < len(sets); i += 2 {
		if err := f.Set(sets[i], sets[i+1]); err != nil {
			tb.Fatalf("%s: --set %s=%s: %v", name, sets[i], sets[i+1], err)
		}
	}
	spec, err := f.Spec()
	if err != nil {
		tb.Fatal(err)
	}
	spec.Runs = runs
	return spec
}

func summarize(tb testing.TB, spec *sim.Spec) *sim.Summary {
	tb.Helper()
	res, err := sim.Ensemble(context.Background(), spec, sim.Options{Workers: 2})
	if err != nil {
		tb.Fatal(err)
	}
	return sim.Summarize(spec, res.Acc)
}

func stateSummary(tb testing.TB, s *sim.Summary, name string) *sim.StateSummary {
	tb.Helper()
	for i := range s.PerState {
		if s.PerState[i].Name == name {
			return &s.PerState[i]
		}
	}
	tb.Fatalf("%s: no state %q", s.Scenario, name)
	return nil
}

// apart reports whether a lies below b with their 95% intervals disjoint.
func apart(a, b stats.Interval) bool { return a.Hi < b.Lo }

// Runs for the scenario-level tests: enough for intervals a few points wide, and a few seconds.
const scenarioRuns = 2000

// A tripwire deters: Estonia, Latvia and Lithuania are attacked less often when guarantor forces
// stand on their soil (version 3 gave the same 0.589 with and without).
func TestTripwireDeters(t *testing.T) {
	with := summarize(t, variant(t, "baltic-tripwire", scenarioRuns))
	without := summarize(t, variant(t, "baltic-no-tripwire", scenarioRuns))
	for _, name := range []string{"Estonia", "Latvia", "Lithuania"} {
		a, b := stateSummary(t, with, name).Attacked, stateSummary(t, without, name).Attacked
		if !apart(a, b) {
			t.Errorf("P(%s attacked): %.3f %s with the tripwire, %.3f %s without; want lower, intervals apart",
				name, a.P, fmtIv(a), b.P, fmtIv(b))
		}
	}
}

// Ukraine's risk does not fall as Russia becomes more revisionist towards everyone else (version
// 3's one attack a year made every other target a lightning rod): along a sweep of Russia's
// revisionism with common random numbers, no point lies below the one before beyond its
// interval.
func TestUkraineRiskMonotoneInRevisionism(t *testing.T) {
	prev := stats.Interval{P: -1, Lo: -1, Hi: -1}
	for _, r := range []string{"0", "0.25", "0.5", "0.75", "1"} {
		s := summarize(t, variant(t, "europe-2025", scenarioRuns, "state.Russia.revisionism", r))
		iv := stateSummary(t, s, "Ukraine").Attacked
		t.Logf("Russia's revisionism %s: P(Ukraine attacked) %.3f %s", r, iv.P, fmtIv(iv))
		if iv.Hi < prev.Lo {
			t.Errorf("revisionism %s: P(Ukraine attacked) %.3f %s below the previous point's %.3f %s",
				r, iv.P, fmtIv(iv), prev.P, fmtIv(prev))
		}
		prev = iv
	}
}

// A claim on Estonia does not draw attacks away from Ukraine beyond noise.
func TestClaimElsewhereKeepsUkraineRisk(t *testing.T) {
	none := summarize(t, variant(t, "europe-2025", scenarioRuns, "state.Russia.claims.Estonia", "0"))
	high := summarize(t, variant(t, "europe-2025", scenarioRuns, "state.Russia.claims.Estonia", "0.8"))
	a, b := stateSummary(t, none, "Ukraine").Attacked, stateSummary(t, high, "Ukraine").Attacked
	if apart(b, a) {
		t.Errorf("P(Ukraine attacked) %.3f %s with no claim on Estonia, %.3f %s with a claim of 0.8: it falls beyond noise",
			a.P, fmtIv(a), b.P, fmtIv(b))
	}
}

// Buck-passing is more than a label: Germany, the UK and France honour their commitments to
// Ukraine less often as buck-passers than as balancers.
func TestBuckPassersLessReliable(t *testing.T) {
	pass := summarize(t, variant(t, "europe-2025", scenarioRuns))
	bal := summarize(t, variant(t, "europe-2025", scenarioRuns,
		"state.Germany.strategy", "balance", "state.UK.strategy", "balance", "state.France.strategy", "balance"))
	var kp, np, kb, nb int64
	for _, name := range []string{"Germany", "UK", "France"} {
		p, b := stateSummary(t, pass, name).AsGuarantor, stateSummary(t, bal, name).AsGuarantor
		kp += int64(p.ReliabilityAll.P*float64(p.Triggered) + 0.5)
		np += p.Triggered
		kb += int64(b.ReliabilityAll.P*float64(b.Triggered) + 0.5)
		nb += b.Triggered
	}
	a, b := stats.Wilson(kp, np, stats.Z95), stats.Wilson(kb, nb, stats.Z95)
	if !apart(a, b) {
		t.Errorf("their commitments honoured: %.3f %s as buck-passers (%d triggered), %.3f %s as balancers (%d); want lower, intervals apart",
			a.P, fmtIv(a), np, b.P, fmtIv(b), nb)
	}
}

func fmtIv(iv stats.Interval) string { return fmt.Sprintf("[%.3f, %.3f]", iv.Lo, iv.Hi) }
