package calibrate

import (
	"context"
	"fmt"
	"math"
	"sync"

	"alliancesim/agents"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// ParityRatio is the power ratio below which a pair counts as roughly equal in [Moments]: 3:1,
// the boundary of Bremer's (1992) "small" power difference.
const ParityRatio = 3

// Moments are the calibration population's onset rates (docs/ODD.md §9): the two of [Rates], and
// the war onset rate split by the pair's power ratio, which the two rates do not imply. Bremer
// (1992) finds war markedly more likely between roughly equal powers than between very unequal
// ones (his "dangerous dyads").
type Moments struct {
	Dispute, War stats.Interval // per pair-year, as [Rates] reports them
	// WarParity is the war onset rate among pairs whose power ratio is below ParityRatio,
	// WarPreponderance among the others.
	WarParity, WarPreponderance stats.Interval
	Parity, Preponderance       int     // the pairs in each class
	MeanR                       float64 // the mean revisionism drawn
}

// Danger returns the ratio of the war onset rates at parity and at preponderance: Bremer's
// dangerous dyads ask for it to be above 1. It is +Inf when preponderant pairs had no war.
func (m *Moments) Danger() float64 { return m.WarParity.P / m.WarPreponderance.P }

// Measure runs the population under p, as [Rates] does, and returns its [Moments]. Each pair's
// power ratio is read from its own draws (the log of the ratio is the run's second draw), so
// the split costs nothing. Dispute and War equal what Rates returns for the same arguments.
func Measure(ctx context.Context, p agents.Params, pop Population, seed uint64, workers int) (*Moments, error) {
	type tally struct {
		dispute, war, warPar, warPre int64
		par, pre                     int
		sumR                         float64
	}
	cut := math.Log(ParityRatio)
	var all tally
	err := forRuns(ctx, p, pop, seed, workers, func() func(*sim.Record, bool) {
		var t tally
		return func(rec *sim.Record, done bool) {
			if done {
				all.dispute, all.war, all.warPar, all.warPre = all.dispute+t.dispute, all.war+t.war, all.warPar+t.warPar, all.warPre+t.warPre
				all.par, all.pre, all.sumR = all.par+t.par, all.pre+t.pre, all.sumR+t.sumR
				return
			}
			d, wr := int64(rec.Attacks), int64(rec.Wars)
			if pop.Steps == 1 { // onsets: a pair with an attack, however many
				d, wr = min(d, 1), min(wr, 1)
			}
			t.dispute += d
			t.war += wr
			if math.Abs(rec.Draws[1]) < cut {
				t.par++
				t.warPar += wr
			} else {
				t.pre++
				t.warPre += wr
			}
			t.sumR += rec.Draws[2] + rec.Draws[3]
		}
	})
	if err != nil {
		return nil, err
	}
	steps := int64(pop.Steps)
	wilson := func(k int64, pairs int) stats.Interval { return stats.Wilson(k, int64(pairs)*steps, stats.Z95) }
	return &Moments{
		Dispute: wilson(all.dispute, pop.Pairs), War: wilson(all.war, pop.Pairs),
		WarParity: wilson(all.warPar, all.par), WarPreponderance: wilson(all.warPre, all.pre),
		Parity: all.par, Preponderance: all.pre,
		MeanR: all.sumR / float64(2*pop.Pairs),
	}, nil
}

// The target of the concentration of disputes ([Recurrence.Concentration]): enduring rivalries
// hold "almost half" of all militarized disputes (Goertz & Diehl 1992; Diehl & Goertz 2000).
// The band is wide: the figure depends on the rivalry definition and the period, and the
// model's 20-year window of contiguous pairs is not the data's universe of all dyads.
const (
	ConcentrationTarget = 0.45
	ConcentrationLo     = 0.30
	ConcentrationHi     = 0.60
)

// EnduringDisputes and RivalryYears define an enduring rivalry as Diehl & Goertz (2000) do from
// the dispute data: at least 6 militarized disputes between the same pair within 20 years.
const (
	EnduringDisputes = 6
	RivalryYears     = 20
)

// Recurrence is how disputes recur within pairs over RivalryYears: Goertz & Diehl's enduring
// rivalries, a few pairs (5.4% of the pairs that had any dispute) that hold almost half of all
// disputes. How concentrated disputes are in a few pairs is what the spread of the revisionism
// (the Beta's two shapes at a given mean) and the model's learning decide, and the two onset
// rates do not.
type Recurrence struct {
	Pairs       int
	Conflictual int   // pairs with at least one dispute
	Enduring    int   // pairs with at least EnduringDisputes disputes
	Disputes    int64 // disputes (attacks, either way) over all pairs and years
	InEnduring  int64 // disputes in enduring pairs
	// Sums over pairs of d², x² and x*d, d a pair's disputes and x those of an enduring
	// pair (0 otherwise), for the interval of the concentration.
	sdd, sxx, sxd float64
}

// Concentration returns the share of all disputes that enduring pairs hold, x̄/d̄ over pairs,
// with a 95% interval by the delta method for a ratio of means (the pairs are independent,
// their disputes are not).
func (r *Recurrence) Concentration() stats.Interval {
	n := float64(r.Pairs)
	c := float64(r.InEnduring) / float64(r.Disputes)
	md := float64(r.Disputes) / n
	// Variance over pairs of x - c*d, whose mean is 0.
	v := (r.sxx - 2*c*r.sxd + c*c*r.sdd) / n
	se := math.Sqrt(max(0, v)/(n-1)) / md
	return stats.Interval{P: c, Lo: max(0, c-stats.Z95*se), Hi: min(1, c+stats.Z95*se)}
}

// EnduringShare returns the share of conflictual pairs that are enduring.
func (r *Recurrence) EnduringShare() float64 { return float64(r.Enduring) / float64(r.Conflictual) }

// MeasureRecurrence runs the population under p for RivalryYears steps (pop.Steps is ignored)
// and counts each pair's disputes: every attack, either way, is one dispute.
func MeasureRecurrence(ctx context.Context, p agents.Params, pop Population, seed uint64, workers int) (*Recurrence, error) {
	pop.Steps = RivalryYears
	var all Recurrence
	err := forRuns(ctx, p, pop, seed, workers, func() func(*sim.Record, bool) {
		var t Recurrence
		return func(rec *sim.Record, done bool) {
			if done {
				all.Conflictual, all.Enduring = all.Conflictual+t.Conflictual, all.Enduring+t.Enduring
				all.Disputes, all.InEnduring = all.Disputes+t.Disputes, all.InEnduring+t.InEnduring
				all.Pairs, all.sdd, all.sxx, all.sxd = all.Pairs+t.Pairs, all.sdd+t.sdd, all.sxx+t.sxx, all.sxd+t.sxd
				return
			}
			d := rec.Attacks
			t.Pairs++
			t.Disputes += int64(d)
			t.sdd += float64(d * d)
			if d > 0 {
				t.Conflictual++
			}
			if d >= EnduringDisputes {
				t.Enduring++
				t.InEnduring += int64(d)
				t.sxx += float64(d * d)
				t.sxd += float64(d * d)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return &all, nil
}

// forRuns runs every pair of the population under p, workers at a time, each worker with its
// own [sim.Runner]. newWorker is called once per worker, under a lock; the function it returns
// sees that worker's records in run order, then once with done set, under the lock, to merge
// its tally.
func forRuns(ctx context.Context, p agents.Params, pop Population, seed uint64, workers int, newWorker func() func(rec *sim.Record, done bool)) error {
	spec, err := pop.Spec(p, seed)
	if err != nil {
		return err
	}
	if err := spec.Check(); err != nil {
		return fmt.Errorf("calibration population: %w", err)
	}
	workers = max(1, min(workers, spec.Runs))
	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		errOnce error
	)
	for w := range workers {
		mu.Lock()
		f := newWorker()
		mu.Unlock()
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			r := sim.NewRunner(spec)
			for run := lo; run < hi; run++ {
				if run%1024 == 0 && ctx.Err() != nil {
					mu.Lock()
					errOnce = ctx.Err()
					mu.Unlock()
					return
				}
				f(r.Run(run), false)
			}
			mu.Lock()
			f(nil, true)
			mu.Unlock()
		}(w*spec.Runs/workers, (w+1)*spec.Runs/workers)
	}
	wg.Wait()
	if errOnce != nil {
		return fmt.Errorf("calibration population: %w", errOnce)
	}
	return nil
}
