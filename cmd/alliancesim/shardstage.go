package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"alliancesim/config"
	"alliancesim/sim"
)

// A run grown to a precision is sharded stage by stage. The rule's checkpoints are fixed before
// any run (sim.Precision.Checkpoints) and it decides on the merged results at checkpoints only,
// so the shards of stage s, once every shard of the stages before it has written its part, can
// each merge those parts, apply the rule to checkpoints 0 to s-1 and see alone whether stage s
// is needed: then each computes its share of the stage's new chunks (chunk c with c mod N = K,
// c counted from the first run), or else exits having nothing to do. merge applies the rule
// the same way and merges the parts up to the checkpoint where it stopped: the files of an
// unsharded run --precision, byte for byte.

// stageRecord is what a stage's part adds to a plain part: the stage and the rule's flags,
// which every part of one ensemble must share.
type stageRecord struct {
	Stage   int     `json:"stage"`
	Metric  string  `json:"metric"`
	Target  float64 `json:"half_width_target"`
	MaxRuns int     `json:"max_runs"`
}

func newStageRecord(p *sim.Precision, stage int) *stageRecord {
	return &stageRecord{Stage: stage, Metric: p.Metric.Name, Target: p.HalfWidth, MaxRuns: p.MaxRuns}
}

// rule returns the rule of the flags recorded, for spec.
func (r *stageRecord) rule(spec *sim.Spec) (*sim.Precision, error) {
	pf := precisionFlags{halfWidth: strconv.FormatFloat(r.Target, 'g', -1, 64), metric: r.Metric, maxRuns: strconv.Itoa(r.MaxRuns)}
	return pf.rule(nil, spec.Runs, spec.FirstRun)
}

// sameRule reports whether r and o are parts of one rule (whatever their stages).
func (r *stageRecord) sameRule(o *stageRecord) bool {
	return r.Metric == o.Metric && r.Target == o.Target && r.MaxRuns == o.MaxRuns
}

// partBase is the base name of a shard's files: part-K-of-N, with -stage-S for a stage.
func partBase(sh *shard, stage *stageRecord) string {
	if stage == nil {
		return sh.base()
	}
	return fmt.Sprintf("%s-stage-%d", sh.base(), stage.Stage)
}

// parseStage parses --stage v of a rule prec (nil without --precision) followed by shard sh
// from runs runs: the stage's record (nil when not given) and the rule's checkpoints (nil
// without a rule).
func parseStage(v string, prec *sim.Precision, sh *shard, runs int) (*stageRecord, []int, error) {
	var cps []int
	if prec != nil {
		cps = prec.Checkpoints(runs)
	}
	switch {
	case v == "" && prec != nil && sh != nil:
		return nil, nil, fmt.Errorf("%w: --precision with --shard needs --stage S: the stages of the rule, 0 to %d, run one after another (alliancesim slurm --precision chains them)", errUsage, len(cps)-1)
	case v == "":
		return nil, cps, nil
	case prec == nil || sh == nil:
		return nil, nil, fmt.Errorf("%w: --stage is for the shards of a run grown to a precision: give it with --precision and --shard", errUsage)
	}
	s, err := strconv.Atoi(v)
	if err != nil || s < 0 || s >= len(cps) {
		return nil, nil, fmt.Errorf("%w: --stage %q: allowed 0 to %d (the rule's checkpoints are %s runs)", errUsage, v, len(cps)-1, joinInts(cps))
	}
	return newStageRecord(prec, s), cps, nil
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}

// needRuns is the error of a measure that lacks the runs of checkpoint n.
type needRuns int

func (n needRuns) Error() string { return fmt.Sprintf("the runs up to %d are not all present", int(n)) }

// replay follows prec's rule over the chunks present (chunks[c] for chunk c of spec's runs, nil
// when absent), merged in chunk order as sim.EnsembleTo merges them. It returns what the rule
// reached and the merged ensemble then, or, when the rule asks for a checkpoint whose chunks are
// not all present, that checkpoint as need (and a nil ensemble).
func replay(spec *sim.Spec, prec *sim.Precision, chunks []*sim.Accumulator) (r sim.Reached, acc *sim.Accumulator, need int, err error) {
	acc = sim.NewAccumulator(spec)
	merged := 0
	r, err = prec.Grow(spec.Runs, func(n int) (float64, error) {
		for ; merged < chunksOf(n); merged++ {
			if merged >= len(chunks) || chunks[merged] == nil {
				return 0, needRuns(n)
			}
			if err := acc.Merge(chunks[merged]); err != nil {
				return 0, err
			}
		}
		iv, _ := prec.Metric.Value(sim.Summarize(spec, acc))
		return sim.HalfWidth(iv), nil
	})
	var nr needRuns
	if errors.As(err, &nr) {
		return r, nil, int(nr), nil
	}
	return r, acc, 0, err
}

