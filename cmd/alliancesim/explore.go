package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/bits"
	"os"
	"slices"
	"strconv"
	"strings"

	"alliancesim/config"
	"alliancesim/sim"
	"alliancesim/sim/explore"
)

const exploreDoc = `Explore many uncertain values at once, for one or several options: which assumptions drive
the result (Sobol' or Morris sensitivity), under which combinations an option fails (PRIM
scenario discovery with --discover), and which option holds up across them all (robustness and
regret). The factors are the config's [[factor]] tables and [uncertainty] entries (see
` + "`alliancesim init`" + `), each held fixed within a design point and varied over the design;
the options are scenarios, or variants NAME:path=value,path=value of the option before them, as
compare takes them (default: the scenario itself). Every design point of every option runs the
same run seeds (common random numbers), so that differences between options are paired.
Designs:
  lhs      --samples points of a Latin hypercube (--criterion maximin, correlation or none)
  sobol    Saltelli's design for Sobol' indices: --samples base samples N, N(K+2) points for
           K factors (N(2K+2) with --second-order)
  morris   --trajectories R one-at-a-time trajectories of K+1 points on --levels levels
A share of the points is run again with other seeds (--replicates), to estimate how much of the
outcome's variance is Monte Carlo noise; it is reported beside the indices.
With --precision H every design point of every option grows together, by the rule of run
--precision, until the widest 95% half-width of --precision-metric over them is at most H;
the results are those of --runs set to the runs reached. It cannot be resumed; its shards
(--shard K/N --stage S) follow the rule stage by stage, the stage after the last checkpoint
running the replicates, and merge gives the unsharded outputs byte for byte.
Writes explore.json, points.csv, indices.csv, prim.csv, robustness.csv and the charts
sensitivity.png (Sobol'), morris.png, prim.png (with --discover) and robust.png.`

// Defaults of explore.
const (
	exploreRuns      = 200 // runs a design point, unless --runs says: one chunk
	exploreResamples = 1000
	exploreBlock     = 16 // design points a block file holds: the unit of resuming and sharding
)

// explorePlan is everything that identifies an exploration and that its analysis needs: what
// a shard's manifest carries, so that merge can finish it without the configs, and what
// explore.json records.
type explorePlan struct {
	Design       string          `json:"design"`
	Samples      int             `json:"samples,omitempty"`
	Trajectories int             `json:"trajectories,omitempty"`
	Levels       int             `json:"levels,omitempty"`
	Criterion    string          `json:"criterion,omitempty"`
	SecondOrder  bool            `json:"second_order,omitempty"`
	Skip         int             `json:"skip,omitempty"` // the Sobol' sequence's first index
	Runs         int             `json:"runs"`
	Seed         uint64          `json:"seed"`
	FirstRun     int             `json:"first_run"`
	Metrics      []string        `json:"metrics"` // measured; the first is the one analysed
	Discover     string          `json:"discover,omitempty"`
	Threshold    string          `json:"threshold,omitempty"`
	Resamples    int             `json:"resamples"`
	Factors      []exploreFactor `json:"factors"`
	Options      []exploreOption `json:"options"`
	// Points are the design's points in the unit hypercube, Values the factors' values there
	// (a number, or the index of a categorical factor's label).
	Points [][]float64 `json:"points"`
	Values [][]float64 `json:"values"`
	// Replicates are the design points run again with the next runs' seeds (runs
	// first_run+runs to first_run+2 runs-1), for the noise share.
	Replicates []int `json:"replicates"`
	// Config is the fully resolved config that gives the factors (and the runs and seed), as
	// TOML: its [[factor]] tables and [uncertainty] entries are the factors.
	Config string `json:"config"`
}

type exploreFactor struct {
	Name   string   `json:"name"`
	Path   string   `json:"path"`
	Labels []string `json:"labels,omitempty"`
}

type exploreOption struct {
	Name string `json:"name"`
	// Argument is the command-line argument that gave the option: a scenario, a file, or
	// NAME:path=value,... for a variant of the option before it.
	Argument     string `json:"argument"`
	Scenario     string `json:"scenario"`
	ConfigSHA256 string `json:"option_config_sha256"`
	// Config is the option's fully resolved config; its runs and seed are the exploration's,
	// and the factors set their values at each design point.
	Config string `json:"config"`
}

