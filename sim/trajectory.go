package sim

import (
	"strconv"
	"strings"

	"alliancesim/agents"
)

// TrajectoryColumns returns the header of trajectories.csv: one row per run, step and state,
// the state of the world after the step, what Mesa's DataCollector gives an agent-based model.
func TrajectoryColumns() []string {
	return []string{"run", "step", "state", "economy", "burden", "power", "threat", "threat_ratio", "support",
		"protected", "backers", "client_of", "conquered", "reputation", "attacked", "armed_attacked", "attacks_made"}
}

// trajectory appends the rows of trajectories.csv, step after step; it is a worker's, with
// scratch sized by the world.
type trajectory struct {
	suffered, armed, made []int
	names                 []string // the states' names as CSV fields
}

// appendStep appends the rows of the step w has just taken, one per state.
func (t *trajectory) appendStep(b []byte, w *World) []byte {
	n := w.n
	if len(t.names) != n {
		t.suffered, t.armed, t.made = make([]int, n), make([]int, n), make([]int, n)
		t.names = make([]string, n)
	}
	for i := range n {
		t.suffered[i], t.armed[i], t.made[i] = 0, 0, 0
		t.names[i] = csvField(w.spec.States[i].Name)
	}
	for _, a := range w.attacks {
		t.suffered[a.t]++
		t.made[a.a]++
		if a.mode == agents.ArmedAttack {
			t.armed[a.t]++
		}
	}
	for i := range n {
		b = strconv.AppendInt(b, int64(w.rec.Run), 10)
		b = appendInt(b, w.t) // steps are counted from 1: w.t is the number of steps taken
		b = append(append(b, ','), t.names[i]...)
		b = appendFloat(b, w.e[i])
		b = appendFloat(b, w.b[i])
		b = appendFloat(b, w.pw[i])
		if j := w.threat[i]; j >= 0 {
			b = append(append(b, ','), t.names[j]...)
		} else {
			b = append(b, ",NA"...)
		}
		b = appendFloat(b, w.tau[i])
		b = appendFloat(b, w.support[i])
		b = appendBool(b, w.held[i])
		b = appendInt(b, len(w.backers[i]))
		if p := w.client[i]; p >= 0 {
			b = append(append(b, ','), t.names[p]...)
		} else {
			b = append(b, ",NA"...)
		}
		b = appendBool(b, w.conquered[i])
		b = appendFloat(b, w.rep[i])
		b = appendInt(b, t.suffered[i])
		b = appendInt(b, t.armed[i])
		b = appendInt(b, t.made[i])
		b = append(b, '\n')
	}
	return b
}

// csvField quotes s as a CSV field when it holds a separator, a quote or a line break.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\n\r") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
