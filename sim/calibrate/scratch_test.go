package calibrate

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

func BenchmarkRegIncBeta(b *testing.B) {
	for _, c := range [][2]float64{{1, 4}, {0.3, 5.3}, {0.05, 40}, {2, 2}, {0.9, 5}} {
		b.Run(fmt.Sprint(c), func(b *testing.B) {
			u := 0.0
			for b.Loop() {
				u += 0.618034
				if u > 1 {
					u--
				}
				_ = mathext.RegIncBeta(c[0], c[1], u*0.5)
			}
		})
	}
}
