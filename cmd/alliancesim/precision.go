package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"alliancesim/config"
	"alliancesim/sim"
)

// defaultMaxRuns caps an adaptive ensemble unless --max-runs says otherwise.
const defaultMaxRuns = 100_000

// maxMaxRuns is the largest --max-runs, the largest simulation.runs a config may ask for.
const maxMaxRuns = 10_000_000

// precisionFlags are the flags of adaptive precision (sim.Precision), shared by run, compare
// and sweep.
type precisionFlags struct {
	halfWidth, metric, maxRuns string
}

func (pf *precisionFlags) register(fs *flag.FlagSet, metricDefault string) {
	fs.StringVar(&pf.halfWidth, "precision", "", "grow the ensemble until the 95% interval of --precision-metric has half-width at most `H` (e.g. 0.01): from --runs (rounded up to whole chunks of 256), doubling, up to --max-runs")
	fs.StringVar(&pf.metric, "precision-metric", "", "the `metric` --precision watches (default: "+metricDefault+"), a proportion of runs: "+strings.Join(sim.PrecisionMetrics(), ", "))
	fs.StringVar(&pf.maxRuns, "max-runs", "", fmt.Sprintf("with --precision, never more than `N` runs (default %d)", defaultMaxRuns))
}

// rule returns the rule the flags ask for, nil without --precision. The watched metric is
// --precision-metric, or else the first of defaults that sim.PrecisionMetrics allows; runs is
// the first checkpoint's runs (before rounding).
func (pf *precisionFlags) rule(defaults []string, runs, firstRun int) (*sim.Precision, error) {
	if pf.halfWidth == "" {
		if pf.metric != "" || pf.maxRuns != "" {
			return nil, fmt.Errorf("%w: --precision-metric and --max-runs need --precision H", errUsage)
		}
		return nil, nil
	}
	h, err := strconv.ParseFloat(pf.halfWidth, 64)
	if err != nil || !(h > 0) || math.IsInf(h, 0) {
		return nil, fmt.Errorf("%w: --precision %q: want a half-width > 0, e.g. --precision 0.01", errUsage, pf.halfWidth)
	}
	maxRuns := defaultMaxRuns
	if pf.maxRuns != "" {
		if maxRuns, err = strconv.Atoi(pf.maxRuns); err != nil || maxRuns < 1 || maxRuns > maxMaxRuns {
			return nil, fmt.Errorf("%w: --max-runs %q: allowed a whole number from 1 to %d", errUsage, pf.maxRuns, maxMaxRuns)
		}
	}
	if maxRuns < runs {
		return nil, fmt.Errorf("%w: --max-runs %d is below the %d runs of the first checkpoint (--runs or simulation.runs); allowed: %d or more", errUsage, maxRuns, runs, runs)
	}
	if firstRun > maxRunIndex-maxRuns {
		return nil, fmt.Errorf("%w: --first-run %d: runs up to --max-runs %d overflow the run index", errUsage, firstRun, maxRuns)
	}
	allowed := sim.PrecisionMetrics()
	metric := pf.metric
	if metric == "" {
		for _, m := range defaults {
			if slices.Contains(allowed, m) {
				metric = m
				break
			}
		}
		if metric == "" {
			return nil, fmt.Errorf("%w: --precision: none of the metrics (%s) is a proportion of runs; name one with --precision-metric (allowed: %s)", errUsage, strings.Join(defaults, ", "), strings.Join(allowed, ", "))
		}
	}
	if !slices.Contains(allowed, metric) {
		return nil, fmt.Errorf("%w: --precision-metric %q: allowed %s (proportions of runs: a mean or a rate pooled over decisions would stop too early, see README)", errUsage, metric, strings.Join(allowed, ", "))
	}
	ms, err := sim.LookupMetrics(metric)
	if err != nil {
		return nil, err
	}
	return &sim.Precision{Metric: ms[0], HalfWidth: h, MaxRuns: maxRuns}, nil
}

