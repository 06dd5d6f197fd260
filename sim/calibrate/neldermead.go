package calibrate

import (
	"math"
	"sort"
)

// nelderMead minimises f from x0 by the Nelder–Mead simplex method with the dimension-adapted
// coefficients of Gao and Han (2012), starting from the simplex x0, x0 + step*e_i. It stops once
// maxEvals evaluations are spent (a last shrink may add up to len(x0)), or when the values at
// the simplex's vertices differ by less than ftol. NaN counts as +Inf. It returns the best point
// found and its value.
//
// gonum's optimize.NelderMead would do, but package optimize imports stat/distmv, whose
// golang.org/x/tools dependency is not in the module's go.sum; 60 lines here avoid a new
// dependency.
func nelderMead(f func([]float64) float64, x0 []float64, step float64, maxEvals int, ftol float64) ([]float64, float64) {
	n := len(x0)
	dim := float64(n)
	alpha, beta, gamma, delta := 1.0, 1+2/dim, 0.75-1/(2*dim), 1-1/dim
	if n == 1 {
		beta, gamma, delta = 2, 0.5, 0.5
	}
	evals := 0
	eval := func(x []float64) float64 {
		evals++
		v := f(x)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	type vertex struct {
		x []float64
		f float64
	}
	simplex := make([]vertex, n+1)
	for i := range simplex {
		x := append([]float64(nil), x0...)
		if i > 0 {
			x[i-1] += step
		}
		simplex[i] = vertex{x: x, f: eval(x)}
	}
	centroid := make([]float64, n)
	// point returns centroid + t*(centroid - worst).
	point := func(t float64) []float64 {
		x := make([]float64, n)
		w := simplex[n].x
		for j := range x {
			x[j] = centroid[j] + t*(centroid[j]-w[j])
		}
		return x
	}
	for {
		sort.SliceStable(simplex, func(i, j int) bool { return simplex[i].f < simplex[j].f })
		if evals >= maxEvals || simplex[n].f-simplex[0].f < ftol {
			break
		}
		clear(centroid)
		for _, v := range simplex[:n] {
			for j := range centroid {
				centroid[j] += v.x[j] / dim
			}
		}
		xr := point(alpha)
		fr := eval(xr)
		switch {
		case fr < simplex[0].f:
			xe := point(alpha * beta)
			if fe := eval(xe); fe < fr {
				simplex[n] = vertex{xe, fe}
			} else {
				simplex[n] = vertex{xr, fr}
			}
			continue
		case fr < simplex[n-1].f:
			simplex[n] = vertex{xr, fr}
			continue
		case fr < simplex[n].f:
			xc := point(alpha * gamma) // outside contraction
			if fc := eval(xc); fc <= fr {
				simplex[n] = vertex{xc, fc}
				continue
			}
		default:
			xc := point(-gamma) // inside contraction
			if fc := eval(xc); fc < simplex[n].f {
				simplex[n] = vertex{xc, fc}
				continue
			}
		}
		// Shrink towards the best vertex.
		for i := 1; i <= n; i++ {
			for j := range simplex[i].x {
				simplex[i].x[j] = simplex[0].x[j] + delta*(simplex[i].x[j]-simplex[0].x[j])
			}
			simplex[i].f = eval(simplex[i].x)
		}
	}
	return simplex[0].x, simplex[0].f
}
