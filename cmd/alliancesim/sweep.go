package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"alliancesim/config"
	"alliancesim/plots"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

const sweepDoc = `Run the scenario at every point of a full 1-D or 2-D grid over config paths (the same dotted
paths as --set) and write sweep.csv (one row per point), sweep-long.csv (one row per point and metric), sweep.json, and sweep.png (1-D:
a line per metric with its 95% band) or heatmap.png (2-D, the first metric).
Every point uses the same run seeds (common random numbers); for binary metrics each row also
gives the paired difference from the previous point along the last axis, with Newcombe's
interval, beside the interval independent seeds would have given.
  --param PATH=LO:HI:N   N evenly spaced numbers from LO to HI (N from 1 to 1000)
  --values PATH=a,b,c    listed values: numbers, true/false, or choices such as strategy names
Without --param and --values, the axes are the config's [[sweep]] tables, so that a sweep is
reproducible from its config alone (see ` + "`alliancesim init`" + `):
  [[sweep]]
  path = "rep.init"
  range = [0.3, 0.9]     # with n: as --param rep.init=0.3:0.9:7
  n = 7
  [[sweep]]
  path = "state.Germany.strategy"
  values = ["buckpass", "balance"]   # as --values state.Germany.strategy=buckpass,balance
Any --param or --values replaces all of the config's [[sweep]] tables.`

// defaultSweepMetrics are the metrics a sweep reports unless --metric says otherwise.
const defaultSweepMetrics = "deterrence_failure,armed_failure,focus_attacked"