// units returns the number of units of work: the design points, then the replicates.
func (p *explorePlan) units() int { return len(p.Points) + len(p.Replicates) }

func (p *explorePlan) blocks() int { return (p.units() + exploreBlock - 1) / exploreBlock }

// id hashes the plan: two explorations with the same id compute the same numbers.
func (p *explorePlan) id() string {
	b, err := json.Marshal(p)
	if err != nil {
		panic(err) // the plan holds only finite numbers and strings
	}
	return sha256Hex(version + "\n" + string(b))
}

// exploreArgs are explore's flags beyond runFlags.
type exploreArgs struct {
	options, design, criterion, metric, discover, threshold string
	samples, trajectories, levels, replicates, resamples    int
	secondOrder, resume                                     bool
}

func (a *exploreArgs) register(fs *flag.FlagSet) {
	fs.StringVar(&a.options, "options", "", "the options, `A,B,C`: scenarios or files, or NAME:path=value variants of the option before (default: the scenario alone)")
	fs.StringVar(&a.design, "design", "lhs", "the `design`: lhs, sobol or morris")
	fs.IntVar(&a.samples, "samples", 64, "lhs: design points; sobol: base samples `N` (a power of two is best)")
	fs.IntVar(&a.trajectories, "trajectories", 20, "morris: trajectories `R`, each of K+1 points")
	fs.IntVar(&a.levels, "levels", 4, "morris: grid `levels` of each factor (even)")
	fs.StringVar(&a.criterion, "criterion", "maximin", "lhs: the `criterion` of the best of several hypercubes: maximin, correlation or none")
	fs.BoolVar(&a.secondOrder, "second-order", false, "sobol: also second-order indices S2 (K more points per base sample)")
	fs.StringVar(&a.metric, "metric", "", "the analysed `metric` (default: focus_armed_attacked with a focus state, else deterrence_failure): "+strings.Join(sim.MetricNames(), ", "))
	fs.StringVar(&a.discover, "discover", "", "scenario discovery: PRIM boxes of the points where `METRIC>X` (or METRIC<X), per option")
	fs.StringVar(&a.threshold, "threshold", "", "robustness: an option satisfices at a point where its METRIC is at most X, `METRIC<X` (or at least X, METRIC>X), which also says whether more is better")
	fs.IntVar(&a.replicates, "replicates", -1, "design points `M` run again with other seeds for the noise share (default -1: a tenth of the points, 4 to 50)")
	fs.IntVar(&a.resamples, "resamples", exploreResamples, "bootstrap resamples of the indices' intervals")
	fs.BoolVar(&a.resume, "resume", false, "skip blocks of points already complete in the output directory (from an interrupted exploration of the same plan)")
}

// condition is METRIC>X or METRIC<X.
type condition struct {
	metric  string
	greater bool
	x       float64
}

func (c condition) String() string {
	op := "<"
	if c.greater {
		op = ">"
	}
	return c.metric + op + strconv.FormatFloat(c.x, 'g', -1, 64)
}

// holds reports whether v meets the condition; NaN never does.
func (c condition) holds(v float64) bool {
	if c.greater {
		return v > c.x
	}
	return v < c.x
}

func parseCondition(flag, s string) (condition, error) {
	i := strings.IndexAny(s, "<>")
	if i <= 0 {
		return condition{}, fmt.Errorf("%w: --%s %q: want METRIC>X or METRIC<X, e.g. focus_armed_attacked>0.2", errUsage, flag, s)
	}
	name := strings.TrimSpace(s[:i])
	x, err := strconv.ParseFloat(strings.TrimSpace(s[i+1:]), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return condition{}, fmt.Errorf("%w: --%s %q: %q is not a finite number", errUsage, flag, s, strings.TrimSpace(s[i+1:]))
	}
	if _, err := sim.LookupMetrics(name); err != nil {
		return condition{}, fmt.Errorf("%w: --%s: %v", errUsage, flag, err)
	}
	return condition{metric: name, greater: s[i] == '>', x: x}, nil
}

