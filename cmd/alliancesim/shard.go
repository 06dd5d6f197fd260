package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	shardHeader                // Kind "run"
	Scenario    string         `json:"scenario"`
	Chunks      []partialChunk `json:"chunks"`
	Config      string         `json:"config"`
	// RowsSHA256 is the checksum of part-K-of-N.csv, which holds the shard's runs.csv rows.
	RowsSHA256 string `json:"rows_sha256"`
	// Stage, for a shard of a run grown to a precision, is its stage and the rule's flags;
	// such a part is part-K-of-N-stage-S.json.
	Stage *stageRecord `json:"precision_stage,omitempty"`
}

// shardHeader is what every shard's file starts with: what it is a shard of, and which.
type shardHeader struct {
	provenance
	Kind string `json:"kind"` // run, compare or sweep
	Runs int    `json:"runs"`
	Seed uint64 `json:"seed"`
	K    int    `json:"shard"`
	N    int    `json:"shards"`
	// FirstRun is the index of the first run (--first-run).
	FirstRun int `json:"first_run"`
	// Checksum seals the file (see sealed): merge refuses a file edited or corrupted.
	Checksum string `json:"checksum"`
}

func (h *shardHeader) checksum() *string { return &h.Checksum }

func newShardHeader(prov provenance, kind string, spec *sim.Spec, sh *shard) shardHeader {
	return shardHeader{provenance: prov, Kind: kind, Runs: spec.Runs, Seed: spec.Seed, K: sh.k, N: sh.n, FirstRun: spec.FirstRun}
}

// id identifies the shard in file for checkShards; job names what all shards must share
// besides seed, version and runs.
func (h *shardHeader) id(file, job string) shardID {
	return shardID{file, h.Seed, job, h.Version, h.Runs, h.FirstRun, h.K, h.N}
}

type partialChunk struct {
	Index    int              `json:"index"`
	RowBytes int              `json:"row_bytes"`
	Acc      *sim.Accumulator `json:"acc"`
}

// writePartial writes a shard's partial result into dir, beside its rows (already written).
func writePartial(dir string, sh *shard, stage *stageRecord, prov provenance, cfg string, spec *sim.Spec, res *sim.Result) error {
	p := partial{shardHeader: newShardHeader(prov, "run", spec, sh), Scenario: spec.Name, Config: cfg, Stage: stage}
	for i, c := range res.Index {
		p.Chunks = append(p.Chunks, partialChunk{Index: c, RowBytes: res.RowBytes[i], Acc: res.Chunks[i]})
	}
	rows, err := checksumFile(filepath.Join(dir, partBase(sh, stage)+".csv"))
	if err != nil {
		return err
	}
	p.RowsSHA256 = rows.SHA256
	return writeSealed(filepath.Join(dir, partBase(sh, stage)+".json"), &p, true)
}

