package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"alliancesim/config"
	"alliancesim/plots"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

const compareDoc = `Run several scenarios, or variants of one, with the same run seeds (paired), and write
compare.csv (one row per option), compare-long.csv (one row per option and metric), compare.json, compare.png (grouped bars of the metrics with
95% whiskers) and survival.png (the Kaplan–Meier curves of all options on one chart).
Each argument is a scenario name or file, or NAME:path=value,path=value for a variant of the
argument before it. Runs and seed come from the first option unless --runs and --seed say.`

// option is one argument of compare.
type option struct {
	name string
	arg  string // the command-line argument that gave it
	file *config.File
}

func cmdCompare(ctx context.Context, e *env, args []string) error {
	return compareOptions(ctx, e, args, nil)
}

// compareOptions runs compare with the command line args; given, when not nil, are the options
// instead of positional arguments (alliancesim reproduce).
func compareOptions(ctx context.Context, e *env, args []string, given []option) error {
	fs := newFlags(e, "compare", "A B C... [flags]", compareDoc)
	var rf runFlags
	rf.register(fs)
	metricList := fs.String("metric", "focus_attacked,focus_armed_attacked,deterrence_failure,armed_failure",
		"comma-separated `metrics`: "+strings.Join(sim.MetricNames(), ", "))
	var pf precisionFlags
	pf.register(fs, "the first --metric that is a proportion of runs; the widest half-width over the options must meet the target, and all options get the same runs")
	stageFlag := fs.String("stage", "", "with --precision and --shard: compute the shard's runs of stage `S` of the rule for every option (0 is the first checkpoint's runs, S the runs from checkpoint S-1 to S), once every shard of the stages before it has written its part into --out; a stage the rule does not need does nothing")
	withRows := fs.Bool("rows", false, "also write compare-runs.csv and compare-states.csv: every option's runs.csv and states.csv in one long table each (large: options × runs × states rows)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 && given == nil {
		return fmt.Errorf("%w: compare needs at least two options", errUsage)
	}
	metrics, err := sim.LookupMetrics(*metricList)
	if err != nil {
		return fmt.Errorf("%w: --metric: %v", errUsage, err)
	}
	opts := given
	if opts == nil {
		if opts, err = rf.loadOptions(pos); err != nil {
			return err
		}
	}
	var specs []*sim.Spec
	var hashes []string
	for _, o := range opts {
		spec, err := o.file.Spec()
		if err != nil {
			return fmt.Errorf("%s: %w", o.name, err)
		}
		if len(specs) > 0 { // every option runs with the first one's runs and seeds (paired)
			spec.Runs, spec.Seed = specs[0].Runs, specs[0].Seed
		}
		if err := rf.applyFirstRun(spec); err != nil {
			return err
		}
		if err := checkMemory(spec, rf.workers, availableMemory()); err != nil {
			return fmt.Errorf("%s: %w", o.name, err)
		}
		specs = append(specs, spec)
		hashes = append(hashes, o.file.Hash())
	}
	out := rf.out
	if out == "" {
		var names []string
		for _, o := range opts {
			names = append(names, o.name)
		}
		out = compareOut(names)
	}
	prov := provenance{Version: version, ConfigSHA256: hashOf(hashes), Seed: specs[0].Seed, SeedScheme: seedScheme, Schema: resultsSchema}
	sh, err := parseShard(rf.shard, os.Getenv)
	if err != nil {
		return err
	}
	// A shard follows the rule stage by stage (comparestage.go), not in one go.
	prec, err := pf.rule(metricNames(metrics), specs[0].Runs, specs[0].FirstRun)
	if err != nil {
		return err
	}
	stage, cps, err := parseStage(*stageFlag, prec, sh, specs[0].Runs)
	if err != nil {
		return err
	}
	if *withRows && (sh != nil || prec != nil) {
		return fmt.Errorf("%w: --rows with --shard or --precision: the per-run rows are written by an unsharded comparison of fixed runs", errUsage)
	}
	od, err := openOut(out, "compare", prov.ConfigSHA256, rf.force, sh)
	if err != nil {
		return err
	}
	defer od.close()
	if stage != nil {
		return compareStage(ctx, e, out, stage, sh, prov, opts, specs, hashes, metrics, prec, cps, rf.workers)
	}
	runs := specs[0].Runs
	if prec != nil {
		runs = prec.MaxRuns // for the bar: the ETA is to --max-runs, the most it may take
	}
	bar := newProgress(e, rf.quiet, len(specs)*runs, "runs")
	var pts []*sim.SweepPoint
	if prec != nil {
		// All options grow together to the same runs: common random numbers stay paired.
		var reached sim.Reached
		if pts, reached, err = sim.MeasureTo(ctx, specs, metrics, *prec, sim.Options{Workers: rf.workers, Progress: bar.update}); err != nil {
			bar.finish()
			if s := e.signal(); s != nil {
				return interruptedBy(s, "no comparison output was written")
			}
			return err
		}
		for _, spec := range specs {
			spec.Runs = reached.Runs
		}
		prov.Precision = newPrecisionRecord(prec, reached)
		fmt.Fprintln(e.stderr, prov.Precision)
	}
	var rows []rowPart
	for i, spec := range specs[len(pts):] { // without --precision, each option in turn
		base := i * runs
		pt := &sim.SweepPoint{}
		opt := sim.Options{Workers: rf.workers, Progress: func(d, _ int) { bar.update(base+d, 0) }}
		if sh != nil {
			opt.Chunk, opt.KeepChunks = sh.has, true
		}
		if *withRows {
			f, err := os.CreateTemp(out, ".compare-rows.*.tmp") // a name the next command's sweepTemps removes
			if err != nil {
				return err
			}
			defer os.Remove(f.Name())
			defer f.Close()
			opt.Rows = f
			rows = append(rows, rowPart{path: f.Name(), hash: hashes[i], key: csvText(opts[i].name) + ",", spec: spec})
		}
		if err := sim.Measure(ctx, spec, pt, metrics, opt); err != nil {
			bar.finish()
			if s := e.signal(); s != nil {
				return interruptedBy(s, "no comparison output was written")
			}
			return fmt.Errorf("%s: %w", opts[i].name, err)
		}
		pts = append(pts, pt)
	}
	bar.finish()
	if sh != nil {
		if err := writeComparePart(out, sh, nil, prov, opts, specs, hashes, metrics, pts); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote %s: shard %s of %d options (compare-%s.json); combine the shards with alliancesim merge %s\n",
			out, sh, len(specs), sh.base(), out)
		return nil
	}
	return finishCompare(e, od, newCompareResult(prov, recordOptions(opts), specs, hashes, metrics, pts), rows)
}

