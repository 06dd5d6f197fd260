package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"alliancesim/sim/stats"
)

// Precision is adaptive precision: a sequential rule that grows an ensemble until the 95%
// interval of one metric is as narrow as asked, or MaxRuns is reached.
//
// The ensemble grows in stages between fixed checkpoints: the first run count rounded up to
// whole chunks, then doubling, capped at MaxRuns. Run r depends only on the seed and r, and
// chunks are merged in order, so the ensemble at a checkpoint is, bit for bit, the ensemble of
// that many runs; the rule decides on the merged results at checkpoints only, never on timing,
// so it decides the same for any number of workers.
//
// The rule looks one stage ahead. At a checkpoint of n runs it projects the half-width to the
// next checkpoint, m runs, as halfwidth·sqrt(n/m); when the projection meets the target, the next
// stage is the last, whatever its runs show. The obvious rule, stopping at the first checkpoint
// whose own interval meets the target, undercovers: it stops preferentially where the estimate
// has strayed to the side that narrows the interval (towards 0 or 1 for a proportion), and its
// nominal 95% Wilson intervals cover the truth in as few as 92.9% of ensembles (p = 0.015,
// target 0.01, first checkpoint 256). Looking ahead, half the final runs are drawn after the
// decision, and the coverage stays at 94% or more (precision_internal_test.go computes it
// exactly and simulates it). The price: the ensemble always runs at least one stage beyond its
// first checkpoint, and the achieved half-width, which is reported, can exceed the target by the
// projection's error, a few percent.
type Precision struct {
	Metric    Metric  // whose 95% interval is watched; it must have a Value
	HalfWidth float64 // the target: (Hi-Lo)/2 of that interval
	MaxRuns   int     // the ensemble never grows beyond this many runs
}

// Reached is what a Precision rule did, for provenance.
type Reached struct {
	Runs int // the runs of the ensemble when it stopped
	// HalfWidth is the watched half-width then (the widest over several ensembles grown
	// together), NaN if the metric was undefined.
	HalfWidth   float64
	Met         bool  // HalfWidth <= the target
	Checkpoints []int // the run counts measured, in order; the last is Runs
}

// HalfWidth returns half the width of iv, (Hi-Lo)/2: NaN when a bound is.
func HalfWidth(iv stats.Interval) float64 { return (iv.Hi - iv.Lo) / 2 }

// Check reports whether the rule can be followed.
func (p Precision) Check() error {
	if p.Metric.Value == nil {
		return fmt.Errorf("precision: metric %q has no value", p.Metric.Name)
	}
	if !(p.HalfWidth > 0) || math.IsInf(p.HalfWidth, 0) {
		return fmt.Errorf("precision: half-width %v: allowed a number > 0", p.HalfWidth)
	}
	if p.MaxRuns < 1 || p.MaxRuns > maxPrecisionRuns {
		return fmt.Errorf("precision: max runs %d: allowed 1 to %d", p.MaxRuns, maxPrecisionRuns)
	}
	return nil
}

// maxPrecisionRuns bounds MaxRuns far below the largest int, so that doubling cannot overflow.
const maxPrecisionRuns = 1 << 40

// First returns the first checkpoint for an ensemble asked to start with runs runs: runs
// rounded up to whole chunks, at most MaxRuns.
func (p Precision) First(runs int) int {
	return min(max(1, (runs+ChunkSize-1)/ChunkSize)*ChunkSize, p.MaxRuns)
}

// Checkpoints returns every checkpoint the rule may measure from first runs, in order: the
// first, then doubling, capped at MaxRuns. Which of them it reaches depends on the runs, but
// not the checkpoints themselves, so that the stages between them can be planned, and sharded,
// before any run: stage s adds the runs from checkpoint s-1 (0 for the first) to checkpoint s.
func (p Precision) Checkpoints(first int) []int {
	cps := []int{p.First(first)}
	for n := cps[0]; n < p.MaxRuns; {
		n = min(2*n, p.MaxRuns)
		cps = append(cps, n)
	}
	return cps
}

// next returns the checkpoint after n runs whose watched half-width is hw, and whether the
// ensemble stops there. It is the whole rule; Grow follows it.
func (p Precision) next(n int, hw float64) (m int, last bool) {
	m = min(2*n, p.MaxRuns)
	// A NaN half-width (the metric not yet defined) never meets the target.
	return m, m == p.MaxRuns || hw*math.Sqrt(float64(n)/float64(m)) <= p.HalfWidth
}

