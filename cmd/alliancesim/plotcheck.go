package main

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"alliancesim/config"
	"alliancesim/sim"
)

// resultsSchema versions the layout of summary.json, sweep.json and compare.json (their
// "schema" field), so that plot refuses a file of a layout it does not know rather than read it
// wrongly. Layout 2 names an interval's estimate "estimate" (layout 1 called it "p").
const resultsSchema = 2

// rawInterval is an interval as a results file holds it, with null told apart from 0: a whole
// null, or a null bound, is a missing value, never a zero.
type rawInterval struct {
	P  *float64 `json:"estimate"`
	Lo *float64 `json:"lo"`
	Hi *float64 `json:"hi"`
}

// check reports what makes iv not an honest interval of a value in [lo, hi].
func (iv *rawInterval) check(lo, hi float64) string {
	if iv == nil || iv.P == nil {
		return "" // missing: drawn as missing
	}
	p := *iv.P
	if p < lo || p > hi {
		return fmt.Sprintf("%g is outside [%g, %g]", p, lo, hi)
	}
	if iv.Lo != nil && iv.Hi != nil && !(*iv.Lo <= p && p <= *iv.Hi) {
		return fmt.Sprintf("%g is outside its own interval [%g, %g]", p, *iv.Lo, *iv.Hi)
	}
	return ""
}

// metricRange is the range of a metric's values: probabilities and rates in [0, 1], economy
// lost (T$) from 0 up. An unknown metric is refused: plot could not say what it shows.
func metricRange(name string) (lo, hi float64, err error) {
	if _, err := sim.LookupMetrics(name); err != nil {
		return 0, 0, fmt.Errorf("unknown metric %q", name)
	}
	if name == "focus_economy_lost" {
		return 0, math.Inf(1), nil
	}
	return 0, 1, nil
}

type rawMetric struct {
	Name  string `json:"name"`
	Label string `json:"label"`
}

// checkSchema reports a results file of a layout plot does not know.
func checkSchema(schema *int) error {
	if schema == nil {
		return fmt.Errorf("no schema version (written by an older alliancesim?); rerun the command that made it")
	}
	if *schema != resultsSchema {
		return fmt.Errorf("schema %d, this alliancesim reads schema %d", *schema, resultsSchema)
	}
	return nil
}

