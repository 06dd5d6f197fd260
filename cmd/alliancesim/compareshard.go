package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"alliancesim/config"
	"alliancesim/sim"
)

// comparePart is compare-part-K-of-N.json: a shard of a comparison, with each option's resolved
// config, its chunks' exact accumulators and its per-run outcomes.
type comparePart struct {
	shardHeader                 // Kind "compare"
	Metrics     []string        `json:"metrics"`
	Options     []comparePartOp `json:"options"`
	// Stage, for a shard of a comparison grown to a precision, is its stage and the rule's
	// flags; such a part is compare-part-K-of-N-stage-S.json, its outcomes those of the stage's
	// runs only.
	Stage *stageRecord `json:"precision_stage,omitempty"`
}

type comparePartOp struct {
	Name     string         `json:"name"`
	Argument string         `json:"argument"`
	Config   string         `json:"config"`
	Hash     string         `json:"option_config_sha256"`
	Chunks   []partialChunk `json:"chunks"`
	Outcomes [][]uint64     `json:"outcomes"`
}

func writeComparePart(dir string, sh *shard, stage *stageRecord, prov provenance, opts []option, specs []*sim.Spec, hashes []string, metrics []sim.Metric, pts []*sim.SweepPoint) error {
	p := comparePart{shardHeader: newShardHeader(prov, "compare", specs[0], sh), Stage: stage}
	for _, m := range metrics {
		p.Metrics = append(p.Metrics, m.Name)
	}
	for i, o := range opts {
		op := comparePartOp{Name: o.name, Argument: o.arg, Config: string(mustTOML(o.file)), Hash: hashes[i], Outcomes: pts[i].Outcomes}
		for j, c := range pts[i].ChunkIndex {
			op.Chunks = append(op.Chunks, partialChunk{Index: c, Acc: pts[i].Chunks[j]})
		}
		p.Options = append(p.Options, op)
	}
	return writeSealed(filepath.Join(dir, comparePartBase(sh, stage)+".json"), &p, true)
}

// mergeCompare combines the shards of a comparison into the outputs of the unsharded one.
// options returns what the part records of each option, in order: its name, its config's hash,
// its record for compare.json, and its spec with the comparison's runs, seed and first run.
// file names the part in errors.
func (p *comparePart) options(file string) (names, hashes []string, recs []recorded, specs []*sim.Spec, err error) {
	for _, op := range p.Options {
		f, err := config.Load("config of "+op.Name, []byte(op.Config))
		if err != nil {
			return nil, nil, nil, nil, err
		}
		if f.Hash() != op.Hash {
			return nil, nil, nil, nil, fmt.Errorf("%s: option %s: its config does not match its sha256 (edited by hand?)", file, op.Name)
		}
		spec, err := f.Spec()
		if err != nil {
			return nil, nil, nil, nil, err
		}
		spec.Runs, spec.Seed, spec.FirstRun = p.Runs, p.Seed, p.FirstRun
		names, hashes = append(names, op.Name), append(hashes, op.Hash)
		recs = append(recs, recorded{op.Name, op.Argument, op.Config})
		specs = append(specs, spec)
	}
	return names, hashes, recs, specs, nil
}

func mergeCompare(e *env, ps []*comparePart, files []string, out string, force bool) error {
	if slices.ContainsFunc(ps, func(p *comparePart) bool { return p.Stage != nil }) {
		return mergeCompareStages(e, ps, files, out, force)
	}
	first := ps[0]
	var ids []shardID
	for i, p := range ps {
		// The comparison's hash covers its options; the metrics must match too.
		ids = append(ids, p.id(files[i], p.ConfigSHA256+" "+strings.Join(p.Metrics, ",")))
	}
	if err := checkShards(ids, "compare-part"); err != nil {
		return err
	}
	metrics, err := sim.LookupMetrics(strings.Join(first.Metrics, ","))
	if err != nil {
		return err
	}
	names, hashes, recs, specs, err := first.options(files[0])
	if err != nil {
		return err
	}
	var pts []*sim.SweepPoint
	for i, op := range first.Options {
		spec := specs[i]
		chunks := make([]*sim.Accumulator, sim.NumChunks(spec))
		pt := &sim.SweepPoint{}
		words := (spec.Runs + 63) / 64
		for j, p := range ps {
			if len(p.Options) != len(first.Options) || p.Options[i].Hash != op.Hash || p.Options[i].Name != op.Name {
				return fmt.Errorf("%s: options differ from %s", files[j], files[0])
			}
			if o := p.Options[i].Outcomes; len(o) != len(metrics) || slices.ContainsFunc(o, func(w []uint64) bool { return w != nil && len(w) != words }) {
				return fmt.Errorf("%s: option %s: outcomes of another number of metrics or runs", files[j], op.Name)
			}
			for _, c := range p.Options[i].Chunks {
				if c.Index < 0 || c.Index >= len(chunks) || c.Index%p.N != p.K || c.Acc == nil || chunks[c.Index] != nil {
					return fmt.Errorf("%s: chunk %d does not belong to shard %d/%d once", files[j], c.Index, p.K, p.N)
				}
				chunks[c.Index] = c.Acc
			}
			if pt.Outcomes == nil {
				pt.Outcomes = p.Options[i].Outcomes
				continue
			}
			for m := range pt.Outcomes {
				if (pt.Outcomes[m] == nil) != (p.Options[i].Outcomes[m] == nil) {
					return fmt.Errorf("%s: option %s: metric %d has outcomes in one shard only", files[j], op.Name, m+1)
				}
				for w := range pt.Outcomes[m] {
					pt.Outcomes[m][w] |= p.Options[i].Outcomes[m][w]
				}
			}
		}
		acc, err := mergeChunks(spec, chunks, "option "+op.Name)
		if err != nil {
			return err
		}
		pt.Finish(spec, acc, metrics)
		pts = append(pts, pt)
	}
	if out == "" {
		out = compareOut(names)
	}
	od, err := openOut(out, "compare", first.ConfigSHA256, force, nil)
	if err != nil {
		return err
	}
	defer od.close()
	return finishCompare(e, od, newCompareResult(first.provenance, recs, specs, hashes, metrics, pts), nil)
}
