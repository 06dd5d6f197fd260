package main

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/plot/vg"

	"alliancesim/agents"
	"alliancesim/plots"
	"alliancesim/sim"
	"alliancesim/sim/calibrate"
	"alliancesim/sim/stats"
)

const validateDoc = `Run the calibration checks of the model against published figures (docs/ODD.md §9) and print a
table: quantity, published target and source, model value with its 95% interval, tolerance,
pass/fail. Exit 1 when a check fails.
  - honour rates of triggered alliance and treaty commitments (Leeds, Long & Mitchell 2000;
    Berkemeier & Fuhrmann 2018), for the calibration pair;
  - dispute and war onsets per year in a population of random neighbouring pairs of states
    (Correlates of War / MID), with their revisionism r ~ Beta(a, b) fitted first;
  - the pattern of NATO's burdens as a model output: from equal starts (every member at 2%),
    the model's size–burden rank correlation beside the 2024 data's -0.36, how many of the five
    highest burdens are the five members nearest the threat, and how the members' burdens rank
    against their 2024 data (two ensembles of 200 runs); and the size–burden correlation of an
    alliance of free-riders (Olson & Zeckhauser 1966).
The model's parameters are those of the scenario (default europe-2025) with any --set applied.
With --out DIR it also writes validate.csv and validate.png.
With --calibration-set it prints instead the scenario's headlines (deterrence failure, armed
failure, and the focus state's failure and attacks) at its own parameters, with their 95%
intervals, beside their range (min–max, and median) over the calibration set (data/calibration-set.csv, or
--set-file): each member's decision parameters in place of the scenario's, --set-runs runs each.`

func cmdValidate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "validate", "[SCENARIO|FILE.toml] [flags]", validateDoc)
	var sets multiFlag
	fs.Var(&sets, "set", "override a parameter, `path=value` (repeatable)")
	pairs := fs.Int("pairs", 40000, "`pairs` of states in the calibration population")
	seed := fs.Uint64("seed", 1, "`seed` of the calibration population")
	workers := fs.Int("workers", 0, "worker goroutines (default: GOMAXPROCS, the cores the process may use)")
	out := fs.String("out", "", "also write validate.csv and validate.png to `DIR`")
	calSet := fs.Bool("calibration-set", false, "print the headlines over the calibration set instead of the checks")
	setFile := fs.String("set-file", "", "read the calibration set from `FILE` (default: the set that ships with the model)")
	setRuns := fs.Int("set-runs", 1000, "`runs` at the default point and at each member of the calibration set")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *pairs < 100 || *pairs > 10_000_000 {
		return fmt.Errorf("%w: --pairs %d: allowed 100 to 10000000", errUsage, *pairs)
	}
	rf := runFlags{sets: sets, workers: *workers}
	f, err := rf.load(pos)
	if err != nil {
		return err
	}
	spec, err := f.Spec()
	if err != nil {
		return err
	}
	if *calSet {
		if *setRuns < 1 || *setRuns > 1_000_000 {
			return fmt.Errorf("%w: --set-runs %d: allowed 1 to 1000000", errUsage, *setRuns)
		}
		return validateSet(ctx, e, spec, *setFile, *setRuns, *workers)
	}
	pop := calibrate.DefaultPopulation()
	pop.Pairs = *pairs
	opt := calibrate.Options{Pop: &pop, Seed: *seed, Workers: *workers}
	if k := largestAlliance(spec); k >= 0 {
		for _, i := range spec.Guarantees[k].Guarantors {
			opt.Economies = append(opt.Economies, spec.States[i].Economy)
		}
		opt.Burden, err = calibrate.BurdenCheck(spec, calibrate.BurdenRun{Alliance: k, Equal: calibrate.EqualBurden,
			Frontline: calibrate.Frontline(spec, k, 5), Runs: burdenRuns, Seed: *seed})
		if err != nil {
			return err
		}
	}
	checks, err := calibrate.Checks(ctx, spec.Params, opt)
	if err != nil {
		return err
	}
	failed := printChecks(e, checks)
	if *out != "" {
		if err := writeChecks(*out, checks, opt.Burden); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote %s: %s\n", *out, strings.Join(outputNames["validate"], ", "))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d checks failed", failed, len(checks))
	}
	return nil
}

// burdenRuns is the runs of each of the generative burden check's two ensembles.
const burdenRuns = 200

// largestAlliance returns the index of the scenario's largest alliance (NATO in the European
// scenarios), or -1 if none has four members or more.
func largestAlliance(spec *sim.Spec) int {
	best := -1
	for k, g := range spec.Guarantees {
		if g.Kind == agents.Alliance && (best < 0 || len(g.Guarantors) > len(spec.Guarantees[best].Guarantors)) {
			best = k
		}
	}
	if best < 0 || len(spec.Guarantees[best].Guarantors) < 4 {
		return -1
	}
	return best
}

