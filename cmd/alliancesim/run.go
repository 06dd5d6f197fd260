package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"alliancesim/config"
	"alliancesim/sim"
)

const defaultScenario = "europe-2025"

const runDoc = `Run an ensemble of randomized runs of a scenario (default: the embedded europe-2025)
and write, atomically, to the output directory:
  summary.json   probabilities with Wilson 95% intervals, Kaplan–Meier survival with Greenwood
                 bands, means, provenance (version, seed, config and its SHA-256)
  runs.csv       one row per run, in run order
  states.csv     the same per state, long: one row per run and state, with seed and config hash
  trajectories.csv  with --trajectories: one row per run, step and state
  provenance.json   the command line, times and build (the one file that differs between runs)
  survival.png   Kaplan–Meier curve of the step of first deterrence failure
  outcomes.png   deterrence failure, armed failure, abandonment, entrapment, conquest
A summary table goes to stdout. Same config and seed give byte-identical files whatever --workers.`

// runFlags are the flags every ensemble-running command shares.
type runFlags struct {
	runs, steps, seed, firstRun string
	workers                     int
	sets                        multiFlag
	out                         string
	quiet, force                bool
	shard                       string
}

func (rf *runFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&rf.runs, "runs", "", "number of runs `N` (default: the config's simulation.runs)")
	fs.StringVar(&rf.steps, "steps", "", "steps (years) per run `N` (default: the config's simulation.steps)")
	fs.StringVar(&rf.seed, "seed", "", "master `seed` (default: the config's simulation.seed)")
	fs.StringVar(&rf.firstRun, "first-run", "", "index `K` of the first run, to replay runs K .. K+runs-1")
	fs.IntVar(&rf.workers, "workers", 0, "worker goroutines (default: GOMAXPROCS, the cores the process may use); results do not depend on it")
	fs.Var(&rf.sets, "set", "override a field, `path=value` (repeatable), e.g. --set model.gamma=2")
	fs.StringVar(&rf.out, "out", "", "output `DIR` (default: out/<scenario name>)")
	fs.BoolVar(&rf.quiet, "quiet", false, "no progress bar")
	fs.BoolVar(&rf.force, "force", false, "overwrite results of a different config in the output directory")
	fs.StringVar(&rf.shard, "shard", "", "compute only shard `K/N` (chunks c with c mod N = K) and write a partial result for merge; slurm takes K and N from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT")
}

// load opens the scenario and applies the command-line overrides.
func (rf *runFlags) load(pos []string) (*config.File, error) {
	if len(pos) > 1 {
		return nil, fmt.Errorf("%w: one scenario at a time, got %d: %s", errUsage, len(pos), strings.Join(pos, " "))
	}
	if rf.workers < 0 {
		return nil, fmt.Errorf("%w: --workers %d: allowed 0 (one per core) or more", errUsage, rf.workers)
	}
	name := defaultScenario
	if len(pos) == 1 {
		name = pos[0]
	}
	f, err := config.Open(name)
	if err != nil {
		return nil, err
	}
	for _, kv := range []struct{ path, v string }{
		{"simulation.runs", rf.runs}, {"simulation.steps", rf.steps}, {"simulation.seed", rf.seed},
	} {
		if kv.v == "" {
			continue
		}
		if err := f.Set(kv.path, kv.v); err != nil {
			return nil, fmt.Errorf("--%s: %w", strings.TrimPrefix(kv.path, "simulation."), err)
		}
	}
	for _, s := range rf.sets {
		path, v, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(path) == "" {
			return nil, fmt.Errorf("%w: --set %q: want path=value, e.g. --set model.gamma=2", errUsage, s)
		}
		if err := f.Set(strings.TrimSpace(path), strings.TrimSpace(v)); err != nil {
			return nil, fmt.Errorf("--set %s: %w", s, err)
		}
	}
	return f, nil
}