func cmdSweep(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sweep", "[SCENARIO|FILE.toml] [--param PATH=LO:HI:N] [--values PATH=a,b] [flags]", sweepDoc)
	var rf runFlags
	rf.register(fs)
	var params, values multiFlag
	fs.Var(&params, "param", "a swept path, `PATH=LO:HI:N` (repeatable; at most two axes in all)")
	fs.Var(&values, "values", "a swept path with listed values, `PATH=a,b,c` (repeatable)")
	withRows := fs.Bool("rows", false, "also write sweep-runs.csv and sweep-states.csv: every point's runs.csv and states.csv in one long table each (large: points × runs × states rows)")
	resume := fs.Bool("resume", false, "skip grid points already complete in the output directory (from an interrupted sweep of the same config)")
	metricList := fs.String("metric", defaultSweepMetrics,
		"comma-separated `metrics`: "+strings.Join(sim.MetricNames(), ", "))
	var pf precisionFlags
	pf.register(fs, "the first --metric that is a proportion of runs; the widest half-width over the grid points must meet the target, and all points get the same runs")
	stageFlag := fs.String("stage", "", "with --precision and --shard: compute the shard's runs of stage `S` of the rule at every grid point (0 is the first checkpoint's runs, S the runs from checkpoint S-1 to S), once every shard of the stages before it has written its part into --out; a stage the rule does not need does nothing")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	metrics, err := sim.LookupMetrics(*metricList)
	if err != nil {
		return fmt.Errorf("%w: --metric: %v", errUsage, err)
	}
	f, err := rf.load(pos)
	if err != nil {
		return err
	}
	f, axes, err := sweepConfig(f, params, values)
	if err != nil {
		return err
	}
	if len(axes) == 0 || len(axes) > config.MaxSweeps {
		return fmt.Errorf("%w: a sweep needs one or two axes (--param or --values, or the config's [[sweep]] tables), got %d", errUsage, len(axes))
	}
	spec, err := f.Spec()
	if err != nil {
		return err
	}
	if err := rf.applyFirstRun(spec); err != nil {
		return err
	}
	if err := checkMemory(spec, rf.workers, availableMemory()); err != nil {
		return err
	}
	out, err := outFor(rf.out, spec.Name, "-sweep")
	if err != nil {
		return err
	}
	prov := provenance{Version: version, ConfigSHA256: f.Hash(), Seed: spec.Seed, SeedScheme: seedScheme, Schema: resultsSchema}
	total := sim.GridSize(axes)
	sh, err := parseShard(rf.shard, os.Getenv)
	if err != nil {
		return err
	}
	// A shard follows the rule stage by stage (sweepstage.go), not in one go.
	prec, err := pf.rule(metricNames(metrics), spec.Runs, spec.FirstRun)
	if err != nil {
		return err
	}
	stage, cps, err := parseStage(*stageFlag, prec, sh, spec.Runs)
	if err != nil {
		return err
	}
	if prec != nil && *resume {
		return fmt.Errorf("%w: --precision with --resume: an adaptive sweep keeps no points until its last checkpoint; rerun it without --resume", errUsage)
	}
	if *withRows && (sh != nil || prec != nil) {
		return fmt.Errorf("%w: --rows with --shard or --precision: the per-run rows are written by an unsharded sweep of fixed runs", errUsage)
	}
	od, err := openOut(out, "sweep", prov.ConfigSHA256, rf.force, sh)
	if err != nil {
		return err
	}
	defer od.close()
	if stage != nil {
		return sweepStage(ctx, e, out, stage, sh, prov, sweepID(prov.ConfigSHA256, axes, metrics), f, spec, axes, metrics, prec, cps, rf.workers)
	}
	if prec != nil {
		return sweepTo(ctx, e, od, prov, f, spec, axes, metrics, prec, rf)
	}
	bar := newProgress(e, rf.quiet, total*spec.Runs, "runs")
	id := sweepID(prov.ConfigSHA256, axes, metrics)
	store, err := openPointStore(out, newPointID(id, prov.ConfigSHA256, spec, axes, len(metrics), sh), *resume, rf.force)
	if err != nil {
		return err
	}
	sopt := sim.SweepOptions{Workers: rf.workers, Metrics: metrics, Progress: bar.update, Skip: store.has, Done: store.save}
	if sh != nil {
		sopt.Chunk = sh.has
	}
	if *withRows {
		// Each point's runs.csv is kept beside its point, committed before it, so that
		// --resume finds the rows of every point it skips.
		var open *atomicFile
		defer func() {
			if open != nil {
				open.abort()
			}
		}()
		sopt.Rows = func(idx int) (io.Writer, error) {
			var err error
			open, err = createAtomic(store.rowsName(idx))
			return open, err
		}
		sopt.Done = func(p *sim.SweepPoint) error {
			if err := open.commit(); err != nil {
				return err
			}
			open = nil
			return store.save(p)
		}
	}
	_, err = sim.Sweep(ctx, spec, axes, sopt)
	bar.finish()
	if err != nil {
		if s := e.signal(); s != nil {
			return interruptedBy(s, fmt.Sprintf("kept %d of %d grid points in %s; no sweep.csv was written. Resume with the same command and --resume",
				store.count(), total, store.dir))
		}
		return err
	}
	if sh != nil {
		if err := writeSweepManifest(out, sh, prov, id, f, spec, axes, metrics); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote %s: shard %s of %d points (%s); combine the shards with alliancesim merge %s\n",
			out, sh, total, sh.base(), out)
		return nil
	}
	pts, err := store.load(total)
	if err != nil {
		return err
	}
	var rows []rowPart
	if *withRows {
		var scratch sim.Spec
		for idx := range total {
			spec.CopyTo(&scratch)
			key := strconv.Itoa(idx) + ","
			for k, a := range axes {
				a.Set(&scratch, pts[idx].Values[k])
				key += csvText(pts[idx].Labels[k]) + ","
			}
			ps := new(sim.Spec)
			scratch.CopyTo(ps)
			name := store.rowsName(idx)
			if _, err := os.Stat(name); err != nil {
				return fmt.Errorf("grid point %d has no rows (computed without --rows before --resume?): %w; rerun without --resume", idx, err)
			}
			rows = append(rows, rowPart{path: name, hash: prov.ConfigSHA256, key: key, spec: ps})
		}
	}
	return finishSweep(e, od, prov, f, spec, axes, metrics, pts, rows)
}

