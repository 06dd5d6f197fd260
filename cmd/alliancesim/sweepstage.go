package main

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"

	"alliancesim/config"
	"alliancesim/sim"
)

// A sweep grown to a precision is sharded stage by stage as a comparison is (comparestage.go),
// every grid point together, the widest half-width over them deciding, as sim.SweepTo does. A
// stage's part holds its points' chunks and outcomes itself, as the unsharded sweep holds every
// point in memory until its last checkpoint.

// sweepPartBase is the base name of a sweep shard's file.
func sweepPartBase(sh *shard, stage *stageRecord) string { return "sweep-" + partBase(sh, stage) }

// gridSpecs returns the spec of every point of the grid over axes, and the points, unmeasured.
func gridSpecs(spec *sim.Spec, axes []sim.Axis) ([]*sim.Spec, []*sim.SweepPoint) {
	total := sim.GridSize(axes)
	specs, grid := make([]*sim.Spec, total), make([]*sim.SweepPoint, total)
	for idx := range total {
		specs[idx] = new(sim.Spec)
		grid[idx] = sim.GridPoint(spec, axes, idx, specs[idx])
	}
	return specs, grid
}

// checkSweepStages checks that ms are the shards of one sweep grown to a precision, every stage
// present complete, naming the culprit; mine, when not nil, is the shard asking, whose job
// they must be of.
func checkSweepStages(ms []*sweepManifest, files []string, mine *shardID) error {
	if len(ms) == 0 {
		return nil
	}
	first := ms[0]
	byStage := map[int][]shardID{}
	for i, m := range ms {
		switch {
		case m.Stage == nil:
			return fmt.Errorf("%s: a shard of a sweep of fixed runs, among the stages of one grown to a precision (%s); merge them apart", files[i], files[0])
		case !m.Stage.sameRule(first.Stage):
			return fmt.Errorf("%s: made with --precision %g --precision-metric %s --max-runs %d, but %s with --precision %g --precision-metric %s --max-runs %d",
				files[i], m.Stage.Target, m.Stage.Metric, m.Stage.MaxRuns, files[0], first.Stage.Target, first.Stage.Metric, first.Stage.MaxRuns)
		}
		id := m.id(files[i], m.SweepID)
		if mine != nil {
			if err := id.sameJob(*mine); err != nil {
				return fmt.Errorf("%s is of another sweep or number of shards; use another --out: %w", files[i], err)
			}
		}
		byStage[m.Stage.Stage] = append(byStage[m.Stage.Stage], id)
	}
	for _, s := range slices.Sorted(maps.Keys(byStage)) {
		ids := byStage[s]
		if err := ids[0].sameJob(first.id(files[0], first.SweepID)); err != nil {
			return fmt.Errorf("stage %d: %w", s, err)
		}
		if err := checkShards(ids, "sweep-part"); err != nil {
			return fmt.Errorf("stage %d (sweep-part-K-of-%d-stage-%d): %w", s, first.N, s, err)
		}
	}
	return nil
}

// sweepChunks returns every point's chunks the parts hold, by chunk index (limit of them), nil
// where absent.
func sweepChunks(ms []*sweepManifest, files []string, points, limit int) ([][]*sim.Accumulator, error) {
	chunks := make([][]*sim.Accumulator, points)
	for i := range chunks {
		chunks[i] = make([]*sim.Accumulator, limit)
	}
	for j, m := range ms {
		if len(m.Points) != points {
			return nil, fmt.Errorf("%s: %d grid points, not %d", files[j], len(m.Points), points)
		}
		for i, pt := range m.Points {
			for _, c := range pt.Chunks {
				if c.Index < 0 || c.Index >= limit || c.Index%m.N != m.K || c.Acc == nil || chunks[i][c.Index] != nil {
					return nil, fmt.Errorf("%s: grid point %d: chunk %d does not belong to shard %d/%d once", files[j], i, c.Index, m.K, m.N)
				}
				chunks[i][c.Index] = c.Acc
			}
		}
	}
	return chunks, nil
}