// Grow follows the rule from first runs. measure extends the ensemble (or ensembles) to the
// given number of runs, which only grows, and returns the watched half-width; Grow stops at the
// checkpoint the rule names and reports it. EnsembleTo and MeasureTo call it; call it directly
// to grow other ensembles by the same rule (explore's design points, say).
func (p Precision) Grow(first int, measure func(runs int) (halfWidth float64, err error)) (Reached, error) {
	if err := p.Check(); err != nil {
		return Reached{}, err
	}
	var r Reached
	n, last := p.First(first), false
	for {
		hw, err := measure(n)
		if err != nil {
			return r, err
		}
		r.Runs, r.HalfWidth = n, hw
		r.Checkpoints = append(r.Checkpoints, n)
		if last || n >= p.MaxRuns {
			break
		}
		n, last = p.next(n, hw)
	}
	r.Met = r.HalfWidth <= p.HalfWidth
	return r, nil
}

// PrecisionMetrics returns the names of the metrics EnsembleTo and MeasureTo may watch: the
// proportions of runs (or of the runs in which the focus state held a guarantee), each run one
// Bernoulli trial with a Wilson interval, the case whose coverage under the rule
// precision_internal_test.go establishes. The others are refused. A mean such as
// focus_economy_lost: on a zero-inflated, heavy-tailed outcome like it the t interval undercovers
// even with a fixed number of runs, and stopping on its width makes it worse, for runs that have
// not yet met a large value look precise (simulated with 2% of runs losing a lognormal amount:
// 86–93% fixed, 81–84% under the rule). A rate pooled over decisions (reliability, abandonment,
// entrapment): its interval counts decisions, which are not independent within a run, and is
// too narrow already (docs/ODD.md §7.8).
func PrecisionMetrics() []string {
	return []string{"deterrence_failure", "armed_failure", "held_attack", "conquest",
		"focus_attacked", "focus_armed_attacked", "focus_failure", "focus_covered_attacked", "focus_conquered"}
}

// Defined reports an error unless the watched metric is one of PrecisionMetrics and exists for
// spec (a focus metric needs a focus state), and spec is sound.
func (p Precision) Defined(spec *Spec) error {
	if err := spec.Check(); err != nil {
		return err
	}
	if p.Metric.Value == nil {
		return p.Check()
	}
	if !slices.Contains(PrecisionMetrics(), p.Metric.Name) {
		return fmt.Errorf("precision: metric %s: allowed %s (proportions of runs)", p.Metric.Name, strings.Join(PrecisionMetrics(), ", "))
	}
	if _, ok := p.Metric.Value(Summarize(spec, NewAccumulator(spec))); !ok {
		return fmt.Errorf("precision: metric %s is not defined for %s (it has no focus state)", p.Metric.Name, spec.Name)
	}
	return nil
}

// errShardPrecision explains why these functions refuse a shard: they grow an ensemble in one
// process. A sharded ensemble follows the rule stage by stage (Checkpoints): each stage's shards
// compute their runs once every shard of the stages before has, and the rule is applied to
// their merged results (alliancesim run --shard --stage does this).
var errShardPrecision = errors.New("precision: a shard cannot grow the ensemble in one go: whether to grow depends on the runs of all shards; shard it stage by stage (see Precision.Checkpoints)")

// EnsembleTo runs spec as Ensemble does, grown by p's rule from spec.Runs runs. The result is
// the Ensemble of the runs reached, byte for byte, rows included, and its Spec a copy of spec
// with those Runs. opt.Progress is called with the runs done and the next checkpoint. A shard
// (opt.Chunk) is refused: see errShardPrecision.
func EnsembleTo(ctx context.Context, spec *Spec, p Precision, opt Options) (*Result, Reached, error) {
	if opt.Chunk != nil || opt.KeepChunks {
		return nil, Reached{}, errShardPrecision
	}
	if err := p.Defined(spec); err != nil {
		return nil, Reached{}, err
	}
	var acc *Accumulator
	done := 0
	reached, err := p.Grow(spec.Runs, func(n int) (float64, error) {
		o := opt
		o.into = acc // nil at the first checkpoint: a new ensemble, whose rows get their header
		if opt.Progress != nil {
			base := done
			o.Progress = func(d, _ int) { opt.Progress(base+d, n) }
		}
		stage := *spec
		stage.FirstRun, stage.Runs = spec.FirstRun+done, n-done
		res, err := Ensemble(ctx, &stage, o)
		if err != nil {
			return 0, err
		}
		acc, done = res.Acc, n
		iv, _ := p.Metric.Value(Summarize(spec, acc))
		return HalfWidth(iv), nil
	})
	if err != nil {
		return nil, reached, err
	}
	grown := *spec
	grown.Runs = reached.Runs
	return &Result{Spec: &grown, Acc: acc}, reached, nil
}