// loadStageParts reads the parts of stages in dir (part-K-of-N-stage-S.json); none is no error.
func loadStageParts(dir string) ([]*partial, []string, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "part-*-of-*-stage-*.json")) // the pattern is valid
	if len(files) == 0 {
		return nil, nil, nil
	}
	return loadPartials(files)
}

// checkStages checks that parts are the shards of one ensemble grown to a precision, every
// stage present complete, naming the culprit.
func checkStages(parts []*partial, files []string) error {
	byStage := map[int][]shardID{}
	first := parts[0]
	for i, p := range parts {
		switch {
		case p.Stage == nil:
			return fmt.Errorf("%s: a shard of a plain run, among the stages of a run grown to a precision (%s); merge them apart", files[i], files[0])
		case !p.Stage.sameRule(first.Stage):
			return fmt.Errorf("%s: made with --precision %g --precision-metric %s --max-runs %d, but %s with --precision %g --precision-metric %s --max-runs %d",
				files[i], p.Stage.Target, p.Stage.Metric, p.Stage.MaxRuns, files[0], first.Stage.Target, first.Stage.Metric, first.Stage.MaxRuns)
		}
		// Every stage is checked against the first part, then within itself.
		byStage[p.Stage.Stage] = append(byStage[p.Stage.Stage], p.id(files[i], p.ConfigSHA256))
	}
	for _, s := range slices.Sorted(maps.Keys(byStage)) {
		ids := byStage[s]
		if err := ids[0].sameJob(first.id(files[0], first.ConfigSHA256)); err != nil {
			return fmt.Errorf("stage %d: %w", s, err)
		}
		if err := checkShards(ids, "part"); err != nil {
			return fmt.Errorf("stage %d (part-K-of-%d-stage-%d): %w", s, first.N, s, err)
		}
	}
	return nil
}

// stagesBefore checks the parts in dir of stages 0 to s-1 of prec's rule, made with the same
// config, seed, shards and rule, each stage present complete, and returns their chunks.
func stagesBefore(dir string, s int, sh *shard, prov provenance, spec *sim.Spec, prec *sim.Precision, cps []int) ([]*sim.Accumulator, error) {
	all, allFiles, err := loadStageParts(dir)
	if err != nil {
		return nil, err
	}
	var parts []*partial
	var files []string
	mine := newStageRecord(prec, s)
	for i, p := range all {
		if p.Stage != nil && p.Stage.Stage < s {
			parts, files = append(parts, p), append(files, allFiles[i])
		}
	}
	refuse := func(why string) error {
		return fmt.Errorf("stage %d of %s: %s; stage %d can start only once every shard of stages 0 to %d has written its part into %s (alliancesim slurm --precision submits the stages with --dependency=afterok)",
			s, joinInts(cps), why, s, s-1, dir)
	}
	for i, p := range parts {
		switch {
		case p.ConfigSHA256 != prov.ConfigSHA256 || p.Seed != spec.Seed || p.Runs != spec.Runs || p.FirstRun != spec.FirstRun || p.Version != version:
			return nil, refuse(fmt.Sprintf("%s was made with another config, seed, --runs, --first-run or version", files[i]))
		case p.N != sh.n:
			return nil, refuse(fmt.Sprintf("%s is a shard of %d, this of %d", files[i], p.N, sh.n))
		case !p.Stage.sameRule(mine):
			return nil, refuse(fmt.Sprintf("%s was made with another --precision, --precision-metric or --max-runs", files[i]))
		}
	}
	byStage := map[int][]int{}
	for i, p := range parts {
		byStage[p.Stage.Stage] = append(byStage[p.Stage.Stage], i)
	}
	// A stage with no part at all may be one the rule did not need (its shards wrote nothing):
	// replay tells. A stage with some parts must have them all.
	for t := range s {
		if len(byStage[t]) == 0 {
			continue
		}
		var ids []shardID
		for _, i := range byStage[t] {
			ids = append(ids, parts[i].id(files[i], parts[i].ConfigSHA256))
		}
		if err := checkShards(ids, "part"); err != nil {
			return nil, refuse(fmt.Sprintf("stage %d (part-K-of-%d-stage-%d): %v", t, sh.n, t, err))
		}
	}
	accs, _, err := partChunks(parts, files, chunksOf(cps[s-1]))
	return accs, err
}

