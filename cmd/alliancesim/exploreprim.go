package main

import (
	"fmt"
	"strconv"
	"strings"

	"alliancesim/sim/explore"
)

// primResult is PRIM's scenario discovery for one option, on its design points: the peeling
// trajectory, the box chosen (by the knee of the trajectory) and pasted, and the sentence that
// reads it.
type primResult struct {
	Case     string `json:"case"` // the --discover condition
	Sentence string `json:"sentence"`
	*explore.PRIMResult
	// CART is a classification tree of the same cases (depth 3, leaves of 5% of the points at
	// least), a second view; CARTSentence describes its densest leaf.
	CART         *explore.Tree `json:"cart,omitempty"`
	CARTSentence string        `json:"cart_sentence,omitempty"`
}

// discover runs PRIM on option o's design points, the cases being those where the
// --discover condition holds (never where its metric is undefined).
func (r *exploreResult) discover(o int) (*primResult, error) {
	c, err := parseCondition("discover", r.Discover)
	if err != nil {
		return nil, err
	}
	m := r.metricIndex(c.metric)
	opt := explore.PRIMOptions{Categorical: make([]bool, len(r.Factors)), Levels: make([][]string, len(r.Factors))}
	for k, f := range r.Factors {
		opt.Categorical[k], opt.Levels[k] = f.Labels != nil, f.Labels
	}
	y := make([]bool, len(r.Points))
	for p := range y {
		y[p] = c.holds(r.Outcomes[o][p][m].P)
	}
	pr := &primResult{Case: c.String()}
	cases := 0
	for _, v := range y {
		if v {
			cases++
		}
	}
	// No box tells cases apart when there are none, or nothing else.
	switch cases {
	case 0:
		pr.Sentence = fmt.Sprintf("%s: %s at none of the %d design points", r.Options[o].Name, pr.Case, len(y))
		return pr, nil
	case len(y):
		pr.Sentence = fmt.Sprintf("%s: %s at all %d design points", r.Options[o].Name, pr.Case, len(y))
		return pr, nil
	}
	res, err := explore.PRIM(r.Values, y, opt)
	if err != nil {
		return nil, err
	}
	pr.PRIMResult = res
	pr.Sentence = fmt.Sprintf("%s: %s %s", r.Options[o].Name, pr.Case, res.Box.Describe(r.factorNames()))
	tree, err := explore.CART(r.Values, y, explore.TreeOptions{Categorical: opt.Categorical, Levels: opt.Levels})
	if err != nil {
		return nil, err
	}
	if leaves := tree.Leaves(); len(leaves) > 0 && len(tree.Nodes) > 1 {
		pr.CART = tree
		pr.CARTSentence = fmt.Sprintf("%s: %s, CART's densest leaf: %s", r.Options[o].Name, pr.Case, tree.Describe(leaves[0], r.factorNames()))
	}
	return pr, nil
}

// primCSV is prim.csv: one row per option and peeling step.
func (r *exploreResult) primCSV() []byte {
	var b strings.Builder
	b.WriteString("option,case,step,coverage,density,mass,chosen,box\n")
	names := r.factorNames()
	for _, res := range r.Results {
		p := res.PRIM
		if p == nil || p.PRIMResult == nil {
			continue
		}
		for i, s := range p.Steps {
			b.WriteString(strings.Join([]string{csvText(res.Option), csvText(p.Case), itoa(i), csvFloat(s.Coverage), csvFloat(s.Density),
				csvFloat(s.Mass), bit(i == p.Chosen), csvText(s.Describe(names))}, ",") + "\n")
		}
	}
	return []byte(b.String())
}

func itoa(i int) string { return strconv.Itoa(i) }