// recorded is what compare.json records of an option: its name, the argument that gave it and
// its resolved config.
type recorded struct{ name, arg, config string }

func recordOptions(opts []option) []recorded {
	var rs []recorded
	for _, o := range opts {
		rs = append(rs, recorded{o.name, o.arg, string(mustTOML(o.file))})
	}
	return rs
}

// newCompareResult assembles the comparison from the options' measured points.
func newCompareResult(prov provenance, opts []recorded, specs []*sim.Spec, hashes []string, metrics []sim.Metric, pts []*sim.SweepPoint) *compareResult {
	runs := specs[0].Runs
	res := &compareResult{provenance: prov, Runs: runs, Seed: specs[0].Seed, FirstRun: specs[0].FirstRun}
	for _, m := range metrics {
		res.Metrics = append(res.Metrics, sweepMetric{Name: m.Name, Label: m.Label})
	}
	// With a common focus state, the survival chart shows when it is first attacked in any mode:
	// deterrence failure is undefined for an option that gives it no guarantee.
	focus := specs[0].Focus
	for _, spec := range specs {
		if spec.Focus < 0 || specs[0].Focus < 0 || spec.States[spec.Focus].Name != specs[0].States[specs[0].Focus].Name {
			focus = -1
		}
	}
	if focus >= 0 {
		res.SurvivalLabel = "P(" + specs[0].States[focus].Name + " not yet attacked)"
	}
	for i, spec := range specs {
		pt := pts[i]
		co := compareOption{Name: opts[i].name, Argument: opts[i].arg, Scenario: spec.Name, ConfigSHA256: hashes[i],
			Metrics: pt.Metrics, N: pt.N, Survival: pt.Summary.Survival, Config: opts[i].config}
		if focus >= 0 {
			co.Survival = pt.Summary.PerState[spec.Focus].AttackSurvival
		}
		co.Diff = make([]*stats.Interval, len(metrics))
		if i > 0 {
			for m := range metrics {
				if d, _, ok := sim.PairedDiff(pts[0], pt, m, runs); ok {
					co.Diff[m] = &d
				}
			}
		}
		res.Options = append(res.Options, co)
	}
	return res
}

