package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"alliancesim/config"
	"alliancesim/sim"
)

// sweepManifest is sweep-part-K-of-N.json: what a shard of a sweep computed, and everything
// merge needs to rebuild the sweep from the shards' points.
type sweepManifest struct {
	shardHeader             // Kind "sweep"
	SweepID     string      `json:"sweep_id"`
	Axes        []sweepAxis `json:"axes"`
	Metrics     []string    `json:"metrics"`
	Config      string      `json:"config"`
	// Stage, for a shard of a sweep grown to a precision, is its stage and the rule's flags;
	// such a part is sweep-part-K-of-N-stage-S.json and holds its points itself, in Points.
	Stage  *stageRecord `json:"precision_stage,omitempty"`
	Points []stagePoint `json:"points,omitempty"`
}

// stagePoint is a grid point's share of a stage: its chunks and the outcomes of the stage's runs.
type stagePoint struct {
	Chunks   []partialChunk `json:"chunks"`
	Outcomes [][]uint64     `json:"outcomes"`
}

func writeSweepManifest(dir string, sh *shard, prov provenance, id string, f *config.File, spec *sim.Spec, axes []sim.Axis, metrics []sim.Metric) error {
	m := newSweepManifest(sh, prov, id, f, spec, axes, metrics)
	return writeSealed(filepath.Join(dir, "sweep-"+sh.base()+".json"), m, true)
}

func newSweepManifest(sh *shard, prov provenance, id string, f *config.File, spec *sim.Spec, axes []sim.Axis, metrics []sim.Metric) *sweepManifest {
	m := sweepManifest{shardHeader: newShardHeader(prov, "sweep", spec, sh), SweepID: id, Config: string(mustTOML(f))}
	for _, a := range axes {
		m.Axes = append(m.Axes, sweepAxis{Path: a.Path, Values: a.Values, Labels: a.Labels})
	}
	for _, met := range metrics {
		m.Metrics = append(m.Metrics, met.Name)
	}
	return &m
}

// mergeSweep combines the shards of a sweep into the outputs of the unsharded sweep.
func mergeSweep(e *env, ms []*sweepManifest, files []string, out string, force bool) error {
	if slices.ContainsFunc(ms, func(m *sweepManifest) bool { return m.Stage != nil }) {
		return mergeSweepStages(e, ms, files, out, force)
	}
	first := ms[0]
	var ids []shardID
	for i, m := range ms {
		ids = append(ids, m.id(files[i], m.SweepID))
	}
	if err := checkShards(ids, "sweep-part"); err != nil {
		return err
	}
	f, spec, axes, metrics, err := first.sweep(files[0])
	if err != nil {
		return err
	}
	dirs := map[int]string{}
	for i, m := range ms {
		dirs[m.K] = filepath.Join(filepath.Dir(files[i]), "points")
	}
	total := sim.GridSize(axes)
	var pts []*sim.SweepPoint
	var scratch sim.Spec
	for idx := range total {
		spec.CopyTo(&scratch)
		chunks := make([]*sim.Accumulator, sim.NumChunks(spec))
		var pt *sim.SweepPoint
		for k := range first.N {
			name := filepath.Join(dirs[k], fmt.Sprintf("point-%06d.part-%d-of-%d.json", idx, k, first.N))
			p, err := readPoint(name)
			if errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("shard %d/%d lacks grid point %d: %w", k, first.N, idx, err)
			}
			if err == nil {
				id := newPointID(first.SweepID, first.ConfigSHA256, spec, axes, len(metrics), &shard{k, first.N})
				id.version = first.Version
				err = id.check(name, p, idx)
			}
			if err != nil {
				return err
			}
			if pt == nil {
				pt = &sim.SweepPoint{Index: idx, Coord: p.Coord, Values: p.Values, Labels: p.Labels, Outcomes: p.Outcomes}
			} else {
				for m := range pt.Outcomes {
					if (pt.Outcomes[m] == nil) != (p.Outcomes[m] == nil) {
						return fmt.Errorf("%s: metric %d has outcomes in one shard only", name, m+1)
					}
					for w := range pt.Outcomes[m] {
						pt.Outcomes[m][w] |= p.Outcomes[m][w]
					}
				}
			}
			for _, c := range p.Chunks {
				if c.Index < 0 || c.Index >= len(chunks) || c.Index%first.N != k {
					return fmt.Errorf("%s: chunk %d does not belong to shard %d/%d", name, c.Index, k, first.N)
				}
				chunks[c.Index] = c.Acc
			}
		}
		for k, a := range axes {
			a.Set(&scratch, pt.Values[k])
		}
		acc, err := mergeChunks(&scratch, chunks, fmt.Sprintf("grid point %d", idx))
		if err != nil {
			return err
		}
		pt.Finish(&scratch, acc, metrics)
		pts = append(pts, pt)
	}
	out, err = outFor(out, spec.Name, "-sweep")
	if err != nil {
		return err
	}
	prov := first.provenance
	od, err := openOut(out, "sweep", prov.ConfigSHA256, force, nil)
	if err != nil {
		return err
	}
	defer od.close()
	if err := finishSweep(e, od, prov, f, spec, axes, metrics, pts, nil); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "merged %d shards of a %d-point sweep into %s\n", first.N, total, out)
	return nil
}

// sweep rebuilds the config, spec, axes and metrics of the sweep m is a shard of, from m, which
// was read from file.
func (m *sweepManifest) sweep(file string) (*config.File, *sim.Spec, []sim.Axis, []sim.Metric, error) {
	first, files := m, []string{file}
	f, err := config.Load("config of "+files[0], []byte(first.Config))
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if f.Hash() != first.ConfigSHA256 {
		return nil, nil, nil, nil, fmt.Errorf("%s: its config does not match its sha256 (edited by hand?)", files[0])
	}
	spec, err := f.Spec()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if spec.Runs != first.Runs || spec.Seed != first.Seed {
		return nil, nil, nil, nil, fmt.Errorf("%s: %d runs of seed %d, but its config says %d of seed %d", files[0], first.Runs, first.Seed, spec.Runs, spec.Seed)
	}
	spec.FirstRun = first.FirstRun
	if len(first.Axes) == 0 || len(first.Axes) > config.MaxSweeps {
		return nil, nil, nil, nil, fmt.Errorf("%s: %d axes (allowed: 1 or 2)", files[0], len(first.Axes))
	}
	var axes []sim.Axis
	for _, a := range first.Axes {
		set, _, err := config.Setter(f, a.Path)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		if len(a.Values) == 0 || len(a.Labels) != len(a.Values) {
			return nil, nil, nil, nil, fmt.Errorf("%s: axis %s has %d values and %d labels", files[0], a.Path, len(a.Values), len(a.Labels))
		}
		axes = append(axes, sim.Axis{Path: a.Path, Values: a.Values, Labels: a.Labels, Set: set})
	}
	metrics, err := sim.LookupMetrics(strings.Join(first.Metrics, ","))
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if sweepID(f.Hash(), axes, metrics) != first.SweepID {
		return nil, nil, nil, nil, fmt.Errorf("%s: its config, axes and metrics do not match its sweep_id (edited by hand?)", files[0])
	}
	return f, spec, axes, metrics, nil
}