// finishSweep writes sweep.csv, sweep.json and the chart, with rows (the points' runs.csv)
// sweep-runs.csv and sweep-states.csv, and prints the table.
func finishSweep(e *env, od *outDir, prov provenance, f *config.File, spec *sim.Spec, axes []sim.Axis, metrics []sim.Metric, pts []*sim.SweepPoint, rows []rowPart) error {
	out := od.dir
	total := len(pts)
	res := newSweepResult(prov, f, spec, axes, metrics, pts)
	resources, files := res.resources(), []string{"sweep.csv", "sweep-long.csv", "sweep.json", dataPackageName}
	if rows != nil {
		names, err := writeRowTables(out, "sweep", append([]string{"point"}, res.axisColumns()...), rows)
		if err != nil {
			return err
		}
		files = append(files, names...)
		keys := append([]sim.ColumnDoc{{Name: "point", Type: "integer", Description: "index of the grid point, row-major over the axes"}}, res.axisDocs()...)
		resources = append(resources, rowResources("sweep", "grid point", keys, "point")...)
	} else {
		for _, name := range []string{"sweep-runs.csv", "sweep-states.csv"} { // an earlier --rows's
			if err := os.Remove(filepath.Join(out, name)); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	if err := writeFileAtomic(filepath.Join(out, "sweep.csv"), res.csv()); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(out, "sweep-long.csv"), res.longCSV()); err != nil {
		return err
	}
	if err := writeDataPackage(out, "sweep", title("sweep", spec.Name), resources); err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(out, "sweep.json"), res); err != nil {
		return err
	}
	chart, err := res.draw(out, plots.Options{})
	if err != nil {
		return err
	}
	if err := od.finish(append(files, chart)...); err != nil {
		return err
	}
	if err := od.writeRunInfo(e); err != nil {
		return err
	}
	res.print(e)
	fmt.Fprintf(e.stderr, "wrote %s: sweep.csv, sweep-long.csv, sweep.json, %s (%d points × %d runs)\n", out, chart, total, spec.Runs)
	return nil
}

// sweepConfig returns the axes of a sweep of f, and f with them as its [[sweep]] tables, in
// canonical form: the axes of --param and --values replace the config's own, so that the config
// sweep.json records reproduces the sweep alone, and its hash covers the axes.
func sweepConfig(f *config.File, params, values []string) (*config.File, []sim.Axis, error) {
	if len(params) == 0 && len(values) == 0 {
		// The config's own sweeps; Load has checked them, and the command line changed no
		// value they depend on.
		axes, err := f.SweepAxes()
		return f, axes, err
	}
	var axes []sim.Axis
	var sweeps []config.Sweep
	var flags []string // the flag that gave each axis, for errors
	for _, p := range params {
		a, sw, err := paramAxis(f, p)
		if err != nil {
			return nil, nil, err
		}
		axes, sweeps, flags = append(axes, a), append(sweeps, sw), append(flags, "--param "+p)
	}
	for _, v := range values {
		a, sw, err := valuesAxis(f, v)
		if err != nil {
			return nil, nil, err
		}
		axes, sweeps, flags = append(axes, a), append(sweeps, sw), append(flags, "--values "+v)
	}
	if err := distinctAxes(f, axes, flags); err != nil {
		return nil, nil, err
	}
	if len(axes) > config.MaxSweeps {
		return nil, nil, fmt.Errorf("%w: a sweep needs one or two axes (--param or --values, or the config's [[sweep]] tables), got %d", errUsage, len(axes))
	}
	f.Sweeps = sweeps
	// Loaded back from its canonical encoding, as a reader of sweep.json loads it: a listed
	// value is labelled as the config writes it (0.1, not 0.10).
	g, err := config.Load(f.Name, mustTOML(f))
	if err != nil {
		return nil, nil, err
	}
	axes, err = g.SweepAxes()
	return g, axes, err
}

// distinctAxes refuses two axes of one value, however its path is spelled: the later axis
// would override the earlier at every point, which would then be labelled with values it did
// not run.
func distinctAxes(f *config.File, axes []sim.Axis, flags []string) error {
	first := map[string]int{}
	for i, a := range axes {
		p, err := config.CanonicalPath(f, a.Path)
		if err != nil {
			return err
		}
		if j, dup := first[p]; dup {
			return fmt.Errorf("%w: %s and %s both sweep %s (allowed: a different value on each axis)", errUsage, flags[j], flags[i], p)
		}
		first[p] = i
	}
	return nil
}

// parseParam parses PATH=LO:HI:N.
func parseParam(f *config.File, s string) (sim.Axis, error) {
	a, _, err := paramAxis(f, s)
	return a, err
}

