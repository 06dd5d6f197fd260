package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"alliancesim/sim"
)

// A comparison grown to a precision is sharded stage by stage as a run is (shardstage.go), all
// options together: the rule watches the widest half-width over them, as sim.MeasureTo does, so
// a stage is needed for every option or for none.

// comparePartBase is the base name of a comparison shard's file.
func comparePartBase(sh *shard, stage *stageRecord) string { return "compare-" + partBase(sh, stage) }

// replayOptions follows prec's rule over the chunks present of every option (chunks[i][c] for
// chunk c of option i, nil when absent), as sim.MeasureTo grows them: every option to the same
// runs, the widest half-width over those where the metric is defined deciding. It returns what
// the rule reached and the points then (outcomes not set), or, when the rule asks for a
// checkpoint whose chunks are not all present, that checkpoint as need.
func replayOptions(specs []*sim.Spec, metrics []sim.Metric, prec *sim.Precision, chunks [][]*sim.Accumulator) (sim.Reached, []*sim.SweepPoint, int, error) {
	accs := make([]*sim.Accumulator, len(specs))
	pts := make([]*sim.SweepPoint, len(specs))
	for i, spec := range specs {
		accs[i], pts[i] = sim.NewAccumulator(spec), &sim.SweepPoint{}
	}
	merged := 0
	r, err := prec.Grow(specs[0].Runs, func(n int) (float64, error) {
		upto := (n + sim.ChunkSize - 1) / sim.ChunkSize
		for i := range specs {
			for c := merged; c < upto; c++ {
				if c >= len(chunks[i]) || chunks[i][c] == nil {
					return 0, needRuns(n)
				}
				if err := accs[i].Merge(chunks[i][c]); err != nil {
					return 0, err
				}
			}
		}
		merged = upto
		widest := math.NaN()
		for i, spec := range specs {
			pts[i].Finish(spec, accs[i], metrics)
			iv, ok := prec.Metric.Value(pts[i].Summary)
			if !ok {
				continue
			}
			if hw := sim.HalfWidth(iv); hw > widest || math.IsNaN(widest) {
				widest = hw
			}
		}
		return widest, nil
	})
	var nr needRuns
	if errors.As(err, &nr) {
		return r, nil, int(nr), nil
	}
	return r, pts, 0, err
}

// compareStageID is what the parts of one comparison grown to a precision share.
func compareStageID(p *comparePart, file string) shardID {
	return p.id(file, p.ConfigSHA256+" "+strings.Join(p.Metrics, ","))
}

// checkCompareStages checks that parts are the shards of one comparison grown to a precision,
// every stage present complete, naming the culprit.
func checkCompareStages(ps []*comparePart, files []string) error {
	first := ps[0]
	byStage := map[int][]shardID{}
	for i, p := range ps {
		switch {
		case p.Stage == nil:
			return fmt.Errorf("%s: a shard of a comparison of fixed runs, among the stages of one grown to a precision (%s); merge them apart", files[i], files[0])
		case !p.Stage.sameRule(first.Stage):
			return fmt.Errorf("%s: made with --precision %g --precision-metric %s --max-runs %d, but %s with --precision %g --precision-metric %s --max-runs %d",
				files[i], p.Stage.Target, p.Stage.Metric, p.Stage.MaxRuns, files[0], first.Stage.Target, first.Stage.Metric, first.Stage.MaxRuns)
		}
		byStage[p.Stage.Stage] = append(byStage[p.Stage.Stage], compareStageID(p, files[i]))
	}
	for _, s := range slices.Sorted(maps.Keys(byStage)) {
		ids := byStage[s]
		if err := ids[0].sameJob(compareStageID(first, files[0])); err != nil {
			return fmt.Errorf("stage %d: %w", s, err)
		}
		if err := checkShards(ids, "compare-part"); err != nil {
			return fmt.Errorf("stage %d (compare-part-K-of-%d-stage-%d): %w", s, first.N, s, err)
		}
	}
	return nil
}

// compareChunks returns every option's chunks the parts hold, by chunk index (limit of them),
// nil where absent; it checks that each part has the options of hashes, in order.
func compareChunks(ps []*comparePart, files []string, hashes []string, limit int) ([][]*sim.Accumulator, error) {
	chunks := make([][]*sim.Accumulator, len(hashes))
	for i := range chunks {
		chunks[i] = make([]*sim.Accumulator, limit)
	}
	for j, p := range ps {
		if len(p.Options) != len(hashes) {
			return nil, fmt.Errorf("%s: %d options, not %d", files[j], len(p.Options), len(hashes))
		}
		for i, op := range p.Options {
			if op.Hash != hashes[i] {
				return nil, fmt.Errorf("%s: option %s differs from the other parts'", files[j], op.Name)
			}
			for _, c := range op.Chunks {
				if c.Index < 0 || c.Index >= limit || c.Index%p.N != p.K || c.Acc == nil || chunks[i][c.Index] != nil {
					return nil, fmt.Errorf("%s: chunk %d does not belong to shard %d/%d once", files[j], c.Index, p.K, p.N)
				}
				chunks[i][c.Index] = c.Acc
			}
		}
	}
	return chunks, nil
}

