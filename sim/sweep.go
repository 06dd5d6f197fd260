package sim

import (
	"context"
	"fmt"
	"io"

	"alliancesim/sim/stats"
)

// Axis is one dimension of a sweep grid: a config path and the values it takes.
type Axis struct {
	Path   string
	Values []float64 // passed to Set: numbers, or indices into Labels for choices
	Labels []string  // how each value is shown
	Set    Setter
}

// SweepOptions control a sweep; none of them changes its results.
type SweepOptions struct {
	Workers  int
	Metrics  []Metric
	Progress func(done, total int) // over all runs of all points
	// Skip, when set, reports grid points already computed (for resuming); Done is then called
	// with each newly computed point, in grid order.
	Skip func(index int) bool
	Done func(p *SweepPoint) error
	// Chunk, when set, computes only the chunks it selects at every point (a shard), and keeps
	// each point's chunk accumulators for the merge.
	Chunk func(c int) bool
	// Rows, when set, gives the writer of each computed point's runs.csv (Options.Rows).
	Rows func(index int) (io.Writer, error)
}

// SweepPoint is one grid point of a sweep.
type SweepPoint struct {
	Index   int       // position in the grid, row-major over the axes
	Coord   []int     // index into each axis's values
	Values  []float64 // the axis values
	Labels  []string
	Summary *Summary
	Metrics []stats.Interval // in SweepOptions.Metrics order; NaN where undefined
	N       []int64          // each metric's denominator (see Metric.Denominator)
	// Outcomes holds, for each binary metric, the per-run outcomes as a bitset, so that
	// neighbouring points can be compared run by run (common random numbers).
	Outcomes [][]uint64
	// Chunks and ChunkIndex are the accumulators of the chunks computed, when sharded.
	Chunks     []*Accumulator
	ChunkIndex []int
}

// GridSize returns the number of points of the full grid over axes.
func GridSize(axes []Axis) int {
	n := 1
	for _, a := range axes {
		n *= len(a.Values)
	}
	return n
}

// Sweep runs an ensemble of spec at every point of the full grid over axes. Every point uses the
// same run seeds (common random numbers), so differences between points are the parameters'
// effect, not noise. Points are computed in grid order, each on all workers.
func Sweep(ctx context.Context, spec *Spec, axes []Axis, opt SweepOptions) ([]*SweepPoint, error) {
	total := GridSize(axes)
	var points []*SweepPoint
	var scratch Spec
	done := 0
	for idx := range total {
		if opt.Skip != nil && opt.Skip(idx) {
			done += spec.Runs
			continue
		}
		pt := GridPoint(spec, axes, idx, &scratch)
		base := done
		var rows io.Writer
		if opt.Rows != nil {
			var err error
			if rows, err = opt.Rows(idx); err != nil {
				return points, err
			}
		}
		err := Measure(ctx, &scratch, pt, opt.Metrics, Options{
			Workers: opt.Workers, Chunk: opt.Chunk, KeepChunks: opt.Chunk != nil, Rows: rows,
			Progress: func(d, _ int) {
				if opt.Progress != nil {
					opt.Progress(base+d, total*spec.Runs)
				}
			},
		})
		if err != nil {
			return points, fmt.Errorf("sweep point %d: %w", idx, err)
		}
		done += spec.Runs
		if opt.Done != nil {
			if err := opt.Done(pt); err != nil {
				return points, err
			}
		}
		points = append(points, pt)
	}
	return points, nil
}

// GridPoint makes dst spec at point idx of the grid over axes (row-major), and returns the point,
// not yet measured.
func GridPoint(spec *Spec, axes []Axis, idx int, dst *Spec) *SweepPoint {
	coord := make([]int, len(axes))
	for k, rem := len(axes)-1, idx; k >= 0; k-- {
		coord[k] = rem % len(axes[k].Values)
		rem /= len(axes[k].Values)
	}
	spec.CopyTo(dst)
	pt := &SweepPoint{Index: idx, Coord: coord}
	for k, a := range axes {
		v := a.Values[coord[k]]
		a.Set(dst, v)
		pt.Values = append(pt.Values, v)
		pt.Labels = append(pt.Labels, a.Labels[coord[k]])
	}
	return pt
}

// Measure runs an ensemble of spec and fills pt's summary, metrics and per-run outcomes.
// opt.Record is used by Measure.
func Measure(ctx context.Context, spec *Spec, pt *SweepPoint, metrics []Metric, opt Options) error {
	pt.Outcomes = make([][]uint64, len(metrics))
	for m, met := range metrics {
		if met.Binary != nil {
			pt.Outcomes[m] = make([]uint64, (spec.Runs+63)/64)
		}
	}
	// Workers write distinct words of the bitsets: a chunk of ChunkSize runs (a multiple of 64)
	// is run by one worker.
	opt.Record = func(r *Record) {
		for m, met := range metrics {
			if met.Binary != nil && met.Binary(r, spec) {
				i := r.Run - spec.FirstRun
				pt.Outcomes[m][i/64] |= 1 << (i % 64)
			}
		}
	}
	res, err := Ensemble(ctx, spec, opt)
	if err != nil {
		return err
	}
	pt.Chunks, pt.ChunkIndex = res.Chunks, res.Index
	pt.Finish(spec, res.Acc, metrics)
	return nil
}

// Finish sets the point's summary and metrics from the accumulator of its runs.
func (pt *SweepPoint) Finish(spec *Spec, acc *Accumulator, metrics []Metric) {
	pt.Summary = Summarize(spec, acc)
	pt.Metrics, pt.N = pt.Metrics[:0], pt.N[:0]
	for _, met := range metrics {
		pt.N = append(pt.N, met.Denominator(spec, acc))
		v, ok := met.Value(pt.Summary)
		if !ok {
			v = stats.Interval{P: nan(), Lo: nan(), Hi: nan()}
		}
		pt.Metrics = append(pt.Metrics, v)
	}
}

// PairedDiff returns the difference b - a of binary metric m between two points computed with the
// same seeds, with Newcombe's interval for paired proportions, and, for comparison, the interval
// the same proportions would have had from independent seeds.
func PairedDiff(a, b *SweepPoint, m int, runs int) (paired, independent stats.Interval, ok bool) {
	oa, ob := a.Outcomes[m], b.Outcomes[m]
	if oa == nil || ob == nil {
		return paired, independent, false
	}
	var n11, n10, n01 int64
	for i := range runs {
		x := oa[i/64]>>(i%64)&1 == 1
		y := ob[i/64]>>(i%64)&1 == 1
		switch {
		case x && y:
			n11++
		case y:
			n10++
		case x:
			n01++
		}
	}
	n00 := int64(runs) - n11 - n10 - n01
	paired = stats.PairedDifference(n11, n10, n01, n00, stats.Z95)
	independent = stats.IndependentDifference(n11+n10, int64(runs), n11+n01, int64(runs), stats.Z95)
	return paired, independent, true
}
