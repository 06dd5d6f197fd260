package calibrate

import (
	"math"
	"testing"
)

func TestNelderMead(t *testing.T) {
	for _, test := range []struct {
		name string
		f    func(x []float64) float64
		x0   []float64
		want []float64
	}{
		{"quadratic 1-d", func(x []float64) float64 { return sq(x[0] - 3) }, []float64{0}, []float64{3}},
		{"rosenbrock", func(x []float64) float64 { return sq(1-x[0]) + 100*sq(x[1]-x[0]*x[0]) },
			[]float64{-1.2, 1}, []float64{1, 1}},
		{"shifted bowl 4-d", func(x []float64) float64 {
			return sq(x[0]-1) + 2*sq(x[1]+1) + 3*sq(x[2]-0.5) + sq(x[3]) + 0.5*x[0]*x[3]
		}, []float64{0, 0, 0, 0}, []float64{1.0666666666666667, -1, 0.5, -0.26666666666666666}},
		{"NaN is +Inf", func(x []float64) float64 {
			if x[0] < 0 {
				return math.NaN()
			}
			return sq(x[0] - 0.5)
		}, []float64{2}, []float64{0.5}},
	} {
		x, f := nelderMead(test.f, test.x0, 0.5, 2000, 1e-14)
		for i := range x {
			if math.Abs(x[i]-test.want[i]) > 1e-4 {
				t.Errorf("%s: minimum at %v (f %g), want %v", test.name, x, f, test.want)
				break
			}
		}
	}
}

// The evaluation budget is honoured, up to one shrink of the simplex.
func TestNelderMeadBudget(t *testing.T) {
	n := 0
	f := func(x []float64) float64 { n++; return sq(1-x[0]) + 100*sq(x[1]-x[0]*x[0]) }
	nelderMead(f, []float64{-1.2, 1}, 0.5, 25, 0)
	if n > 25+2 {
		t.Errorf("%d evaluations for a budget of 25", n)
	}
}
