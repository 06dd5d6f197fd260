package calibrate

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"alliancesim/agents"
	"alliancesim/data"
)

// A Member is one point of the calibration set (docs/ODD.md §9): decision parameters and a
// population's Beta(a, b) of revisionism that together meet every calibration target within its
// tolerance, with the moments measured when the set was made.
type Member struct {
	S, WarCost, HybridGain, RRef float64 // model.s, war.cost, hybrid.gain, model.r_ref
	A, B                         float64 // the Beta(a, b) of the population's revisionism
	// Dispute, War and Concentration are the moments found when the set was made: the two
	// onset rates and the share of disputes in enduring pairs ([Recurrence]).
	Dispute, War, Concentration float64
}

// setColumns are the columns of the set's CSV file, in order.
var setColumns = []string{"model.s", "war.cost", "hybrid.gain", "model.r_ref", "beta.a", "beta.b", "dispute", "war", "concentration"}

// Apply sets the member's decision parameters in p; everything else in p stays.
func (m *Member) Apply(p *agents.Params) {
	p.Model.S, p.War.Cost, p.Hybrid.Gain, p.Model.RRef = m.S, m.WarCost, m.HybridGain, m.RRef
}

// Pop returns the calibration population of the given size with the member's Beta.
func (m *Member) Pop(pairs int) Population {
	pop := DefaultPopulation()
	pop.Pairs, pop.A, pop.B = pairs, m.A, m.B
	return pop
}

// DefaultSet returns the calibration set that ships with the model (data/calibration-set.csv).
func DefaultSet() ([]Member, error) {
	set, err := ParseSet(strings.NewReader(data.CalibrationSet()))
	if err != nil {
		return nil, fmt.Errorf("data/calibration-set.csv: %w", err)
	}
	return set, nil
}

// LoadSet reads a calibration set from a CSV file in the format of data/calibration-set.csv.
func LoadSet(path string) ([]Member, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	set, err := ParseSet(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return set, nil
}

// ParseSet reads a calibration set: lines starting with # are comments, the first other line is
// the header (model.s, war.cost, hybrid.gain, model.r_ref, beta.a, beta.b, dispute, war,
// concentration), every further line a member. Every value must be a finite number; the
// parameters and the Beta's shapes must be positive.
func ParseSet(r io.Reader) ([]Member, error) {
	sc := bufio.NewScanner(r)
	var set []Member
	header, line := false, 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, ",")
		if !header {
			if strings.Join(fields, ",") != strings.Join(setColumns, ",") {
				return nil, fmt.Errorf("line %d: header %q, want %q", line, text, strings.Join(setColumns, ","))
			}
			header = true
			continue
		}
		if len(fields) != len(setColumns) {
			return nil, fmt.Errorf("line %d: %d fields, want %d", line, len(fields), len(setColumns))
		}
		var v [9]float64
		for i, f := range fields {
			x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("line %d: %s = %q is not a finite number", line, setColumns[i], f)
			}
			if i < 6 && !(x > 0) {
				return nil, fmt.Errorf("line %d: %s = %g must be positive", line, setColumns[i], x)
			}
			v[i] = x
		}
		set = append(set, Member{S: v[0], WarCost: v[1], HybridGain: v[2], RRef: v[3], A: v[4], B: v[5],
			Dispute: v[6], War: v[7], Concentration: v[8]})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !header {
		return nil, fmt.Errorf("no header line")
	}
	if len(set) == 0 {
		return nil, fmt.Errorf("no member")
	}
	return set, nil
}
