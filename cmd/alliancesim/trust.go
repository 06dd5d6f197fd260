package main

import (
	"fmt"
	"io"
	"strings"

	"alliancesim/sim"
)

// checkedWriter remembers the first error of writes to w, so that output lost to a full disk
// or a closed pipe fails the command instead of passing unnoticed.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(b)
	if err != nil {
		c.err = err
	}
	return n, err
}

// distinctColumns refuses a spec whose runs.csv would have two columns of one name, as states
// named "A" and "A_armed", or "B x" and "B,x", would give: a reader would take one for the other.
func distinctColumns(spec *sim.Spec) error {
	cols := sim.Columns(spec)
	first := make(map[string]bool, len(cols))
	for _, c := range cols {
		if !first[c] {
			first[c] = true
			continue
		}
		var from []string
		for _, s := range spec.States {
			if n := columnSafe(s.Name); strings.HasPrefix(c, n+"_") || c == n {
				from = append(from, fmt.Sprintf("%q", s.Name))
			}
		}
		for _, g := range spec.Guarantees {
			if n := columnSafe(g.Name); strings.HasPrefix(c, n+"_") {
				from = append(from, fmt.Sprintf("%q", g.Name))
			}
		}
		return fmt.Errorf("runs.csv would have two columns named %s, from the names %s: rename one so that every column is told apart",
			c, strings.Join(from, " and "))
	}
	return nil
}
