package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"alliancesim/config"
	"alliancesim/sim"
)

// shard is K of N: the runs of every chunk c with c mod N = K. Interleaving chunks (rather than
// cutting contiguous blocks) keeps the shards' sizes within one chunk of each other and lets
// any N split any number of runs.
type shard struct{ k, n int }

func (s shard) String() string { return fmt.Sprintf("%d/%d", s.k, s.n) }

// parseShard parses K/N, or "slurm" for SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT.
func parseShard(v string, getenv func(string) string) (*shard, error) {
	if v == "" {
		return nil, nil
	}
	if v == "slurm" {
		id, count := getenv("SLURM_ARRAY_TASK_ID"), getenv("SLURM_ARRAY_TASK_COUNT")
		if id == "" || count == "" {
			return nil, fmt.Errorf("%w: --shard slurm: SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT are not set (not inside a Slurm job array?)", errUsage)
		}
		v = id + "/" + count
	}
	ks, ns, ok := strings.Cut(v, "/")
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 0 || k >= n {
		return nil, fmt.Errorf("%w: --shard %q: want K/N with 0 <= K < N, or slurm", errUsage, v)
	}
	return &shard{k, n}, nil
}

func (s *shard) has(c int) bool { return c%s.n == s.k }

func (s *shard) base() string { return fmt.Sprintf("part-%d-of-%d", s.k, s.n) }

// partial is a shard's result: the exact accumulators of its chunks and provenance, written as
// part-K-of-N.json beside part-K-of-N.csv (its runs.csv rows, chunk after chunk).
type partial struct {
	provenance
	Kind     string         `json:"kind"` // "run"
	Scenario string         `json:"scenario"`
	Runs     int            `json:"runs"`
	Seed     uint64         `json:"seed"`
	K        int            `json:"shard"`
	N        int            `json:"shards"`
	Chunks   []partialChunk `json:"chunks"`
	Config   string         `json:"config"`
}

type partialChunk struct {
	Index    int              `json:"index"`
	RowBytes int              `json:"row_bytes"`
	Acc      *sim.Accumulator `json:"acc"`
}

// writePartial writes a shard's partial result into dir.
func writePartial(dir string, sh *shard, prov provenance, cfg string, spec *sim.Spec, res *sim.Result) error {
	p := partial{provenance: prov, Kind: "run", Scenario: spec.Name, Runs: spec.Runs, Seed: spec.Seed, K: sh.k, N: sh.n, Config: cfg}
	for i, c := range res.Index {
		p.Chunks = append(p.Chunks, partialChunk{Index: c, RowBytes: res.RowBytes[i], Acc: res.Chunks[i]})
	}
	return writeJSON(filepath.Join(dir, sh.base()+".json"), p)
}

const mergeDoc = `Combine the partial results of the shards of one run (part-K-of-N.json, each beside its
part-K-of-N.csv) into summary.json, runs.csv and the charts, byte-identical to an unsharded run;
or of one sweep (sweep-part-K-of-N.json beside points/) into sweep.csv, sweep.json and its chart;
or of one comparison (compare-part-K-of-N.json) into compare.csv, compare.json and its charts.
It refuses a missing shard, a duplicate, or partials from a different config, seed, version or N,
and names the culprit. Arguments are partial files, or directories holding them.`

func cmdMerge(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "merge", "PARTS... --out DIR", mergeDoc)
	out := fs.String("out", "", "output `DIR` (default: out/<scenario name>)")
	force := fs.Bool("force", false, "overwrite results of a different config in the output directory")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: merge needs the partial results (files or directories)", errUsage)
	}
	if ps, files, err := compareParts(pos); err != nil {
		return err
	} else if len(ps) > 0 {
		return mergeCompare(e, ps, files, *out, *force)
	}
	if ms, files, err := sweepManifests(pos); err != nil {
		return err
	} else if len(ms) > 0 {
		return mergeSweep(e, ms, files, *out, *force)
	}
	parts, files, err := loadPartials(pos)
	if err != nil {
		return err
	}
	if err := checkPartials(parts, files); err != nil {
		return err
	}
	f, spec, acc, rows, err := mergePartials(parts, files)
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join("out", spec.Name)
	}
	prov := parts[0].provenance
	if prov.Version != version {
		return fmt.Errorf("partials were made by alliancesim %s, this is %s: merge with the same version", prov.Version, version)
	}
	if err := prepareOut(dir, prov.ConfigSHA256, *force); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(dir, "runs.csv"), rows); err != nil {
		return err
	}
	if _, err := writeRunResults(e, dir, f, spec, acc, prov); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "merged %d shards of %d runs into %s\n", len(parts), spec.Runs, dir)
	return nil
}