// metricNames returns the names of metrics, in order.
func metricNames(metrics []sim.Metric) []string {
	var names []string
	for _, m := range metrics {
		names = append(names, m.Name)
	}
	return names
}

// mainMetric is the metric --precision watches in run by default: the focus state's armed
// attack, the headline of a scenario about one state, or else deterrence failure.
func mainMetric(spec *sim.Spec) string {
	if spec.Focus >= 0 {
		return "focus_armed_attacked"
	}
	return "deterrence_failure"
}

// precisionRecord is the provenance of an adaptive ensemble, in every output it makes.
type precisionRecord struct {
	Rule    string  `json:"rule"`
	Metric  string  `json:"metric"`
	Target  float64 `json:"half_width_target"`
	MaxRuns int     `json:"max_runs"`
	// Runs is the runs used; HalfWidth the watched metric's half-width at Runs (the widest over
	// options or grid points), null if undefined; Met whether it is at most Target.
	Runs        int      `json:"runs"`
	HalfWidth   *float64 `json:"half_width"`
	Met         bool     `json:"met"`
	Checkpoints []int    `json:"checkpoints"`
}

const precisionRule = "checkpoints from the first runs rounded up to whole chunks of 256, doubling, capped at max_runs; " +
	"at each, the half-width projected to the next checkpoint (half_width × sqrt(n/next)); when it meets the target the next checkpoint is the last"

func newPrecisionRecord(p *sim.Precision, r sim.Reached) *precisionRecord {
	return &precisionRecord{Rule: precisionRule, Metric: p.Metric.Name, Target: p.HalfWidth, MaxRuns: p.MaxRuns,
		Runs: r.Runs, HalfWidth: finiteOrNil(r.HalfWidth), Met: r.Met, Checkpoints: r.Checkpoints}
}

func finiteOrNil(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// String is the line a command prints about it.
func (r *precisionRecord) String() string {
	hw := "undefined"
	if r.HalfWidth != nil {
		hw = strconv.FormatFloat(*r.HalfWidth, 'g', 3, 64)
	}
	verdict := "meets"
	if !r.Met {
		verdict = "misses"
	}
	var cps []string
	for _, c := range r.Checkpoints {
		cps = append(cps, strconv.Itoa(c))
	}
	return fmt.Sprintf("precision: %s half-width %s %s the target %g at %d runs (checkpoints %s; at most %d)",
		r.Metric, hw, verdict, r.Target, r.Runs, strings.Join(cps, ", "), r.MaxRuns)
}

// flags returns the command-line flags that make the same rule, for reproduce.
func (r *precisionRecord) flags() []string {
	return []string{"--precision", strconv.FormatFloat(r.Target, 'g', -1, 64), "--precision-metric", r.Metric,
		"--max-runs", strconv.Itoa(r.MaxRuns)}
}

// sweepTo runs a sweep grown to a precision: every point together, to the same runs.
func sweepTo(ctx context.Context, e *env, od *outDir, prov provenance, f *config.File, spec *sim.Spec, axes []sim.Axis, metrics []sim.Metric, prec *sim.Precision, rf runFlags) error {
	total := sim.GridSize(axes)
	bar := newProgress(e, rf.quiet, total*prec.MaxRuns, "runs") // the ETA is to --max-runs
	pts, reached, err := sim.SweepTo(ctx, spec, axes, *prec, sim.SweepOptions{Workers: rf.workers, Metrics: metrics, Progress: bar.update})
	bar.finish()
	if err != nil {
		if s := e.signal(); s != nil {
			return interruptedBy(s, "no sweep output was written; rerun the same command to start again")
		}
		return err
	}
	grown := *spec
	grown.Runs = reached.Runs
	prov.Precision = newPrecisionRecord(prec, reached)
	fmt.Fprintln(e.stderr, prov.Precision)
	return finishSweep(e, od, prov, f, &grown, axes, metrics, pts, nil)
}
