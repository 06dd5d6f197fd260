package sim_test

import (
	"context"
	"testing"

	"alliancesim/sim"
)

// Every metric has a kind with a name that reads back, and the kinds that say "share" hold
// shares: on a real ensemble, their estimates and bounds lie in [0, 1].
func TestMetricKinds(t *testing.T) {
	spec := sim.Triangle()
	spec.Runs, spec.Steps, spec.Focus = 300, 10, 1
	res, err := sim.Ensemble(context.Background(), spec, sim.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	s := sim.Summarize(spec, res.Acc)
	for _, m := range sim.Metrics() {
		b, err := m.Kind.MarshalText()
		if err != nil {
			t.Errorf("%s: %v", m.Name, err)
			continue
		}
		var k sim.MetricKind
		if err := k.UnmarshalText(b); err != nil || k != m.Kind {
			t.Errorf("%s: kind %q reads back as %v (%v)", m.Name, b, k, err)
		}
		if m.Kind.AxisTitle() == "" || m.Kind.Unit() == "" {
			t.Errorf("%s: kind %v has no axis title or unit", m.Name, m.Kind)
		}
		iv, ok := m.Value(s)
		if !ok || !m.Kind.Share() {
			continue
		}
		for _, v := range []float64{iv.P, iv.Lo, iv.Hi} {
			if v < 0 || v > 1 { // NaN (undefined) passes: it is no share at all
				t.Errorf("%s is a %v but has %v", m.Name, m.Kind, iv)
			}
		}
	}
	var k sim.MetricKind
	if err := k.UnmarshalText([]byte("dollars")); err == nil {
		t.Error(`kind "dollars" was accepted`)
	}
}

func TestMetricLabelFor(t *testing.T) {
	for _, test := range []struct {
		metric, focus, want string
	}{
		{"focus_attacked", "Україна", "Україна attacked"},
		{"focus_economy_lost", "Ukraine", "Ukraine economy lost (T$)"},
		{"focus_attacked", "", "Focus state attacked"},
		{"deterrence_failure", "Ukraine", "Deterrence failure"},
	} {
		m, ok := sim.LookupMetric(test.metric)
		if !ok {
			t.Fatalf("no metric %s", test.metric)
		}
		if got := m.LabelFor(test.focus); got != test.want {
			t.Errorf("%s.LabelFor(%q) = %q, want %q", test.metric, test.focus, got, test.want)
		}
	}
}