// sweepStage computes shard sh's share of stage st of prec's rule at every grid point, after
// checking that the stages before it are done and that the rule asks for it, and writes its
// part into dir.
func sweepStage(ctx context.Context, e *env, dir string, st *stageRecord, sh *shard, prov provenance, id string, f *config.File, spec *sim.Spec, axes []sim.Axis, metrics []sim.Metric, prec *sim.Precision, cps []int, workers int) error {
	specs, _ := gridSpecs(spec, axes)
	if !slices.ContainsFunc(specs, func(s *sim.Spec) bool { return prec.Defined(s) == nil }) {
		return prec.Defined(specs[0])
	}
	m := newSweepManifest(sh, prov, id, f, spec, axes, metrics)
	m.Stage = st
	s, from := st.Stage, 0
	if s > 0 {
		files, _ := filepath.Glob(filepath.Join(dir, "sweep-part-*-of-*-stage-*.json")) // the pattern is valid
		all, allFiles, err := readParts(files, "sweep-part", "sweep", func(m *sweepManifest) string { return m.Kind })
		if err != nil {
			return err
		}
		var ms []*sweepManifest
		var mfiles []string
		for i, p := range all {
			if p.Stage != nil && p.Stage.Stage < s {
				if !p.Stage.sameRule(st) {
					return fmt.Errorf("stage %d: %s was made with another --precision, --precision-metric or --max-runs; use another --out", s, allFiles[i])
				}
				ms, mfiles = append(ms, p), append(mfiles, allFiles[i])
			}
		}
		mine := m.id("this shard", id)
		if err := checkSweepStages(ms, mfiles, &mine); err != nil {
			return fmt.Errorf("stage %d of %s: %w; stage %d can start only once every shard of the stages before it has finished", s, joinInts(cps), err, s)
		}
		chunks, err := sweepChunks(ms, mfiles, len(specs), chunksOf(cps[s-1]))
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
			return removeStale(filepath.Join(dir, sweepPartBase(sh, st)+".json"))
		}
		from = cps[s-1]
	}
	pts, err := measureStage(ctx, e, specs, metrics, sh, from, cps[s], workers, func(i int) string { return fmt.Sprintf("grid point %d", i) })
	if err != nil {
		return err
	}
	for _, pt := range pts {
		sp := stagePoint{Outcomes: pt.Outcomes}
		for j, c := range pt.ChunkIndex {
			sp.Chunks = append(sp.Chunks, partialChunk{Index: c, Acc: pt.Chunks[j]})
		}
		m.Points = append(m.Points, sp)
	}
	if err := writeSealed(filepath.Join(dir, sweepPartBase(sh, st)+".json"), m, true); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s: %s.json, stage %d of %d grid points; combine the shards with alliancesim merge %s\n",
		dir, sweepPartBase(sh, st), s, len(specs), dir)
	return nil
}

// mergeSweepStages merges the parts of a sweep grown to a precision up to the checkpoint where
// the rule stops, into the outputs of the unsharded sweep --precision.
func mergeSweepStages(e *env, ms []*sweepManifest, files []string, out string, force bool) error {
	if err := checkSweepStages(ms, files, nil); err != nil {
		return err
	}
	first := ms[0]
	f, spec, axes, metrics, err := first.sweep(files[0])
	if err != nil {
		return err
	}
	specs, grid := gridSpecs(spec, axes)
	prec, err := first.Stage.rule(spec)
	if err != nil {
		return fmt.Errorf("%s: %w", files[0], err)
	}
	cps := prec.Checkpoints(spec.Runs)
	chunks, err := sweepChunks(ms, files, len(specs), chunksOf(cps[len(cps)-1]))
	if err != nil {
		return err
	}
	reached, pts, need, err := replayOptions(specs, metrics, prec, chunks)
	if err != nil {
		return err
	}
	if need > 0 {
		return missingStage("sweep", cps, need, first.N)
	}
	for i, pt := range pts {
		pt.Index, pt.Coord, pt.Values, pt.Labels = grid[i].Index, grid[i].Coord, grid[i].Values, grid[i].Labels
	}
	newOutcomes(pts, metrics, reached.Runs)
	for j, m := range ms {
		of := make([][][]uint64, len(m.Points))
		for i, sp := range m.Points {
			of[i] = sp.Outcomes
		}
		if err := stageOutcomes(pts, cps, reached.Runs, m.Stage.Stage, of, func(i int) string {
			return fmt.Sprintf("%s: grid point %d", files[j], i)
		}); err != nil {
			return err
		}
	}
	grown := *spec
	grown.Runs = reached.Runs
	prov := first.provenance
	prov.Precision = newPrecisionRecord(prec, reached)
	out, err = outFor(out, spec.Name, "-sweep")
	if err != nil {
		return err
	}
	od, err := openOut(out, "sweep", prov.ConfigSHA256, force, nil)
	if err != nil {
		return err
	}
	defer od.close()
	fmt.Fprintln(e.stderr, prov.Precision)
	if err := finishSweep(e, od, prov, f, &grown, axes, metrics, pts, nil); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "merged %d shards of a %d-point sweep grown to %d runs into %s\n", first.N, len(pts), reached.Runs, out)
	return nil
}
