package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"alliancesim/sim"
)

// An exploration grown to a precision is sharded stage by stage as a comparison is
// (comparestage.go), every design point of every option together, the widest half-width over
// them deciding, as explore --precision grows them. The shards split the design points as
// explore --shard does, by blocks: a shard of stage S computes the stage's chunks of the design
// points in its blocks and writes them into explore-part-K-of-N-stage-S.json. The replicates
// run the runs after those the rule reaches, which are known only once it has stopped, so an
// exploration has one stage more than its rule has checkpoints: the shards of that last stage
// replay the rule over the parts, write the blocks of their design points and replicates at
// the runs reached, and the part of an exploration of those runs, explore-part-K-of-N.json,
// which merge combines as it does any exploration's: byte-identical to explore --precision.

// exploreStagePoint is a design point's chunks of a stage, under each option.
type exploreStagePoint struct {
	Index   int              `json:"index"`
	Options [][]partialChunk `json:"options"`
}

// parseExploreStage parses explore's --stage: 0 to len(cps)-1 are the stages of the rule, and
// len(cps) the last, of the replicates ("" when not given: -1).
func parseExploreStage(v string, prec *sim.Precision, sh *shard, cps []int) (int, error) {
	last := len(cps)
	switch {
	case v == "" && prec != nil && sh != nil:
		return 0, fmt.Errorf("%w: --precision with --shard needs --stage S: the stages of the rule, 0 to %d, then stage %d for the replicates, run one after another (alliancesim slurm --precision chains them)", errUsage, last-1, last)
	case v == "":
		return -1, nil
	case prec == nil || sh == nil:
		return 0, fmt.Errorf("%w: --stage is for the shards of an exploration grown to a precision: give it with --precision and --shard", errUsage)
	}
	s, err := strconv.Atoi(v)
	if err != nil || s < 0 || s > last {
		return 0, fmt.Errorf("%w: --stage %q: allowed 0 to %d (the rule's checkpoints are %s runs; stage %d runs the replicates)", errUsage, v, last, joinInts(cps), last)
	}
	return s, nil
}

// explorePartBase is the base name of an exploration's stage part.
func explorePartBase(sh *shard, stage *stageRecord) string { return "explore-" + partBase(sh, stage) }

// stage runs shard sh's share of stage st of prec's rule (checkpoints cps), after checking
// that the stages before it are done and that the rule asks for it, and writes its part into
// out: the stage's chunks, or, for the last stage, the blocks and part of the exploration at
// the runs the rule reached.
func (x *exploration) stage(ctx context.Context, e *env, out string, st *stageRecord, sh *shard, prov provenance, prec *sim.Precision, cps []int, rf *runFlags) error {
	p := x.plan
	s, from := st.Stage, 0
	id := p.id()
	if s > 0 {
		chunks, err := exploreStagesBefore(out, st, sh, prov, p, id, cps)
		if err != nil {
			return err
		}
		units, r, err := x.growWith(*prec, rf.workers, &progress{}, func(pt, o int, stage *sim.Spec) ([]*sim.Accumulator, error) {
			lo := (stage.FirstRun - x.specs[o].FirstRun) / sim.ChunkSize
			hi := (stage.FirstRun - x.specs[o].FirstRun + stage.Runs + sim.ChunkSize - 1) / sim.ChunkSize
			if hi > len(chunks[pt][o]) || slices.Contains(chunks[pt][o][lo:hi], nil) {
				return nil, needRuns(stage.FirstRun - x.specs[o].FirstRun + stage.Runs)
			}
			return chunks[pt][o][lo:hi], nil
		})
		var nr needRuns
		need := 0
		if errors.As(err, &nr) {
			need = int(nr)
		} else if err != nil {
			return err
		}
		if s == len(cps) {
			if need > 0 {
				return fmt.Errorf("stage %d of an exploration with checkpoints %s: the rule needs stage %d (%d runs), whose parts are not in %s; the last stage can start only once every shard of the stages the rule needs has finished (alliancesim slurm --precision submits the stages with --dependency=afterok)",
					s, joinInts(cps), slices.Index(cps, need), need, out)
			}
			return x.lastStage(ctx, e, out, sh, prov, prec, r, units, rf)
		}
		if needed, err := stageNeeded(e, out, s, cps, r, need); err != nil {
			return err
		} else if !needed {
			return removeStale(filepath.Join(out, explorePartBase(sh, st)+".json"))
		}
		from = cps[s-1]
	}
	var mine []int
	for pt := range p.Points {
		if sh.has(pt / exploreBlock) {
			mine = append(mine, pt)
		}
	}
	firstChunk := from / sim.ChunkSize
	pts := make([]exploreStagePoint, len(mine))
	bar := newProgress(e, rf.quiet, len(mine)*len(p.Options)*(cps[s]-from), "runs")
	done := 0
	var mu sync.Mutex // guards done and bar
	err := forEach(0, len(mine), workersOr(rf.workers), func(i int, scratch *sim.Spec) error {
		pt := mine[i]
		sp := exploreStagePoint{Index: pt}
		for o, spec := range x.specs {
			// As grow sets a stage up: the runs, then the factors' values.
			spec.CopyTo(scratch)
			scratch.FirstRun, scratch.Runs = spec.FirstRun+from, cps[s]-from
			for k, set := range x.set[o] {
				set(scratch, p.Values[pt][k])
			}
			res, err := sim.Ensemble(ctx, scratch, sim.Options{Workers: 1, KeepChunks: true})
			if err != nil {
				return fmt.Errorf("design point %d, option %s: %w", pt, p.Options[o].Name, err)
			}
			var cs []partialChunk
			for j, c := range res.Chunks {
				cs = append(cs, partialChunk{Index: firstChunk + j, Acc: c})
			}
			sp.Options = append(sp.Options, cs)
		}
		pts[i] = sp
		mu.Lock()
		done += len(x.specs) * (cps[s] - from)
		bar.update(done, 0)
		mu.Unlock()
		return nil
	})
	bar.finish()
	if err != nil {
		if sig := e.signal(); sig != nil {
			return interruptedBy(sig, "the shard's part was not written")
		}
		return err
	}
	part := explorePart{
		shardHeader: shardHeader{provenance: prov, Kind: "explore", Runs: p.Runs, Seed: p.Seed, K: sh.k, N: sh.n, FirstRun: p.FirstRun},
		ExploreID:   id, Stage: st, Points: pts,
	}
	if err := writeSealed(filepath.Join(out, explorePartBase(sh, st)+".json"), &part, false); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s: %s.json, stage %d (runs %d to %d) of %d design points; then run stage %d\n",
		out, explorePartBase(sh, st), s, from, cps[s], len(mine), s+1)
	return nil
}