// checkSweepFile reports what in a sweep.json cannot be drawn honestly; missing[i][m] says
// that metric m of point i is null, which the typed decoding would read as 0.
func checkSweepFile(b []byte) (missing [][]bool, err error) {
	var r struct {
		Schema *int `json:"schema"`
		Axes   []struct {
			Path   string    `json:"path"`
			Values []float64 `json:"values"`
			Labels []string  `json:"labels"`
		} `json:"axes"`
		Metrics []rawMetric `json:"metrics"`
		Points  []struct {
			Values  []float64      `json:"values"`
			Labels  []string       `json:"labels"`
			Metrics []*rawInterval `json:"metrics"`
		} `json:"points"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	if err := checkSchema(r.Schema); err != nil {
		return nil, err
	}
	if n := len(r.Axes); n < 1 || n > config.MaxSweeps {
		return nil, fmt.Errorf("%d axes (allowed: 1 or 2, a line or a heatmap)", n)
	}
	if len(r.Metrics) == 0 {
		return nil, fmt.Errorf("no metrics")
	}
	ranges, err := metricRanges(r.Metrics)
	if err != nil {
		return nil, err
	}
	for _, a := range r.Axes {
		if len(a.Values) == 0 || len(a.Labels) != len(a.Values) {
			return nil, fmt.Errorf("axis %s: %d values and %d labels (allowed: one label for each of one or more values)", a.Path, len(a.Values), len(a.Labels))
		}
		for i, v := range a.Values {
			if slices.Contains(a.Values[:i], v) {
				return nil, fmt.Errorf("axis %s: %g is listed twice", a.Path, v)
			}
		}
	}
	seen := map[string]int{}
	for i, p := range r.Points {
		if len(p.Values) != len(r.Axes) || len(p.Labels) != len(r.Axes) {
			return nil, fmt.Errorf("point %d: %d values and %d labels for %d axes", i+1, len(p.Values), len(p.Labels), len(r.Axes))
		}
		for k, v := range p.Values {
			if !slices.Contains(r.Axes[k].Values, v) {
				return nil, fmt.Errorf("point %d: %g is not a value of axis %s", i+1, v, r.Axes[k].Path)
			}
		}
		key := fmt.Sprint(p.Values)
		if j, dup := seen[key]; dup {
			return nil, fmt.Errorf("points %d and %d are both at %v", j+1, i+1, p.Values)
		}
		seen[key] = i
		if len(p.Metrics) != len(r.Metrics) {
			return nil, fmt.Errorf("point %d: %d metrics, the file names %d", i+1, len(p.Metrics), len(r.Metrics))
		}
		miss := make([]bool, len(p.Metrics))
		for m, iv := range p.Metrics {
			if msg := iv.check(ranges[m][0], ranges[m][1]); msg != "" {
				return nil, fmt.Errorf("point %d: %s: %s", i+1, r.Metrics[m].Name, msg)
			}
			miss[m] = iv == nil || iv.P == nil
		}
		missing = append(missing, miss)
	}
	return missing, nil
}

// checkCompareFile reports what in a compare.json cannot be drawn honestly.
func checkCompareFile(b []byte) (missing [][]bool, err error) {
	var r struct {
		Schema  *int        `json:"schema"`
		Metrics []rawMetric `json:"metrics"`
		Options []struct {
			Name     string           `json:"name"`
			Metrics  []*rawInterval   `json:"metrics"`
			Survival []rawSurvivalPnt `json:"survival"`
		} `json:"options"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	if err := checkSchema(r.Schema); err != nil {
		return nil, err
	}
	if len(r.Metrics) == 0 || len(r.Options) == 0 {
		return nil, fmt.Errorf("%d metrics and %d options (allowed: one or more of each)", len(r.Metrics), len(r.Options))
	}
	ranges, err := metricRanges(r.Metrics)
	if err != nil {
		return nil, err
	}
	for i, o := range r.Options {
		if slices.IndexFunc(r.Options[:i], func(p struct {
			Name     string           `json:"name"`
			Metrics  []*rawInterval   `json:"metrics"`
			Survival []rawSurvivalPnt `json:"survival"`
		}) bool {
			return p.Name == o.Name
		}) >= 0 {
			return nil, fmt.Errorf("two options are named %q", o.Name)
		}
		if len(o.Metrics) != len(r.Metrics) {
			return nil, fmt.Errorf("option %s: %d metrics, the file names %d", o.Name, len(o.Metrics), len(r.Metrics))
		}
		miss := make([]bool, len(o.Metrics))
		for m, iv := range o.Metrics {
			if msg := iv.check(ranges[m][0], ranges[m][1]); msg != "" {
				return nil, fmt.Errorf("option %s: %s: %s", o.Name, r.Metrics[m].Name, msg)
			}
			miss[m] = iv == nil || iv.P == nil
		}
		missing = append(missing, miss)
		if err := checkSurvival(o.Survival); err != nil {
			return nil, fmt.Errorf("option %s: %v", o.Name, err)
		}
	}
	return missing, nil
}

type rawSurvivalPnt struct {
	Step *int     `json:"step"`
	S    *float64 `json:"s"`
	Lo   *float64 `json:"lo"`
	Hi   *float64 `json:"hi"`
}

// checkSurvival reports a survival curve that is not one: steps not increasing, a probability
// outside [0, 1] or rising, or a missing value.
func checkSurvival(pts []rawSurvivalPnt) error {
	prevStep, prevS := math.MinInt, 1.0
	for i, p := range pts {
		if p.Step == nil || p.S == nil || p.Lo == nil || p.Hi == nil {
			return fmt.Errorf("survival point %d: a step, s, lo or hi is missing", i+1)
		}
		switch s := *p.S; {
		case *p.Step <= prevStep:
			return fmt.Errorf("survival point %d: step %d does not follow step %d", i+1, *p.Step, prevStep)
		case s < 0 || s > 1 || *p.Lo > s || *p.Hi < s || *p.Lo < 0 || *p.Hi > 1:
			return fmt.Errorf("survival point %d: s = %g in [%g, %g] is not a probability within its band", i+1, s, *p.Lo, *p.Hi)
		case s > prevS:
			return fmt.Errorf("survival point %d: s rises from %g to %g", i+1, prevS, s)
		}
		prevStep, prevS = *p.Step, *p.S
	}
	return nil
}

// checkSummaryFile reports what in a summary.json cannot be drawn honestly; missing names the
// outcomes that are null.
func checkSummaryFile(b []byte) (missing map[string]bool, err error) {
	var r struct {
		Schema   *int             `json:"schema"`
		Survival []rawSurvivalPnt `json:"survival"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	if err := checkSchema(r.Schema); err != nil {
		return nil, err
	}
	var o map[string]json.RawMessage
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, err
	}
	missing = map[string]bool{}
	for _, name := range []string{"deterrence_failure", "armed_failure", "abandonment", "entrapment", "conquest"} {
		raw, ok := o[name]
		if !ok {
			return nil, fmt.Errorf("%s is missing", name)
		}
		var iv *rawInterval
		if err := json.Unmarshal(raw, &iv); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if msg := iv.check(0, 1); msg != "" {
			return nil, fmt.Errorf("%s: %s", name, msg)
		}
		missing[name] = iv == nil || iv.P == nil
	}
	return missing, checkSurvival(r.Survival)
}

// metricRanges returns the allowed range of each metric's values, or an error naming the first
// metric the program does not know.
func metricRanges(metrics []rawMetric) ([][2]float64, error) {
	ranges := make([][2]float64, len(metrics))
	for m, met := range metrics {
		lo, hi, err := metricRange(met.Name)
		if err != nil {
			return nil, fmt.Errorf("metric %d: %v", m+1, err)
		}
		ranges[m] = [2]float64{lo, hi}
	}
	return ranges, nil
}