// loadPartials reads the partials named by args (files, or directories of part-*.json).
func loadPartials(args []string) ([]*partial, []string, error) {
	var files []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, nil, err
		}
		if st.IsDir() {
			m, _ := filepath.Glob(filepath.Join(a, "part-*-of-*.json"))
			if len(m) == 0 {
				return nil, nil, fmt.Errorf("%s: no part-K-of-N.json in this directory", a)
			}
			files = append(files, m...)
			continue
		}
		files = append(files, a)
	}
	var parts []*partial
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		var p partial
		dec := json.NewDecoder(bytes.NewReader(b))
		if err := dec.Decode(&p); err != nil || p.Kind != "run" {
			return nil, nil, fmt.Errorf("%s: not a partial result of alliancesim run --shard", f)
		}
		parts = append(parts, &p)
	}
	return parts, files, nil
}

// checkPartials verifies that parts are the N shards of one run, each once.
func checkPartials(parts []*partial, files []string) error {
	first := parts[0]
	seen := make(map[int]string)
	for i, p := range parts {
		switch {
		case p.Seed != first.Seed:
			return fmt.Errorf("%s: made with seed %d, %s with seed %d", files[i], p.Seed, files[0], first.Seed)
		case p.ConfigSHA256 != first.ConfigSHA256:
			return fmt.Errorf("%s: made from a different config (sha256 %.12s…) than %s (%.12s…)", files[i], p.ConfigSHA256, files[0], first.ConfigSHA256)
		case p.Version != first.Version:
			return fmt.Errorf("%s: made by alliancesim %s, %s by %s", files[i], p.Version, files[0], first.Version)
		case p.N != first.N:
			return fmt.Errorf("%s: shard %d of %d, but %s is of %d", files[i], p.K, p.N, files[0], first.N)
		case p.Runs != first.Runs:
			return fmt.Errorf("%s: %d runs, %s %d", files[i], p.Runs, files[0], first.Runs)
		}
		if other, dup := seen[p.K]; dup {
			return fmt.Errorf("shard %d/%d given twice: %s and %s", p.K, p.N, other, files[i])
		}
		seen[p.K] = files[i]
	}
	var missing []string
	for k := range first.N {
		if _, ok := seen[k]; !ok {
			missing = append(missing, fmt.Sprintf("part-%d-of-%d", k, first.N))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing shard(s): %s (%d of %d present)", strings.Join(missing, ", "), len(seen), first.N)
	}
	return nil
}

// mergePartials rebuilds the spec, the merged accumulator and runs.csv of a sharded run.
func mergePartials(parts []*partial, files []string) (*config.File, *sim.Spec, *sim.Accumulator, []byte, error) {
	f, err := config.Load("config of "+files[0], []byte(parts[0].Config))
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if f.Hash() != parts[0].ConfigSHA256 {
		return nil, nil, nil, nil, fmt.Errorf("%s: its config does not match its sha256 (edited by hand?)", files[0])
	}
	spec, err := f.Spec()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	type src struct {
		acc  *sim.Accumulator
		rows []byte
	}
	chunks := make([]*src, sim.NumChunks(spec))
	for i, p := range parts {
		csv, err := os.ReadFile(strings.TrimSuffix(files[i], ".json") + ".csv")
		if err != nil {
			return nil, nil, nil, nil, fmt.Errorf("shard %d/%d: %w", p.K, p.N, err)
		}
		nl := bytes.IndexByte(csv, '\n')
		off := nl + 1
		for _, c := range p.Chunks {
			if c.Index < 0 || c.Index >= len(chunks) || c.Index%p.N != p.K || off+c.RowBytes > len(csv) {
				return nil, nil, nil, nil, fmt.Errorf("%s: chunk %d does not belong to shard %d/%d or its rows are cut short", files[i], c.Index, p.K, p.N)
			}
			chunks[c.Index] = &src{acc: c.Acc, rows: csv[off : off+c.RowBytes]}
			off += c.RowBytes
		}
	}
	acc := sim.NewAccumulator(spec)
	var rows bytes.Buffer
	rows.WriteString(strings.Join(sim.Columns(spec), ",") + "\n")
	for c, s := range chunks {
		if s == nil {
			return nil, nil, nil, nil, fmt.Errorf("chunk %d is in no shard", c)
		}
		if err := acc.Merge(s.acc); err != nil {
			return nil, nil, nil, nil, err
		}
		rows.Write(s.rows)
	}
	return f, spec, acc, rows.Bytes(), nil
}