// finishCompare writes compare.csv, compare.json and the charts, and with rows (the options'
// runs.csv) compare-runs.csv and compare-states.csv, and prints the table.
func finishCompare(e *env, od *outDir, res *compareResult, rows []rowPart) error {
	out := od.dir
	resources, files := res.resources(), []string{"compare.csv", "compare-long.csv", "compare.json", dataPackageName}
	if rows != nil {
		names, err := writeRowTables(out, "compare", []string{"option"}, rows)
		if err != nil {
			return err
		}
		files = append(files, names...)
		resources = append(resources, rowResources("compare", "option",
			[]sim.ColumnDoc{{Name: "option", Type: "string", Description: "the option, as named on the command line"}}, "option")...)
	} else {
		for _, name := range []string{"compare-runs.csv", "compare-states.csv"} { // an earlier --rows's
			if err := os.Remove(filepath.Join(out, name)); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	if err := writeFileAtomic(filepath.Join(out, "compare.csv"), res.csv()); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(out, "compare-long.csv"), res.longCSV()); err != nil {
		return err
	}
	if err := writeDataPackage(out, "compare", title("compare", strings.Join(optionNames(res), " vs ")), resources); err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(out, "compare.json"), res); err != nil {
		return err
	}
	names, err := res.draw(out, plots.Options{Width: 17.5 * cm, Height: 8 * cm}, plots.Options{})
	if err != nil {
		return err
	}
	if err := od.finish(append(files, names...)...); err != nil {
		return err
	}
	if err := od.writeRunInfo(e); err != nil {
		return err
	}
	res.print(e)
	fmt.Fprintf(e.stderr, "wrote %s: compare.csv, compare-long.csv, compare.json, %s (%d options × %d runs, seed %d)\n",
		out, strings.Join(names, ", "), len(res.Options), res.Runs, res.Seed)
	return nil
}

// loadOptions reads compare's arguments; a NAME:path=value,... argument is a variant of the one
// before it.
func (rf *runFlags) loadOptions(args []string) ([]option, error) {
	var opts []option
	for _, a := range args {
		name, sets, isVariant := strings.Cut(a, ":")
		if isVariant && strings.Contains(sets, "=") {
			if len(opts) == 0 {
				return nil, fmt.Errorf("%w: variant %q has no option before it to vary", errUsage, a)
			}
			f, err := config.Load(opts[len(opts)-1].file.Name, mustTOML(opts[len(opts)-1].file))
			if err != nil {
				return nil, err
			}
			for _, kv := range strings.Split(sets, ",") {
				path, v, ok := strings.Cut(kv, "=")
				if !ok {
					return nil, fmt.Errorf("%w: variant %q: want NAME:path=value,path=value", errUsage, a)
				}
				if err := f.Set(strings.TrimSpace(path), strings.TrimSpace(v)); err != nil {
					return nil, fmt.Errorf("variant %s: %w", name, err)
				}
			}
			opts = append(opts, option{name: name, arg: a, file: f})
			continue
		}
		f, err := rf.load([]string{a})
		if err != nil {
			return nil, err
		}
		opts = append(opts, option{name: a, arg: a, file: f})
	}
	// Options are told apart by name in every output: compare.csv's rows, the charts' legends.
	for i, o := range opts {
		for _, p := range opts[:i] {
			if p.name == o.name {
				return nil, fmt.Errorf("%w: two options are named %q (allowed: a different name for each option)", errUsage, o.name)
			}
		}
	}
	return opts, nil
}

func mustTOML(f *config.File) []byte {
	var b strings.Builder
	f.WriteTOML(&b, false)
	return []byte(b.String())
}

// compareResult is compare.json; compare.csv and the charts are drawn from it alone.
type compareResult struct {
	provenance
	Runs int    `json:"runs"`
	Seed uint64 `json:"seed"`
	// FirstRun is the index of the first run (--first-run).
	FirstRun int             `json:"first_run"`
	Metrics  []sweepMetric   `json:"metrics"`
	Options  []compareOption `json:"options"`
	// SurvivalLabel names what the survival curves show when it is not deterrence failure.
	SurvivalLabel string `json:"survival_label,omitempty"`
}

