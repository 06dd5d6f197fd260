package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"alliancesim/plots"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

const plotDoc = `Redraw the charts of saved results without running anything: summary.json (survival and
outcomes), sweep.json (sweep or heatmap), compare.json (compare and survival). Charts are written
beside the results, or to --out, in the chosen format and paper size, e.g.
  alliancesim plot out/europe-2025/summary.json --format pdf --width 17.5cm --height 8cm`

func cmdPlot(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "plot", "RESULTS.json... [flags]", plotDoc)
	format := fs.String("format", "png", "`format`: png, svg or pdf")
	width := fs.String("width", "8.5cm", "chart `width` with unit (cm, mm, in, pt); single column 8.5cm, double 17.5cm")
	height := fs.String("height", "6.5cm", "chart `height` with unit")
	dpi := fs.Int("dpi", 300, "PNG resolution, `dots per inch`")
	title := fs.String("title", "", "chart `title` (journals usually prefer a caption)")
	fontSize := fs.Float64("font-size", 9, "base font size in `points`")
	metric := fs.String("metric", "", "for a 2-D sweep: the `metric` of the heatmap (default the first)")
	out := fs.String("out", "", "output `DIR` (default: beside each results file)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: plot needs a results file (summary.json, sweep.json or compare.json)", errUsage)
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
	for _, path := range pos {
		dir := filepath.Dir(path)
		if *out != "" {
			dir = *out
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		written, err := redraw(path, dir, *format, *metric, o)
		if err != nil {
			return err
		}
		for _, name := range written {
			fmt.Fprintln(e.stdout, filepath.Join(dir, name))
		}
	}
	return nil
}

// redraw draws the charts of one results file into dir.
func redraw(path, dir, format, metric string, o plots.Options) ([]string, error) {
	if err := verifyListed(path); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var probe struct {
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
		name, c, err := r.chart(o)
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
		cb, cs, err := r.charts(o, o)
		if err != nil {
			return nil, err
		}
		charts = append(charts, chart{"compare", cb}, chart{"survival", cs})
	case probe.Surv != nil:
		missing, err := checkSummaryFile(b)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot be drawn honestly: %v", path, err)
		}
		var s sim.Summary
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for name, iv := range map[string]*stats.Interval{"deterrence_failure": &s.DeterrenceFailure, "armed_failure": &s.ArmedFailure,
			"abandonment": &s.Abandonment, "entrapment": &s.Entrapment, "conquest": &s.Conquest} {
			if missing[name] {
				*iv = nanInterval()
			}
		}
		cs, err := plots.Survival([]plots.Curve{survivalCurve("", s.Survival)}, o)
		if err != nil {
			return nil, err
		}
		cb, err := plots.Outcomes(outcomeBars(&s), "Probability", o)
		if err != nil {
			return nil, err
		}
		charts = append(charts, chart{"survival", cs}, chart{"outcomes", cb})
	default:
		return nil, fmt.Errorf("%s: not a summary.json, sweep.json or compare.json", path)
	}
	var names []string
	for _, c := range charts {
		name := c.name + "." + format
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