// splitOptions splits --options at its commas; an item path=value without a NAME: continues
// the variant before it.
func splitOptions(s string) ([]string, error) {
	var out []string
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		name, _, isVariant := strings.Cut(item, ":")
		switch {
		case item == "":
			return nil, fmt.Errorf("%w: --options %q: an empty option", errUsage, s)
		case !isVariant && strings.Contains(item, "=") || isVariant && strings.Contains(name, "="):
			if len(out) == 0 || !strings.Contains(out[len(out)-1], ":") {
				return nil, fmt.Errorf("%w: --options %q: %q continues no variant (want NAME:path=value,path=value)", errUsage, s, item)
			}
			out[len(out)-1] += "," + item
		default:
			out = append(out, item)
		}
	}
	return out, nil
}

// exploration is a plan ready to run: the options' specs and how to set each factor in each.
type exploration struct {
	plan    *explorePlan
	specs   []*sim.Spec
	set     [][]sim.Setter // set[o][k] sets factor k's value in option o's spec
	metrics []sim.Metric
	grown   []exploreUnit // the units measured by --precision, before they are written
}

// exploreCall is an explore command line, parsed and checked, its exploration set up.
type exploreCall struct {
	fs    *flag.FlagSet
	rf    runFlags
	a     exploreArgs
	pf    precisionFlags
	pos   []string
	stage string // --stage
	x     *exploration
	src   *config.File
	prov  provenance
}

// parseExplore parses explore's arguments and sets the exploration up, checking everything
// that can be checked before a run.
func parseExplore(e *env, args []string, opts []option) (*exploreCall, error) {
	c := &exploreCall{}
	fs := newFlags(e, "explore", "[SCENARIO|FILE.toml] [--options A,B,C] [--design lhs|sobol|morris] [flags]", exploreDoc)
	c.fs = fs
	rf, a, pf := &c.rf, &c.a, &c.pf
	rf.register(fs)
	// The run flags' texts, where they mean something else here.
	fs.Lookup("runs").Usage = fmt.Sprintf("runs a design point `N`, the same seeds at every point and option (default %d)", exploreRuns)
	fs.Lookup("out").Usage = "output `DIR` (default: out/<scenario name>-explore)"
	fs.Lookup("shard").Usage = fmt.Sprintf("compute only shard `K/N` (the blocks of %d design points b with b mod N = K) and write a partial result for merge; slurm takes K and N from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT", exploreBlock)
	a.register(fs)
	fs.StringVar(&c.stage, "stage", "", "with --precision and --shard: compute the shard's runs of stage `S` of the rule at its design points (0 is the first checkpoint's runs, S the runs from checkpoint S-1 to S), once every shard of the stages before it has written its part into --out; the stage after the last checkpoint writes the design points at the runs reached and runs the replicates")
	pf.register(fs, "the first measured metric that is a proportion of runs: --metric, then the --discover and --threshold metrics")
	pos, err := parse(fs, args)
	if err != nil {
		return nil, err
	}
	c.pos = pos
	if rf.runs == "" {
		rf.runs = strconv.Itoa(exploreRuns)
	}
	if c.x, c.src, err = newExploration(rf, a, pos, opts); err != nil {
		return nil, err
	}
	for o, spec := range c.x.specs {
		if err := checkMemory(spec, rf.workers, availableMemory()); err != nil {
			return nil, fmt.Errorf("%s: %w", c.x.plan.Options[o].Name, err)
		}
	}
	hashes := []string{c.src.Hash()}
	for _, o := range c.x.plan.Options {
		hashes = append(hashes, o.ConfigSHA256)
	}
	c.prov = provenance{Version: version, ConfigSHA256: hashOf(hashes), Seed: c.x.plan.Seed, SeedScheme: seedScheme, Schema: resultsSchema}
	return c, nil
}

func cmdExplore(ctx context.Context, e *env, args []string) error {
	return exploreWith(ctx, e, args, nil)
}

