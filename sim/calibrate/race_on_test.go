//go:build race

package calibrate

// raceEnabled: the race detector slows the simulation about tenfold, so the heavy fits skip.
const raceEnabled = true
