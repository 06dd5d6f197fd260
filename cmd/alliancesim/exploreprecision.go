package main

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"

	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// grow runs every design point of every option to the runs that prec's rule reaches, all to
// the same runs (so that points and options stay paired), the watched half-width being the
// widest over points and options. Each stage runs its new chunks at every point, in parallel
// across points, and merges them chunk by chunk into the point's accumulator, so that a point
// at n runs is, byte for byte, the ensemble of n runs that explore --runs n computes. It holds
// one accumulator per point and option until the last checkpoint. It returns the design
// points' units at the runs reached.
func (x *exploration) grow(ctx context.Context, prec sim.Precision, workers int, bar *progress) ([]exploreUnit, sim.Reached, error) {
	return x.growWith(prec, workers, bar, func(pt, o int, stage *sim.Spec) ([]*sim.Accumulator, error) {
		res, err := sim.Ensemble(ctx, stage, sim.Options{Workers: 1, KeepChunks: true})
		if err != nil {
			return nil, fmt.Errorf("design point %d, option %s: %w", pt, x.plan.Options[o].Name, err)
		}
		return res.Chunks, nil
	})
}

// stageChunks returns the chunks of a stage of design point pt under option o, whose runs
// stage (its factors set) names, in order.
type stageChunks func(pt, o int, stage *sim.Spec) ([]*sim.Accumulator, error)

// growWith is grow with the chunks of every stage from chunks: computed, or, for the shards of
// an exploration grown stage by stage, read from the parts of the stages (exploreStage.go).
func (x *exploration) growWith(prec sim.Precision, workers int, bar *progress, chunks stageChunks) ([]exploreUnit, sim.Reached, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p := x.plan
	np, no := len(p.Points), len(x.specs)
	accs := make([][]*sim.Accumulator, np)
	for i := range accs {
		accs[i] = make([]*sim.Accumulator, no)
	}
	units := make([]exploreUnit, np)
	prev, done := 0, 0
	var mu sync.Mutex // guards done and bar
	measure := func(n int) (float64, error) {
		hws := make([]float64, np)
		err := forEach(0, np, workers, func(pt int, scratch *sim.Spec) error {
			hws[pt] = math.NaN()
			units[pt] = exploreUnit{Index: pt}
			for o, spec := range x.specs {
				spec.CopyTo(scratch)
				// The stage: runs [prev, n) of the seed, whole chunks (prev is a multiple of
				// ChunkSize), as chunks prev/ChunkSize... of the n-run ensemble.
				scratch.FirstRun, scratch.Runs = spec.FirstRun+prev, n-prev
				for k, set := range x.set[o] {
					set(scratch, p.Values[pt][k])
				}
				cs, err := chunks(pt, o, scratch)
				if err != nil {
					return err
				}
				if accs[pt][o] == nil {
					accs[pt][o] = sim.NewAccumulator(scratch)
				}
				for _, c := range cs {
					if err := accs[pt][o].Merge(c); err != nil {
						return err
					}
				}
				scratch.FirstRun, scratch.Runs = spec.FirstRun, n
				sum := sim.Summarize(scratch, accs[pt][o])
				var ms []stats.Interval
				for _, m := range x.metrics {
					v, ok := m.Value(sum)
					if !ok {
						v = stats.Interval{P: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
					}
					ms = append(ms, v)
				}
				units[pt].Options = append(units[pt].Options, ms)
				if v, ok := prec.Metric.Value(sum); ok {
					if hw := sim.HalfWidth(v); !math.IsNaN(hw) && (math.IsNaN(hws[pt]) || hw > hws[pt]) {
						hws[pt] = hw
					}
				}
				mu.Lock()
				done += n - prev
				bar.update(done, 0)
				mu.Unlock()
			}
			return nil
		})
		if err != nil {
			return math.NaN(), err
		}
		prev = n
		widest := math.NaN()
		for _, hw := range hws {
			if !math.IsNaN(hw) && (math.IsNaN(widest) || hw > widest) {
				widest = hw
			}
		}
		return widest, nil
	}
	reached, err := prec.Grow(p.Runs, measure)
	if err != nil {
		return nil, reached, err
	}
	return units, reached, nil
}

// exploreTo grows the design points to prec (see grow), then runs the replicates at the runs
// reached, and writes every block, as an exploration with --runs set to those runs would.
func (x *exploration) exploreTo(ctx context.Context, e *env, od *outDir, prov *provenance, prec sim.Precision, rf *runFlags) error {
	p := x.plan
	workers := rf.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// The bar's total is every point at --max-runs, the most it may take.
	bar := newProgress(e, rf.quiet, (len(p.Points)+len(p.Replicates))*len(p.Options)*prec.MaxRuns, "runs")
	units, reached, err := x.grow(ctx, prec, workers, bar)
	if err != nil {
		bar.finish()
		if s := e.signal(); s != nil {
			return interruptedBy(s, "no exploration output was written")
		}
		return err
	}
	p.Runs = reached.Runs
	for _, spec := range x.specs {
		spec.Runs = reached.Runs
	}
	prov.Precision = newPrecisionRecord(&prec, reached)
	reps := make([]exploreUnit, len(p.Replicates))
	np := len(p.Points)
	err = forEach(np, np+len(reps), workers, func(u int, scratch *sim.Spec) error {
		var err error
		reps[u-np], err = x.unit(ctx, u, scratch)
		return err
	})
	bar.finish()
	if err != nil {
		if s := e.signal(); s != nil {
			return interruptedBy(s, "no exploration output was written")
		}
		return err
	}
	x.grown = append(units, reps...)
	return nil
}

// blocks writes the units of a grown exploration as its blocks, and reads them back as an
// exploration at a fixed number of runs does.
func (x *exploration) blocks(out string, force bool) ([]exploreUnit, error) {
	p := x.plan
	store, err := openBlockStore(out, p.id(), nil, false, force)
	if err != nil {
		return nil, err
	}
	for b := range p.blocks() {
		lo := b * exploreBlock
		hi := min(lo+exploreBlock, p.units())
		if err := store.save(&blockFile{Block: b, Units: x.grown[lo:hi]}); err != nil {
			return nil, err
		}
	}
	return store.load(p)
}
