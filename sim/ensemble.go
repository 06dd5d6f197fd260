package sim

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
)

// ChunkSize is the number of consecutive runs aggregated together. It is fixed, not an option:
// the order in which float sums are merged depends on it, and outputs must not.
const ChunkSize = 256

// Options control how an ensemble is computed; none of them changes its results.
type Options struct {
	Workers int // goroutines; 0 means runtime.GOMAXPROCS(0), which respects a container's CPU quota
	// Rows, when set, receives runs.csv: a header, then one row per run in run order, written
	// as chunks complete.
	Rows io.Writer
	// Progress, when set, is called from one goroutine after each chunk with the runs done.
	Progress func(done, total int)
	// Chunk, when set, selects the chunks to compute (for shards); nil computes all.
	Chunk func(c int) bool
	// KeepChunks keeps each chunk's accumulator in the Result (for shards); otherwise memory does
	// not grow with the number of runs.
	KeepChunks bool
	// Trajectories, when set, receives trajectories.csv (see TrajectoryColumns): a header, then
	// one row per run, step and state, in run order, written as chunks complete.
	Trajectories io.Writer
	// Record, when set, is called with every run's record, from the worker that ran it (so
	// concurrently, in no particular order). The record is valid during the call only.
	Record func(r *Record)

	// into, when set, extends an ensemble already run (see EnsembleTo): the chunks are merged
	// into it, in order, as into a new accumulator, and Rows and Trajectories get no header.
	into *Accumulator
}

// Result is the outcome of an ensemble.
type Result struct {
	Spec   *Spec
	Acc    *Accumulator   // all computed runs, merged in chunk order
	Chunks []*Accumulator // with Options.KeepChunks: per computed chunk, in chunk order
	Index  []int          // the chunk index of each element of Chunks
	// RowBytes is the length of each computed chunk's rows in Options.Rows, so that the rows of
	// shards can be interleaved back into run order.
	RowBytes []int
}

// NumChunks returns the number of chunks of an ensemble of spec.
func NumChunks(spec *Spec) int { return (spec.Runs + ChunkSize - 1) / ChunkSize }

// Ensemble runs spec.Runs runs of spec on opt.Workers goroutines. Run r draws from
// RunSource(spec.Seed, r) only, and chunks are merged in order, so the result and the rows written
// are byte-identical whatever the number of workers. A panic in a run becomes an error naming the
// run and seed; cancelling ctx stops the workers and returns ctx's error.
func Ensemble(ctx context.Context, spec *Spec, opt Options) (*Result, error) {
	if err := spec.Check(); err != nil {
		return nil, err
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	nChunks := NumChunks(spec)
	var todo []int
	for c := range nChunks {
		if opt.Chunk == nil || opt.Chunk(c) {
			todo = append(todo, c)
		}
	}
	res := &Result{Spec: spec, Acc: opt.into}
	if res.Acc == nil {
		res.Acc = NewAccumulator(spec)
	}
	var rows *rowWriter
	if opt.Rows != nil {
		rows = newRowWriter(opt.Rows, spec)
		if opt.into == nil {
			if err := rows.header(); err != nil {
				return nil, err
			}
		}
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if opt.Trajectories != nil && opt.into == nil {
		if _, err := io.WriteString(opt.Trajectories, strings.Join(TrajectoryColumns(), ",")+"\n"); err != nil {
			return nil, err
		}
	}
	type done struct {
		pos  int // position in todo
		acc  *Accumulator
		rows []byte
		traj []byte
		err  error
	}
	// At most `window` chunks are in flight or waiting to be written, so memory does not grow
	// with the number of runs.
	window := 4 * workers
	jobs := make(chan int)
	results := make(chan done, window)
	slots := make(chan struct{}, window)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runner := NewRunner(spec)
			var traj []byte // the chunk's trajectories: a new buffer each chunk, handed to the writer
			if opt.Trajectories != nil {
				var t trajectory
				runner.OnStep = func(w *World) { traj = t.appendStep(traj, w) }
			}
			for pos := range jobs {
				traj = nil
				acc, b, err := runChunk(ctx, runner, spec, todo[pos], rows != nil, opt.Record)
				results <- done{pos: pos, acc: acc, rows: b, traj: traj, err: err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for pos := range todo {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- pos:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	pending := map[int]done{}
	next, runsDone := 0, 0
	var firstErr error
	for d := range results {
		if d.err != nil && firstErr == nil {
			firstErr = d.err
			cancel()
		}
		pending[d.pos] = d
		for {
			d, ok := pending[next]
			if !ok || firstErr != nil {
				break
			}
			delete(pending, next)
			if rows != nil {
				if err := rows.write(d.rows); err != nil {
					firstErr = err
					cancel()
					break
				}
			}
			if opt.Trajectories != nil {
				if _, err := opt.Trajectories.Write(d.traj); err != nil {
					firstErr = err
					cancel()
					break
				}
			}
			if err := res.Acc.Merge(d.acc); err != nil {
				firstErr = err
				cancel()
				break
			}
			if opt.KeepChunks {
				res.Chunks = append(res.Chunks, d.acc)
				res.Index = append(res.Index, todo[next])
				res.RowBytes = append(res.RowBytes, len(d.rows))
			}
			runsDone += int(d.acc.Runs)
			next++
			<-slots
			if opt.Progress != nil {
				opt.Progress(runsDone, chunkRuns(spec.Runs, todo))
			}
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil || next < len(todo) {
		if err == nil {
			err = context.Canceled
		}
		return nil, err
	}
	if rows != nil {
		if err := rows.flush(); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// chunkRuns returns the number of runs in the given chunks.
func chunkRuns(runs int, chunks []int) int {
	n := 0
	for _, c := range chunks {
		lo, hi := chunkBounds(c, 0, runs)
		n += hi - lo
	}
	return n
}

// chunkBounds returns the runs [lo, hi) of chunk c of an ensemble of runs runs from first.
func chunkBounds(c, first, runs int) (lo, hi int) {
	lo = first + c*ChunkSize
	return lo, min(first+runs, lo+ChunkSize)
}

// runChunk runs chunk c and returns its accumulator and, if wanted, its CSV rows. It looks at
// ctx before every run, so that a cancelled ensemble stops within one run, not one chunk: a
// chunk of large worlds can take minutes, longer than a batch system waits between SIGTERM and
// SIGKILL.
func runChunk(ctx context.Context, runner *Runner, spec *Spec, c int, wantRows bool, onRecord func(*Record)) (acc *Accumulator, rows []byte, err error) {
	lo, hi := chunkBounds(c, spec.FirstRun, spec.Runs)
	run := lo
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("run %d (seed %d) panicked: %v; replay it with --seed %d --first-run %d --runs 1",
				run, spec.Seed, p, spec.Seed, run)
		}
	}()
	acc = NewAccumulator(spec)
	for ; run < hi; run++ {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		rec := runner.Run(run)
		acc.Add(rec)
		if onRecord != nil {
			onRecord(rec)
		}
		if wantRows {
			rows = appendRow(rows, spec, rec)
		}
	}
	return acc, rows, nil
}
