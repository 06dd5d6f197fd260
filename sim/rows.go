package sim

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"strings"
)

// rowWriter writes runs.csv: one row per run, one column per variable, tidy for R and pandas.
type rowWriter struct {
	w    *bufio.Writer
	spec *Spec
}

func newRowWriter(w io.Writer, spec *Spec) *rowWriter {
	return &rowWriter{w: bufio.NewWriterSize(w, 1<<16), spec: spec}
}

// Columns returns the runs.csv header of spec.
func Columns(spec *Spec) []string {
	cols := []string{"run", "failure", "failure_step", "armed_failure_step", "held_attack_step"}
	cols = append(cols, countNames[:]...)
	cols = append(cols, "honoured", "abandoned", "buck_passed", "costly_interventions")
	for _, s := range spec.States {
		n := columnName(s.Name)
		for _, f := range stateFields { // appendRow writes them in this order
			cols = append(cols, n+"_"+f)
		}
	}
	for _, g := range spec.Guarantees {
		if allianceForRho(&g) {
			cols = append(cols, columnName(g.Name)+"_spearman_economy_burden")
		}
	}
	for _, u := range spec.Uncertain {
		cols = append(cols, "draw_"+u.Path)
	}
	return cols
}

// columnName makes a name safe as a CSV column: no separators, quotes or spaces.
func columnName(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ',', '"', ' ', '\n', '\r', '\t':
			return '_'
		}
		return r
	}, s)
}

func (rw *rowWriter) header() error {
	_, err := rw.w.WriteString(strings.Join(Columns(rw.spec), ",") + "\n")
	return err
}

func (rw *rowWriter) write(b []byte) error {
	_, err := rw.w.Write(b)
	return err
}

func (rw *rowWriter) flush() error { return rw.w.Flush() }

func appendRow(b []byte, spec *Spec, r *Record) []byte {
	b = strconv.AppendInt(b, int64(r.Run), 10)
	b = appendBool(b, r.FailureStep > 0)
	b = appendStep(b, r.FailureStep)
	b = appendStep(b, r.ArmedFailureStep)
	b = appendStep(b, r.HeldFailureStep)
	for _, c := range r.counts() {
		b = appendInt(b, c)
	}
	b = appendInt(b, r.Honoured)
	b = appendInt(b, r.Abandoned)
	b = appendInt(b, r.BuckPassed)
	b = appendInt(b, r.Costly)
	for i := range r.States {
		s := &r.States[i]
		b = appendBool(b, s.Protected)
		b = appendBool(b, s.Attacked)
		b = appendBool(b, s.ArmedAttacked)
		b = appendBool(b, s.CoveredAttacked)
		b = appendStep(b, s.FailureStep)
		b = appendStep(b, s.AttackStep)
		b = appendStep(b, s.CensorStep)
		b = appendFloat(b, s.EconomyLost)
		b = appendBool(b, s.Conquered)
		b = appendBool(b, s.Client)
		b = appendFloat(b, s.FinalBurden)
		b = appendFloat(b, s.FinalEconomy)
		b = appendInt(b, s.AsGuarantor.Triggered)
		b = appendInt(b, s.AsGuarantor.Honoured)
		b = appendInt(b, s.AsGuarantor.Abandoned)
		b = appendInt(b, s.AsGuarantor.BuckPassed)
	}
	for _, rho := range r.Rho {
		b = appendFloat(b, rho)
	}
	for _, d := range r.Draws {
		b = appendFloat(b, d)
	}
	return append(b, '\n')
}

func appendInt(b []byte, v int) []byte {
	return strconv.AppendInt(append(b, ','), int64(v), 10)
}

// appendStep writes the step of an event, or NA when it never happened: a 0 would drag a naive
// mean of event times towards zero. With the horizon and the censoring step, every survival
// curve of the summary can be recomputed from runs.csv.
func appendStep(b []byte, step int) []byte {
	if step == 0 {
		return append(b, ",NA"...)
	}
	return appendInt(b, step)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, ",1"...)
	}
	return append(b, ",0"...)
}

// appendFloat writes the shortest representation that reads back to the same float; NaN is
// written as NA, which R and pandas read as missing.
func appendFloat(b []byte, v float64) []byte {
	b = append(b, ',')
	if math.IsNaN(v) {
		return append(b, "NA"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}