// paramAxis parses PATH=LO:HI:N into its axis and the equivalent [[sweep]] table.
func paramAxis(f *config.File, s string) (sim.Axis, config.Sweep, error) {
	path, rng, ok := strings.Cut(s, "=")
	parts := strings.Split(rng, ":")
	if !ok || len(parts) != 3 {
		return sim.Axis{}, config.Sweep{}, fmt.Errorf("%w: --param %q: want PATH=LO:HI:N, e.g. --param rep.init=0.3:0.9:7", errUsage, s)
	}
	lo, err1 := strconv.ParseFloat(parts[0], 64)
	hi, err2 := strconv.ParseFloat(parts[1], 64)
	n, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return sim.Axis{}, config.Sweep{}, fmt.Errorf("%w: --param %q: LO and HI must be numbers and N a whole number", errUsage, s)
	}
	if n < 1 || n > 1000 || (n == 1) != (lo == hi) {
		return sim.Axis{}, config.Sweep{}, fmt.Errorf("%w: --param %q: N must be 1 to 1000 (1 only when LO = HI)", errUsage, s)
	}
	_, choices, err := config.Setter(f, path)
	if err != nil {
		return sim.Axis{}, config.Sweep{}, err
	}
	if choices != nil {
		return sim.Axis{}, config.Sweep{}, fmt.Errorf("%w: --param %q: %s takes one of %s; use --values", errUsage, s, path, strings.Join(choices, ", "))
	}
	// The axis of the equivalent [[sweep]] table: the same values and labels.
	sw := config.Sweep{Path: path, Range: []float64{lo, hi}, N: n}
	a, err := sw.Axis(f)
	if err != nil { // LO and HI too close for N different numbers
		return sim.Axis{}, config.Sweep{}, fmt.Errorf("%w: --param %q: %v", errUsage, s, err)
	}
	return a, sw, nil
}

// parseValues parses PATH=a,b,c.
func parseValues(f *config.File, s string) (sim.Axis, error) {
	a, _, err := valuesAxis(f, s)
	return a, err
}

// valuesAxis parses PATH=a,b,c into its axis and the equivalent [[sweep]] table.
func valuesAxis(f *config.File, s string) (sim.Axis, config.Sweep, error) {
	path, list, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(list) == "" {
		return sim.Axis{}, config.Sweep{}, fmt.Errorf("%w: --values %q: want PATH=a,b,c, e.g. --values state.Germany.strategy=buckpass,balance", errUsage, s)
	}
	_, choices, err := config.Setter(f, path)
	if err != nil {
		return sim.Axis{}, config.Sweep{}, err
	}
	items := strings.Split(list, ",")
	if len(items) > config.MaxSweepValues {
		return sim.Axis{}, config.Sweep{}, fmt.Errorf("--values %s: %d values are too many (allowed: at most %d)", path, len(items), config.MaxSweepValues)
	}
	var seen []float64
	for i, item := range items {
		item = strings.TrimSpace(item)
		items[i] = item
		if choices != nil {
			if !slices.Contains(choices, item) {
				return sim.Axis{}, config.Sweep{}, fmt.Errorf("--values %s: %q is not allowed (allowed: %s)", path, item, strings.Join(choices, ", "))
			}
			if slices.Contains(items[:i], item) {
				return sim.Axis{}, config.Sweep{}, fmt.Errorf("--values %s: %q is listed twice", path, item)
			}
			continue
		}
		v, err := strconv.ParseFloat(item, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return sim.Axis{}, config.Sweep{}, fmt.Errorf("--values %s: %q is not a number", path, item)
		}
		if slices.Contains(seen, v) {
			return sim.Axis{}, config.Sweep{}, fmt.Errorf("--values %s: %q is listed twice", path, item)
		}
		seen = append(seen, v)
	}
	// The axis of the equivalent [[sweep]] table: the same values and labels.
	sw := config.Sweep{Path: path, Values: items}
	a, err := sw.Axis(f)
	if err != nil {
		return sim.Axis{}, config.Sweep{}, fmt.Errorf("--values %q: %v", s, err)
	}
	return a, sw, nil
}

// sweepResult is sweep.json; sweep.csv and the charts are drawn from it alone, so that
// `alliancesim plot` can redraw them.
type sweepResult struct {
	provenance
	Scenario string        `json:"scenario"`
	Runs     int           `json:"runs"`
	Steps    int           `json:"steps"`
	FirstRun int           `json:"first_run"`
	Axes     []sweepAxis   `json:"axes"`
	Metrics  []sweepMetric `json:"metrics"`
	Points   []sweepPoint  `json:"points"`
	Config   string        `json:"config"`
}

type sweepAxis struct {
	Path   string    `json:"path"`
	Values []float64 `json:"values"`
	Labels []string  `json:"labels"`
}

type sweepMetric struct {
	Name  string `json:"name"`
	Label string `json:"label"`
}

type sweepPoint struct {
	Values  []float64        `json:"values"`
	Labels  []string         `json:"labels"`
	Metrics []stats.Interval `json:"metrics"`
	// N is each metric's denominator: runs, decisions, or the runs in which the focus state
	// held a guarantee (see sim.Metric.Denominator).
	N []int64 `json:"n"`
	// Diff is the paired difference from the previous point along the last axis (null for the
	// first point of a row, and for metrics that are not per-run yes/no outcomes); Indep is the
	// interval independent seeds would have given the same difference.
	Diff  []*stats.Interval `json:"diff"`
	Indep []*stats.Interval `json:"indep"`
}

