package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// explore makes the scripts of a sharded exploration: `alliancesim slurm --shards N [slurm
// flags] -- explore [SCENARIO|FILE] [explore flags]`. The exploration is set up here, as explore
// would, so that a bad command line fails before anything is written; each array task then
// runs it with --shard slurm (the blocks of design points b with b mod N = K) into DIR/parts,
// from the directory slurm was run in, and the merge job combines them into DIR. pos and the run flags before -- are refused: the
// exploration's own flags say everything.
func (j *slurmJob) explore(ctx context.Context, e *env, args, pos []string, rf *runFlags, pf *precisionFlags, given map[string]bool, binary string, submit bool, slurmArgs []string) error {
	if len(args) == 0 || args[0] != "explore" {
		return fmt.Errorf("%w: after --, slurm takes an explore command line (-- explore FILE --design sobol ...), got %q", errUsage, strings.Join(args, " "))
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: %s: with -- explore ..., the scenario goes after explore", errUsage, strings.Join(pos, " "))
	}
	for _, name := range []string{"runs", "steps", "seed", "first-run", "set"} {
		if given[name] {
			return fmt.Errorf("%w: --%s: with -- explore ..., give it after explore", errUsage, name)
		}
	}
	c, err := parseExplore(e, args[1:], nil)
	if err != nil {
		return err
	}
	for _, name := range []string{"precision", "precision-metric", "max-runs"} {
		if visited(c.fs, name) {
			return fmt.Errorf("%w: explore --%s: give it to slurm, before -- (slurm --shards N --%s ... -- explore ...), which chains the stages of the rule", errUsage, name, name)
		}
	}
	for _, name := range []string{"shard", "stage", "out", "resume", "workers", "quiet"} {
		if f := c.fs.Lookup(name); f != nil && visited(c.fs, name) {
			return fmt.Errorf("%w: explore --%s: slurm sets it for the shards (the output folder is slurm's --out, the workers its --workers or --cpus, the stage its own chaining); --resume cannot be sharded", errUsage, name)
		}
	}
	plan := c.x.plan
	// Adaptive precision: the shards follow the rule stage by stage (explorestage.go), with one
	// stage more than the rule's checkpoints, for the replicates.
	prec, err := pf.rule(plan.Metrics, plan.Runs, plan.FirstRun)
	if err != nil {
		return err
	}
	var precArgs []string
	if prec != nil {
		j.stages, j.rule = len(prec.Checkpoints(plan.Runs))+1, newStageRecord(prec, 0)
		for _, fl := range []struct{ name, v string }{{"precision", pf.halfWidth}, {"precision-metric", pf.metric}, {"max-runs", pf.maxRuns}} {
			if given[fl.name] {
				precArgs = append(precArgs, "--"+fl.name, fl.v)
			}
		}
	}
	j.command = "explore"
	dir := rf.out
	if dir == "" {
		if dir, err = outFor("", c.src.Simulation.Name, "-explore"); err != nil {
			return err
		}
	}
	if j.dir, err = filepath.Abs(dir); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	if !directiveSafe(j.dir) {
		return fmt.Errorf("%w: --out %q: the log paths in #SBATCH lines cannot hold whitespace, quotes, backslashes or %%; choose another directory", errUsage, j.dir)
	}
	if j.binary, err = slurmBinary(binary); err != nil {
		return err
	}
	j.runArgs = append(c.shardArgs(), precArgs...)
	if j.workdir, err = os.Getwd(); err != nil {
		return fmt.Errorf("the directory the shards are to run in: %w", err)
	}

	if given["workers"] {
		j.workers = fmt.Sprint(rf.workers)
	}
	j.force = rf.force
	j.made = shellJoin(append([]string{"alliancesim", "slurm"}, slurmArgs...)) + " -- " + shellJoin(args)
	j.scenario, j.hash, j.runs, j.seed = c.src.Simulation.Name+" (explore)", c.prov.ConfigSHA256, plan.Runs, plan.Seed
	return j.write(ctx, e, rf.force, submit, plan.blocks(),
		fmt.Sprintf("%d design points and replicates make %d blocks of %d", plan.units(), plan.blocks(), exploreBlock))
}

// visited reports whether the flag name was given.
func visited(fs *flag.FlagSet, name string) bool {
	seen := false
	fs.Visit(func(f *flag.Flag) { seen = seen || f.Name == name })
	return seen
}

// shardArgs returns the explore arguments every shard gets: those given, as given. The shards
// run them from the directory slurm was run in, so that relative paths of config files, and
// the options named after them, stay as they were.
func (c *exploreCall) shardArgs() []string {
	args := slices.Clone(c.pos)
	c.fs.Visit(func(f *flag.Flag) {
		if f.Name == "set" {
			for _, s := range c.rf.sets {
				args = append(args, "--set", s)
			}
			return
		}
		args = append(args, "--"+f.Name, f.Value.String())
	})
	return args
}
