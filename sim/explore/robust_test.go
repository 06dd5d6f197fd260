package explore

import (
	"encoding/json"
	"math"
	"testing"
)

func TestRobustness(t *testing.T) {
	nan := math.NaN()
	// Three options at five points (and a sixth where option C is undefined, left out of
	// every statistic). Worked by hand below each case.
	y := [][]float64{
		{0.2, 0.6, 0.9, 0.4, 0.7, 0.0}, // A
		{0.5, 0.5, 0.5, 0.5, 0.5, 0.0}, // B
		{0.9, 0.1, 0.3, 0.8, 0.6, nan}, // C
	}
	for _, c := range []struct {
		larger bool
		want   []Robust
	}{
		// Larger is better, threshold 0.5. Best per point .9 .6 .9 .8 .7.
		// A sorted .2 .4 .6 .7 .9: P10 at h = 0.4 is .2 + .4(.2) = .28, P90 at h = 3.6 is
		// .7 + .6(.2) = .82; meets .5 at 3 points; regrets .7 0 0 .4 0.
		// B regrets .4 .1 .4 .3 .2. C sorted .1 .3 .6 .8 .9; regrets 0 .5 .6 0 .1.
		{true, []Robust{
			{Mean: 0.56, P10: 0.28, P90: 0.82, Satisficing: 0.6, MaxRegret: 0.7, MeanRegret: 0.22},
			{Mean: 0.5, P10: 0.5, P90: 0.5, Satisficing: 1, MaxRegret: 0.4, MeanRegret: 0.28},
			{Mean: 0.54, P10: 0.18, P90: 0.86, Satisficing: 0.6, MaxRegret: 0.6, MeanRegret: 0.24},
		}},
		// Smaller is better, threshold 0.5. Best per point .2 .1 .3 .4 .5.
		// A regrets 0 .5 .6 0 .2, meets at .2 .4; B regrets .3 .4 .2 .1 0; C regrets .7 0 0 .4 .1.
		{false, []Robust{
			{Mean: 0.56, P10: 0.28, P90: 0.82, Satisficing: 0.4, MaxRegret: 0.6, MeanRegret: 0.26},
			{Mean: 0.5, P10: 0.5, P90: 0.5, Satisficing: 1, MaxRegret: 0.4, MeanRegret: 0.2},
			{Mean: 0.54, P10: 0.18, P90: 0.86, Satisficing: 0.4, MaxRegret: 0.7, MeanRegret: 0.24},
		}},
	} {
		got := Robustness(y, 0.5, c.larger)
		for o, w := range c.want {
			g := got[o]
			gv := []float64{g.Mean, g.P10, g.P90, g.Satisficing, g.MaxRegret, g.MeanRegret}
			wv := []float64{w.Mean, w.P10, w.P90, w.Satisficing, w.MaxRegret, w.MeanRegret}
			for i := range gv {
				if math.Abs(gv[i]-wv[i]) > 1e-12 {
					t.Errorf("larger %t option %d: got %+v, want %+v", c.larger, o, g, w)
					break
				}
			}
		}
	}
}

func TestRobustnessEdges(t *testing.T) {
	if Robustness(nil, 0, true) != nil {
		t.Error("no options: want nil")
	}
	got := Robustness([][]float64{{math.NaN()}, {1}}, 0, true)
	if !math.IsNaN(got[1].Mean) {
		t.Errorf("no comparable point: %+v, want NaN", got[1])
	}
	if b, err := json.Marshal(got[1]); err != nil || string(b) != `{"mean":null,"p10":null,"p90":null,"satisficing":null,"max_regret":null,"mean_regret":null}` {
		t.Errorf("JSON %s, %v", b, err)
	}
	got = Robustness([][]float64{{3}}, 3, true)
	if got[0] != (Robust{Mean: 3, P10: 3, P90: 3, Satisficing: 1}) {
		t.Errorf("one option, one point: %+v", got[0])
	}
	defer func() {
		if recover() == nil {
			t.Error("ragged rows: no panic")
		}
	}()
	Robustness([][]float64{{1, 2}, {1}}, 0, true)
}
