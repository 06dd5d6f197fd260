package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// pointStore keeps each finished grid point of a sweep as its own file in DIR/points, written
// atomically as soon as the point is done, so that an interrupted sweep loses at most the points
// it was computing, and --resume can skip the rest.
type pointStore struct {
	dir   string
	id    pointID
	shard *shard // when sharded: points hold this shard's chunks only
	done  map[int]bool
}

// pointID is everything a point file must match to be a point of this sweep: what it was
// computed from, by which version, and where in the grid and among the shards it lies.
type pointID struct {
	sweep    string // sweepID: config, axes and metrics
	version  string
	config   string // the config's sha256
	seed     uint64
	runs     int
	firstRun int
	axes     []sim.Axis
	metrics  int
	shard    *shard
	chunks   int // chunks of an ensemble of runs runs
}

func newPointID(sweep, config string, spec *sim.Spec, axes []sim.Axis, metrics int, sh *shard) pointID {
	return pointID{sweep: sweep, version: version, config: config, seed: spec.Seed, runs: spec.Runs, firstRun: spec.FirstRun,
		axes: axes, metrics: metrics, shard: sh, chunks: sim.NumChunks(spec)}
}

// pointFile is one finished grid point.
type pointFile struct {
	SweepID      string           `json:"sweep_id"`
	Version      string           `json:"version"`
	ConfigSHA256 string           `json:"config_sha256"`
	Seed         uint64           `json:"seed"`
	Runs         int              `json:"runs"`
	FirstRun     int              `json:"first_run"`
	Index        int              `json:"index"`
	Coord        []int            `json:"coord"`
	Values       []float64        `json:"values"`
	Labels       []string         `json:"labels"`
	Metrics      []stats.Interval `json:"metrics"`
	N            []int64          `json:"n"`
	Outcomes     [][]uint64       `json:"outcomes"`
	// For a shard's point: which shard, and its chunks' exact accumulators.
	Shard    int            `json:"shard,omitempty"`
	Shards   int            `json:"shards,omitempty"`
	Chunks   []partialChunk `json:"chunks,omitempty"`
	Checksum string         `json:"checksum"`
}

func (p *pointFile) checksum() *string { return &p.Checksum }

// errOtherSweep marks a point file of another sweep (config, axes or metrics).
var errOtherSweep = errors.New("a grid point of a different sweep (config, axes or metrics)")

// check reports why p, read from path, is not point idx (-1: any) of the sweep id.
func (id *pointID) check(path string, p *pointFile, idx int) error {
	total := sim.GridSize(id.axes)
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: %w: %s", path, errNotSealed, fmt.Sprintf(format, args...))
	}
	switch {
	case p.SweepID != id.sweep:
		return fmt.Errorf("%s: %w", path, errOtherSweep)
	case p.Version != id.version:
		return bad("made by alliancesim %s, this is %s: points of different versions are not mixed", p.Version, id.version)
	case p.ConfigSHA256 != id.config || p.Seed != id.seed || p.Runs != id.runs || p.FirstRun != id.firstRun:
		return bad("made from config %.12s…, seed %d, runs %d to %d; this sweep is of config %.12s…, seed %d, runs %d to %d",
			p.ConfigSHA256, p.Seed, p.FirstRun, p.FirstRun+p.Runs-1, id.config, id.seed, id.firstRun, id.firstRun+id.runs-1)
	case p.Index < 0 || p.Index >= total || idx >= 0 && p.Index != idx:
		return bad("holds grid point %d, not %d of %d", p.Index, idx, total)
	}
	if id.shard == nil && (p.Shards != 0 || p.Chunks != nil) || id.shard != nil && (p.Shard != id.shard.k || p.Shards != id.shard.n) {
		return bad("a point of shard %d/%d, not of %s", p.Shard, p.Shards, shardName(id.shard))
	}
	if len(p.Coord) != len(id.axes) || len(p.Values) != len(id.axes) || len(p.Labels) != len(id.axes) {
		return bad("%d coordinates, %d values and %d labels for %d axes", len(p.Coord), len(p.Values), len(p.Labels), len(id.axes))
	}
	for k, rem := len(id.axes)-1, p.Index; k >= 0; k-- {
		a := id.axes[k]
		c := rem % len(a.Values)
		rem /= len(a.Values)
		if p.Coord[k] != c || p.Values[k] != a.Values[c] || p.Labels[k] != a.Labels[c] {
			return bad("grid point %d is at %s = %s, not %s", p.Index, a.Path, a.Labels[c], p.Labels[k])
		}
	}
	words := (id.runs + 63) / 64
	if len(p.Outcomes) != id.metrics {
		return bad("%d metrics' outcomes, want %d", len(p.Outcomes), id.metrics)
	}
	for m, o := range p.Outcomes {
		if o != nil && len(o) != words {
			return bad("metric %d: outcomes of %d runs, want %d", m+1, 64*len(o), id.runs)
		}
	}
	if id.shard == nil {
		if len(p.Metrics) != id.metrics || len(p.N) != id.metrics {
			return bad("%d metrics and %d denominators, want %d", len(p.Metrics), len(p.N), id.metrics)
		}
		return nil
	}
	if p.Metrics != nil || p.N != nil {
		return bad("a shard's point holds metrics of its own")
	}
	var seen []int
	for _, c := range p.Chunks {
		if c.Index < 0 || c.Index >= id.chunks || c.Index%id.shard.n != id.shard.k || c.Acc == nil || slices.Contains(seen, c.Index) {
			return bad("chunk %d does not belong to shard %s once", c.Index, id.shard)
		}
		seen = append(seen, c.Index)
	}
	return nil
}