func newSweepResult(prov provenance, f *config.File, spec *sim.Spec, axes []sim.Axis, metrics []sim.Metric, pts []*sim.SweepPoint) *sweepResult {
	var cfg strings.Builder
	f.WriteTOML(&cfg, false)
	r := &sweepResult{provenance: prov, Scenario: spec.Name, Runs: spec.Runs, Steps: spec.Steps, FirstRun: spec.FirstRun, Config: cfg.String()}
	for _, a := range axes {
		r.Axes = append(r.Axes, sweepAxis{Path: a.Path, Values: a.Values, Labels: a.Labels})
	}
	for _, m := range metrics {
		r.Metrics = append(r.Metrics, sweepMetric{Name: m.Name, Label: m.Label})
	}
	last := len(axes) - 1
	for i, p := range pts {
		sp := sweepPoint{Values: p.Values, Labels: p.Labels, Metrics: p.Metrics, N: p.N,
			Diff: make([]*stats.Interval, len(metrics)), Indep: make([]*stats.Interval, len(metrics))}
		if i > 0 && p.Coord[last] > 0 {
			for m := range metrics {
				if d, ind, ok := sim.PairedDiff(pts[i-1], p, m, spec.Runs); ok {
					sp.Diff[m], sp.Indep[m] = &d, &ind
				}
			}
		}
		r.Points = append(r.Points, sp)
	}
	return r
}

func (r *sweepResult) csv() []byte {
	var b strings.Builder
	var cols []string
	for _, a := range r.Axes {
		cols = append(cols, columnSafe(a.Path))
	}
	for _, m := range r.Metrics {
		cols = append(cols, m.Name, m.Name+"_lo", m.Name+"_hi", m.Name+"_n")
	}
	for _, m := range r.Metrics {
		cols = append(cols, "diff_"+m.Name, "diff_"+m.Name+"_lo", "diff_"+m.Name+"_hi",
			"diff_"+m.Name+"_indep_lo", "diff_"+m.Name+"_indep_hi")
	}
	b.WriteString(strings.Join(cols, ",") + "\n")
	for _, p := range r.Points {
		var row []string
		for k := range r.Axes {
			row = append(row, csvText(p.Labels[k]))
		}
		for m, iv := range p.Metrics {
			row = append(row, csvFloat(iv.P), csvFloat(iv.Lo), csvFloat(iv.Hi), strconv.FormatInt(p.N[m], 10))
		}
		for m := range r.Metrics {
			if d := p.Diff[m]; d != nil {
				row = append(row, csvFloat(d.P), csvFloat(d.Lo), csvFloat(d.Hi), csvFloat(p.Indep[m].Lo), csvFloat(p.Indep[m].Hi))
			} else {
				row = append(row, "NA", "NA", "NA", "NA", "NA")
			}
		}
		b.WriteString(strings.Join(row, ",") + "\n")
	}
	return []byte(b.String())
}

// draw writes sweep.png (1-D) or heatmap.png (2-D) and returns the file's name.
func (r *sweepResult) draw(dir string, o plots.Options) (string, error) {
	name, c, err := r.chart(o, r.chartLabels(nil))
	if err != nil {
		return "", err
	}
	return name, plots.Save(c, filepath.Join(dir, name), o)
}

func (r *sweepResult) print(e *env) {
	var b strings.Builder
	for _, a := range r.Axes {
		fmt.Fprintf(&b, "%-12s ", a.Path)
	}
	for _, m := range r.Metrics {
		fmt.Fprintf(&b, "%-28s ", m.Name)
	}
	fmt.Fprintln(e.stdout, strings.TrimRight(b.String(), " "))
	for _, p := range r.Points {
		b.Reset()
		for _, l := range p.Labels {
			fmt.Fprintf(&b, "%-12s ", l)
		}
		for _, iv := range p.Metrics {
			fmt.Fprintf(&b, "%-28s ", strings.TrimSpace(num(iv.P)+" "+ci(iv)))
		}
		fmt.Fprintln(e.stdout, strings.TrimRight(b.String(), " "))
	}
}

func csvFloat(v float64) string {
	if math.IsNaN(v) {
		return "NA"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func csvText(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

func columnSafe(s string) string { return strings.NewReplacer(",", "_", " ", "_", `"`, "_").Replace(s) }
