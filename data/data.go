// Package data holds the data files that ship with alliancesim and that the code reads itself,
// embedded so that the binary needs no path: the calibration set of docs/ODD.md §9. (The 2024
// data, europe-2024.csv, indo-pacific-2024.csv and world-2024.csv, enter the model through the
// scenario files; tests read them from here.)
package data

import _ "embed"

//go:embed calibration-set.csv
var calibrationSet string

// CalibrationSet returns calibration-set.csv: the parameter values that meet every calibration
// target of docs/ODD.md §9 within its tolerance, one member a line, with a header comment on
// how the set was made. sim/calibrate parses it (calibrate.DefaultSet).
func CalibrationSet() string { return calibrationSet }