// runStage computes shard sh's share of stage s of prec's rule, after checking that the stages
// before it are done and that the rule asks for it. It returns the stage's spec (its runs) and
// the first chunk's index, or a nil spec when the rule stopped before stage s.
func runStage(e *env, dir string, s int, sh *shard, prov provenance, spec *sim.Spec, prec *sim.Precision, cps []int) (*sim.Spec, int, error) {
	if err := prec.Defined(spec); err != nil {
		return nil, 0, err
	}
	from := 0
	if s > 0 {
		chunks, err := stagesBefore(dir, s, sh, prov, spec, prec, cps)
		if err != nil {
			return nil, 0, err
		}
		r, _, need, err := replay(spec, prec, chunks)
		if err != nil {
			return nil, 0, err
		}
		if needed, err := stageNeeded(e, dir, s, cps, r, need); err != nil || !needed {
			return nil, 0, err
		}
		from = cps[s-1]
	}
	stage := *spec
	stage.FirstRun, stage.Runs = spec.FirstRun+from, cps[s]-from
	return &stage, from / sim.ChunkSize, nil
}

// stageNeeded decides whether stage s is needed from what replaying the rule over the parts of
// the stages before it gave: r and need as replay returns them. It refuses a stage the rule
// cannot yet decide, and says so when the rule has stopped.
func stageNeeded(e *env, dir string, s int, cps []int, r sim.Reached, need int) (bool, error) {
	switch {
	case need == 0:
		fmt.Fprintf(e.stderr, "stage %d (%d runs) is not needed: the rule stopped at %d runs (checkpoints %s); nothing to do, merge the parts\n",
			s, cps[s], r.Runs, joinInts(r.Checkpoints))
		return false, nil
	case need < cps[s]:
		t := slices.Index(cps, need)
		return false, fmt.Errorf("stage %d of %s: the rule needs stage %d (%d runs), whose parts are not in %s; stage %d can start only once every shard of the stages before it has finished (alliancesim slurm --precision submits the stages with --dependency=afterok)",
			s, joinInts(cps), t, need, dir, s)
	}
	return true, nil
}

// mergeStages merges the parts of a run grown to a precision up to the checkpoint where the rule
// stops, into the files of the unsharded run --precision.
func mergeStages(e *env, parts []*partial, files []string, out string, force bool) error {
	if err := checkStages(parts, files); err != nil {
		return err
	}
	f, spec, err := partsSpec(parts, files)
	if err != nil {
		return err
	}
	prec, err := parts[0].Stage.rule(spec)
	if err != nil {
		return fmt.Errorf("%s: %w", files[0], err)
	}
	cps := prec.Checkpoints(spec.Runs)
	accs, rowsOf, err := partChunks(parts, files, chunksOf(cps[len(cps)-1]))
	if err != nil {
		return err
	}
	reached, acc, need, err := replay(spec, prec, accs)
	if err != nil {
		return err
	}
	if need > 0 {
		return missingStage("run", cps, need, parts[0].N)
	}
	return writeMerged(e, f, spec, reached, prec, acc, rowsOf, parts[0].provenance, out, force, len(parts))
}

// writeMerged writes the outputs of a sharded run grown to a precision, as run does.
func writeMerged(e *env, f *config.File, spec *sim.Spec, reached sim.Reached, prec *sim.Precision, acc *sim.Accumulator, rowsOf [][]byte, prov provenance, out string, force bool, nparts int) error {
	grown := *spec
	grown.Runs = reached.Runs
	var rows bytes.Buffer
	rows.WriteString(strings.Join(sim.Columns(&grown), ",") + "\n")
	for _, r := range rowsOf[:sim.NumChunks(&grown)] {
		rows.Write(r)
	}
	dir, err := outFor(out, spec.Name, "")
	if err != nil {
		return err
	}
	prov.Precision = newPrecisionRecord(prec, reached)
	od, err := openOut(dir, "run", prov.ConfigSHA256, force, nil)
	if err != nil {
		return err
	}
	defer od.close()
	if err := writeFileAtomic(filepath.Join(dir, "runs.csv"), rows.Bytes()); err != nil {
		return err
	}
	if _, err := writeRunResults(e, dir, f, &grown, acc, prov, runTables{}); err != nil {
		return err
	}
	if err := od.finish(outputNames["run"]...); err != nil {
		return err
	}
	if err := od.writeRunInfo(e); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, prov.Precision)
	fmt.Fprintf(e.stderr, "merged %d parts of %d runs into %s\n", nparts, grown.Runs, dir)
	return nil
}

