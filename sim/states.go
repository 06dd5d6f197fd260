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
	"attack_step", "censor_step", "economy_lost", "conquered", "client", "final_burden", "final_economy",
	"guarantor_triggered", "guarantor_honoured", "guarantor_abandoned", "guarantor_buck_passed"}

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
	if _, err := io.WriteString(w, strings.Join(StatesColumns(), ",")+"\n"); err != nil {
		return err
	}
	return StatesRows(w, runs, spec, configSHA256, "")
}

// RunsLongColumns returns the columns, after a long table's keys, of a table of many runs.csv
// files in one: the run-level columns every spec's runs.csv starts with, with the seed and the
// config's hash; each state's columns go to the states table (see StatesRows).
func RunsLongColumns() []string {
	cols := []string{"run", "seed", "config_sha256"}
	for _, d := range runDocs[1:] {
		cols = append(cols, d.Name)
	}
	return cols
}

// RunsLongColumnDocs describes the columns of RunsLongColumns.
func RunsLongColumnDocs() []ColumnDoc {
	docs := StatesColumnDocs()[:3]
	return append(docs, runDocs[1:]...)
}

// RunsRows writes the rows of runs.csv of spec, read from runs, with the seed and config hash
// after each run's index and only the run-level columns, each row starting with key (CSV
// fields and a comma, or ""): a part of a table of many runs.csv files in one.
func RunsRows(w io.Writer, runs io.Reader, spec *Spec, configSHA256, key string) error {
	seed := strconv.FormatUint(spec.Seed, 10)
	return eachRow(runs, spec, func(bw *bufio.Writer, fields [][]byte, _ int) {
		bw.WriteString(key)
		bw.Write(fields[0])
		bw.WriteString("," + seed + "," + configSHA256)
		for _, f := range fields[1:len(runDocs)] {
			bw.WriteByte(',')
			bw.Write(f)
		}
		bw.WriteByte('\n')
	}, w)
}

// StatesRows writes the rows of states.csv for runs.csv of spec, read from runs, each starting
// with key (CSV fields and a comma, or "").
func StatesRows(w io.Writer, runs io.Reader, spec *Spec, configSHA256, key string) error {
	names := make([]string, len(spec.States))
	for i, s := range spec.States {
		names[i] = csvField(s.Name)
	}
	seed := strconv.FormatUint(spec.Seed, 10)
	return eachRow(runs, spec, func(bw *bufio.Writer, fields [][]byte, first int) {
		for i := range spec.States {
			bw.WriteString(key)
			bw.Write(fields[0])
			bw.WriteString("," + seed + "," + configSHA256 + "," + names[i])
			for _, f := range fields[first+i*len(stateFields) : first+(i+1)*len(stateFields)] {
				bw.WriteByte(',')
				bw.Write(f)
			}
			bw.WriteByte('\n')
		}
	}, w)
}

// eachRow calls row with the fields of every row of runs.csv of spec, read from runs a row at a
// time, and the index of the first state's first column, writing to w through a buffer.
func eachRow(runs io.Reader, spec *Spec, row func(bw *bufio.Writer, fields [][]byte, first int), w io.Writer) error {
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
	first := len(runDocs) // the states' columns follow the run's own
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
		row(bw, fields, first)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("runs.csv line %d: %w", line+1, err)
	}
	return bw.Flush()
}
