package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
	id    string // identifies the sweep: config, axes and metrics
	shard *shard // when sharded: points hold this shard's chunks only
	done  map[int]bool
}

// pointFile is one finished grid point.
type pointFile struct {
	SweepID  string           `json:"sweep_id"`
	Index    int              `json:"index"`
	Coord    []int            `json:"coord"`
	Values   []float64        `json:"values"`
	Labels   []string         `json:"labels"`
	Metrics  []stats.Interval `json:"metrics"`
	Outcomes [][]uint64       `json:"outcomes"`
	// For a shard's point: which shard, and its chunks' exact accumulators.
	Shard  int            `json:"shard,omitempty"`
	Shards int            `json:"shards,omitempty"`
	Chunks []partialChunk `json:"chunks,omitempty"`
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

func openPointStore(out, id string, sh *shard, resume, force bool) (*pointStore, error) {
	s := &pointStore{dir: filepath.Join(out, "points"), id: id, shard: sh, done: map[int]bool{}}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return nil, fmt.Errorf("sweep points: %w", err)
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, fmt.Errorf("sweep points: %w", err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if sh != nil && !strings.HasSuffix(e.Name(), "."+sh.base()+".json") || sh == nil && strings.Contains(e.Name(), ".part-") {
			continue // another shard's, or a shard's in an unsharded sweep: not ours to judge
		}
		path := filepath.Join(s.dir, e.Name())
		p, err := readPoint(path)
		if err != nil || p.SweepID != id {
			if !force {
				return nil, fmt.Errorf("%s holds grid points of a different sweep (config, axes or metrics); use another --out or --force to discard them", s.dir)
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

func readPoint(path string) (*pointFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p pointFile
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
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
	pf := pointFile{SweepID: s.id, Index: p.Index, Coord: p.Coord, Values: p.Values,
		Labels: p.Labels, Metrics: p.Metrics, Outcomes: p.Outcomes}
	if s.shard != nil {
		pf.Shard, pf.Shards, pf.Metrics = s.shard.k, s.shard.n, nil
		for i, c := range p.ChunkIndex {
			pf.Chunks = append(pf.Chunks, partialChunk{Index: c, Acc: p.Chunks[i]})
		}
	}
	b, err := json.Marshal(pf)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(s.name(p.Index), b); err != nil {
		return err
	}
	s.done[p.Index] = true
	return nil
}

// load reads every grid point, in grid order.
func (s *pointStore) load(axes []sim.Axis, total int) ([]*sim.SweepPoint, error) {
	var pts []*sim.SweepPoint
	for idx := range total {
		p, err := readPoint(s.name(idx))
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("sweep point %d is missing from %s", idx, s.dir)
		}
		if err != nil {
			return nil, err
		}
		if p.SweepID != s.id || p.Index != idx || len(p.Coord) != len(axes) {
			return nil, fmt.Errorf("%s: not point %d of this sweep", s.name(idx), idx)
		}
		pts = append(pts, &sim.SweepPoint{Index: p.Index, Coord: p.Coord, Values: p.Values, Labels: p.Labels,
			Metrics: p.Metrics, Outcomes: p.Outcomes})
	}
	return pts, nil
}
