package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// blockFile is points/block-NNNNN.json: the measured metrics of a block of exploreBlock units
// (design points, then replicates), each for every option. A block is computed by one shard
// and written as soon as it is done, so that an interrupted exploration loses at most the
// block it was computing.
type blockFile struct {
	ExploreID string        `json:"explore_id"`
	Version   string        `json:"version"`
	Block     int           `json:"block"`
	Units     []exploreUnit `json:"units"`
	Checksum  string        `json:"checksum"`
}

func (b *blockFile) checksum() *string { return &b.Checksum }

// exploreUnit is one design point (or replicate) measured under every option: Options[o][m]
// is metric m under option o.
type exploreUnit struct {
	Index   int                `json:"index"`
	Options [][]stats.Interval `json:"options"`
}

// blockStore keeps the finished blocks of an exploration in DIR/points.
type blockStore struct {
	dir   string
	id    string
	shard *shard
	done  map[int]bool
}

// errOtherExploration marks a block of another exploration.
var errOtherExploration = errors.New("a block of a different exploration (configs, factors, design, runs or metrics)")

// openBlockStore opens the blocks in out, verifying each: a block of another exploration is
// refused (or with force removed); without resume, every block is removed and recomputed.
func openBlockStore(out, id string, sh *shard, resume, force bool) (*blockStore, error) {
	s := &blockStore{dir: filepath.Join(out, "points"), id: id, shard: sh, done: map[int]bool{}}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return nil, fmt.Errorf("explore points: %w", err)
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, fmt.Errorf("explore points: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, "block-") || !strings.HasSuffix(name, ".json") {
			continue
		}
		path := filepath.Join(s.dir, name)
		b, err := s.read(path, -1)
		if err == nil && sh != nil && !sh.has(b.Block) {
			continue // another shard's
		}
		if err != nil {
			if !force {
				if errors.Is(err, errOtherExploration) {
					return nil, fmt.Errorf("%s holds blocks of a different exploration, such as %s; use another --out or --force to discard them", s.dir, name)
				}
				return nil, fmt.Errorf("%w; delete it to recompute its points, or use --force to discard it", err)
			}
			os.Remove(path)
			continue
		}
		if resume {
			s.done[b.Block] = true
		} else {
			os.Remove(path)
		}
	}
	return s, nil
}

func (s *blockStore) name(block int) string {
	return filepath.Join(s.dir, fmt.Sprintf("block-%05d.json", block))
}

// read reads and verifies the block file at path (block -1: any block).
func (s *blockStore) read(path string, block int) (*blockFile, error) {
	var b blockFile
	if err := readSealed(path, &b); err != nil {
		return nil, err
	}
	switch {
	case b.ExploreID != s.id:
		return nil, fmt.Errorf("%s: %w", path, errOtherExploration)
	case b.Version != version:
		return nil, fmt.Errorf("%s: %w: made by alliancesim %s, this is %s", path, errNotSealed, b.Version, version)
	case block >= 0 && b.Block != block || s.name(b.Block) != path:
		return nil, fmt.Errorf("%s: %w: holds block %d", path, errNotSealed, b.Block)
	}
	return &b, nil
}

func (s *blockStore) count() int { return len(s.done) }

// want returns the number of blocks this process computes.
func (s *blockStore) want(p *explorePlan) int {
	n := 0
	for b := range p.blocks() {
		if s.shard == nil || s.shard.has(b) {
			n++
		}
	}
	return n
}

// units returns the number of units in the blocks this process computes.
func (s *blockStore) units(p *explorePlan) int {
	n := 0
	for b := range p.blocks() {
		if s.shard == nil || s.shard.has(b) {
			n += min((b+1)*exploreBlock, p.units()) - b*exploreBlock
		}
	}
	return n
}

// load reads every block of the plan, in order, and returns the units, each verified.
func (s *blockStore) load(p *explorePlan) ([]exploreUnit, error) {
	var units []exploreUnit
	for b := range p.blocks() {
		f, err := s.read(s.name(b), b)
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("block %d of the exploration's points is missing from %s", b, s.dir)
		}
		if err != nil {
			return nil, err
		}
		if err := p.checkBlock(f); err != nil {
			return nil, fmt.Errorf("%s: %w: %v", s.name(b), errNotSealed, err)
		}
		units = append(units, f.Units...)
	}
	return units, nil
}