// compile loads the scenario with the command line's overrides and compiles it, with the
// first run of --first-run.
func (rf *runFlags) compile(pos []string) (*config.File, *sim.Spec, error) {
	f, err := rf.load(pos)
	if err != nil {
		return nil, nil, err
	}
	spec, err := f.Spec()
	if err != nil {
		return nil, nil, err
	}
	if err := rf.applyFirstRun(spec); err != nil {
		return nil, nil, err
	}
	return f, spec, nil
}

// applyFirstRun starts spec's runs at --first-run, if given.
func (rf *runFlags) applyFirstRun(spec *sim.Spec) error {
	if rf.firstRun == "" {
		return nil
	}
	k, err := strconv.Atoi(rf.firstRun)
	if err != nil || k < 0 {
		return fmt.Errorf("%w: --first-run %q: want a run index >= 0", errUsage, rf.firstRun)
	}
	// Run indices, and the chunk bounds computed from them, must not overflow: they would
	// compute nothing and still report spec.Runs runs.
	if last := maxRunIndex - spec.Runs; k > last {
		return fmt.Errorf("%w: --first-run %d: runs %d to %d+%d-1 overflow the run index (allowed with --runs %d: 0 to %d)",
			errUsage, k, k, k, spec.Runs, spec.Runs, last)
	}
	spec.FirstRun = k
	return nil
}

// maxRunIndex bounds the run indices a command line may ask for, far below the largest int so
// that no chunk bound computed from them overflows.
const maxRunIndex = 1 << 62