func printChecks(e *env, checks []calibrate.Check) (failed int) {
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "quantity\ttarget\tsource\tmodel\t95% CI\ttolerance\tresult")
	for _, c := range checks {
		res := "pass"
		if !c.Pass {
			res = "FAIL"
			failed++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.4g\t%s\t%s\t%s\n", c.Quantity, c.Target, c.Source, c.Value.P, ci4(c.Value), c.Tolerance, res)
	}
	tw.Flush()
	return failed
}

func ci4(iv stats.Interval) string {
	if iv.Lo == iv.Hi {
		return ""
	}
	return fmt.Sprintf("[%.4g, %.4g]", iv.Lo, iv.Hi)
}

func writeChecks(dir string, checks []calibrate.Check, burden *calibrate.BurdenPattern) error {
	od, err := openOut(dir, "validate", "", true, nil)
	if err != nil {
		return err
	}
	defer od.close()
	var b strings.Builder
	b.WriteString("quantity,target,source,model,lo,hi,tolerance,pass\n")
	var bars []plots.Bar
	for _, c := range checks {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%t\n", csvText(c.Quantity), csvText(c.Target), csvText(c.Source),
			csvFloat(c.Value.P), csvFloat(c.Value.Lo), csvFloat(c.Value.Hi), csvText(c.Tolerance), c.Pass)
		// The chart shows the checks with a single published number as model / target.
		var target float64
		if _, err := fmt.Sscan(strings.Fields(c.Target)[0], &target); err != nil || target <= 0 {
			continue
		}
		label := shortQuantity(c.Quantity)
		bars = append(bars, plots.Bar{Label: label, Interval: plots.Interval{
			P: c.Value.P / target, Lo: c.Value.Lo / target, Hi: c.Value.Hi / target}})
	}
	if err := writeFileAtomic(filepath.Join(dir, "validate.csv"), []byte(b.String())); err != nil {
		return err
	}
	o := plots.Options{}
	chart, err := plots.Outcomes(bars, "Model / published figure", o)
	if err != nil {
		return err
	}
	if err := plots.Save(chart, filepath.Join(dir, "validate.png"), o); err != nil {
		return err
	}
	if err := writeBurdens(dir, burden); err != nil {
		return err
	}
	return od.finish(outputNames["validate"]...)
}

// writeBurdens writes burdens.csv and burdens.png: each member's defence burden in the data
// beside the model's mean at the end of 20 years, from equal starts (with its 95% interval over
// runs) and from the data (docs/ODD.md §9.3). Without an alliance to check, both say so.
func writeBurdens(dir string, bp *calibrate.BurdenPattern) error {
	var b strings.Builder
	b.WriteString("member,economy,data_burden,model_equal_start,model_equal_start_lo,model_equal_start_hi,model_from_data\n")
	var names []string
	var values [][]plots.Interval
	pct := func(x float64) float64 { return 100 * x }
	if bp != nil {
		last := bp.Path[len(bp.Path)-1]
		for k, m := range bp.Members {
			var mo stats.Moments
			for _, x := range bp.EqualRuns[k] {
				mo.Add(x)
			}
			eq := mo.MeanCI(0.95)
			fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s\n", csvText(m), csvFloat(bp.Economy[k]), csvFloat(bp.Data[k]),
				csvFloat(eq.P), csvFloat(eq.Lo), csvFloat(eq.Hi), csvFloat(last[k]))
			names = append(names, m)
			values = append(values, []plots.Interval{
				{P: pct(bp.Data[k]), Lo: math.NaN(), Hi: math.NaN()},
				{P: pct(eq.P), Lo: pct(eq.Lo), Hi: pct(eq.Hi)},
				{P: pct(last[k]), Lo: math.NaN(), Hi: math.NaN()},
			})
		}
	}
	if err := writeFileAtomic(filepath.Join(dir, "burdens.csv"), []byte(b.String())); err != nil {
		return err
	}
	if len(names) == 0 {
		return nil
	}
	o := plots.Options{Width: plots.DoubleColumn, Height: 7.5 * vg.Centimeter}
	burden := "Defence burden (% of GDP)"
	chart, err := plots.Compare(names, []plots.Quantity{{Label: "2024 data", Axis: burden},
		{Label: "Model, from equal starts (year 20)", Axis: burden}, {Label: "Model, from the 2024 data (year 20)", Axis: burden}}, values, o)
	if err != nil {
		return err
	}
	return plots.Save(chart, filepath.Join(dir, "burdens.png"), o)
}

// shortQuantity names a check in a few words for a chart.
func shortQuantity(q string) string {
	for _, k := range []struct{ key, label string }{
		{"alliance", "Alliance honoured"}, {"treaty", "Treaty honoured"},
		{"dispute", "Disputes"}, {"war onsets", "Wars"},
		{"free-riding", "Free-riding"}, {"size–burden rank correlation from equal", "Size–burden (model)"},
		{"five highest", "Frontline top 5"}, {"2024 burdens", "Burden ranks"},
	} {
		if strings.Contains(q, k.key) {
			return k.label
		}
	}
	if len(q) > 24 {
		return q[:24]
	}
	return q
}
