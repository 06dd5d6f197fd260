package sim

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// stateFields are the per-state columns of runs.csv, in order, after the state's name: the
// columns of states.csv that follow run, seed, config_sha256 and state.
var stateFields = [...]string{"protected", "attacked", "armed_attacked", "covered_attacked", "failure_step",
	"attack_step", "censor_step", "economy_lost", "conquered", "client", "final_burden", "final_economy"}

// StatesColumns returns the header of states.csv.
func StatesColumns() []string {
	return append([]string{"run", "seed", "config_sha256", "state"}, stateFields[:]...)
}

// WriteStates writes states.csv, the long form of runs.csv's per-state columns: one row per run
// and state, in run order and the config's order of states, each with the master seed and the
// config's hash, so that R and pandas read it without reshaping. It reads runs.csv of spec from
// runs, a row at a time: memory does not grow with the number of runs, and a merged run's
// states.csv is the unsharded one's.
func WriteStates(w io.Writer, runs io.Reader, spec *Spec, configSHA256 string) error {
	sc := bufio.NewScanner(runs)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<30)
	bw := bufio.NewWriterSize(w, 1<<16)
	if !sc.Scan() {
		return fmt.Errorf("runs.csv: no header: %v", sc.Err())
	}
	cols := Columns(spec)
	if sc.Text() != strings.Join(cols, ",") {
		return fmt.Errorf("runs.csv: its header is not this config's")
	}
	// The states' columns follow the run's own, a block of len(stateFields) per state.
	first := 0
	for i, c := range cols {
		if c == columnName(spec.States[0].Name)+"_"+stateFields[0] {
			first = i
			break
		}
	}
	names := make([]string, len(spec.States))
	for i, s := range spec.States {
		names[i] = csvField(s.Name)
	}
	seed := strconv.FormatUint(spec.Seed, 10)
	bw.WriteString(strings.Join(StatesColumns(), ",") + "\n")
	line := 1
	fields := make([][]byte, 0, len(cols))
	for sc.Scan() {
		line++
		fields = fields[:0]
		for f := range bytes.SplitSeq(sc.Bytes(), []byte{','}) {
			fields = append(fields, f)
		}
		if len(fields) != len(cols) {
			return fmt.Errorf("runs.csv line %d: %d fields, want %d", line, len(fields), len(cols))
		}
		for i := range spec.States {
			bw.Write(fields[0])
			bw.WriteString("," + seed + "," + configSHA256 + "," + names[i])
			for _, f := range fields[first+i*len(stateFields) : first+(i+1)*len(stateFields)] {
				bw.WriteByte(',')
				bw.Write(f)
			}
			bw.WriteByte('\n')
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("runs.csv line %d: %w", line+1, err)
	}
	return bw.Flush()
}
