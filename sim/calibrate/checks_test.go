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
	e, _ := natoData()
	// A pattern that meets the generative burden criteria: the rows report it, whatever p.
	bp := BurdenPattern{RhoMean: -0.3, RhoSE: 0.01, TopFrontline: 4, DataRank: 0.8, EqualRuns: [][]float64{make([]float64, 200)}}
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
				Pop: &pop, FixBeta: true, Workers: 2, Economies: e, Burden: &bp,
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
				{"size–burden rank correlation from equal starts", true},
				{"frontline members among the five highest", true},
				{"with their 2024 burdens", true},
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

// The generative burden rows fail outside their criteria: the model's Spearman(E, b) from equal
// starts outside [-0.5, -0.2], fewer than four frontline members among the five highest, a rank
// correlation with the data below 0.6.
func TestChecksBurdenRows(t *testing.T) {
	pop := smallPop(1500, 1, 4)
	for _, test := range []struct {
		bp   BurdenPattern
		pass [3]bool
	}{
		{BurdenPattern{RhoMean: -0.36, TopFrontline: 5, DataRank: 0.6}, [3]bool{true, true, true}},
		{BurdenPattern{RhoMean: -0.6, TopFrontline: 3, DataRank: 0.59}, [3]bool{false, false, false}},
		{BurdenPattern{RhoMean: -0.1, TopFrontline: 4, DataRank: 0.9}, [3]bool{false, true, true}},
	} {
		test.bp.EqualRuns = [][]float64{{0.02}}
		checks, err := Checks(context.Background(), fittedParams(), Options{Pop: &pop, FixBeta: true, Workers: 2, Burden: &test.bp})
		if err != nil {
			t.Fatal(err)
		}
		rows := checks[len(checks)-3:]
		for i, c := range rows {
			if c.Pass != test.pass[i] {
				t.Errorf("rho %g, frontline %d, data rank %g: %s passes %v, want %v",
					test.bp.RhoMean, test.bp.TopFrontline, test.bp.DataRank, c.Quantity, c.Pass, test.pass[i])
			}
		}
		if rows[0].Value.P != test.bp.RhoMean || !strings.Contains(rows[0].Target, "-0.36") {
			t.Errorf("the size–burden row shows %g beside %q, want the model's %g beside the data's -0.36", rows[0].Value.P, rows[0].Target, test.bp.RhoMean)
		}
	}
}