func cmdRun(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "run", "[SCENARIO|FILE.toml] [flags]", runDoc)
	var rf runFlags
	rf.register(fs)
	var pf precisionFlags
	pf.register(fs, "focus_armed_attacked if the scenario has a focus state, else deterrence_failure")
	format := fs.String("format", "csv", "`format` of the runs, states and trajectories tables: csv, or parquet (columnar, about a tenth of the bytes, for large ensembles)")
	stageFlag := fs.String("stage", "", "with --precision and --shard: compute the shard's runs of stage `S` of the rule (0 is the first checkpoint's runs, S the runs from checkpoint S-1 to S), once every shard of the stages before it has written its part into --out; a stage the rule does not need does nothing")
	trajectories := fs.Bool("trajectories", false, "also write trajectories.csv: per run, step and state, burden, power, threat ratio, alignment and attacks (large: runs × steps × states rows)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	f, spec, err := rf.compile(pos)
	if err != nil {
		return err
	}
	if err := distinctColumns(spec); err != nil {
		return err
	}
	if err := checkMemory(spec, rf.workers, availableMemory()); err != nil {
		return err
	}
	out, err := outFor(rf.out, spec.Name, "")
	if err != nil {
		return err
	}
	prov := provenance{Version: version, ConfigSHA256: f.Hash(), Seed: spec.Seed, SeedScheme: seedScheme, Schema: resultsSchema}
	sh, err := parseShard(rf.shard, os.Getenv)
	if err != nil {
		return err
	}
	// A shard follows the rule stage by stage (shardstage.go), not in one go.
	prec, err := pf.rule([]string{mainMetric(spec)}, spec.Runs, spec.FirstRun)
	if err != nil {
		return err
	}
	stage, cps, err := parseStage(*stageFlag, prec, sh, spec.Runs)
	if err != nil {
		return err
	}
	tables := runTables{trajectories: *trajectories, parquet: *format == "parquet"}
	if *format != "csv" && *format != "parquet" {
		return fmt.Errorf("%w: --format %q: allowed csv or parquet", errUsage, *format)
	}
	if sh != nil && (tables.parquet || tables.trajectories) {
		return fmt.Errorf("%w: --trajectories and --format parquet with --shard: a shard writes CSV rows for merge (run the shard's runs with --first-run K --runs N instead)", errUsage)
	}
	od, err := openOut(out, "run", prov.ConfigSHA256, rf.force, sh)
	if err != nil {
		return err
	}
	defer od.close()

	start := time.Now()
	barTotal := spec.Runs
	if prec != nil {
		barTotal = prec.MaxRuns // the ETA is to --max-runs, the most it may take
	}
	var stageSpec *sim.Spec // the runs of the stage, for a shard of one
	firstChunk := 0         // and the index of its first chunk among all the runs'
	if stage != nil {
		if stageSpec, firstChunk, err = runStage(e, out, stage.Stage, sh, prov, spec, prec, cps); err != nil {
			return err
		}
		if stageSpec == nil {
			return removeStalePart(out, sh, stage)
		}
		barTotal = stageSpec.Runs
	}
	bar := newProgress(e, rf.quiet, barTotal, "runs")
	rowsName := "runs.csv"
	opt := sim.Options{Workers: rf.workers, Progress: bar.update}
	if sh != nil {
		rowsName = partBase(sh, stage) + ".csv"
		opt.Chunk = func(c int) bool { return sh.has(firstChunk + c) }
		opt.KeepChunks = true
	}
	rows, err := createAtomic(filepath.Join(out, rowsName))
	if err != nil {
		return err
	}
	defer rows.abort()
	opt.Rows = rows
	names := tables.names()
	var traj *atomicFile
	if sh == nil {
		// The folder is this config's (openOut checked): an earlier run's tables of another
		// format, or its trajectories, would sit beside results that did not make them.
		for _, name := range []string{"trajectories.csv", "trajectories.parquet", "runs.parquet", "states.parquet"} {
			if slices.Contains(names, name) {
				continue
			}
			if err := os.Remove(filepath.Join(out, name)); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	if *trajectories {
		if traj, err = createAtomic(filepath.Join(out, "trajectories.csv")); err != nil {
			return err
		}
		defer traj.abort()
		opt.Trajectories = traj
	}
	var res *sim.Result
	if stageSpec != nil {
		if res, err = sim.Ensemble(ctx, stageSpec, opt); err == nil {
			for i := range res.Index {
				res.Index[i] += firstChunk
			}
		}
	} else if prec != nil {
		var reached sim.Reached
		if res, reached, err = sim.EnsembleTo(ctx, spec, *prec, opt); err == nil {
			spec, prov.Precision = res.Spec, newPrecisionRecord(prec, reached)
		}
	} else {
		res, err = sim.Ensemble(ctx, spec, opt)
	}
	bar.finish()
	if err != nil {
		if s := e.signal(); s != nil {
			return interruptedBy(s, "nothing was written; rerun the same command to start again")
		}
		return err
	}
	if sh != nil {
		if err := rows.commit(); err != nil {
			return err
		}
		var cfg strings.Builder
		if err := f.WriteTOML(&cfg, false); err != nil {
			return err
		}
		if err := writePartial(out, sh, stage, prov, cfg.String(), spec, res); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote %s: %s.json and .csv, shard %s (%d runs in %s); combine the shards with alliancesim merge\n",
			out, partBase(sh, stage), sh, res.Acc.Runs, time.Since(start).Round(time.Millisecond))
		return nil
	}
	if err := rows.commit(); err != nil {
		return err
	}
	if traj != nil {
		if err := traj.commit(); err != nil {
			return err
		}
	}
	if _, err := writeRunResults(e, out, f, spec, res.Acc, prov, tables); err != nil {
		return err
	}
	if err := od.finish(names...); err != nil {
		return err
	}
	if err := od.writeRunInfo(e); err != nil {
		return err
	}
	if prov.Precision != nil {
		fmt.Fprintln(e.stderr, prov.Precision)
	}
	fmt.Fprintf(e.stderr, "wrote %s: %s (%d runs in %s)\n",
		out, strings.Join(names, ", "), spec.Runs, time.Since(start).Round(time.Millisecond))
	return nil
}

// runTables says which tables a run writes beside summary.json, and in which format.
type runTables struct {
	trajectories bool // trajectories.csv, written by the ensemble
	parquet      bool // Parquet instead of CSV for runs, states and trajectories
}

// names returns the files of a run's folder, for its manifest.
func (t runTables) names() []string {
	names := slices.Clone(outputNames["run"])
	if t.trajectories {
		names = append(names, "trajectories.csv")
	}
	if t.parquet {
		for i, n := range names {
			if base, ok := strings.CutSuffix(n, ".csv"); ok {
				names[i] = base + ".parquet"
			}
		}
	}
	return names
}

// writeRunResults writes states.csv (from runs.csv, written), summary.json, datapackage.json
// and the charts of a run, and prints its summary table; with tables.parquet, it converts the
// tables to Parquet and removes their CSV files.
func writeRunResults(e *env, out string, f *config.File, spec *sim.Spec, acc *sim.Accumulator, prov provenance, tables runTables) (*sim.Summary, error) {
	if err := writeStatesFile(out, spec, prov.ConfigSHA256); err != nil {
		return nil, err
	}
	res := runResources(spec, tables.trajectories)
	if tables.parquet {
		for i, r := range res {
			base, ok := strings.CutSuffix(r.Path, ".csv")
			if !ok {
				continue
			}
			if err := writeParquet(filepath.Join(out, base+".parquet"), filepath.Join(out, r.Path), docsOf(r)); err != nil {
				return nil, err
			}
			if err := os.Remove(filepath.Join(out, r.Path)); err != nil {
				return nil, err
			}
			res[i].Path, res[i].Format, res[i].Mediatype = base+".parquet", "parquet", "application/vnd.apache.parquet"
		}
	}
	if err := writeDataPackage(out, "run", title("run", spec.Name), res); err != nil {
		return nil, err
	}
	sum := sim.Summarize(spec, acc)
	var cfg strings.Builder
	if err := f.WriteTOML(&cfg, false); err != nil {
		return nil, err
	}
	doc := summaryFile{provenance: prov, Summary: sum, FirstRun: spec.FirstRun, Config: cfg.String()}
	if err := writeJSON(filepath.Join(out, "summary.json"), doc); err != nil {
		return nil, err
	}
	if _, err := drawRunCharts(out, sum, f); err != nil {
		return nil, err
	}
	printSummary(e.stdout, sum, prov)
	return sum, nil
}

const seedScheme = "run r draws only from math/rand/v2 PCG(seed, r)"

// provenance is recorded in every output: what made it, so it can be made again.
type provenance struct {
	Version      string `json:"version"`
	ConfigSHA256 string `json:"config_sha256"`
	Seed         uint64 `json:"-"`
	SeedScheme   string `json:"seed_scheme"`
	// Schema versions the layout of the file (resultsSchema), so that a reader refuses a
	// layout it does not know.
	Schema int `json:"schema"`
	// Precision, with --precision, is the adaptive rule and what it reached.
	Precision *precisionRecord `json:"precision,omitempty"`
}

// summaryFile is summary.json.
type summaryFile struct {
	provenance
	*sim.Summary
	// FirstRun is the index of the first run (--first-run): with Config, it is all that
	// `alliancesim reproduce` needs.
	FirstRun int `json:"first_run"`
	// Config is the fully resolved config (defaults and overrides applied), as TOML: save it to
	// a file and run it to reproduce these results.
	Config string `json:"config"`
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return writeFileAtomic(path, append(b, '\n'))
}

// outFor returns the output folder: given, or out/NAME+suffix for a scenario's name, which a
// shared config could otherwise aim outside out/ ("../../x").
func outFor(given, name, suffix string) (string, error) {
	if given != "" {
		return given, nil
	}
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") || !filepath.IsLocal(name) {
		return "", fmt.Errorf("simulation.name %q cannot name a folder in out/ (allowed: no / or \\, not starting with a dot); give --out", name)
	}
	return filepath.Join("out", name+suffix), nil
}

func interruptedBy(s os.Signal, what string) error {
	code := 130
	switch s {
	case syscall.SIGTERM:
		code = 143
	case syscall.SIGHUP:
		code = 129
	}
	return &interrupted{sig: s, code: code, what: what}
}
