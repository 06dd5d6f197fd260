package main

import (
	"context"
	"fmt"
	"math"
	"text/tabwriter"

	"alliancesim/sim"
	"alliancesim/sim/calibrate"
	"alliancesim/sim/stats"
)

// validateSet prints the scenario's headlines at its own parameters (the default point, with
// their Monte Carlo intervals) beside their range over the calibration set (docs/ODD.md §9):
// how much of a result is the data and how much the calibration.
func validateSet(ctx context.Context, e *env, spec *sim.Spec, file string, runs, workers int) error {
	set, err := calibrate.DefaultSet()
	if file != "" {
		set, err = calibrate.LoadSet(file)
	}
	if err != nil {
		return err
	}
	point := *spec
	point.Runs, point.FirstRun = runs, 0
	res, err := sim.Ensemble(ctx, &point, sim.Options{Workers: workers})
	if err != nil {
		return err
	}
	def := calibrate.HeadlineOf(sim.Summarize(&point, res.Acc), point.Focus)
	hs, err := calibrate.Headlines(ctx, spec, set, runs, workers)
	if err != nil {
		return err
	}
	focus := "focus state"
	if spec.Focus >= 0 {
		focus = spec.States[spec.Focus].Name
	}
	rows := []struct {
		name string
		get  func(*calibrate.Headline) stats.Interval
	}{
		{"P(deterrence failure), any protected state", func(h *calibrate.Headline) stats.Interval { return h.DeterrenceFailure }},
		{"P(armed failure), any protected state", func(h *calibrate.Headline) stats.Interval { return h.ArmedFailure }},
		{focus + ": P(deterrence failure | protected)", func(h *calibrate.Headline) stats.Interval { return h.FocusFailure }},
		{focus + ": P(attacked, any mode)", func(h *calibrate.Headline) stats.Interval { return h.FocusAttacked }},
		{focus + ": P(attacked by arms)", func(h *calibrate.Headline) stats.Interval { return h.FocusArmed }},
	}
	fmt.Fprintf(e.stdout, "%s — %d runs × %d steps at the default point and at each of the %d members of the calibration set\n\n",
		spec.Name, runs, spec.Steps, len(set))
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "headline\tdefault point\t95% CI\tcalibration set min–max\tmedian")
	for _, r := range rows {
		if spec.Focus < 0 && r.name[:len(focus)] == focus {
			continue
		}
		d := r.get(&def)
		lo, hi := calibrate.Span(hs, r.get)
		if math.IsNaN(d.P) && math.IsNaN(lo) {
			fmt.Fprintf(tw, "%s\t–\t\t–\t–\n", r.name) // never protected
			continue
		}
		fmt.Fprintf(tw, "%s\t%.3f\t[%.3f, %.3f]\t%.3f–%.3f\t%.3f\n", r.name, d.P, d.Lo, d.Hi, lo, hi, calibrate.Median(hs, r.get))
	}
	return tw.Flush()
}
