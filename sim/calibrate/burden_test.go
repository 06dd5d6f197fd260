package calibrate

import (
	"math"
	"testing"

	"alliancesim/agents"
)

// nato2024 are the NATO members of data/europe-2024.csv: GDP in trillion US$ (IMF WEO 2024)
// and defence burden (NATO estimates for 2024).
var nato2024 = []struct {
	name string
	e, b float64
}{
	{"USA", 29.18, 0.0338}, {"Germany", 4.66, 0.0212}, {"UK", 3.64, 0.0233},
	{"France", 3.16, 0.0206}, {"Italy", 2.37, 0.0149}, {"Netherlands", 1.23, 0.0205},
	{"Turkey", 1.32, 0.0209}, {"Poland", 0.915, 0.0412}, {"Sweden", 0.61, 0.0214},
	{"Romania", 0.38, 0.0225}, {"Finland", 0.30, 0.0241}, {"Hungary", 0.22, 0.0211},
	{"Lithuania", 0.084, 0.0285}, {"Estonia", 0.043, 0.0343}, {"Latvia", 0.043, 0.0315},
}

func natoData() (e, b []float64) {
	for _, m := range nato2024 {
		e, b = append(e, m.e), append(b, m.b)
	}
	return e, b
}

// In 2024 the small frontline members spend the largest shares: the rank correlation is
// negative, -0.357 with mid-ranks for Estonia's and Latvia's equal GDP, near the -0.36 of
// docs/ODD.md §9.
func TestSizeBurden2024(t *testing.T) {
	e, b := natoData()
	rho, err := SizeBurden(e, b)
	if err != nil {
		t.Fatal(err)
	}
	if !(rho < 0) || math.Abs(rho-NATO2024) > 0.01 || math.Abs(rho-(-0.35746)) > 1e-4 {
		t.Errorf("Spearman(E, b) of NATO 2024 = %.5f, want -0.35746 (about %.2f)", rho, NATO2024)
	}
	if _, err := SizeBurden(e, b[1:]); err == nil {
		t.Error("no error for slices of different lengths")
	}
	if rho, _ := SizeBurden([]float64{1, 2, 3}, []float64{0.02, 0.02, 0.02}); !math.IsNaN(rho) {
		t.Errorf("constant burdens give %g, want NaN", rho)
	}
}

// With every member free-riding, only the USA pays (docs/ODD.md §7.3's equilibrium with alpha =
// 0.04): the correlation turns positive, as Olson and Zeckhauser found for 1964.
func TestFreerideBurdens(t *testing.T) {
	p := agents.DefaultParams()
	e, _ := natoData()
	b := FreerideBurdens(p, e)
	if want := p.Freeride.Alpha; math.Abs(b[0]-want) > 1e-12 {
		t.Errorf("USA burden %.5f, want alpha = %.2f", b[0], want)
	}
	for i, x := range b[1:] {
		if x != p.Model.BurdenMin {
			t.Errorf("%s burden %.5f, want burden_min %.3f", nato2024[i+1].name, x, p.Model.BurdenMin)
		}
	}
	rho, err := SizeBurden(e, b)
	if err != nil {
		t.Fatal(err)
	}
	// One payer among 15 members with Estonia and Latvia tied: the Pearson correlation of the
	// economy ranks with an indicator of the largest.
	if math.Abs(rho-0.4330) > 5e-4 {
		t.Errorf("Spearman(E, b) at the free-riding equilibrium = %.4f, want 0.4330", rho)
	}
}
