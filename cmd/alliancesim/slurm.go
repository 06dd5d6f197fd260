package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"alliancesim/config"
	"alliancesim/sim"
)

const slurmDoc = `Write two Slurm batch scripts that run one ensemble as a job array and merge it, and print the
sbatch commands that submit them (or, with --submit, submit them):
  DIR/shards.sbatch   a job array of --shards tasks; task K runs
                      alliancesim run SCENARIO [run flags] --shard slurm --out DIR/parts
  DIR/merge.sbatch    alliancesim merge DIR/parts --out DIR, to submit with
                      --dependency=afterok:<array job id> so that it runs once every shard succeeded
With --param or --values (and --metric) the shards run alliancesim sweep instead, every grid
point split the same way.
After --, an explore command line (slurm [flags] -- explore FILE --design sobol ...): the shards
run that exploration, each the blocks of design points b with b mod N = K, from the directory
slurm was run in, and the merge writes explore.json and the rest.
With --precision H (and --precision-metric, --max-runs, as run takes them) a run grows to a
precision stage by stage: shards.sbatch takes the stage as its argument and is submitted once
per stage of the rule, each job array with --dependency=afterok on the one before, the merge
after the last (--submit does this); the shards of a stage the rule does not need exit at once.
A sweep grows likewise, every grid point together, and an exploration (-- explore ...) every
design point, with one stage more, the last, for its replicates. Shard logs go to DIR/logs. The merged outputs are byte-identical to one
unsharded alliancesim run (or sweep) with the same flags. The config is checked before anything
is written.

The scripts call alliancesim by absolute path: this executable, or --binary PATH. On a cluster,
build once onto storage every node sees, e.g. go build -o bin/alliancesim ./cmd/alliancesim,
and put DIR there too: Slurm writes the logs and the shards write their parts from the nodes.`

// Limits of --shards. Slurm's own default MaxArraySize (1001) is lower than maxShards; the
// scheduler's limit is the cluster's business, so only warn about it.
const (
	maxShards       = 10000
	slurmArrayLimit = 1000 // highest array index under the default MaxArraySize=1001
)

// slurmTime is Slurm's HH:MM:SS or D-HH:MM:SS time limit; hours are < 24 only after a day count.
var slurmTime = regexp.MustCompile(`^(?:([0-9]+)-)?([0-9]+):([0-9]{2}):([0-9]{2})$`)

// slurmPartition is a partition name, or a comma-separated list of them.
var slurmPartition = regexp.MustCompile(`^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$`)

// slurmJob is everything the two scripts are made of.
type slurmJob struct {
	shards    int
	partition string
	time      string
	cpus      int
	binary    string   // absolute path of the alliancesim executable
	dir       string   // absolute output directory
	command   string   // "run", or "sweep" when axes are given
	runArgs   []string // scenario and run (or sweep) flags, as the shards are to get them
	workers   string   // --workers as given, or "" for $SLURM_CPUS_PER_TASK
	force     bool
	made      string // the command line that made the scripts, for their header
	workdir   string // the directory the shards start in ("" for anywhere: their paths are absolute)
	// stages, for a run grown to a precision, is the number of stages of its rule: the shards
	// script then takes the stage as its argument and is submitted once per stage, each job
	// array after the one before. 0 for a plain run.
	stages   int
	rule     *stageRecord // the rule's flags, with stages > 0
	scenario string
	hash     string
	runs     int
	seed     uint64
}

