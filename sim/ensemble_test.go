package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"alliancesim/agents"
)

// europeLike returns a small world with every mechanism in play: an aggressor, an alliance
// with a tripwire, an agreement with aid, and all four strategies.
func europeLike(runs int) *Spec {
	s := withGuarantee(duel(runs, 15), agents.Agreement)
	s.Params.Model.SigmaG = 0.02
	s.Params.Model.Phi = 0.05
	will := agents.Will{Alpha: 6, Beta: 4}
	add := func(name string, e, b, lon, lat float64, st agents.Strategy) int {
		s.States = append(s.States, State{Name: name, Economy: e, Burden: b, Lon: lon, Lat: lat,
			Strategy: st, Will: will, ClientOf: -1, Growth: 0.02})
		return len(s.States) - 1
	}
	pl := add("Poland", 0.915, 0.0412, 21.01, 52.23, agents.Balance{})
	de := add("Germany", 4.66, 0.0212, 13.40, 52.52, agents.Buckpass{})
	it := add("Italy", 2.37, 0.0149, 12.50, 41.90, agents.FreeRide{})
	ee := add("Estonia", 0.043, 0.0343, 24.75, 59.44, agents.Balance{})
	md := add("Moldova", 0.018, 0.006, 28.86, 47.01, agents.Bandwagon{})
	s.States[0].Claims = append(s.States[0].Claims, Claim{Target: ee, R: 0.3}, Claim{Target: md, R: 0.3})
	s.States[0].Strategy = agents.Balance{}
	s.States[1].Strategy = agents.Balance{}
	s.Guarantees = append(s.Guarantees, Guarantee{Name: "NATO", Kind: agents.Alliance,
		Guarantors: []int{2, pl, de, it, ee}, Proteges: []int{2, pl, de, it, ee}, Tripwire: []int{pl, ee}})
	return s
}

func runEnsemble(t *testing.T, s *Spec, workers int) ([]byte, []byte) {
	t.Helper()
	var rows bytes.Buffer
	res, err := Ensemble(t.Context(), s, Options{Workers: workers, Rows: &rows})
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(Summarize(s, res.Acc))
	if err != nil {
		t.Fatal(err)
	}
	return rows.Bytes(), js
}

// Outputs are byte-identical whatever the number of workers.
func TestEnsembleWorkersIdentical(t *testing.T) {
	s := europeLike(3*ChunkSize + 17)
	rows1, sum1 := runEnsemble(t, s, 1)
	for _, w := range []int{2, 4, 7} {
		rows, sum := runEnsemble(t, s, w)
		if !bytes.Equal(rows, rows1) {
			t.Errorf("runs.csv differs between 1 and %d workers", w)
		}
		if !bytes.Equal(sum, sum1) {
			t.Errorf("summary differs between 1 and %d workers", w)
		}
	}
	if n := bytes.Count(rows1, []byte("\n")); n != s.Runs+1 {
		t.Errorf("runs.csv has %d lines, want %d", n, s.Runs+1)
	}
}

// A run depends on (spec, seed, run index) only: run 300 alone equals run 300 of an ensemble.
func TestRunReplay(t *testing.T) {
	s := europeLike(400)
	var rows bytes.Buffer
	if _, err := Ensemble(t.Context(), s, Options{Workers: 2, Rows: &rows}); err != nil {
		t.Fatal(err)
	}
	rec := Run(s, 300)
	line := appendRow(nil, s, &rec)
	if !bytes.Contains(rows.Bytes(), line) {
		t.Errorf("replayed run 300 %q not found in the ensemble's rows", line)
	}
}

func TestEnsembleCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := Ensemble(ctx, europeLike(10*ChunkSize), Options{Workers: 2})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled ensemble: err = %v, want context.Canceled", err)
	}
}

// A panic inside a run becomes an error naming the run and the seed.
func TestEnsemblePanicNamesRun(t *testing.T) {
	s := europeLike(600)
	s.Uncertain = []Uncertain{{Path: "boom", Draw: func(r *rand.Rand) float64 { return r.Float64() },
		Apply: func(sp *Spec, v float64) {
			if v > 0.99 {
				panic("boom")
			}
		}}}
	_, err := Ensemble(t.Context(), s, Options{Workers: 2})
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("seed 7")) || !bytes.Contains([]byte(err.Error()), []byte("--first-run")) {
		t.Errorf("err = %v, want one naming the run and seed", err)
	}
}

// pairedFailure runs base and variant with the same seeds and returns P(failure) for each.
func pairedFailure(t *testing.T, base, variant *Spec) (float64, float64, *Accumulator, *Accumulator) {
	t.Helper()
	r0, err := Ensemble(t.Context(), base, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	r1, err := Ensemble(t.Context(), variant, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	n := float64(r0.Acc.Runs)
	return float64(r0.Acc.Failures) / n, float64(r1.Acc.Failures) / n, r0.Acc, r1.Acc
}

// Raising the guarantors' reputation or adding a tripwire lowers P(deterrence failure); making
// the aggressor non-nuclear lowers the abandonment rate (so making it nuclear raises it).
func TestPairedDirections(t *testing.T) {
	const runs = 4000
	mk := func() *Spec {
		s := withGuarantee(duel(runs, 10), agents.Treaty)
		s.Params.Model.SigmaG = 0.02
		return s
	}
	base := mk()
	rep := mk()
	rep.Params.Rep.Init = 0.95
	if p0, p1, _, _ := pairedFailure(t, base, rep); !(p1 < p0) {
		t.Errorf("reputation 0.95: P(failure) %.4f, base %.4f; want lower", p1, p0)
	}
	trip := mk()
	trip.Guarantees[0].Tripwire = []int{1}
	if p0, p1, _, _ := pairedFailure(t, base, trip); !(p1 < p0) {
		t.Errorf("tripwire: P(failure) %.4f, base %.4f; want lower", p1, p0)
	}
	conv := mk()
	conv.States[0].Nuclear = false
	_, _, a0, a1 := pairedFailure(t, base, conv)
	ab0 := float64(a0.Abandoned) / float64(a0.Triggered)
	ab1 := float64(a1.Abandoned) / float64(a1.Triggered)
	if !(ab0 > ab1) || math.IsNaN(ab0) {
		t.Errorf("abandonment with a nuclear aggressor %.4f, conventional %.4f; want higher", ab0, ab1)
	}
}