// exploreWith runs explore with args; opts, when given, are the options, already loaded
// (reproduce gives those an explore.json records), in place of --options.
func exploreWith(ctx context.Context, e *env, args []string, opts []option) error {
	c, err := parseExplore(e, args, opts)
	if err != nil {
		return err
	}
	rf, a, pf, x, src, prov := &c.rf, &c.a, &c.pf, c.x, c.src, c.prov
	plan := x.plan
	out := rf.out
	if out == "" {
		if out, err = outFor("", src.Simulation.Name, "-explore"); err != nil {
			return err
		}
	}
	sh, err := parseShard(rf.shard, os.Getenv)
	if err != nil {
		return err
	}
	prec, err := pf.rule(plan.Metrics, plan.Runs, plan.FirstRun)
	if err != nil {
		return err
	}
	// A shard follows the rule stage by stage (explorestage.go), not in one go.
	var stage *stageRecord
	var cps []int
	if prec != nil {
		cps = prec.Checkpoints(plan.Runs)
	}
	if s, err := parseExploreStage(c.stage, prec, sh, cps); err != nil {
		return err
	} else if s >= 0 {
		stage = newStageRecord(prec, s)
	}
	if prec != nil && a.resume {
		return fmt.Errorf("%w: --precision with --resume: the blocks of an exploration hold a fixed number of runs a point, which --precision decides only at its end; run with a fixed --runs (a --precision run reports the runs it needed), or, for a shard of a stage (--stage), run it again whole", errUsage)
	}
	od, err := openOut(out, "explore", prov.ConfigSHA256, rf.force, sh)
	if err != nil {
		return err
	}
	defer od.close()
	if stage != nil {
		return x.stage(ctx, e, out, stage, sh, prov, prec, cps, rf)
	}
	if prec != nil {
		if err := x.exploreTo(ctx, e, od, &prov, *prec, rf); err != nil {
			return err
		}
		fmt.Fprintln(e.stderr, prov.Precision)
		units, err := x.blocks(out, rf.force)
		if err != nil {
			return err
		}
		return finishExplore(e, od, prov, plan, units)
	}
	id := plan.id()
	store, err := openBlockStore(out, id, sh, a.resume, rf.force)
	if err != nil {
		return err
	}
	bar := newProgress(e, rf.quiet, store.units(plan)*len(plan.Options)*plan.Runs, "runs")
	err = x.run(ctx, store, rf.workers, bar)
	bar.finish()
	if err != nil {
		if s := e.signal(); s != nil {
			return interruptedBy(s, fmt.Sprintf("kept %d of %d blocks of points in %s; no explore.json was written. Resume with the same command and --resume",
				store.count(), store.want(plan), store.dir))
		}
		return err
	}
	if sh != nil {
		if err := writeExplorePart(out, sh, prov, id, plan); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote %s: shard %s of %d blocks of points (explore-%s.json); combine the shards with alliancesim merge %s\n",
			out, sh, plan.blocks(), sh.base(), out)
		return nil
	}
	results, err := store.load(plan)
	if err != nil {
		return err
	}
	return finishExplore(e, od, prov, plan, results)
}

// newExploration loads the factors, the options and the design.
func newExploration(rf *runFlags, a *exploreArgs, pos []string, opts []option) (*exploration, *config.File, error) {
	src, err := rf.load(pos)
	if err != nil {
		return nil, nil, err
	}
	return newExplorationOf(rf, a, src, pos, opts)
}

