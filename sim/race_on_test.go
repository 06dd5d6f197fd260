//go:build race

package sim_test

// raceEnabled: the race detector slows the simulation about tenfold, so the heaviest scenario
// comparisons skip (go test ./sim without -race runs them).
const raceEnabled = true