func cmdSlurm(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "slurm", "[SCENARIO|FILE.toml] --shards N [--submit] [flags]", slurmDoc)
	var rf runFlags
	rf.register(fs)
	// The run flags' texts, where they mean something else here.
	fs.Lookup("out").Usage = "`DIR` for the scripts, parts/, logs/ and the merged results (default: out/<scenario name>)"
	fs.Lookup("shard").Usage = "not accepted: each array task takes its shard from Slurm; use --shards"
	fs.Lookup("quiet").Usage = "no effect: the shards always run with --quiet"
	fs.Lookup("force").Usage = "merge over results of a different config in DIR, and delete stale partials in DIR/parts"
	fs.Lookup("workers").Usage = "worker goroutines per shard (default: $SLURM_CPUS_PER_TASK, that is --cpus)"
	var j slurmJob
	fs.IntVar(&j.shards, "shards", 0, "number of shards `N`: the job array is 0-(N-1) (required)")
	fs.StringVar(&j.partition, "partition", "", "Slurm `partition` (default: the cluster's default)")
	fs.StringVar(&j.time, "time", "", "time limit of each job, `HH:MM:SS` or D-HH:MM:SS (default: the partition's)")
	fs.IntVar(&j.cpus, "cpus", 1, "CPUs per shard `C` (--cpus-per-task)")
	binary := fs.String("binary", "", "alliancesim executable the jobs run, by absolute `PATH` on storage the nodes share (default: this one)")
	submit := fs.Bool("submit", false, "submit the scripts with sbatch (the shards, then the merge after them) and print the job ids")
	var params, values multiFlag
	fs.Var(&params, "param", "shard a sweep instead of a run: a swept path, `PATH=LO:HI:N` (as alliancesim sweep)")
	fs.Var(&values, "values", "shard a sweep: a swept path with listed values, `PATH=a,b,c` (as alliancesim sweep)")
	metricList := fs.String("metric", "", "a sweep's comma-separated `metrics` (as alliancesim sweep)")
	sweepFile := fs.Bool("sweep", false, "shard the sweep of the config's [[sweep]] tables instead of a run")
	// Adaptive precision: a run's shards follow the rule stage by stage (shardstage.go).
	var pf precisionFlags
	pf.register(fs, "focus_armed_attacked if the scenario has a focus state, else deterrence_failure; for a sweep or an exploration, the first of its metrics that is a proportion")
	// After --, an explore command line: the shards run it (see slurmExplore).
	var exploreArgs []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, exploreArgs = args[:i], args[i+1:]
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })

	// Everything is checked before anything is written.
	precision := given["precision"] || given["precision-metric"] || given["max-runs"]
	if rf.shard != "" {
		return fmt.Errorf("%w: --shard %q: slurm makes the shards itself, one per array task (--shard slurm in shards.sbatch); give their number with --shards N", errUsage, rf.shard)
	}
	switch {
	case !given["shards"]:
		return fmt.Errorf("%w: --shards N is required: the number of array tasks to split the runs into", errUsage)
	case j.shards < 1 || j.shards > maxShards:
		return fmt.Errorf("%w: --shards %d: want 1 to %d", errUsage, j.shards, maxShards)
	case j.cpus < 1:
		return fmt.Errorf("%w: --cpus %d: want at least 1", errUsage, j.cpus)
	}
	if err := checkSlurmTime(j.time); err != nil {
		return err
	}
	if j.partition != "" && !slurmPartition.MatchString(j.partition) {
		return fmt.Errorf("%w: --partition %q: want a partition name (letters, digits, _ . -) or a comma-separated list", errUsage, j.partition)
	}
	if exploreArgs != nil {
		return j.explore(ctx, e, exploreArgs, pos, &rf, &pf, given, *binary, *submit, args)
	}
	f, spec, err := rf.compile(pos)
	if err != nil {
		return err
	}
	j.command = "run"
	var sweepArgs []string
	if *sweepFile && len(params)+len(values) == 0 {
		axes, err := f.SweepAxes()
		if err != nil {
			return err
		}
		if len(axes) == 0 {
			return fmt.Errorf("%w: --sweep: the config has no [[sweep]] tables; give the axes with --param or --values", errUsage)
		}
	}
	if precision {
		defaults := []string{mainMetric(spec)}
		if len(params)+len(values) > 0 || *metricList != "" || *sweepFile {
			// A sweep watches the first of its metrics that is a proportion, as sweep does.
			defaults = strings.Split(cmp.Or(*metricList, defaultSweepMetrics), ",")
		}
		prec, err := pf.rule(defaults, spec.Runs, spec.FirstRun)
		if err != nil {
			return err
		}
		if err := prec.Defined(spec); err != nil {
			return err
		}
		j.stages, j.rule = len(prec.Checkpoints(spec.Runs)), newStageRecord(prec, 0)
	}
	if len(params)+len(values) > 0 || *metricList != "" || *sweepFile {
		// A sweep: its axes and metrics are checked here, as alliancesim sweep would.
		j.command = "sweep"
		for _, p := range params {
			if _, err := parseParam(f, p); err != nil {
				return err
			}
			sweepArgs = append(sweepArgs, "--param", p)
		}
		for _, v := range values {
			if _, err := parseValues(f, v); err != nil {
				return err
			}
			sweepArgs = append(sweepArgs, "--values", v)
		}
		if len(params)+len(values) > 2 {
			return fmt.Errorf("%w: a sweep has one or two axes, got %d", errUsage, len(params)+len(values))
		}
		if *metricList != "" {
			if _, err := sim.LookupMetrics(*metricList); err != nil {
				return fmt.Errorf("%w: --metric: %v", errUsage, err)
			}
			sweepArgs = append(sweepArgs, "--metric", *metricList)
		}
	}
	dir := rf.out
	if dir == "" {
		dir = filepath.Join("out", spec.Name)
		if j.command == "sweep" {
			dir += "-sweep"
		}
	}
	if j.dir, err = filepath.Abs(dir); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	// Slurm reads --output from an #SBATCH line with its own parser, not the shell's: keep
	// to paths it takes literally rather than quoting for it.
	if !directiveSafe(j.dir) {
		return fmt.Errorf("%w: --out %q: the log paths in #SBATCH lines cannot hold whitespace, quotes, backslashes or %%; choose another directory", errUsage, j.dir)
	}
	if j.binary, err = slurmBinary(*binary); err != nil {
		return err
	}
	if *submit {
		if _, err := exec.LookPath("sbatch"); err != nil {
			return fmt.Errorf("--submit needs Slurm's sbatch: %w (without --submit, the commands to run are printed)", err)
		}
	}
	j.runArgs, err = shardRunArgs(pos, &rf, given)
	if err != nil {
		return err
	}
	j.runArgs = append(j.runArgs, sweepArgs...)
	for _, fl := range []struct{ name, v string }{{"precision", pf.halfWidth}, {"precision-metric", pf.metric}, {"max-runs", pf.maxRuns}} {
		if given[fl.name] {
			j.runArgs = append(j.runArgs, "--"+fl.name, fl.v)
		}
	}
	if given["workers"] {
		j.workers = strconv.Itoa(rf.workers)
	}
	j.force = rf.force
	j.made = shellJoin(append([]string{"alliancesim", "slurm"}, args...))
	if j.command == "sweep" {
		// The sweep's identity covers its axes, as alliancesim sweep computes it.
		if f, _, err = sweepConfig(f, params, values); err != nil {
			return err
		}
	}
	j.scenario, j.hash, j.runs, j.seed = spec.Name, f.Hash(), spec.Runs, spec.Seed

	units, unitsText := sim.NumChunks(spec), fmt.Sprintf("%d runs make %d chunks of %d", j.runs, sim.NumChunks(spec), sim.ChunkSize)
	if j.stages > 0 { // the shards split each stage; the last is the largest
		units = (j.rule.MaxRuns + sim.ChunkSize - 1) / sim.ChunkSize
		unitsText = fmt.Sprintf("even the %d runs of --max-runs make %d chunks of %d", j.rule.MaxRuns, units, sim.ChunkSize)
	}
	return j.write(ctx, e, rf.force, *submit, units, unitsText)
}