// lastStage writes shard sh's blocks of the exploration grown to the runs r the rule reached
// (units: the design points measured there), the replicates run at those runs, and its part
// of an exploration of those runs, as explore --shard would write them.
func (x *exploration) lastStage(ctx context.Context, e *env, out string, sh *shard, prov provenance, prec *sim.Precision, r sim.Reached, units []exploreUnit, rf *runFlags) error {
	p := x.plan
	p.Runs = r.Runs
	for _, spec := range x.specs {
		spec.Runs = r.Runs
	}
	prov.Precision = newPrecisionRecord(prec, r)
	id := p.id()
	store, err := openBlockStore(out, id, sh, false, rf.force)
	if err != nil {
		return err
	}
	np := len(p.Points)
	for b := range p.blocks() {
		if !sh.has(b) {
			continue
		}
		lo, hi := b*exploreBlock, min((b+1)*exploreBlock, p.units())
		block := make([]exploreUnit, hi-lo)
		for u := lo; u < min(hi, np); u++ {
			block[u-lo] = units[u]
		}
		err := forEach(max(lo, np), max(hi, np), workersOr(rf.workers), func(u int, scratch *sim.Spec) error {
			var err error
			block[u-lo], err = x.unit(ctx, u, scratch)
			return err
		})
		if err != nil {
			if sig := e.signal(); sig != nil {
				return interruptedBy(sig, "the shard's part was not written")
			}
			return err
		}
		if err := store.save(&blockFile{Block: b, Units: block}); err != nil {
			return err
		}
	}
	if err := writeExplorePart(out, sh, prov, id, p); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, prov.Precision)
	fmt.Fprintf(e.stderr, "wrote %s: shard %s of %d blocks of points at %d runs (explore-%s.json); combine the shards with alliancesim merge %s\n",
		out, sh, p.blocks(), p.Runs, sh.base(), out)
	return nil
}

