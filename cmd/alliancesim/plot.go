package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"alliancesim/plots"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

const plotDoc = `Redraw the charts of saved results without running anything: summary.json (survival and
outcomes), sweep.json (sweep or heatmap), compare.json (compare and survival). Charts are written
beside the results, or to --out named after the results' folder (europe-2025-survival.pdf), in
the chosen format and paper size. Labels come from the config's [labels] table and --label, e.g.
  alliancesim plot out/europe-2025/summary.json --format pdf --width 17.5cm --height 8cm
  alliancesim plot out/sweep/sweep.json --label rep.init="Initial reputation" --ylim 0,0.5`

func cmdPlot(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "plot", "RESULTS.json... [flags]", plotDoc)
	format := fs.String("format", "png", "`format`: png, svg or pdf")
	width := fs.String("width", "8.5cm", "chart `width` with unit (cm, mm, in, pt); single column 8.5cm, double 17.5cm")
	height := fs.String("height", "6.5cm", "chart `height` with unit")
	dpi := fs.Int("dpi", 300, "PNG resolution, `dots per inch`")
	title := fs.String("title", "", "chart `title` (journals usually prefer a caption)")
	fontSize := fs.Float64("font-size", 9, "base font size in `points`")
	metric := fs.String("metric", "", "for a 2-D sweep: the `metric` of the heatmap (default the first)")
	out := fs.String("out", "", "output `DIR` (default: beside each results file); charts are named after the results' folder")
	var labels multiFlag
	fs.Var(&labels, "label", "a chart label, `KEY=TEXT` (repeatable): KEY a metric, a swept path or a compared option")
	ylim := fs.String("ylim", "", "the value axis' range, `LO,HI` (default: from the data)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: plot needs a results file (summary.json, sweep.json, compare.json or explore.json)", errUsage)
	}
	switch *format {
	case "png", "svg", "pdf":
	default:
		return fmt.Errorf("%w: --format %q: allowed: png, svg, pdf", errUsage, *format)
	}
	w, err := plots.ParseLength(*width)
	if err != nil {
		return fmt.Errorf("%w: --width: %v", errUsage, err)
	}
	h, err := plots.ParseLength(*height)
	if err != nil {
		return fmt.Errorf("%w: --height: %v", errUsage, err)
	}
	if *dpi < 30 || *dpi > 2400 {
		return fmt.Errorf("%w: --dpi %d: allowed 30 to 2400", errUsage, *dpi)
	}
	if *fontSize < 4 || *fontSize > 40 {
		return fmt.Errorf("%w: --font-size %g: allowed 4 to 40 points", errUsage, *fontSize)
	}
	o := plots.Options{Width: w, Height: h, DPI: *dpi, Title: *title, FontSize: pt(*fontSize)}
	if *ylim != "" {
		lo, hi, ok := strings.Cut(*ylim, ",")
		a, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		b, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if !ok || err1 != nil || err2 != nil || !(a < b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
			return fmt.Errorf("%w: --ylim %q: want LO,HI with LO < HI, e.g. --ylim 0,0.5", errUsage, *ylim)
		}
		o.YMin, o.YMax = a, b
	}
	over, err := parseLabelFlags(labels)
	if err != nil {
		return err
	}
	prefixes, err := chartPrefixes(pos, *out != "")
	if err != nil {
		return err
	}
	for i, path := range pos {
		dir := filepath.Dir(path)
		if *out != "" {
			dir = *out
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		written, err := redraw(path, dir, prefixes[i], *format, *metric, over, o)
		if err != nil {
			return err
		}
		for _, name := range written {
			fmt.Fprintln(e.stdout, filepath.Join(dir, name))
		}
	}
	return nil
}

// chartPrefixes returns what the charts of each results file are named after: nothing when
// they are drawn beside it, its folder's name when they go to one --out folder, so that the
// charts of two results never overwrite each other there. Two results in folders of one name
// are refused.
func chartPrefixes(paths []string, out bool) ([]string, error) {
	prefixes := make([]string, len(paths))
	if !out {
		return prefixes, nil
	}
	seen := map[string]string{}
	for i, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		prefixes[i] = filepath.Base(filepath.Dir(abs)) + "-"
		if q, dup := seen[prefixes[i]]; dup && q != abs {
			return nil, fmt.Errorf("%w: %s and %s are in folders of one name, so their charts in --out would overwrite each other (allowed: plot them into different --out folders)", errUsage, q, p)
		}
		seen[prefixes[i]] = abs
	}
	return prefixes, nil
}

