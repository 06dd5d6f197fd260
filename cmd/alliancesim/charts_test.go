package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"alliancesim/config"
)

// Charts of several results drawn into one folder are named after each result's folder, and
// two results whose folders share a name are refused rather than overwritten.
func TestChartPrefixes(t *testing.T) {
	a, b := filepath.Join("out", "nato", "compare.json"), filepath.Join("out", "budapest", "compare.json")
	got, err := chartPrefixes([]string{a, b}, true)
	if err != nil || !slices.Equal(got, []string{"nato-", "budapest-"}) {
		t.Errorf("chartPrefixes = %q, %v", got, err)
	}
	if got, _ := chartPrefixes([]string{a, b}, false); !slices.Equal(got, []string{"", ""}) {
		t.Errorf("beside the results: %q, want no prefixes", got)
	}
	clash := filepath.Join("other", "nato", "summary.json")
	if _, err := chartPrefixes([]string{a, clash}, true); err == nil || !strings.Contains(err.Error(), "folders of one name") {
		t.Errorf("a clash of folder names: %v", err)
	}
}

// A sweep over choices or booleans is drawn as named categories in the order the sweep gave
// them; a numeric one in increasing order of its values.
func TestSweepAxisCategories(t *testing.T) {
	for _, test := range []struct {
		axis  sweepAxis
		names []string
		order []float64
	}{
		{sweepAxis{Values: []float64{4, 0, 2}, Labels: []string{"freeride", "balance", "buckpass"}},
			[]string{"freeride", "balance", "buckpass"}, []float64{4, 0, 2}},
		{sweepAxis{Values: []float64{1, 0}, Labels: []string{"true", "false"}}, []string{"yes", "no"}, []float64{1, 0}},
		{sweepAxis{Values: []float64{0.9, 0.3}, Labels: []string{"0.9", "0.3"}}, nil, []float64{0.3, 0.9}},
	} {
		if got := test.axis.categories(); !slices.Equal(got, test.names) {
			t.Errorf("%v: categories %q, want %q", test.axis.Labels, got, test.names)
		}
		if got := test.axis.order(); !slices.Equal(got, test.order) {
			t.Errorf("%v: order %v, want %v", test.axis.Labels, got, test.order)
		}
	}
}

// The labels of a sweep's charts come from the config it saved: its [labels] first, then the
// built-in ones (the focus state named), and plot --label over both.
func TestSweepChartLabels(t *testing.T) {
	f, err := config.Scenario("ukraine-agreements")
	if err != nil {
		t.Fatal(err)
	}
	f.Labels = map[string]string{"rep.init": "Початкова репутація"}
	var b strings.Builder
	if err := f.WriteTOML(&b, false); err != nil {
		t.Fatal(err)
	}
	r := &sweepResult{Config: b.String()}
	l := r.chartLabels(map[string]string{"abandonment": "Abandoned, share"})
	for key, want := range map[string]string{
		"rep.init":                    "Початкова репутація",
		"focus_attacked":              "Ukraine attacked",
		"abandonment":                 "Abandoned, share",
		"state.Germany.burden":        "Germany's defence burden (share of GDP)",
		"kind.agreement.response":     "Agreement (kind): response",
		"guarantee.NATO.umbrella":     "NATO: nuclear umbrella",
		"model.gamma":                 "Contest decisiveness γ",
		"state.Russia.claims.Ukraine": "Russia's claim on Ukraine",
	} {
		if got := l.of(key); got != want {
			t.Errorf("label of %s = %q, want %q", key, got, want)
		}
	}
}