// write claims the output folder, writes the two scripts and, with submit, submits them. units
// is the number of pieces the shards split (chunks, or blocks of design points), which units
// names for the warning when some shards would have none.
func (j *slurmJob) write(ctx context.Context, e *env, force, submit bool, units int, unitsText string) error {
	// The merge writes its results here: the folder is claimed for them now, so that a folder
	// of other results is refused before any shard runs.
	od, err := openOut(j.dir, j.command, j.hash, force, nil)
	if err != nil {
		return err
	}
	od.close()
	parts, logs := filepath.Join(j.dir, "parts"), filepath.Join(j.dir, "logs")
	if err := clearStaleParts(parts, j.shards, j.hash, j.rule, force); err != nil {
		return err
	}
	// Slurm does not create the directory of a job's --output file: a job whose log cannot be
	// opened fails before its script starts.
	for _, d := range []string{parts, logs} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("output directory: %w", err)
		}
	}
	shardsPath, mergePath := filepath.Join(j.dir, "shards.sbatch"), filepath.Join(j.dir, "merge.sbatch")
	if err := writeScript(shardsPath, j.shardsScript()); err != nil {
		return err
	}
	if err := writeScript(mergePath, j.mergeScript()); err != nil {
		return err
	}
	if j.shards > slurmArrayLimit {
		fmt.Fprintf(e.stderr, "alliancesim slurm: warning: %d shards need array indices up to %d; Slurm's default MaxArraySize allows %d at most\n",
			j.shards, j.shards-1, slurmArrayLimit)
	}
	if j.shards > units {
		fmt.Fprintf(e.stderr, "alliancesim slurm: warning: %s, so %d of the %d shards will have no runs to do\n",
			unitsText, j.shards-units, j.shards)
	}
	if strings.Contains(j.binary, string(filepath.Separator)+"go-build") {
		fmt.Fprintf(e.stderr, "alliancesim slurm: warning: %s is a temporary build of go run that will be gone when the jobs start; build with go build -o bin/alliancesim ./cmd/alliancesim and pass --binary\n", j.binary)
	}
	fmt.Fprintf(e.stderr, "wrote %s and %s: %d shards of %d runs of %s\n", shardsPath, mergePath, j.shards, j.runs, j.scenario)
	if !submit {
		fmt.Fprint(e.stdout, submitSnippet(shardsPath, mergePath, j.stages))
		return nil
	}
	if j.stages > 0 {
		return j.submitStages(ctx, e, shardsPath, mergePath)
	}
	arrayID, err := sbatch(ctx, shardsPath)
	if err != nil {
		return fmt.Errorf("submit the shards: %w", err)
	}
	mergeID, err := sbatch(ctx, "--dependency=afterok:"+arrayID, mergePath)
	if err != nil {
		// The shards are queued and their parts are good: say how to merge them anyway.
		return fmt.Errorf("shards submitted as job %s, but submitting the merge failed: %w; submit it with: sbatch --dependency=afterok:%s %s",
			arrayID, err, arrayID, shellQuote(mergePath))
	}
	fmt.Fprintf(e.stdout, "shards job %s: array 0-%d, logs in %s\n", arrayID, j.shards-1, logs)
	results := map[string]string{"run": "summary.json", "sweep": "sweep.json", "explore": "explore.json"}[j.command]
	fmt.Fprintf(e.stdout, "merge job %s: runs once every shard succeeded (afterok:%s), writes %s\n",
		mergeID, arrayID, filepath.Join(j.dir, results))
	fmt.Fprintf(e.stderr, "follow them with: squeue -j %s,%s\n", arrayID, mergeID)
	return nil
}