// newExplorationOf is newExploration of the loaded config src, with pos its arguments, and
// opts the options when they come loaded.
func newExplorationOf(rf *runFlags, a *exploreArgs, src *config.File, pos []string, opts []option) (*exploration, *config.File, error) {
	factors, err := src.ExploreFactors()
	if err != nil {
		return nil, nil, err
	}
	if len(factors) == 0 {
		return nil, nil, fmt.Errorf("%s has no factors to explore: add [[factor]] tables or [uncertainty] entries (see alliancesim init)", src.Name)
	}
	switch {
	case opts != nil:
		if a.options != "" {
			return nil, nil, fmt.Errorf("%w: --options with options given", errUsage)
		}
	case a.options == "":
		name := src.Simulation.Name
		if len(pos) == 1 {
			name = pos[0]
		}
		opts = []option{{name: name, arg: name, file: src}}
	default:
		items, err := splitOptions(a.options)
		if err != nil {
			return nil, nil, err
		}
		// The first option may be a variant of the scenario that gives the factors.
		if name, sets, ok := strings.Cut(items[0], ":"); ok && strings.Contains(sets, "=") && name != "" {
			base := pos
			if len(base) == 0 {
				base = []string{defaultScenario}
			}
			if opts, err = rf.loadOptions(append(base, items...)); err != nil {
				return nil, nil, err
			}
			opts = opts[1:]
		} else if opts, err = rf.loadOptions(items); err != nil {
			return nil, nil, err
		}
	}
	srcSpec, err := src.Spec()
	if err != nil {
		return nil, nil, err
	}
	if err := rf.applyFirstRun(srcSpec); err != nil {
		return nil, nil, err
	}
	metric := a.metric
	if metric == "" {
		metric = "deterrence_failure"
		if srcSpec.Focus >= 0 {
			metric = "focus_armed_attacked"
		}
	}
	names := []string{metric}
	plan := &explorePlan{Design: a.design, Runs: srcSpec.Runs, Seed: srcSpec.Seed, FirstRun: srcSpec.FirstRun, Resamples: a.resamples,
		Config: string(mustTOML(src))}
	for _, c := range []struct{ flag, v string }{{"discover", a.discover}, {"threshold", a.threshold}} {
		if c.v == "" {
			continue
		}
		cond, err := parseCondition(c.flag, c.v)
		if err != nil {
			return nil, nil, err
		}
		if c.flag == "discover" {
			plan.Discover = cond.String()
		} else {
			plan.Threshold = cond.String()
		}
		if !slices.Contains(names, cond.metric) {
			names = append(names, cond.metric)
		}
	}
	metrics, err := sim.LookupMetrics(strings.Join(names, ","))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: --metric: %v", errUsage, err)
	}
	plan.Metrics = names
	if a.resamples < 0 {
		return nil, nil, fmt.Errorf("%w: --resamples %d: allowed 0 or more", errUsage, a.resamples)
	}
	if plan.Runs > 1<<20 {
		return nil, nil, fmt.Errorf("%w: --runs %d a point are too many for explore (allowed: at most %d)", errUsage, plan.Runs, 1<<20)
	}
	for _, f := range factors {
		plan.Factors = append(plan.Factors, exploreFactor{Name: f.Name, Path: f.Path, Labels: f.Labels})
	}
	if err := plan.design(a, len(factors)); err != nil {
		return nil, nil, err
	}
	for _, u := range plan.Points {
		v := make([]float64, len(u))
		for k, f := range factors {
			v[k] = f.Value(u[k])
		}
		plan.Values = append(plan.Values, v)
	}
	if err := plan.chooseReplicates(a.replicates); err != nil {
		return nil, nil, err
	}
	x := &exploration{plan: plan, metrics: metrics}
	for _, o := range opts {
		spec, set, err := optionSpec(o, factors, srcSpec)
		if err != nil {
			return nil, nil, err
		}
		x.specs = append(x.specs, spec)
		x.set = append(x.set, set)
		plan.Options = append(plan.Options, exploreOption{Name: o.name, Argument: o.arg, Scenario: spec.Name, ConfigSHA256: o.file.Hash(),
			Config: string(mustTOML(o.file))})
	}
	return x, src, nil
}

