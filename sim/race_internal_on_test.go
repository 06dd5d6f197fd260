//go:build race

package sim

// raceEnabled: the race detector slows the simulation about tenfold, so the heavy tests of the
// package's internals shrink (race_on_test.go says the same for its external tests).
const raceEnabled = true
