package explore

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestCARTHandSplit(t *testing.T) {
	// Cases at x = 4, 5, 6 and 8. Gini impurity times n at the root is 8·2·(1/2)(1/2) = 4;
	// the cut between 3 and 4 leaves 0 on the left and 5·2·(4/5)(1/5) = 1.6 on the right.
	// The other cuts leave 24/7, 8/3, 3, 3.73, 4 and 24/7.
	x := [][]float64{{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}}
	y := []bool{false, false, false, true, true, true, false, true}
	tr, err := CART(x, y, TreeOptions{MaxDepth: 1, MinLeaf: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	root := tr.Nodes[0]
	if root.Col != 0 || root.Cut != 3.5 || len(tr.Nodes) != 3 {
		t.Fatalf("root %+v, %d nodes: want a cut at 3.5", root, len(tr.Nodes))
	}
	l, r := tr.Nodes[root.Left], tr.Nodes[root.Right]
	if l.N != 3 || l.Cases != 0 || r.N != 5 || r.Cases != 4 {
		t.Errorf("children %+v %+v", l, r)
	}
	if got := tr.Describe(root.Right, []string{"claim"}); got != "when claim > 3.5: 5 points, coverage 1.00, density 0.80" {
		t.Errorf("Describe: %s", got)
	}
	if lv := tr.Leaves(); lv[0] != root.Right {
		t.Errorf("Leaves %v: want the denser right leaf first", lv)
	}
}

func TestCARTPlantedBox(t *testing.T) {
	in := func(x []float64) bool { return x[0] > 0.6 && x[1] < 0.3 }
	x, y := planted(3000, 5, 1, in, 0.9, 0.05)
	wantCov, wantDen := truth(x, y, in)
	tr, err := CART(x, y, TreeOptions{MaxDepth: 2})
	if err != nil {
		t.Fatal(err)
	}
	best := tr.Leaves()[0]
	n := tr.Nodes[best]
	got := tr.Describe(best, nil)
	t.Logf("%s (truth coverage %.2f, density %.2f)", got, wantCov, wantDen)
	// The path to the densest leaf splits x1 near 0.6 (going right) and x2 near 0.3 (left).
	var x1, x2 bool
	for c := best; tr.Nodes[c].Parent >= 0; c = tr.Nodes[c].Parent {
		par := tr.Nodes[tr.Nodes[c].Parent]
		switch {
		case par.Col == 0 && par.Right == c && math.Abs(par.Cut-0.6) < 0.03:
			x1 = true
		case par.Col == 1 && par.Left == c && math.Abs(par.Cut-0.3) < 0.03:
			x2 = true
		default:
			t.Errorf("densest leaf %q: its path splits column %d at %v", got, par.Col, par.Cut)
		}
	}
	if !x1 || !x2 {
		t.Errorf("densest leaf %q: want x1 > 0.6 and x2 <= 0.3", got)
	}
	cov := float64(n.Cases) / float64(tr.Cases)
	if math.Abs(cov-wantCov) > 0.06 || math.Abs(n.Density-wantDen) > 0.06 {
		t.Errorf("coverage %.3f density %.3f, truth %.3f %.3f", cov, n.Density, wantCov, wantDen)
	}
}

func TestCARTCategorical(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	x := make([][]float64, 2000)
	y := make([]bool, len(x))
	for i := range x {
		x[i] = []float64{rng.Float64(), float64(rng.IntN(4))}
		p := 0.03
		if x[i][1] == 1 || x[i][1] == 3 {
			p = 0.8
		}
		y[i] = rng.Float64() < p
	}
	tr, err := CART(x, y, TreeOptions{MaxDepth: 1, Categorical: []bool{false, true},
		Levels: [][]string{nil, {"none", "treaty", "aid", "troops"}}})
	if err != nil {
		t.Fatal(err)
	}
	root := tr.Nodes[0]
	got := tr.Describe(tr.Leaves()[0], []string{"claim", "guarantee"})
	if root.Col != 1 || !strings.HasPrefix(got, "when guarantee in {treaty, troops}:") {
		t.Errorf("root %+v; densest leaf %q", root, got)
	}
	if _, err := json.Marshal(tr); err != nil {
		t.Error(err)
	}
}

func TestCARTErrors(t *testing.T) {
	x := [][]float64{{0}, {1}}
	if _, err := CART(x, []bool{true}, TreeOptions{}); err == nil {
		t.Error("lengths differ: no error")
	}
	if _, err := CART(x, []bool{true, false}, TreeOptions{MinLeaf: 0.6}); err == nil {
		t.Error("minimum leaf 0.6: no error")
	}
}
