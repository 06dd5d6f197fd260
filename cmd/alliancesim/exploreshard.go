package main

import (
	"fmt"
	"path/filepath"
)

// explorePart is explore-part-K-of-N.json: a shard of an exploration. Its blocks are in
// points/ beside it; the plan is everything merge needs to finish the exploration from them.
type explorePart struct {
	shardHeader              // Kind "explore"
	ExploreID   string       `json:"explore_id"`
	Plan        *explorePlan `json:"plan"`
	// A part of a stage of an exploration grown to a precision (explorestage.go) holds the
	// stage's rule and the chunks of its design points, and no plan.
	Stage  *stageRecord        `json:"precision_stage,omitempty"`
	Points []exploreStagePoint `json:"stage_points,omitempty"`
}

func writeExplorePart(dir string, sh *shard, prov provenance, id string, plan *explorePlan) error {
	p := explorePart{
		shardHeader: shardHeader{provenance: prov, Kind: "explore", Runs: plan.Runs, Seed: plan.Seed, K: sh.k, N: sh.n, FirstRun: plan.FirstRun},
		ExploreID:   id, Plan: plan,
	}
	return writeSealed(filepath.Join(dir, "explore-"+sh.base()+".json"), &p, false)
}

// mergeExplore combines the shards of an exploration into the outputs of the unsharded one:
// the blocks are the same files, so the outputs are byte-identical.
func mergeExplore(e *env, ps []*explorePart, files []string, out string, force bool) error {
	ps, files, err := grownParts(ps, files)
	if err != nil {
		return err
	}
	first := ps[0]
	var ids []shardID
	for i, p := range ps {
		ids = append(ids, p.id(files[i], p.ExploreID))
	}
	if err := checkShards(ids, "explore-part"); err != nil {
		return err
	}
	if first.Plan == nil || first.Plan.id() != first.ExploreID {
		return fmt.Errorf("%s: its plan does not match its explore_id (edited by hand?)", files[0])
	}
	plan := first.Plan
	var units []exploreUnit
	for b := range plan.blocks() {
		k := b % first.N
		var file string
		for i, p := range ps {
			if p.K == k {
				file = files[i]
			}
		}
		s := &blockStore{dir: filepath.Join(filepath.Dir(file), "points"), id: first.ExploreID}
		f, err := s.read(s.name(b), b)
		if err != nil {
			return fmt.Errorf("shard %d/%d: %w", k, first.N, err)
		}
		if err := plan.checkBlock(f); err != nil {
			return fmt.Errorf("%s: %w: %v", s.name(b), errNotSealed, err)
		}
		units = append(units, f.Units...)
	}
	if out == "" {
		out = filepath.Dir(files[0])
	}
	od, err := openOut(out, "explore", first.ConfigSHA256, force, nil)
	if err != nil {
		return err
	}
	defer od.close()
	if err := finishExplore(e, od, first.provenance, plan, units); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "merged %d shards of an exploration of %d points into %s\n", first.N, len(plan.Points), out)
	return nil
}
