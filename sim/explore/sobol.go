package explore

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// sobolBits is the number of bits of every Sobol' coordinate: points are multiples of 2^-32,
// and a sequence can have up to 2^32 points before it repeats.
const sobolBits = 32

// MaxSobolDim is the largest dimension SobolSequence supports, set by the direction-number
// table the package ships.
const MaxSobolDim = 1024

// SobolSequence returns n points of the dim-dimensional Sobol' sequence with Joe and Kuo's
// (2008) direction numbers, starting at index skip (skip = 0 starts with the origin).
//
// The points are in Gray-code order (Antonov and Saleev 1979), the order of Joe and Kuo's
// reference generator, SALib and SciPy. The 2^m points from any skip that is a multiple of
// 2^m form a (t, m, s)-net: every elementary dyadic box of volume 2^(t-m) holds exactly 2^t
// of them, with t = 0 for the first two dimensions, so a coordinate alone puts one point in
// each interval [i/2^m, (i+1)/2^m). The sequence is not scrambled; its coordinates are exact
// multiples of 2^-32 in [0, 1). It panics if n or skip is negative, dim is outside [1, MaxSobolDim], or the points
// would run past index 2^32.
func SobolSequence(n, dim, skip int) [][]float64 {
	if n < 0 || skip < 0 {
		panic(fmt.Sprintf("explore: SobolSequence(%d, %d, %d): negative count", n, dim, skip))
	}
	if dim < 1 || dim > MaxSobolDim {
		panic(fmt.Sprintf("explore: SobolSequence dimension %d outside [1, %d]", dim, MaxSobolDim))
	}
	if uint64(n)+uint64(skip) > 1<<sobolBits {
		panic(fmt.Sprintf("explore: SobolSequence(%d, %d, %d) runs past 2^%d points", n, dim, skip, sobolBits))
	}
	v := directions(dim)
	x := make([]uint32, dim)
	// Point i is the XOR of the direction numbers selected by the bits of gray(i) = i ^ i>>1.
	g := uint32(skip) ^ uint32(skip)>>1
	for b := 0; g != 0; b, g = b+1, g>>1 {
		if g&1 != 0 {
			for d := range x {
				x[d] ^= v[d][b]
			}
		}
	}
	const scale = 1.0 / (1 << sobolBits)
	flat := make([]float64, n*dim)
	pts := make([][]float64, n)
	for i := range pts {
		row := flat[i*dim : (i+1)*dim : (i+1)*dim]
		for d, xd := range x {
			row[d] = float64(xd) * scale
		}
		pts[i] = row
		// Gray-code step: from point j to j+1 only the direction number indexed by the
		// lowest zero bit of j changes.
		j := uint32(skip + i)
		c := bits.TrailingZeros32(^j)
		if c >= sobolBits {
			break // j = 2^32-1 was the last point
		}
		for d := range x {
			x[d] ^= v[d][c]
		}
	}
	return pts
}

// directions returns the direction numbers v[d][b] = m_{b+1} 2^(31-b) of the first dim
// dimensions, from the recurrence of Bratley and Fox (1988) seeded with the Joe–Kuo table.
func directions(dim int) [][sobolBits]uint32 {
	v := make([][sobolBits]uint32, dim)
	for b := range sobolBits {
		v[0][b] = 1 << (sobolBits - 1 - b)
	}
	lines := strings.Split(strings.TrimSpace(joeKuo), "\n")
	for d := 1; d < dim; d++ {
		s, a, m := parseJoeKuo(lines[d-1], d+1)
		for b := 0; b < s && b < sobolBits; b++ {
			v[d][b] = m[b] << (sobolBits - 1 - b)
		}
		for b := s; b < sobolBits; b++ {
			w := v[d][b-s] ^ v[d][b-s]>>s
			for k := 1; k < s; k++ {
				w ^= (a >> (s - 1 - k) & 1) * v[d][b-k]
			}
			v[d][b] = w
		}
	}
	return v
}

// parseJoeKuo reads one line "d s a m_1 ... m_s" of the table; the table is a constant of
// this package, so a malformed line is a programming error.
func parseJoeKuo(line string, want int) (s int, a uint32, m []uint32) {
	f := strings.Fields(line)
	num := func(i int) uint32 {
		u, err := strconv.ParseUint(f[i], 10, 32)
		if err != nil {
			panic(fmt.Sprintf("explore: direction table line %q: %v", line, err))
		}
		return uint32(u)
	}
	if len(f) < 3 || int(num(0)) != want {
		panic(fmt.Sprintf("explore: direction table line %q: want dimension %d", line, want))
	}
	s = int(num(1))
	if len(f) != 3+s {
		panic(fmt.Sprintf("explore: direction table line %q: want %d numbers m_i", line, s))
	}
	a = num(2)
	m = make([]uint32, s)
	for i := range m {
		m[i] = num(3 + i)
	}
	return s, a, m
}