// checkSlurmTime checks a --time of HH:MM:SS or D-HH:MM:SS ("" is no limit of ours).
func checkSlurmTime(s string) error {
	if s == "" {
		return nil
	}
	m := slurmTime.FindStringSubmatch(s)
	bad := m == nil
	if !bad {
		h, _ := strconv.Atoi(m[2])
		mm, _ := strconv.Atoi(m[3])
		ss, _ := strconv.Atoi(m[4])
		d, _ := strconv.Atoi(m[1]) // "" when there is no day count: 0
		bad = mm > 59 || ss > 59 || (m[1] != "" && h > 23) || d+h+mm+ss == 0
	}
	if bad {
		return fmt.Errorf("%w: --time %q: want HH:MM:SS or D-HH:MM:SS, e.g. 02:30:00 or 1-12:00:00", errUsage, s)
	}
	return nil
}

// directiveSafe reports whether path can stand unquoted in an #SBATCH directive, where Slurm
// also expands % patterns.
func directiveSafe(path string) bool {
	return !strings.ContainsFunc(path, func(r rune) bool {
		return unicode.IsSpace(r) || !unicode.IsPrint(r) || strings.ContainsRune(`"'\%`, r)
	})
}

// slurmBinary returns the absolute path of the alliancesim the jobs are to run.
func slurmBinary(given string) (string, error) {
	path := given
	if path == "" {
		exe, err := os.Executable()
		if err != nil {
			return "", fmt.Errorf("find this executable for the scripts (give --binary PATH): %w", err)
		}
		path = exe
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("--binary %s: %w", path, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("--binary: %w", err)
	}
	if !st.Mode().IsRegular() || st.Mode().Perm()&0o111 == 0 {
		return "", fmt.Errorf("--binary %s: not an executable file", abs)
	}
	return abs, nil
}

// shardRunArgs returns the scenario and the run flags that every shard gets: the ones given,
// spelled out, with a FILE.toml made absolute because the jobs may start in another directory.
func shardRunArgs(pos []string, rf *runFlags, given map[string]bool) ([]string, error) {
	scenario := defaultScenario
	if len(pos) == 1 {
		scenario = pos[0]
	}
	// config.Open prefers an embedded scenario to a file of the same name; so do we.
	if _, err := config.Scenario(scenario); err != nil {
		abs, err := filepath.Abs(scenario)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", scenario, err)
		}
		scenario = abs
	}
	args := []string{scenario}
	for _, fl := range []struct{ name, v string }{
		{"runs", rf.runs}, {"steps", rf.steps}, {"seed", rf.seed}, {"first-run", rf.firstRun},
	} {
		if given[fl.name] {
			args = append(args, "--"+fl.name, fl.v)
		}
	}
	for _, s := range rf.sets {
		args = append(args, "--set", s)
	}
	return args, nil
}