// optionSpec compiles an option with the runs and seeds of the exploration (common random
// numbers), without the per-run draws of the values the factors set, and returns how to set
// each factor in it.
func optionSpec(o option, factors []sim.Factor, src *sim.Spec) (*sim.Spec, []sim.Setter, error) {
	spec, err := o.file.Spec()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", o.name, err)
	}
	spec.Runs, spec.Seed, spec.FirstRun = src.Runs, src.Seed, src.FirstRun
	var set []sim.Setter
	var paths []string
	for _, f := range factors {
		s, choices, err := config.Setter(o.file, f.Path)
		if err != nil {
			return nil, nil, fmt.Errorf("option %s: factor %s: %w", o.name, f.Name, err)
		}
		if p, err := config.CanonicalPath(o.file, f.Path); err == nil {
			paths = append(paths, p)
		}
		if f.Categorical() {
			index := make([]int, len(f.Labels))
			for i, l := range f.Labels {
				if index[i] = slices.Index(choices, l); index[i] < 0 {
					return nil, nil, fmt.Errorf("option %s: factor %s: %q is not a value of %s (allowed: %s)", o.name, f.Name, l, f.Path, strings.Join(choices, ", "))
				}
			}
			inner := s
			s = func(spec *sim.Spec, v float64) {
				inner(spec, float64(index[min(max(int(v), 0), len(index)-1)]))
			}
		}
		set = append(set, s)
	}
	// A value a factor sets is fixed at each design point: the option's own per-run draw of it
	// would override it.
	spec.Uncertain = slices.DeleteFunc(spec.Uncertain, func(u sim.Uncertain) bool { return slices.Contains(paths, u.Path) })
	return spec, set, nil
}

// design fills the plan's design points.
func (p *explorePlan) design(a *exploreArgs, k int) error {
	switch a.design {
	case "lhs":
		crit, err := explore.ParseCriterion(a.criterion)
		if err != nil {
			return fmt.Errorf("%w: --criterion: %v", errUsage, err)
		}
		if a.samples < 2 || a.samples > 1<<20 {
			return fmt.Errorf("%w: --samples %d: allowed 2 to %d", errUsage, a.samples, 1<<20)
		}
		p.Samples, p.Criterion = a.samples, crit.String()
		p.Points = explore.LHS(a.samples, k, p.Seed, crit)
	case "sobol":
		if a.samples < 2 || a.samples > 1<<16 {
			return fmt.Errorf("%w: --samples %d: allowed 2 to %d base samples", errUsage, a.samples, 1<<16)
		}
		if 2*k > explore.MaxSobolDim {
			return fmt.Errorf("%w: %d factors are too many for Sobol' indices (allowed: at most %d)", errUsage, k, explore.MaxSobolDim/2)
		}
		// The sequence starts past its first 2^m points (m the bits of N), as SALib's does:
		// the first point, all zeros, would put every factor at its lowest value.
		p.Samples, p.SecondOrder, p.Skip = a.samples, a.secondOrder, 1<<bits.Len(uint(a.samples-1))
		p.Points = explore.Saltelli{N: a.samples, K: k, SecondOrder: a.secondOrder}.Points(p.Skip)
	case "morris":
		if a.trajectories < 2 || a.trajectories > 1<<16 {
			return fmt.Errorf("%w: --trajectories %d: allowed 2 to %d", errUsage, a.trajectories, 1<<16)
		}
		if a.levels < 2 || a.levels%2 != 0 || a.levels > 100 {
			return fmt.Errorf("%w: --levels %d: allowed an even number from 2 to 100", errUsage, a.levels)
		}
		p.Trajectories, p.Levels = a.trajectories, a.levels
		p.Points = explore.Morris{R: a.trajectories, K: k, Levels: a.levels}.Points(p.Seed)
	default:
		return fmt.Errorf("%w: --design %q (allowed: lhs, sobol, morris)", errUsage, a.design)
	}
	if a.design != "sobol" && a.secondOrder {
		return fmt.Errorf("%w: --second-order is for --design sobol", errUsage)
	}
	return nil
}

// chooseReplicates picks n design points spread evenly over the design (n < 0: the default).
func (p *explorePlan) chooseReplicates(n int) error {
	total := len(p.Points)
	if n < 0 {
		n = min(max(total/10, 4), 50, total)
	}
	if n > total {
		return fmt.Errorf("%w: --replicates %d: allowed 0 to the %d design points", errUsage, n, total)
	}
	p.Replicates = make([]int, n)
	for j := range n {
		p.Replicates[j] = j * total / n
	}
	return nil
}