func shardName(sh *shard) string {
	if sh == nil {
		return "an unsharded sweep"
	}
	return "shard " + sh.String()
}

// sweepID hashes what makes two sweeps the same: the config (runs and seed included), the axes
// and their values, and the metrics.
func sweepID(configHash string, axes []sim.Axis, metrics []sim.Metric) string {
	var b strings.Builder
	b.WriteString(configHash + "\n")
	for _, a := range axes {
		b.WriteString(a.Path)
		for _, v := range a.Values {
			b.WriteString(" " + strconv.FormatFloat(v, 'g', -1, 64))
		}
		b.WriteString("\n")
	}
	for _, m := range metrics {
		b.WriteString(m.Name + ",")
	}
	return sha256Hex(b.String())
}

// openPointStore opens the points of a sweep in out. Every point file there is verified
// before use: a point of another sweep is refused (or with force removed), and so is one that
// fails its checksum or its identity, naming the file and why.
func openPointStore(out string, id pointID, resume, force bool) (*pointStore, error) {
	s := &pointStore{dir: filepath.Join(out, "points"), id: id, shard: id.shard, done: map[int]bool{}}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return nil, fmt.Errorf("sweep points: %w", err)
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, fmt.Errorf("sweep points: %w", err)
	}
	sh := id.shard
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if sh != nil && !strings.HasSuffix(e.Name(), "."+sh.base()+".json") || sh == nil && strings.Contains(e.Name(), ".part-") {
			continue // another shard's, or a shard's in an unsharded sweep: not ours to judge
		}
		path := filepath.Join(s.dir, e.Name())
		p, err := readPoint(path)
		if err == nil {
			err = id.check(path, p, -1)
		}
		if err == nil && s.name(p.Index) != path {
			err = fmt.Errorf("%s: %w: holds grid point %d, whose file is %s", path, errNotSealed, p.Index, filepath.Base(s.name(p.Index)))
		}
		if err != nil {
			if !force {
				if errors.Is(err, errOtherSweep) {
					return nil, fmt.Errorf("%s holds grid points of a different sweep (config, axes or metrics), such as %s; use another --out or --force to discard them", s.dir, e.Name())
				}
				return nil, fmt.Errorf("%w; delete it to recompute the point, or use --force to discard it", err)
			}
			os.Remove(path)
			continue
		}
		if resume {
			s.done[p.Index] = true
		} else {
			os.Remove(path) // a fresh sweep recomputes every point
		}
	}
	return s, nil
}

// readPoint reads a point file and verifies its checksum.
func readPoint(path string) (*pointFile, error) {
	var p pointFile
	if err := readSealed(path, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

func (s *pointStore) name(idx int) string {
	if s.shard != nil {
		return filepath.Join(s.dir, fmt.Sprintf("point-%06d.%s.json", idx, s.shard.base()))
	}
	return filepath.Join(s.dir, fmt.Sprintf("point-%06d.json", idx))
}

func (s *pointStore) has(idx int) bool { return s.done[idx] }

func (s *pointStore) count() int { return len(s.done) }

func (s *pointStore) save(p *sim.SweepPoint) error {
	id := &s.id
	pf := pointFile{SweepID: id.sweep, Version: id.version, ConfigSHA256: id.config, Seed: id.seed, Runs: id.runs,
		FirstRun: id.firstRun, Index: p.Index, Coord: p.Coord, Values: p.Values,
		Labels: p.Labels, Metrics: p.Metrics, N: p.N, Outcomes: p.Outcomes}
	if s.shard != nil {
		pf.Shard, pf.Shards, pf.Metrics, pf.N = s.shard.k, s.shard.n, nil, nil
		for i, c := range p.ChunkIndex {
			pf.Chunks = append(pf.Chunks, partialChunk{Index: c, Acc: p.Chunks[i]})
		}
	}
	if err := writeSealed(s.name(p.Index), &pf, false); err != nil {
		return err
	}
	s.done[p.Index] = true
	return nil
}

// load reads every grid point, in grid order, each verified.
func (s *pointStore) load(total int) ([]*sim.SweepPoint, error) {
	var pts []*sim.SweepPoint
	for idx := range total {
		p, err := readPoint(s.name(idx))
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("sweep point %d is missing from %s", idx, s.dir)
		}
		if err == nil {
			err = s.id.check(s.name(idx), p, idx)
		}
		if err != nil {
			return nil, err
		}
		pts = append(pts, &sim.SweepPoint{Index: p.Index, Coord: p.Coord, Values: p.Values, Labels: p.Labels,
			Metrics: p.Metrics, N: p.N, Outcomes: p.Outcomes})
	}
	return pts, nil
}