// checkBlock checks that a block holds its units, each with every option's metrics.
func (p *explorePlan) checkBlock(f *blockFile) error {
	lo := f.Block * exploreBlock
	hi := min(lo+exploreBlock, p.units())
	if len(f.Units) != hi-lo {
		return fmt.Errorf("%d units, want %d", len(f.Units), hi-lo)
	}
	for i, u := range f.Units {
		if u.Index != lo+i {
			return fmt.Errorf("unit %d where %d belongs", u.Index, lo+i)
		}
		if len(u.Options) != len(p.Options) {
			return fmt.Errorf("unit %d: %d options, want %d", u.Index, len(u.Options), len(p.Options))
		}
		for _, m := range u.Options {
			if len(m) != len(p.Metrics) {
				return fmt.Errorf("unit %d: %d metrics, want %d", u.Index, len(m), len(p.Metrics))
			}
		}
	}
	return nil
}

func (s *blockStore) save(b *blockFile) error {
	b.ExploreID, b.Version = s.id, version
	if err := writeSealed(s.name(b.Block), b, false); err != nil {
		return err
	}
	s.done[b.Block] = true
	return nil
}

// run computes the blocks the store lacks, in order. The units of a block run in parallel
// on workers goroutines, each unit's options one after another on one goroutine: a unit of
// a few hundred runs is one chunk, which one worker computes anyway, so parallelism comes from
// running several design points at once. Every unit's numbers depend on its plan alone, so the
// blocks are the same whatever the number of workers.
func (x *exploration) run(ctx context.Context, store *blockStore, workers int, bar *progress) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p := x.plan
	perUnit := len(p.Options) * p.Runs
	done := 0
	var mu sync.Mutex // guards done and bar
	for b := range p.blocks() {
		if store.shard != nil && !store.shard.has(b) {
			continue
		}
		lo := b * exploreBlock
		hi := min(lo+exploreBlock, p.units())
		if store.done[b] {
			done += (hi - lo) * perUnit
			continue
		}
		units := make([]exploreUnit, hi-lo)
		err := forEach(lo, hi, workers, func(u int, scratch *sim.Spec) error {
			var err error
			units[u-lo], err = x.unit(ctx, u, scratch)
			if err == nil {
				mu.Lock()
				done += perUnit
				bar.update(done, 0)
				mu.Unlock()
			}
			return err
		})
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := store.save(&blockFile{Block: b, Units: units}); err != nil {
			return err
		}
	}
	return nil
}

// forEach calls fn for every u in [lo, hi) on workers goroutines, each with its own scratch
// spec, and returns the errors joined; a goroutine stops at its first error.
func forEach(lo, hi, workers int, fn func(u int, scratch *sim.Spec) error) error {
	errs := make([]error, hi-lo)
	var mu sync.Mutex
	next := lo
	var wg sync.WaitGroup
	for range min(workers, hi-lo) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var scratch sim.Spec
			for {
				mu.Lock()
				u := next
				next++
				mu.Unlock()
				if u >= hi {
					return
				}
				if errs[u-lo] = fn(u, &scratch); errs[u-lo] != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// unit measures unit u, a design point or a replicate, under every option. A replicate runs
// the next p.Runs runs of the seed: other runs than its design point's.
func (x *exploration) unit(ctx context.Context, u int, scratch *sim.Spec) (exploreUnit, error) {
	p := x.plan
	point, shift := u, 0
	if u >= len(p.Points) {
		point, shift = p.Replicates[u-len(p.Points)], p.Runs
	}
	res := exploreUnit{Index: u}
	for o, spec := range x.specs {
		spec.CopyTo(scratch)
		scratch.FirstRun += shift
		for k, set := range x.set[o] {
			set(scratch, p.Values[point][k])
		}
		var pt sim.SweepPoint
		if err := sim.Measure(ctx, scratch, &pt, x.metrics, sim.Options{Workers: 1}); err != nil {
			return res, fmt.Errorf("design point %d, option %s: %w", point, p.Options[o].Name, err)
		}
		res.Options = append(res.Options, pt.Metrics)
	}
	return res, nil
}
