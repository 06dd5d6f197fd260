package sim

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"alliancesim/agents"
)

// bigWorld returns a world of n states on a ring of longitudes: state 0 claims its neighbours,
// and every fourth state is in one alliance, so that attacks find many covering guarantors.
func bigWorld(n, runs, steps int) *Spec {
	s := europeLike(runs)
	s.Steps = steps
	will := agents.Will{Alpha: 6, Beta: 4}
	var members []int
	for i := len(s.States); i < n; i++ {
		lon := -10 + 50*float64(i)/float64(n)
		lat := 40 + 20*math.Sin(float64(i))
		s.States = append(s.States, State{Name: fmt.Sprintf("S%d", i), Economy: 0.1 + float64(i%7)/10, Burden: 0.02,
			Lon: lon, Lat: lat, Strategy: agents.Balance{}, Will: will, ClientOf: -1, Growth: 0.02})
		if i%4 == 0 {
			members = append(members, i)
		}
		if i%9 == 0 {
			s.States[0].Claims = append(s.States[0].Claims, Claim{Target: i, R: 0.3})
		}
	}
	s.Guarantees = append(s.Guarantees, Guarantee{Name: "Ring", Kind: agents.Alliance, Guarantors: members, Proteges: members})
	return s
}

// workerBytes is the heap a Runner of spec holds after one run.
func workerBytes(t *testing.T, spec *Spec) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := NewRunner(spec)
	r.Run(0)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(r)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}

// A worker's memory grows as n², not n³, and EstimateMemory bounds it (issue 12, class 5).
func TestWorkerMemoryQuadratic(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates worlds of hundreds of states")
	}
	small, large := bigWorld(100, 1, 2), bigWorld(200, 1, 2)
	ms, ml := workerBytes(t, small), workerBytes(t, large)
	if ratio := float64(ml) / float64(ms); ratio > 5 {
		t.Errorf("doubling the states from 100 to 200 multiplied a worker's memory by %.2f (%d to %d bytes): more than n² (4)", ratio, ms, ml)
	}
	for _, spec := range []*Spec{small, large} {
		got, est := int64(workerBytes(t, spec)), EstimateMemory(spec, 1)
		if est < got || est > 8*got+64<<20 {
			t.Errorf("%d states: EstimateMemory = %d bytes for a worker that holds %d", len(spec.States), est, got)
		}
		if testing.Verbose() {
			t.Logf("%d states: a worker holds %d bytes, estimated %d", len(spec.States), got, est)
		}
	}
}

// A cancelled ensemble stops within one run, not at the end of a 256-run chunk (issue 12,
// class 5).
func TestEnsembleCancelWithinOneRun(t *testing.T) {
	s := europeLike(ChunkSize)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	runs := 0
	_, err := Ensemble(ctx, s, Options{Workers: 1, Record: func(*Record) { runs++; cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Ensemble after cancel: %v, want context.Canceled", err)
	}
	if runs != 1 {
		t.Errorf("cancelled in run 0 of a %d-run chunk, %d runs were done, want 1", ChunkSize, runs)
	}
}

// FirstRun K with Runs 1 replays exactly run K of the whole ensemble: its runs.csv row, and so
// every number of its record (the panic message promises it).
func TestReplayFirstRun(t *testing.T) {
	s := europeLike(2*ChunkSize + 5)
	whole, _ := runEnsemble(t, s, 2)
	lines := strings.Split(strings.TrimSuffix(string(whole), "\n"), "\n")
	for _, k := range []int{0, 7, ChunkSize, 2*ChunkSize + 4} {
		one := *s
		one.FirstRun, one.Runs = k, 1
		var rows bytes.Buffer
		if _, err := Ensemble(t.Context(), &one, Options{Workers: 1, Rows: &rows}); err != nil {
			t.Fatal(err)
		}
		got := strings.Split(strings.TrimSuffix(rows.String(), "\n"), "\n")
		if len(got) != 2 || got[1] != lines[1+k] {
			t.Errorf("--first-run %d --runs 1 gave\n%s\nwant run %d of the whole ensemble:\n%s", k, strings.Join(got[1:], "\n"), k, lines[1+k])
		}
	}
}