// removeStalePart removes shard sh's part of a stage the rule does not need, left by an earlier
// job of the same ensemble, so that dir holds only what merge uses.
func removeStalePart(dir string, sh *shard, stage *stageRecord) error {
	return removeStale(filepath.Join(dir, partBase(sh, stage)+".json"), filepath.Join(dir, partBase(sh, stage)+".csv"))
}

// removeStale removes the files of a stage's part that exist.
func removeStale(paths ...string) error {
	for _, path := range paths {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// measureStage computes shard sh's chunks of runs from to to of every spec (an option or a grid
// point, named by name in errors), their chunk indices counted from each spec's first run, as
// the stages of compare and sweep grown to a precision keep them.
func measureStage(ctx context.Context, e *env, specs []*sim.Spec, metrics []sim.Metric, sh *shard, from, to, workers int, name func(i int) string) ([]*sim.SweepPoint, error) {
	firstChunk := from / sim.ChunkSize
	var pts []*sim.SweepPoint
	for i, spec := range specs {
		stage := *spec
		stage.FirstRun, stage.Runs = spec.FirstRun+from, to-from
		pt := &sim.SweepPoint{}
		opt := sim.Options{Workers: workers, Chunk: func(c int) bool { return sh.has(firstChunk + c) }, KeepChunks: true}
		if err := sim.Measure(ctx, &stage, pt, metrics, opt); err != nil {
			if sig := e.signal(); sig != nil {
				return nil, interruptedBy(sig, "the shard's part was not written")
			}
			return nil, fmt.Errorf("%s: %w", name(i), err)
		}
		for j := range pt.ChunkIndex {
			pt.ChunkIndex[j] += firstChunk
		}
		pts = append(pts, pt)
	}
	return pts, nil
}

// chunksOf is the number of chunks of the first runs runs of an ensemble.
func chunksOf(runs int) int { return (runs + sim.ChunkSize - 1) / sim.ChunkSize }

// missingStage is merge's error when the rule asks for a stage whose parts are not all there:
// it names the stage and the command (run, compare or sweep) that makes it with n shards.
func missingStage(command string, cps []int, need, n int) error {
	s := slices.Index(cps, need)
	return fmt.Errorf("the rule asks for stage %d (%d runs, checkpoints %s), whose parts are not all there: run its shards (alliancesim %s ... --shard K/%d --stage %d), then merge again",
		s, need, joinInts(cps), command, n, s)
}

// newOutcomes gives each point of pts empty per-run outcomes of runs runs for every binary
// metric, for stageOutcomes to fill.
func newOutcomes(pts []*sim.SweepPoint, metrics []sim.Metric, runs int) {
	words := (runs + 63) / 64
	for _, pt := range pts {
		pt.Outcomes = make([][]uint64, len(metrics))
		for m, met := range metrics {
			if met.Binary != nil {
				pt.Outcomes[m] = make([]uint64, words)
			}
		}
	}
}

// stageOutcomes puts back in run order the per-run outcomes that a part of stage s holds for
// each point (of[i], the outcomes of the stage's own runs, which start a whole number of words
// in), for the paired differences; a stage the rule did not reach, left by an earlier job, is
// skipped. what names point i in errors.
func stageOutcomes(pts []*sim.SweepPoint, cps []int, runs, s int, of [][][]uint64, what func(i int) string) error {
	if s >= len(cps) || cps[s] > runs {
		return nil
	}
	from := 0
	if s > 0 {
		from = cps[s-1]
	}
	for i, outcomes := range of {
		if len(outcomes) != len(pts[i].Outcomes) {
			return fmt.Errorf("%s: outcomes of another number of metrics", what(i))
		}
		for m, o := range outcomes {
			if (o == nil) != (pts[i].Outcomes[m] == nil) || o != nil && len(o) != (cps[s]-from+63)/64 {
				return fmt.Errorf("%s: outcomes of another metric or number of runs", what(i))
			}
			for w, bits := range o {
				pts[i].Outcomes[m][from/64+w] |= bits
			}
		}
	}
	return nil
}
