package explore

import (
	"testing"
)

func TestSobolKnownPoints(t *testing.T) {
	// The first eight points of dimensions 1 to 8, worked out by hand from the table in Gray-code
	// order, where point i is the XOR of the direction numbers v_b for the bits b of i^(i>>1):
	//
	//	dim 1: all m = 1, so v = 1/2, 1/4, 1/8.
	//	dim 2: s=1 a=0 m=(1): m_k = 2m_{k-1} ^ m_{k-1}, so m = 1, 3, 5 and v = .1, .11, .101 in
	//	       binary; Joe and Kuo's list for it begins 0.5, 0.25, 0.75, 0.375, 0.875.
	//	dim 3: s=2 a=1 m=(1,3): m_3 = 2*3 ^ 4*1 ^ 1 = 3, so v = .1, .11, .011.
	//	dim 4: s=3 a=1 m=(1,3,1): v = .1, .11, .001.
	//	dim 5: s=3 a=2 m=(1,1,1): v = .1, .01, .001.
	//	dim 6: s=4 a=1 m=(1,1,3,3): v = .1, .01, .011, .0011.
	//	dim 7: s=4 a=4 m=(1,3,5,13): v = .1, .11, .101, .1101.
	//	dim 8: s=5 a=2 m=(1,1,5,5,17): v = .1, .01, .101, .0101.
	//
	// Point 4 (gray 6 = v_2^v_3) of dim 3 is .110^.011 = .101 = 0.625, for example. Dimension
	// 4's ninth point (gray 12 = v_3^v_4, m_4 = 4*3 ^ 8*1 ^ 1 = 5) is .0010^.0101 = 0.4375.
	want := [][]float64{
		{0, 0, 0, 0, 0, 0, 0, 0},
		{0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5},
		{0.75, 0.25, 0.25, 0.25, 0.75, 0.75, 0.25, 0.75},
		{0.25, 0.75, 0.75, 0.75, 0.25, 0.25, 0.75, 0.25},
		{0.375, 0.375, 0.625, 0.875, 0.375, 0.125, 0.375, 0.875},
		{0.875, 0.875, 0.125, 0.375, 0.875, 0.625, 0.875, 0.375},
		{0.625, 0.125, 0.875, 0.625, 0.625, 0.875, 0.125, 0.125},
		{0.125, 0.625, 0.375, 0.125, 0.125, 0.375, 0.625, 0.625},
	}
	got := SobolSequence(9, 8, 0)
	for i, row := range want {
		for d, w := range row {
			if got[i][d] != w {
				t.Errorf("point %d dim %d = %v, want %v", i, d+1, got[i][d], w)
			}
		}
	}
	if got[8][3] != 0.4375 {
		t.Errorf("point 8 dim 4 = %v, want 0.4375", got[8][3])
	}
}

func TestSobolSkip(t *testing.T) {
	all := SobolSequence(100, 12, 0)
	for _, skip := range []int{1, 2, 3, 37, 64} {
		part := SobolSequence(100-skip, 12, skip)
		for i, row := range part {
			for d, x := range row {
				if x != all[skip+i][d] {
					t.Fatalf("skip %d: point %d dim %d = %v, want %v", skip, i, d, x, all[skip+i][d])
				}
			}
		}
	}
}

// TestSobolStrata checks the net property: the first 2^m points put exactly one point in each
// interval [i/2^m, (i+1)/2^m) of every coordinate, and the first two coordinates (a
// (0, m, 2)-net) put exactly one point in each dyadic box of area 2^-m.
func TestSobolStrata(t *testing.T) {
	const m = 10
	n := 1 << m
	pts := SobolSequence(n, MaxSobolDim, 0)
	for d := range MaxSobolDim {
		hit := make([]int, n)
		for _, p := range pts {
			if p[d] < 0 || p[d] >= 1 {
				t.Fatalf("dim %d: %v outside [0, 1)", d+1, p[d])
			}
			hit[int(p[d]*float64(n))]++
		}
		for i, h := range hit {
			if h != 1 {
				t.Fatalf("dim %d: stratum %d holds %d points", d+1, i, h)
			}
		}
	}
	for a := 0; a <= m; a++ {
		nx, ny := 1<<a, 1<<(m-a)
		hit := make([]int, n)
		for _, p := range pts {
			hit[int(p[0]*float64(nx))*ny+int(p[1]*float64(ny))]++
		}
		for i, h := range hit {
			if h != 1 {
				t.Fatalf("boxes %d×%d: box %d holds %d points", nx, ny, i, h)
			}
		}
	}
}

func TestSobolPanics(t *testing.T) {
	for _, c := range []struct{ n, dim, skip int }{{-1, 2, 0}, {1, 0, 0}, {1, MaxSobolDim + 1, 0}, {1, 2, -1}, {2, 2, 1<<32 - 1}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("SobolSequence(%d, %d, %d) did not panic", c.n, c.dim, c.skip)
				}
			}()
			SobolSequence(c.n, c.dim, c.skip)
		}()
	}
}
