package sim

import "math/rand/v2"

// RunSource returns the random source of run r of an ensemble seeded with seed. Every run draws
// only from its own stream, so results depend on (config, seed) alone.
func RunSource(seed uint64, run int) *rand.PCG { return rand.NewPCG(seed, uint64(run)) }

// Runner runs single runs of one spec, reusing its world and scratch copy of the spec. It is not
// safe for concurrent use; give each worker its own.
type Runner struct {
	base  *Spec
	spec  Spec // the base with this run's draws applied
	world World
	src   rand.PCG
	rng   *rand.Rand
	draws []float64
	// OnStep, when set, is called after every step of a run with the world, which is valid
	// during the call only (trajectories: what Mesa's DataCollector gives). It must not
	// change the world or draw from its random source.
	OnStep func(w *World)
}

// NewRunner returns a Runner for spec.
func NewRunner(spec *Spec) *Runner {
	r := &Runner{base: spec}
	r.rng = rand.New(&r.src)
	return r
}

// Run performs run index run and returns its record, valid until the next call.
func (r *Runner) Run(run int) *Record {
	r.src.Seed(r.base.Seed, uint64(run))
	spec := r.base
	if len(r.base.Uncertain) > 0 {
		r.base.CopyTo(&r.spec)
		spec = &r.spec
	}
	r.draws = r.draws[:0]
	for _, u := range spec.Uncertain {
		v := u.Draw(r.rng)
		u.Apply(spec, v)
		r.draws = append(r.draws, v)
	}
	w := &r.world
	w.Reset(spec, r.rng)
	w.rec.Run = run
	w.rec.Draws = append(w.rec.Draws, r.draws...)
	for range spec.Steps {
		w.Step()
		if r.OnStep != nil {
			r.OnStep(w)
		}
	}
	w.finish()
	return &w.rec
}

// Run performs run index run of spec and returns a copy of its record.
func Run(spec *Spec, run int) Record {
	rec := NewRunner(spec).Run(run)
	out := *rec
	out.States = append([]StateRecord(nil), rec.States...)
	out.Rho = append([]float64(nil), rec.Rho...)
	out.Draws = append([]float64(nil), rec.Draws...)
	return out
}