// clearStaleParts refuses, or with force deletes, partial results in dir that merge would
// refuse to combine with this job's: those of another config, another number of shards, or
// another precision rule (rule, nil for a plain run). Parts of this very job (a resubmission)
// are left alone; the shards overwrite them.
func clearStaleParts(dir string, n int, hash string, rule *stageRecord, force bool) error {
	files, _ := filepath.Glob(filepath.Join(dir, "part-*-of-*.json")) // the pattern is valid
	var stale []string
	for _, file := range files {
		var p struct {
			Hash   string       `json:"config_sha256"`
			Shards int          `json:"shards"`
			Stage  *stageRecord `json:"precision_stage"`
		}
		b, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("partial results: %w", err)
		}
		if json.Unmarshal(b, &p) != nil || p.Hash != hash || p.Shards != n ||
			(p.Stage == nil) != (rule == nil) || p.Stage != nil && !p.Stage.sameRule(rule) {
			stale = append(stale, file)
		}
	}
	if len(stale) == 0 {
		return nil
	}
	if !force {
		names := filepath.Base(stale[0])
		if len(stale) > 1 {
			names += fmt.Sprintf(" and %d more", len(stale)-1)
		}
		return fmt.Errorf("%s holds partial results of another config, number of shards or precision rule (%s), which merge would refuse to mix with these; use another --out, or --force to delete them",
			dir, names)
	}
	for _, file := range stale {
		for _, name := range []string{file, strings.TrimSuffix(file, ".json") + ".csv"} {
			if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("delete stale partial result: %w", err)
			}
		}
	}
	return nil
}

// writeScript writes an executable script atomically.
func writeScript(path, text string) error {
	if err := writeFileAtomic(path, []byte(text)); err != nil {
		return err
	}
	if err := os.Chmod(path, 0o755); err != nil {
		return fmt.Errorf("make %s executable: %w", path, err)
	}
	return nil
}