type compareOption struct {
	Name string `json:"name"`
	// Argument is the command-line argument that gave the option: a scenario, a file, or
	// NAME:path=value,... for a variant of the option before it.
	Argument     string           `json:"argument"`
	Scenario     string           `json:"scenario"`
	ConfigSHA256 string           `json:"option_config_sha256"`
	Metrics      []stats.Interval `json:"metrics"`
	// N is each metric's denominator (see sweepPoint.N).
	N []int64 `json:"n"`
	// Diff is the paired difference from the first option (null for the first, and for metrics
	// that are not per-run yes/no outcomes).
	Diff []*stats.Interval `json:"diff"`
	// Survival is the Kaplan–Meier curve of the first deterrence failure, or of the focus
	// state's first attack (see SurvivalLabel).
	Survival []stats.SurvivalPoint `json:"survival"`
	// Config is the option's fully resolved config; its runs and seed are the first option's.
	Config string `json:"config"`
}

func (r *compareResult) csv() []byte {
	var b strings.Builder
	cols := []string{"option", "scenario"}
	for _, m := range r.Metrics {
		cols = append(cols, m.Name, m.Name+"_lo", m.Name+"_hi", m.Name+"_n")
	}
	for _, m := range r.Metrics {
		cols = append(cols, "diff_"+m.Name, "diff_"+m.Name+"_lo", "diff_"+m.Name+"_hi")
	}
	b.WriteString(strings.Join(cols, ",") + "\n")
	for _, o := range r.Options {
		row := []string{csvText(o.Name), csvText(o.Scenario)}
		for m, iv := range o.Metrics {
			row = append(row, csvFloat(iv.P), csvFloat(iv.Lo), csvFloat(iv.Hi), strconv.FormatInt(o.N[m], 10))
		}
		for _, d := range o.Diff {
			if d == nil {
				row = append(row, "NA", "NA", "NA")
				continue
			}
			row = append(row, csvFloat(d.P), csvFloat(d.Lo), csvFloat(d.Hi))
		}
		b.WriteString(strings.Join(row, ",") + "\n")
	}
	return []byte(b.String())
}

func (r *compareResult) draw(dir string, bars, surv plots.Options) ([]string, error) {
	cb, cs, err := r.charts(bars, surv, nil)
	if err != nil {
		return nil, err
	}
	if err := plots.Save(cb, filepath.Join(dir, "compare.png"), bars); err != nil {
		return nil, err
	}
	if err := plots.Save(cs, filepath.Join(dir, "survival.png"), surv); err != nil {
		return nil, err
	}
	return []string{"compare.png", "survival.png"}, nil
}

func (r *compareResult) print(e *env) {
	var b strings.Builder
	fmt.Fprintf(&b, "%-24s", "option")
	for _, m := range r.Metrics {
		fmt.Fprintf(&b, " %-28s", m.Name)
	}
	fmt.Fprintln(e.stdout, strings.TrimRight(b.String(), " "))
	for _, o := range r.Options {
		b.Reset()
		fmt.Fprintf(&b, "%-24s", o.Name)
		for _, iv := range o.Metrics {
			fmt.Fprintf(&b, " %-28s", strings.TrimSpace(num(iv.P)+" "+ci(iv)))
		}
		fmt.Fprintln(e.stdout, strings.TrimRight(b.String(), " "))
	}
}

// hashOf combines the options' config hashes into the comparison's identity.
func hashOf(hashes []string) string {
	return sha256Hex(strings.Join(hashes, "\n") + "\n" + strconv.Itoa(len(hashes)))
}

// compareOut is compare's default folder, named after the options (out/compare-A+B), so that two
// comparisons never share one: a long list is cut to its first option, how many more, and a
// hash of all the names; a character that cannot stand in a folder's name becomes '_'.
func compareOut(names []string) string {
	name := strings.Join(names, "+")
	if len(name) > 80 {
		sum := sha256.Sum256([]byte(strings.Join(names, "\x00")))
		name = fmt.Sprintf("%.40s+%d-more-%x", names[0], len(names)-1, sum[:4])
	}
	safe := []byte(name)
	for i, c := range safe {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("+-_.", c) >= 0) {
			safe[i] = '_'
		}
	}
	return filepath.Join("out", "compare-"+string(safe))
}