// workersOr returns n workers, or with n <= 0 one per CPU, as explore takes --workers.
func workersOr(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// exploreStagesBefore checks the parts in dir of the stages before st of the exploration id,
// made with the same shards and rule, each stage present complete, and returns their chunks:
// chunks[pt][o][c] for chunk c of design point pt under option o, nil where absent.
func exploreStagesBefore(dir string, st *stageRecord, sh *shard, prov provenance, p *explorePlan, id string, cps []int) ([][][]*sim.Accumulator, error) {
	s := st.Stage
	files, _ := filepath.Glob(filepath.Join(dir, "explore-part-*-of-*-stage-*.json")) // the pattern is valid
	all, allFiles, err := readParts(files, "explore-part", "explore", func(p *explorePart) string { return p.Kind })
	if err != nil {
		return nil, err
	}
	mine := (&shardHeader{provenance: prov, Runs: p.Runs, Seed: p.Seed, K: sh.k, N: sh.n, FirstRun: p.FirstRun}).id("this shard", id)
	limit := (cps[min(s, len(cps))-1] + sim.ChunkSize - 1) / sim.ChunkSize
	chunks := make([][][]*sim.Accumulator, len(p.Points))
	for pt := range chunks {
		chunks[pt] = make([][]*sim.Accumulator, len(p.Options))
		for o := range chunks[pt] {
			chunks[pt][o] = make([]*sim.Accumulator, limit)
		}
	}
	byStage := map[int][]shardID{}
	for i, part := range all {
		if part.Stage == nil || part.Stage.Stage >= s {
			continue
		}
		file := allFiles[i]
		id := part.id(file, part.ExploreID)
		if err := id.sameJob(mine); err != nil || !part.Stage.sameRule(st) {
			return nil, fmt.Errorf("stage %d: %s is of another exploration, number of shards or precision rule; use another --out", s, file)
		}
		byStage[part.Stage.Stage] = append(byStage[part.Stage.Stage], id)
		for _, sp := range part.Points {
			if sp.Index < 0 || sp.Index >= len(p.Points) || (sp.Index/exploreBlock)%part.N != part.K || len(sp.Options) != len(p.Options) {
				return nil, fmt.Errorf("%s: design point %d does not belong to shard %d/%d with %d options", file, sp.Index, part.K, part.N, len(p.Options))
			}
			for o, cs := range sp.Options {
				for _, c := range cs {
					if c.Index < 0 || c.Index >= limit || c.Acc == nil || chunks[sp.Index][o][c.Index] != nil {
						return nil, fmt.Errorf("%s: design point %d: chunk %d given twice or beyond stage %d", file, sp.Index, c.Index, s-1)
					}
					chunks[sp.Index][o][c.Index] = c.Acc
				}
			}
		}
	}
	for t, ids := range byStage {
		if err := checkShards(ids, "explore-part"); err != nil {
			return nil, fmt.Errorf("stage %d of %s: stage %d (explore-part-K-of-%d-stage-%d): %w; stage %d can start only once every shard of the stages before it has finished",
				s, joinInts(cps), t, sh.n, t, err, s)
		}
	}
	return chunks, nil
}

// grownParts returns, of the parts of an exploration, those merge combines: all of them for one
// of fixed runs; for one grown to a precision, the parts of its last stage (explore-part-K-of-N
// .json, of an exploration at the runs the rule reached), which the stages' parts must lead to.
func grownParts(ps []*explorePart, files []string) ([]*explorePart, []string, error) {
	var stage *explorePart // the first part of a stage: all must share its rule
	var stageFile string
	var last []*explorePart
	var lastFiles []string
	for i, p := range ps {
		switch {
		case p.Stage != nil && stage == nil:
			stage, stageFile = p, files[i]
			continue
		case p.Stage != nil && !p.Stage.sameRule(stage.Stage):
			return nil, nil, fmt.Errorf("%s: made with --precision %g --precision-metric %s --max-runs %d, but %s with --precision %g --precision-metric %s --max-runs %d; use another --out",
				files[i], p.Stage.Target, p.Stage.Metric, p.Stage.MaxRuns, stageFile, stage.Stage.Target, stage.Stage.Metric, stage.Stage.MaxRuns)
		case p.Stage != nil:
			continue
		}
		last, lastFiles = append(last, p), append(lastFiles, files[i])
	}
	if stage == nil {
		return ps, files, nil
	}
	if len(last) == 0 {
		prec, err := stage.Stage.rule(&sim.Spec{Runs: stage.Runs, FirstRun: stage.FirstRun})
		if err != nil {
			return nil, nil, err
		}
		l := len(prec.Checkpoints(stage.Runs))
		return nil, nil, fmt.Errorf("the parts are the stages of an exploration grown to a precision, without its last stage, %d, which writes the design points at the runs the rule reached and their replicates: run its shards (alliancesim explore ... --shard K/%d --stage %d), then merge again", l, stage.N, l)
	}
	for i, p := range last {
		switch r := p.Precision; {
		case r == nil:
			return nil, nil, fmt.Errorf("%s: a shard of an exploration of fixed runs, among the stages of one grown to a precision; merge them apart", lastFiles[i])
		case r.Metric != stage.Stage.Metric || r.Target != stage.Stage.Target || r.MaxRuns != stage.Stage.MaxRuns:
			return nil, nil, fmt.Errorf("%s: the last stage of an exploration made with --precision %g --precision-metric %s --max-runs %d, among the stages of one with --precision %g --precision-metric %s --max-runs %d; use another --out",
				lastFiles[i], r.Target, r.Metric, r.MaxRuns, stage.Stage.Target, stage.Stage.Metric, stage.Stage.MaxRuns)
		}
	}
	return last, lastFiles, nil
}