// redraw draws the charts of one results file into dir, their names starting with prefix.
func redraw(path, dir, prefix, format, metric string, over map[string]string, o plots.Options) ([]string, error) {
	if err := verifyListed(path); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var probe struct {
		Design  json.RawMessage `json:"design"`
		Axes    json.RawMessage `json:"axes"`
		Options json.RawMessage `json:"options"`
		Surv    json.RawMessage `json:"survival"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return nil, fmt.Errorf("%s: not a results file: %v", path, err)
	}
	type chart struct {
		name string
		c    plots.Chart
	}
	var charts []chart
	switch {
	case probe.Design != nil:
		d, err := decodeExploreCharts(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if err := checkLabelKeys(path, over, d.labelKeys()); err != nil {
			return nil, err
		}
		cs, err := d.charts(o, over)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			charts = append(charts, chart{c.name, c.c})
		}
	case probe.Axes != nil:
		r, err := decodeSweep(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if metric != "" {
			if err := r.selectMetric(metric); err != nil {
				return nil, fmt.Errorf("--metric: %w", err)
			}
		}
		if err := checkLabelKeys(path, over, r.labelKeys()); err != nil {
			return nil, err
		}
		name, c, err := r.chart(o, r.chartLabels(over))
		if err != nil {
			return nil, err
		}
		charts = append(charts, chart{strings.TrimSuffix(name, ".png"), c})
	case probe.Options != nil:
		missing, err := checkCompareFile(b)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot be drawn honestly: %v", path, err)
		}
		var r compareResult
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for i := range r.Options {
			for m := range r.Options[i].Metrics {
				if missing[i][m] {
					r.Options[i].Metrics[m] = nanInterval()
				}
			}
		}
		if err := checkLabelKeys(path, over, r.labelKeys()); err != nil {
			return nil, err
		}
		cb, cs, err := r.charts(o, o, over)
		if err != nil {
			return nil, err
		}
		charts = append(charts, chart{"compare", cb}, chart{"survival", cs})
	case probe.Surv != nil:
		missing, err := checkSummaryFile(b)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot be drawn honestly: %v", path, err)
		}
		var doc struct {
			sim.Summary
			Config string `json:"config"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		s := doc.Summary
		if err := checkLabelKeys(path, over, outcomeMetrics); err != nil {
			return nil, err
		}
		for name, iv := range map[string]*stats.Interval{"deterrence_failure": &s.DeterrenceFailure, "armed_failure": &s.ArmedFailure,
			"abandonment": &s.Abandonment, "entrapment": &s.Entrapment, "conquest": &s.Conquest} {
			if missing[name] {
				*iv = nanInterval()
			}
		}
		cs, cb, err := runCharts(&s, chartLabels{cfg: resultsConfig(path, doc.Config), over: over}, o)
		if err != nil {
			return nil, err
		}
		charts = append(charts, chart{"survival", cs}, chart{"outcomes", cb})
	default:
		return nil, fmt.Errorf("%s: not a summary.json, sweep.json, compare.json or explore.json", path)
	}
	var names []string
	for _, c := range charts {
		name := prefix + c.name + "." + format
		if err := plots.Save(c.c, filepath.Join(dir, name), o); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	// Charts drawn beside the results join its manifest, which would otherwise vouch for the
	// charts they replaced.
	if filepath.Clean(dir) == filepath.Clean(filepath.Dir(path)) {
		if err := addToManifest(dir, names); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// decodeSweep reads a sweep.json for drawing: checked, with null values as NaN (missing).
func decodeSweep(b []byte) (*sweepResult, error) {
	missing, err := checkSweepFile(b)
	if err != nil {
		return nil, fmt.Errorf("cannot be drawn honestly: %v", err)
	}
	var r sweepResult
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	for i := range r.Points {
		for m := range r.Points[i].Metrics {
			if missing[i][m] {
				r.Points[i].Metrics[m] = nanInterval()
			}
		}
	}
	return &r, nil
}

func nanInterval() stats.Interval {
	return stats.Interval{P: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
}

// selectMetric moves the named metric first, so that a heatmap draws it.
func (r *sweepResult) selectMetric(name string) error {
	var names []string
	for i, m := range r.Metrics {
		if m.Name == name {
			r.Metrics[0], r.Metrics[i] = r.Metrics[i], r.Metrics[0]
			for _, p := range r.Points {
				p.Metrics[0], p.Metrics[i] = p.Metrics[i], p.Metrics[0]
			}
			return nil
		}
		names = append(names, m.Name)
	}
	return fmt.Errorf("%q is not in the results (have: %s)", name, strings.Join(names, ", "))
}