const mergeDoc = `Combine the partial results of the shards of one run (part-K-of-N.json, each beside its
part-K-of-N.csv) into summary.json, runs.csv and the charts, byte-identical to an unsharded run;
or of one sweep (sweep-part-K-of-N.json beside points/) into sweep.csv, sweep.json and its chart;
or of one comparison (compare-part-K-of-N.json) into compare.csv, compare.json and its charts;
or of one exploration (explore-part-K-of-N.json beside points/) into explore.json and the rest.
The stages of a run or a comparison grown to a precision (part-K-of-N-stage-S.json, from
--precision H --shard K/N --stage S) are merged up to the checkpoint where the rule stops, which
merge finds by applying it as the unsharded command does.
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
	if ps, files, err := readParts(pos, "compare-part", "compare", func(p *comparePart) string { return p.Kind }); err != nil {
		return err
	} else if len(ps) > 0 {
		return mergeCompare(e, ps, files, *out, *force)
	}
	if ps, files, err := readParts(pos, "explore-part", "explore", func(p *explorePart) string { return p.Kind }); err != nil {
		return err
	} else if len(ps) > 0 {
		return mergeExplore(e, ps, files, *out, *force)
	}
	if ms, files, err := readParts(pos, "sweep-part", "sweep", func(m *sweepManifest) string { return m.Kind }); err != nil {
		return err
	} else if len(ms) > 0 {
		return mergeSweep(e, ms, files, *out, *force)
	}
	parts, files, err := loadPartials(pos)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(parts, func(p *partial) bool { return p.Stage != nil }) {
		return mergeStages(e, parts, files, *out, *force)
	}
	var ids []shardID
	for i, p := range parts {
		ids = append(ids, p.id(files[i], p.ConfigSHA256))
	}
	if err := checkShards(ids, "part"); err != nil {
		return err
	}
	f, spec, acc, rows, err := mergePartials(parts, files)
	if err != nil {
		return err
	}
	dir, err := outFor(*out, spec.Name, "")
	if err != nil {
		return err
	}
	prov := parts[0].provenance
	od, err := openOut(dir, "run", prov.ConfigSHA256, *force, nil)
	if err != nil {
		return err
	}
	defer od.close()
	if err := writeFileAtomic(filepath.Join(dir, "runs.csv"), rows); err != nil {
		return err
	}
	if _, err := writeRunResults(e, dir, f, spec, acc, prov, runTables{}); err != nil {
		return err
	}
	if err := od.finish(outputNames["run"]...); err != nil {
		return err
	}
	if err := od.writeRunInfo(e); err != nil {
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
		var probe struct {
			Kind string `json:"kind"`
		}
		if json.Unmarshal(b, &probe) != nil || probe.Kind != "run" {
			return nil, nil, fmt.Errorf("%s: not a partial result of alliancesim run --shard", f)
		}
		var p partial
		if err := unseal(f, b, &p); err != nil {
			return nil, nil, err
		}
		parts = append(parts, &p)
	}
	return parts, files, nil
}

// shardID is what the shards of one job must share, and which shard each is.
type shardID struct {
	file     string
	seed     uint64
	id       string // the config's sha256, or a sweep's id
	version  string
	runs     int
	firstRun int
	k, n     int
}

// sameJob reports an error unless s is a shard of first's job, naming the difference.
func (s shardID) sameJob(first shardID) error {
	switch {
	case s.seed != first.seed:
		return fmt.Errorf("%s: made with seed %d, %s with seed %d", s.file, s.seed, first.file, first.seed)
	case s.id != first.id:
		return fmt.Errorf("%s: made from a different config (%.12s…) than %s (%.12s…)", s.file, s.id, first.file, first.id)
	case s.version != version:
		return fmt.Errorf("%s: made by alliancesim %s; merge with the same version (this is %s)", s.file, s.version, version)
	case s.n != first.n:
		return fmt.Errorf("%s: shard %d of %d, but %s is of %d", s.file, s.k, s.n, first.file, first.n)
	case s.runs != first.runs:
		return fmt.Errorf("%s: %d runs, %s %d", s.file, s.runs, first.file, first.runs)
	case s.firstRun != first.firstRun:
		return fmt.Errorf("%s: runs from %d, %s from %d", s.file, s.firstRun, first.file, first.firstRun)
	case s.k < 0 || s.k >= s.n:
		return fmt.Errorf("%s: shard %d of %d does not exist", s.file, s.k, s.n)
	}
	return nil
}

// checkShards verifies that shards are the N shards of one job, each once, naming the culprit;
// prefix is how a shard's files are named (part, sweep-part, compare-part).
func checkShards(shards []shardID, prefix string) error {
	first := shards[0]
	seen := make(map[int]string)
	for _, s := range shards {
		if err := s.sameJob(first); err != nil {
			return err
		}
		if other, dup := seen[s.k]; dup {
			return fmt.Errorf("shard %d/%d given twice: %s and %s", s.k, s.n, other, s.file)
		}
		seen[s.k] = s.file
	}
	var missing []string
	for k := range first.n {
		if _, ok := seen[k]; !ok {
			missing = append(missing, fmt.Sprintf("%s-%d-of-%d", prefix, k, first.n))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing shard(s): %s (%d of %d present)", strings.Join(missing, ", "), len(seen), first.n)
	}
	return nil
}

// readParts reads the shards of one kind among args: files named prefix-K-of-N.json, given
// themselves or found in the directories given; kindOf says what a decoded file claims to be.
func readParts[T any](args []string, prefix, kind string, kindOf func(*T) string) ([]*T, []string, error) {
	var files []string
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			m, _ := filepath.Glob(filepath.Join(a, prefix+"-*-of-*.json")) // the pattern is valid
			files = append(files, m...)
		} else if strings.HasPrefix(filepath.Base(a), prefix+"-") {
			files = append(files, a)
		}
	}
	var parts []*T
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		p := new(T)
		var probe struct {
			Kind string `json:"kind"`
		}
		if json.Unmarshal(b, &probe) != nil || probe.Kind != kind {
			return nil, nil, fmt.Errorf("%s: not a partial result of alliancesim %s --shard", f, kind)
		}
		if err := unseal(f, b, any(p).(sealed)); err != nil {
			return nil, nil, err
		}
		if kindOf(p) != kind {
			return nil, nil, fmt.Errorf("%s: not a partial result of alliancesim %s --shard", f, kind)
		}
		parts = append(parts, p)
	}
	return parts, files, nil
}

// mergeChunks merges the accumulators of every chunk of spec's runs, in chunk order, as the
// unsharded ensemble does; what names the job for errors.
func mergeChunks(spec *sim.Spec, chunks []*sim.Accumulator, what string) (*sim.Accumulator, error) {
	acc := sim.NewAccumulator(spec)
	for c, ca := range chunks {
		if ca == nil {
			return nil, fmt.Errorf("%s: chunk %d is in no shard", what, c)
		}
		if err := acc.Merge(ca); err != nil {
			return nil, err
		}
	}
	return acc, nil
}

// partsSpec rebuilds the config and the spec of the run the parts are shards of.
func partsSpec(parts []*partial, files []string) (*config.File, *sim.Spec, error) {
	f, err := config.Load("config of "+files[0], []byte(parts[0].Config))
	if err != nil {
		return nil, nil, err
	}
	for i, p := range parts {
		if p.Config != parts[0].Config || f.Hash() != p.ConfigSHA256 {
			return nil, nil, fmt.Errorf("%s: its config does not match its sha256 (edited by hand?)", files[i])
		}
	}
	spec, err := f.Spec()
	if err != nil {
		return nil, nil, err
	}
	if spec.Runs != parts[0].Runs || spec.Seed != parts[0].Seed {
		return nil, nil, fmt.Errorf("%s: %d runs of seed %d, but its config says %d of seed %d", files[0], parts[0].Runs, parts[0].Seed, spec.Runs, spec.Seed)
	}
	spec.FirstRun = parts[0].FirstRun
	return f, spec, nil
}

// partChunks returns the accumulator and the runs.csv rows of every chunk the parts hold, by
// chunk index, of at most limit chunks: nil where no part holds it.
func partChunks(parts []*partial, files []string, limit int) ([]*sim.Accumulator, [][]byte, error) {
	accs := make([]*sim.Accumulator, limit)
	rowsOf := make([][]byte, limit)
	for i, p := range parts {
		csvName := strings.TrimSuffix(files[i], ".json") + ".csv"
		csv, err := os.ReadFile(csvName)
		if err != nil {
			return nil, nil, fmt.Errorf("shard %d/%d: %w", p.K, p.N, err)
		}
		if sha256Hex(string(csv)) != p.RowsSHA256 {
			return nil, nil, fmt.Errorf("%s: its checksum does not match the one in %s (edited or corrupted)", csvName, files[i])
		}
		off := bytes.IndexByte(csv, '\n') + 1 // after the header
		for _, c := range p.Chunks {
			if c.Index < 0 || c.Index >= len(accs) || c.Index%p.N != p.K || c.RowBytes < 0 || off+c.RowBytes > len(csv) || accs[c.Index] != nil || c.Acc == nil {
				return nil, nil, fmt.Errorf("%s: chunk %d does not belong to shard %d/%d or its rows are cut short", files[i], c.Index, p.K, p.N)
			}
			accs[c.Index], rowsOf[c.Index] = c.Acc, csv[off:off+c.RowBytes]
			off += c.RowBytes
		}
	}
	return accs, rowsOf, nil
}

// mergePartials rebuilds the spec, the merged accumulator and runs.csv of a sharded run.
func mergePartials(parts []*partial, files []string) (*config.File, *sim.Spec, *sim.Accumulator, []byte, error) {
	f, spec, err := partsSpec(parts, files)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	accs, rowsOf, err := partChunks(parts, files, sim.NumChunks(spec))
	if err != nil {
		return nil, nil, nil, nil, err
	}
	acc, err := mergeChunks(spec, accs, "run")
	if err != nil {
		return nil, nil, nil, nil, err
	}
	var rows bytes.Buffer
	rows.WriteString(strings.Join(sim.Columns(spec), ",") + "\n")
	for _, r := range rowsOf {
		rows.Write(r)
	}
	return f, spec, acc, rows.Bytes(), nil
}
