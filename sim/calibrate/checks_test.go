package calibrate

import (
	"context"
	"strings"
	"testing"

	"alliancesim/agents"
)

// The table has a row per figure of docs/ODD.md §9; with the fitted decision parameters and
// their population (the shipped defaults) every row passes; with the original decision
// parameters the onset rows fail.
func TestChecks(t *testing.T) {
	e, b := natoData()
	// The Beta of the version 4 fit (TestFittedRates).
	pop := fittedPop(4000)
	for _, test := range []struct {
		name       string
		p          agents.Params
		onsetsPass bool
	}{
		{"fitted", fittedParams(), true},
		{"defaults", agents.DefaultParams(), true},
		{"model.md", modelMDParams(), false},
	} {
		t.Run(test.name, func(t *testing.T) {
			checks, err := Checks(context.Background(), test.p, Options{
				Pop: &pop, FixBeta: true, Workers: 2, Economies: e, Burdens: b,
			})
			if err != nil {
				t.Fatal(err)
			}
			want := []struct {
				quantity string
				pass     bool
			}{
				{"alliance commitments honoured", true},
				{"treaty commitments honoured", true},
				{"honour.a0", true},
				{"dispute onsets", test.onsetsPass},
				{"war onsets", test.onsetsPass},
				{"size–burden rank correlation, members", true},
				{"size–burden rank correlation, all members free-riding", true},
			}
			if len(checks) != len(want) {
				t.Fatalf("%d rows, want %d: %+v", len(checks), len(want), checks)
			}
			for i, w := range want {
				c := checks[i]
				t.Logf("%-100s %-14s %.4f [%.4f, %.4f] %-14s %v", c.Quantity, c.Target, c.Value.P, c.Value.Lo, c.Value.Hi, c.Tolerance, c.Pass)
				if !strings.Contains(c.Quantity, w.quantity) {
					t.Errorf("row %d is %q, want %q", i, c.Quantity, w.quantity)
				}
				if c.Pass != w.pass {
					t.Errorf("%s: pass = %v, want %v", c.Quantity, c.Pass, w.pass)
				}
				if c.Target == "" || c.Source == "" || c.Tolerance == "" || !(c.Value.Lo <= c.Value.P && c.Value.P <= c.Value.Hi) {
					t.Errorf("incomplete row %+v", c)
				}
			}
		})
	}
}

// By default Checks fits the Beta first; without data there are no size–burden rows.
func TestChecksFitsBeta(t *testing.T) {
	pop := smallPop(1500, 1, 4)
	checks, err := Checks(context.Background(), fittedParams(), Options{Pop: &pop, Evals: 16, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) != 5 {
		t.Fatalf("%d rows, want 5", len(checks))
	}
	if q := checks[3].Quantity; !strings.Contains(q, "fitted r ~ Beta(") || strings.Contains(q, "Beta(1, 4)") {
		t.Errorf("dispute row %q does not show a fitted Beta", q)
	}
}
