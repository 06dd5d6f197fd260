package sim_test

import (
	"flag"
	"fmt"
	"math"
	"strings"
	"testing"

	"alliancesim/config"

	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// A mechanism, switched off in a shipped scenario, and the outcome it must move there.
type placeCase struct {
	mechanism string
	scenario  string
	off       []string // --set path, value pairs that switch it off
	offScen   string   // or another scenario without it
	outcome   string
	measure   func(tb testing.TB, s *sim.Summary) stats.Interval
}

func attacked(state string) func(testing.TB, *sim.Summary) stats.Interval {
	return func(tb testing.TB, s *sim.Summary) stats.Interval { return stateSummary(tb, s, state).Attacked }
}

func finalBurden(state string) func(testing.TB, *sim.Summary) stats.Interval {
	return func(tb testing.TB, s *sim.Summary) stats.Interval { return stateSummary(tb, s, state).FinalBurden }
}

func guarantorReliability(states ...string) func(testing.TB, *sim.Summary) stats.Interval {
	return func(tb testing.TB, s *sim.Summary) stats.Interval {
		var k, n int64
		for _, name := range states {
			d := stateSummary(tb, s, name).AsGuarantor
			k += int64(d.ReliabilityAll.P*float64(d.Triggered) + 0.5)
			n += d.Triggered
		}
		return stats.Wilson(k, n, stats.Z95)
	}
}

func placeCases() []placeCase {
	var balancers, freeRiders []string
	for _, s := range []string{"USA", "Poland", "Sweden", "Romania", "Finland", "Lithuania", "Estonia", "Latvia", "Ukraine"} {
		balancers = append(balancers, "state."+s+".strategy", "fixed")
	}
	for _, s := range []string{"Italy", "Netherlands", "Turkey", "Hungary"} {
		freeRiders = append(freeRiders, "state."+s+".strategy", "balance")
	}
	return []placeCase{
		{mechanism: "balancing", scenario: "europe-2025", off: balancers,
			outcome: "Ukraine's mean burden at the end", measure: finalBurden("Ukraine")},
		{mechanism: "bandwagoning", scenario: "europe-2025",
			off:     []string{"state.Moldova.strategy", "balance", "state.Georgia.strategy", "balance"},
			outcome: "P(Moldova attacked)", measure: attacked("Moldova")},
		{mechanism: "buck-passing", scenario: "europe-2025",
			off:     []string{"state.Germany.strategy", "balance", "state.UK.strategy", "balance", "state.France.strategy", "balance"},
			outcome: "reliability of Germany's, the UK's and France's commitments", measure: guarantorReliability("Germany", "UK", "France")},
		{mechanism: "free-riding", scenario: "europe-2025", off: freeRiders,
			outcome: "Italy's mean burden at the end", measure: finalBurden("Italy")},
		{mechanism: "tripwire", scenario: "baltic-tripwire", offScen: "baltic-no-tripwire",
			outcome: "P(Estonia attacked)", measure: attacked("Estonia")},
		{mechanism: "reputation", scenario: "europe-2025", off: []string{"rep.up", "0", "rep.down", "1"},
			outcome: "reliability of the agreements with Ukraine", measure: guarantorReliability("USA", "Germany", "UK", "France", "Italy")},
		{mechanism: "escalation shadow", scenario: "europe-2025", off: []string{"hybrid.escalation", "0"},
			outcome: "P(Estonia attacked)", measure: attacked("Estonia")},
	}
}

// Every named mechanism earns its place: switched off in a shipped scenario, it moves an
// outcome there beyond the Monte Carlo noise (95% intervals apart). docs/ODD.md §10 names the
// scenario and the outcome for each.
func TestMechanismsEarnTheirPlace(t *testing.T) {
	for _, c := range placeCases() {
		t.Run(c.mechanism, func(t *testing.T) {
			on := summarize(t, variant(t, c.scenario, scenarioRuns))
			var offSpec *sim.Spec
			if c.offScen != "" {
				offSpec = variant(t, c.offScen, scenarioRuns)
			} else {
				offSpec = variant(t, c.scenario, scenarioRuns, c.off...)
			}
			off := summarize(t, offSpec)
			a, b := c.measure(t, on), c.measure(t, off)
			t.Logf("%s in %s: %s %.4f %s with it, %.4f %s without", c.mechanism, c.scenario, c.outcome, a.P, fmtIv(a), b.P, fmtIv(b))
			if !apart(a, b) && !apart(b, a) {
				t.Errorf("%s does not move %s in %s: %.4f %s with it, %.4f %s without",
					c.mechanism, c.outcome, c.scenario, a.P, fmtIv(a), b.P, fmtIv(b))
			}
		})
	}
}

var mechanismTable = flag.Bool("mechanism-table", false, "print docs/ODD.md §10's table of how often each mechanism acts")

// TestMechanismTable prints the table of docs/ODD.md §10 when asked (go test ./sim -run
// TestMechanismTable -mechanism-table -v): per-run means of each mechanism's count in every
// shipped scenario, 2,000 runs of seed 1.
func TestMechanismTable(t *testing.T) {
	if !*mechanismTable {
		t.Skip("run with -mechanism-table to print docs/ODD.md §10's table")
	}
	var b strings.Builder
	b.WriteString("| scenario | attacks | wars | hybrid | balancing steps | bandwagoning | buck-passing steps | free-riding steps | treaties formed | triggered | reliability by kind | entrapment |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, info := range config.Scenarios() {
		s := summarize(t, variant(t, info.Name, scenarioRuns))
		mean := map[string]float64{}
		for _, c := range s.Counts {
			mean[c.Name] = c.Mean.P
		}
		var kinds []string
		for _, d := range s.ByKind {
			if d.Triggered > 0 {
				kinds = append(kinds, fmt.Sprintf("%s %.3f", d.Kind, d.Reliability.P))
			}
		}
		ent := "–"
		if !math.IsNaN(s.Entrapment.P) {
			ent = fmt.Sprintf("%.3f", s.Entrapment.P)
		}
		fmt.Fprintf(&b, "| %s | %.2f | %.2f | %.2f | %.1f | %.2f | %.1f | %.1f | %.2f | %.1f | %s | %s |\n", info.Name,
			mean["attacks"], mean["wars"], mean["hybrid_attacks"], mean["balancing_steps"], mean["bandwagoning"],
			mean["buck_passing_steps"], mean["free_riding_steps"], mean["treaties_formed"], mean["triggered"],
			strings.Join(kinds, ", "), ent)
	}
	fmt.Print(b.String())
}