// header writes the comment block both scripts open with: what made them and how to submit them.
func (j *slurmJob) header(b *strings.Builder, what, about string) {
	// Values from the command line and the config go on one comment line each, whatever they hold.
	oneLine := strings.NewReplacer("\n", `\n`, "\r", `\r`)
	b.WriteString("#!/bin/bash\n")
	fmt.Fprintf(b, "# %s\n", what)
	fmt.Fprintf(b, "# Scenario %s: %d runs, seed %d, config sha256 %s, in %d shards.\n",
		oneLine.Replace(j.scenario), j.runs, j.seed, j.hash, j.shards)
	fmt.Fprintf(b, "# Made by alliancesim %s: %s\n#\n", version, oneLine.Replace(j.made))
	for line := range strings.Lines(about) {
		if line == "\n" {
			b.WriteString("#\n")
			continue
		}
		b.WriteString("# " + line)
	}
	b.WriteString("#\n")
	for line := range strings.Lines(submitSnippet(filepath.Join(j.dir, "shards.sbatch"), filepath.Join(j.dir, "merge.sbatch"), j.stages)) {
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			b.WriteString("# " + rest)
		} else {
			b.WriteString("#   " + line) // the commands themselves, indented
		}
	}
	b.WriteString("#\n")
}

// directives writes the #SBATCH lines both jobs share. sbatch stops reading directives at the
// first command, so they come before any.
func (j *slurmJob) directives(b *strings.Builder, name, log string) {
	fmt.Fprintf(b, "#SBATCH --job-name=%s\n", name)
	fmt.Fprintf(b, "#SBATCH --output=%s\n", log)
	if j.partition != "" {
		fmt.Fprintf(b, "#SBATCH --partition=%s\n", j.partition)
	}
	if j.time != "" {
		fmt.Fprintf(b, "#SBATCH --time=%s\n", j.time)
	}
}