// MeasureTo measures every spec as Measure does, all grown together by p's rule from
// specs[0].Runs runs: the watched half-width is the widest over the specs where the metric is
// defined (not NaN), and every spec gets the same runs. Growing them together keeps common random numbers
// paired: run r of every spec shares its seed, and PairedDiff compares the specs run by run.
// Every spec must have specs[0]'s FirstRun. opt.Progress is called with the runs done over all
// specs and their total at the next checkpoint.
func MeasureTo(ctx context.Context, specs []*Spec, metrics []Metric, p Precision, opt Options) ([]*SweepPoint, Reached, error) {
	if opt.Chunk != nil || opt.KeepChunks {
		return nil, Reached{}, errShardPrecision
	}
	pts := make([]*SweepPoint, len(specs))
	accs := make([]*Accumulator, len(specs))
	defined := false
	for i, spec := range specs {
		if err := spec.Check(); err != nil {
			return nil, Reached{}, err
		}
		defined = defined || p.Defined(spec) == nil
		if spec.FirstRun != specs[0].FirstRun {
			return nil, Reached{}, fmt.Errorf("precision: %s starts at run %d, %s at %d", spec.Name, spec.FirstRun, specs[0].Name, specs[0].FirstRun)
		}
		pts[i] = &SweepPoint{Outcomes: make([][]uint64, len(metrics))}
	}
	if !defined {
		return nil, Reached{}, p.Defined(specs[0])
	}
	done := 0
	reached, err := p.Grow(specs[0].Runs, func(n int) (float64, error) {
		widest := math.NaN() // the widest over the specs where the metric is a number
		for i, spec := range specs {
			pt := pts[i]
			for m, met := range metrics {
				if met.Binary != nil {
					pt.Outcomes[m] = slices.Grow(pt.Outcomes[m], (n+63)/64-len(pt.Outcomes[m]))[:(n+63)/64]
				}
			}
			o := opt
			o.into = accs[i] // nil at the first checkpoint
			// As in Measure, workers write distinct words: a stage starts at a whole chunk.
			o.Record = func(r *Record) {
				for m, met := range metrics {
					if met.Binary != nil && met.Binary(r, spec) {
						j := r.Run - spec.FirstRun
						pt.Outcomes[m][j/64] |= 1 << (j % 64)
					}
				}
			}
			if opt.Progress != nil {
				base := i*(n-done) + len(specs)*done
				o.Progress = func(d, _ int) { opt.Progress(base+d, len(specs)*n) }
			}
			stage := *spec
			stage.FirstRun, stage.Runs = spec.FirstRun+done, n-done
			res, err := Ensemble(ctx, &stage, o)
			if err != nil {
				return 0, fmt.Errorf("%s: %w", spec.Name, err)
			}
			accs[i] = res.Acc
			pt.Finish(spec, accs[i], metrics)
			iv, ok := p.Metric.Value(pt.Summary)
			if !ok {
				continue
			}
			// NaN is a metric undefined for this spec (focus_failure where the state never
			// held a guarantee); while it is NaN for all, widest stays NaN, never met.
			if hw := HalfWidth(iv); hw > widest || math.IsNaN(widest) {
				widest = hw
			}
		}
		done = n
		return widest, nil
	})
	if err != nil {
		return nil, reached, err
	}
	return pts, reached, nil
}

// SweepTo runs the sweep Sweep runs, every point grown by p's rule from spec.Runs runs, all
// together (see MeasureTo): the widest half-width over the points decides, and every point gets
// the same runs, so that neighbouring points stay paired run by run. Every point is held in
// memory until the last checkpoint, then given to opt.Done in grid order. A shard (opt.Chunk)
// and skipped points (opt.Skip, for resuming) are refused: every point grows with the others.
func SweepTo(ctx context.Context, spec *Spec, axes []Axis, p Precision, opt SweepOptions) ([]*SweepPoint, Reached, error) {
	if opt.Chunk != nil {
		return nil, Reached{}, errShardPrecision
	}
	if opt.Skip != nil {
		return nil, Reached{}, errors.New("precision: a sweep grown to a precision cannot skip points: every point grows with the others")
	}
	total := GridSize(axes)
	specs := make([]*Spec, total)
	grid := make([]*SweepPoint, total)
	for idx := range total {
		specs[idx] = new(Spec)
		grid[idx] = GridPoint(spec, axes, idx, specs[idx])
	}
	pts, reached, err := MeasureTo(ctx, specs, opt.Metrics, p, Options{Workers: opt.Workers, Progress: opt.Progress})
	if err != nil {
		return nil, reached, err
	}
	for i, pt := range pts {
		pt.Index, pt.Coord, pt.Values, pt.Labels = grid[i].Index, grid[i].Coord, grid[i].Values, grid[i].Labels
		if opt.Done != nil {
			if err := opt.Done(pt); err != nil {
				return nil, reached, err
			}
		}
	}
	return pts, reached, nil
}