// compareStage computes shard sh's share of stage st of prec's rule for every option, after
// checking that the stages before it are done and that the rule asks for it, and writes its
// part into dir.
func compareStage(ctx context.Context, e *env, dir string, st *stageRecord, sh *shard, prov provenance, opts []option, specs []*sim.Spec, hashes []string, metrics []sim.Metric, prec *sim.Precision, cps []int, workers int) error {
	if !slices.ContainsFunc(specs, func(s *sim.Spec) bool { return prec.Defined(s) == nil }) {
		return prec.Defined(specs[0])
	}
	s, from := st.Stage, 0
	if s > 0 {
		files, _ := filepath.Glob(filepath.Join(dir, "compare-part-*-of-*-stage-*.json")) // the pattern is valid
		all, allFiles, err := readParts(files, "compare-part", "compare", func(p *comparePart) string { return p.Kind })
		if err != nil {
			return err
		}
		mine := compareStageID(&comparePart{shardHeader: newShardHeader(prov, "compare", specs[0], sh), Metrics: metricNames(metrics)}, "this shard")
		var ps []*comparePart
		var pfiles []string
		byStage := map[int][]shardID{}
		for i, p := range all {
			if p.Stage == nil || p.Stage.Stage >= s {
				continue
			}
			id := compareStageID(p, allFiles[i])
			if err := id.sameJob(mine); err != nil || !p.Stage.sameRule(st) {
				return fmt.Errorf("stage %d: %s is of another comparison, number of shards or precision rule; use another --out", s, allFiles[i])
			}
			ps, pfiles = append(ps, p), append(pfiles, allFiles[i])
			byStage[p.Stage.Stage] = append(byStage[p.Stage.Stage], id)
		}
		for t, ids := range byStage {
			if err := checkShards(ids, "compare-part"); err != nil {
				return fmt.Errorf("stage %d of %s: stage %d (compare-part-K-of-%d-stage-%d): %w; stage %d can start only once every shard of the stages before it has finished",
					s, joinInts(cps), t, sh.n, t, err, s)
			}
		}
		chunks, err := compareChunks(ps, pfiles, hashes, chunksOf(cps[s-1]))
		if err != nil {
			return err
		}
		r, _, need, err := replayOptions(specs, metrics, prec, chunks)
		if err != nil {
			return err
		}
		if needed, err := stageNeeded(e, dir, s, cps, r, need); err != nil {
			return err
		} else if !needed {
			return removeStale(filepath.Join(dir, comparePartBase(sh, st)+".json"))
		}
		from = cps[s-1]
	}
	pts, err := measureStage(ctx, e, specs, metrics, sh, from, cps[s], workers, func(i int) string { return opts[i].name })
	if err != nil {
		return err
	}
	if err := writeComparePart(dir, sh, st, prov, opts, specs, hashes, metrics, pts); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s: %s.json, stage %d of %d options; combine the shards with alliancesim merge %s\n",
		dir, comparePartBase(sh, st), s, len(specs), dir)
	return nil
}

// mergeCompareStages merges the parts of a comparison grown to a precision up to the checkpoint
// where the rule stops, into the outputs of the unsharded compare --precision.
func mergeCompareStages(e *env, ps []*comparePart, files []string, out string, force bool) error {
	if err := checkCompareStages(ps, files); err != nil {
		return err
	}
	first := ps[0]
	metrics, err := sim.LookupMetrics(strings.Join(first.Metrics, ","))
	if err != nil {
		return err
	}
	names, hashes, recs, specs, err := first.options(files[0])
	if err != nil {
		return err
	}
	prec, err := first.Stage.rule(specs[0])
	if err != nil {
		return fmt.Errorf("%s: %w", files[0], err)
	}
	cps := prec.Checkpoints(specs[0].Runs)
	chunks, err := compareChunks(ps, files, hashes, chunksOf(cps[len(cps)-1]))
	if err != nil {
		return err
	}
	reached, pts, need, err := replayOptions(specs, metrics, prec, chunks)
	if err != nil {
		return err
	}
	if need > 0 {
		return missingStage("compare", cps, need, first.N)
	}
	// The per-run outcomes, for the paired differences.
	newOutcomes(pts, metrics, reached.Runs)
	for j, p := range ps {
		of := make([][][]uint64, len(p.Options))
		for i, op := range p.Options {
			of[i] = op.Outcomes
		}
		if err := stageOutcomes(pts, cps, reached.Runs, p.Stage.Stage, of, func(i int) string {
			return fmt.Sprintf("%s: option %s", files[j], p.Options[i].Name)
		}); err != nil {
			return err
		}
	}
	for _, spec := range specs {
		spec.Runs = reached.Runs
	}
	prov := first.provenance
	prov.Precision = newPrecisionRecord(prec, reached)
	if out == "" {
		out = compareOut(names)
	}
	od, err := openOut(out, "compare", first.ConfigSHA256, force, nil)
	if err != nil {
		return err
	}
	defer od.close()
	fmt.Fprintln(e.stderr, prov.Precision)
	return finishCompare(e, od, newCompareResult(prov, recs, specs, hashes, metrics, pts), nil)
}