func (j *slurmJob) shardsScript() string {
	var b strings.Builder
	last := j.shards - 1
	what := fmt.Sprintf(`Array task K of %[1]d computes the runs of every chunk c with c mod %[1]d = K (--shard slurm
takes K and %[1]d from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT) and writes
parts/part-K-of-%[1]d.json and .csv; merge.sbatch combines them once all tasks have succeeded.`, j.shards)
	if j.stages > 0 {
		what = fmt.Sprintf(`The ensemble grows to a precision (--precision %[2]g, metric %[3]s, at most %[4]d runs) in
up to %[5]d stages, one job array each: submit this script once per stage S, 0 to %[6]d, with S
as its argument, each after the one before (--dependency=afterok), as below. Array task K of
stage S reads the parts of the stages before it, applies the rule, and either computes the runs
of stage S in every chunk c with c mod %[1]d = K (--shard slurm takes K and %[1]d from
SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT), every grid point of a sweep together, writing
its part into parts/ (*-K-of-%[1]d-stage-S.json), or, once the rule has stopped, exits at once.
merge.sbatch combines the parts up to where the rule stopped.`, j.shards, j.rule.Target, j.rule.Metric, j.rule.MaxRuns, j.stages, j.stages-1)
	}
	if j.command == "explore" && j.stages > 0 {
		what = fmt.Sprintf(`The exploration grows to a precision (--precision %[3]g, metric %[4]s, at most %[5]d runs a
design point) in up to %[6]d stages, one job array each: submit this script once per stage S, 0
to %[7]d, with S as its argument, each after the one before (--dependency=afterok), as below.
Array task K of stage S reads the parts of the stages before it, applies the rule, and either
computes the runs of stage S at the design points of every block b of %[2]d with b mod %[1]d = K
(--shard slurm takes K and %[1]d from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT), writing
parts/explore-part-K-of-%[1]d-stage-S.json, or, once the rule has stopped, exits at once. The
last stage, %[7]d, writes those blocks at the runs the rule reached, with their replicates, into
parts/points and parts/explore-part-K-of-%[1]d.json; merge.sbatch combines them.`,
			j.shards, exploreBlock, j.rule.Target, j.rule.Metric, j.rule.MaxRuns, j.stages, j.stages-1)
	} else if j.command == "explore" {
		what = fmt.Sprintf(`Array task K of %[1]d computes every block b of %[2]d design points with b mod %[1]d = K (--shard
slurm takes K and %[1]d from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT) and writes
parts/explore-part-K-of-%[1]d.json and its blocks in parts/points; merge.sbatch combines them
once all tasks have succeeded.`, j.shards, exploreBlock)
	}
	j.header(&b, "shards.sbatch: the shards of one alliancesim "+map[bool]string{true: "exploration", false: "ensemble"}[j.command == "explore"]+", as a Slurm job array.",
		what+fmt.Sprintf(`
Results do not depend on --workers, so each task uses the CPUs Slurm gave it.

To redo one failed task K alone, do not submit this script with --array=K: Slurm would then
count one task, not %[1]d. Run the command at the end with --shard K/%[1]d in place of
--shard slurm (e.g. with sbatch --wrap), then merge.sbatch.
`, j.shards))
	fmt.Fprintf(&b, "#SBATCH --array=0-%d\n", last)
	j.directives(&b, "alliancesim-shards", filepath.Join(j.dir, "logs", "shard-%A_%a.log"))
	fmt.Fprintf(&b, "#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=%d\n", j.cpus)
	b.WriteString("set -euo pipefail\n\n")
	b.WriteString("# Refuse to compute a wrong partition of the runs when submitted with another --array.\n")
	fmt.Fprintf(&b, "if [ \"${SLURM_ARRAY_TASK_COUNT:-}\" != %d ]; then\n", j.shards)
	fmt.Fprintf(&b, "  echo \"shards.sbatch: made for an array of %d tasks (0-%d), this is task ${SLURM_ARRAY_TASK_ID:-?} of ${SLURM_ARRAY_TASK_COUNT:-?}\" >&2\n", j.shards, last)
	b.WriteString("  exit 2\nfi\n\n")
	workers := fmt.Sprintf(`"${SLURM_CPUS_PER_TASK:-%d}"`, j.cpus)
	if j.workers != "" {
		workers = shellQuote(j.workers)
	}
	if j.workdir != "" {
		fmt.Fprintf(&b, "cd %s\n", shellQuote(j.workdir))
	}
	stage := ""
	if j.stages > 0 {
		b.WriteString("# The stage of the rule this job array computes is the script's argument.\n")
		b.WriteString("stage=${1:-}\n")
		fmt.Fprintf(&b, "case $stage in\n'' | *[!0-9]*)\n  echo \"shards.sbatch: give the stage, 0 to %d, as the argument: sbatch shards.sbatch S\" >&2\n  exit 2\n  ;;\nesac\n\n", j.stages-1)
		stage = ` --stage "$stage"`
	}
	cmd := append([]string{j.binary, j.command}, j.runArgs...)
	fmt.Fprintf(&b, "exec %s \\\n  --shard slurm --out %s --quiet --workers %s%s\n",
		shellJoin(cmd), shellQuote(filepath.Join(j.dir, "parts")), workers, stage)
	return b.String()
}

func (j *slurmJob) mergeScript() string {
	var b strings.Builder
	into := "summary.json, runs.csv and charts"
	if j.command == "explore" {
		into = "explore.json, its tables and charts"
	}
	j.header(&b, "merge.sbatch: combine the shards of shards.sbatch into "+into+".",
		`Submit it after the array with --dependency=afterok:<array job id>: it then starts only once
every shard has succeeded. --kill-on-invalid-dep cancels it when a shard fails, rather than
leaving it pending forever on clusters whose DependencyParameters lack kill_invalid_depend.
Merge refuses a missing shard and names it; its outputs are byte-identical to one unsharded run.
`)
	j.directives(&b, "alliancesim-merge", filepath.Join(j.dir, "logs", "merge-%j.log"))
	b.WriteString("#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n#SBATCH --kill-on-invalid-dep=yes\n")
	b.WriteString("set -euo pipefail\n\n")
	cmd := []string{j.binary, "merge", filepath.Join(j.dir, "parts"), "--out", j.dir}
	if j.force {
		cmd = append(cmd, "--force")
	}
	fmt.Fprintf(&b, "exec %s\n", shellJoin(cmd))
	return b.String()
}

