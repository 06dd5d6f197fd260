package explore

import "testing"

// The designs and estimators must cost little next to the model runs they serve; these
// benchmarks give the figures for designs of the sizes explore uses.

func BenchmarkLHSMaximin(b *testing.B) {
	for b.Loop() {
		LHS(2000, 8, 1, Maximin)
	}
}

func BenchmarkSaltelliPoints(b *testing.B) {
	s := Saltelli{N: 1024, K: 8}
	for b.Loop() {
		s.Points(0)
	}
}

func BenchmarkMorrisCandidates(b *testing.B) {
	m := Morris{R: 40, K: 8, Levels: 4, Candidates: 400}
	for b.Loop() {
		m.Points(1)
	}
}

func BenchmarkPRIM(b *testing.B) {
	x, y := planted(10000, 8, 1, func(x []float64) bool { return x[0] > 0.6 && x[1] < 0.3 }, 0.9, 0.05)
	for b.Loop() {
		if _, err := PRIM(x, y, PRIMOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSaltelliIndices(b *testing.B) {
	s := Saltelli{N: 1024, K: 8}
	y := evaluate(s.Points(0), gFunction([]float64{0, 1, 4.5, 9, 99, 99, 99, 99}))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Indices(y, 1000, 1); err != nil {
			b.Fatal(err)
		}
	}
}
