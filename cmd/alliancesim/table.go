package main

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// printSummary writes the human-readable summary table.
func printSummary(w io.Writer, s *sim.Summary, p provenance) {
	fmt.Fprintf(w, "%s — %d runs × %d steps, seed %d, alliancesim %s, config sha256 %.12s\n\n",
		s.Scenario, s.Runs, s.Steps, s.Seed, p.Version, p.ConfigSHA256)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "outcome\testimate\t95% CI\t")
	row := func(name string, iv stats.Interval) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", name, num(iv.P), ci(iv))
	}
	row("deterrence failure (covered attack)", s.DeterrenceFailure)
	row("armed failure", s.ArmedFailure)
	row("guaranteed state attacked, any mode", s.HeldAttack)
	row("protected state conquered", s.Conquest)
	fmt.Fprintf(tw, "guarantor decisions triggered\t%d\t\t\n", s.Triggered)
	row("  honoured (reliability)", s.Reliability)
	row("  abandoned", s.Abandonment)
	row("  buck-passed", s.BuckPassing)
	row("  costly interventions (entrapment)", s.Entrapment)
	tw.Flush()
	printDecisions(w, s)

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "state\tprotected runs\tP(failure | protected)\tP(attacked)\tP(attacked by arms)\tP(conquered)\teconomy lost T$\t")
	var quiet []string
	for _, st := range s.PerState {
		if st.Attacked.P == 0 && st.Name != s.Focus {
			quiet = append(quiet, st.Name)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%s %s\t%s %s\t%s\t%s\t%s\t\n", st.Name, st.ProtectedRuns,
			num(st.DeterrenceFailure.P), ci(st.DeterrenceFailure), num(st.Attacked.P), ci(st.Attacked),
			num(st.ArmedAttacked.P), num(st.Conquered.P), num(st.EconomyLost.P))
	}
	tw.Flush()
	if len(quiet) > 0 {
		fmt.Fprintf(w, "never attacked: %s\n", strings.Join(quiet, ", "))
	}

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "per run\tmean\t95% CI\tP(any)\t")
	for _, c := range s.Counts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", c.Name, num(c.Mean.P), ci(c.Mean), num(c.Runs.P))
	}
	for _, a := range s.Alliances {
		fmt.Fprintf(tw, "%s Spearman(E, b) at the end\t%s\t%s\t\t\n", a.Name, num(a.Spearman.P), ci(a.Spearman))
	}
	tw.Flush()
}

// printDecisions writes reliability per kind of guarantee and per guarantor: the pooled figure
// mixes commitments as different as an alliance and a paper assurance, and only the alliance
// row compares with Leeds et al.'s 74.5% (docs/ODD.md §7.8).
func printDecisions(w io.Writer, s *sim.Summary) {
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	header := "\ttriggered\thonoured\t95% CI\tincl. buck-passes\tbuck-passed\t"
	line := func(name string, d sim.DecisionSummary) {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t\n", name, d.Triggered, num(d.Reliability.P), ci(d.Reliability),
			num(d.ReliabilityAll.P), num(d.BuckPassing.P))
	}
	fmt.Fprintln(tw, "reliability by kind"+header)
	for _, d := range s.ByKind {
		line(d.Kind, d)
	}
	first := true
	for _, st := range s.PerState {
		if st.AsGuarantor.Triggered == 0 {
			continue
		}
		if first {
			fmt.Fprintln(tw, "reliability by guarantor"+header)
			first = false
		}
		line(st.Name, st.AsGuarantor)
	}
	tw.Flush()
}

func num(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.3f", x)
}

func ci(iv stats.Interval) string {
	if math.IsNaN(iv.Lo) || math.IsNaN(iv.Hi) {
		return ""
	}
	return fmt.Sprintf("[%.3f, %.3f]", iv.Lo, iv.Hi)
}