// submitSnippet is the shell that submits the two scripts, the merge after the shards; with
// stages, the shards once per stage, each after the one before.
func submitSnippet(shards, merge string, stages int) string {
	if stages > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, `# Submit the %d stages of the rule, each job array once the one before has succeeded, then
# the merge (--parsable prints JOBID, or JOBID;CLUSTER on a multi-cluster setup):
jobid=$(sbatch --parsable %s 0)
`, stages, shellQuote(shards))
		for s := 1; s < stages; s++ {
			fmt.Fprintf(&b, "jobid=$(sbatch --parsable --dependency=afterok:${jobid%%%%;*} %s %d)\n", shellQuote(shards), s)
		}
		fmt.Fprintf(&b, "sbatch --dependency=afterok:${jobid%%%%;*} %s\n", shellQuote(merge))
		return b.String()
	}
	return fmt.Sprintf(`# Submit the shards, then the merge once every shard has succeeded
# (--parsable prints JOBID, or JOBID;CLUSTER on a multi-cluster setup):
jobid=$(sbatch --parsable %s)
sbatch --dependency=afterok:${jobid%%%%;*} %s
`, shellQuote(shards), shellQuote(merge))
}

// submitStages submits the shards script once per stage, each job array after the one before,
// then the merge after the last.
func (j *slurmJob) submitStages(ctx context.Context, e *env, shardsPath, mergePath string) error {
	var ids []string
	for s := range j.stages {
		args := []string{shardsPath, strconv.Itoa(s)}
		if s > 0 {
			args = append([]string{"--dependency=afterok:" + ids[s-1]}, args...)
		}
		id, err := sbatch(ctx, args...)
		if err != nil {
			if s == 0 {
				return fmt.Errorf("submit the shards of stage 0: %w", err)
			}
			return fmt.Errorf("stages 0 to %d submitted as jobs %s, but submitting stage %d failed: %w; submit the rest by hand as %s says",
				s-1, strings.Join(ids, ", "), s, err, shardsPath)
		}
		ids = append(ids, id)
		fmt.Fprintf(e.stdout, "stage %d job %s: array 0-%d\n", s, id, j.shards-1)
	}
	last := ids[len(ids)-1]
	mergeID, err := sbatch(ctx, "--dependency=afterok:"+last, mergePath)
	if err != nil {
		return fmt.Errorf("stages submitted as jobs %s, but submitting the merge failed: %w; submit it with: sbatch --dependency=afterok:%s %s",
			strings.Join(ids, ", "), err, last, shellQuote(mergePath))
	}
	fmt.Fprintf(e.stdout, "merge job %s: runs once every stage succeeded (afterok:%s), writes %s; the shards of stages the rule does not need exit at once\n",
		mergeID, last, filepath.Join(j.dir, "summary.json"))
	fmt.Fprintf(e.stderr, "follow them with: squeue -j %s,%s\n", strings.Join(ids, ","), mergeID)
	return nil
}

// sbatch runs sbatch --parsable with args and returns the job id it printed.
func sbatch(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "sbatch", append([]string{"--parsable"}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("sbatch: %w: %s", err, msg)
		}
		return "", fmt.Errorf("sbatch: %w", err)
	}
	id, _, _ := strings.Cut(strings.TrimSpace(stdout.String()), ";")
	if _, err := strconv.ParseUint(id, 10, 64); err != nil {
		return "", fmt.Errorf("sbatch printed %q, not a job id", strings.TrimSpace(stdout.String()))
	}
	return id, nil
}

// shellQuote quotes s for a POSIX shell: bare when it holds only characters no shell treats
// specially, otherwise in single quotes, inside which only ' itself needs escaping.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_-+=/.,:@%", r)))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// shellJoin quotes each of args and joins them with spaces.
func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = shellQuote(a)
	}
	return strings.Join(q, " ")
}
