package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"alliancesim/plots"
	"alliancesim/sim"
	"alliancesim/sim/explore"
	"alliancesim/sim/stats"
)

// noiseWarning is the share of an outcome's variance across the design above which explore
// warns that Monte Carlo noise, not the factors, makes much of it.
const noiseWarning = 0.1

// exploreResult is explore.json; the CSV files and the charts are drawn from it alone.
type exploreResult struct {
	provenance
	*explorePlan
	// Outcomes[o][p][m] is metric m at design point p under option o, Replicated[o][j][m] the
	// same at replicate j (the design point Replicates[j], run with other seeds).
	Outcomes   [][][]stats.Interval `json:"outcomes"`
	Replicated [][][]stats.Interval `json:"replicate_outcomes"`
	// Analysed is the metric of the indices, the noise share and PRIM; Robustness compares the
	// options on RobustMetric (the --threshold's metric, else Analysed), larger values being
	// better if LargerBetter.
	Analysed     string          `json:"analysed_metric"`
	RobustMetric string          `json:"robustness_metric"`
	LargerBetter bool            `json:"larger_is_better"`
	Results      []optionResults `json:"results"`
}

// optionResults are the analyses of one option.
type optionResults struct {
	Option string                 `json:"option"`
	Sobol  *explore.SobolIndices  `json:"sobol,omitempty"`
	Morris *explore.MorrisIndices `json:"morris,omitempty"`
	// Note says why there are no indices, when there are none (a constant outcome).
	Note       string         `json:"note,omitempty"`
	Noise      explore.Noise  `json:"noise"`
	Robustness explore.Robust `json:"robustness"`
	PRIM       *primResult    `json:"prim,omitempty"`
}

// metricIndex returns the position of a measured metric.
func (p *explorePlan) metricIndex(name string) int {
	for i, m := range p.Metrics {
		if m == name {
			return i
		}
	}
	return -1
}

// newExploreResult analyses the measured units of the plan.
func newExploreResult(prov provenance, plan *explorePlan, units []exploreUnit) (*exploreResult, error) {
	np := len(plan.Points)
	r := &exploreResult{provenance: prov, explorePlan: plan, Analysed: plan.Metrics[0], RobustMetric: plan.Metrics[0]}
	for o := range plan.Options {
		var pts, reps [][]stats.Interval
		for _, u := range units[:np] {
			pts = append(pts, u.Options[o])
		}
		for _, u := range units[np:] {
			reps = append(reps, u.Options[o])
		}
		r.Outcomes = append(r.Outcomes, pts)
		r.Replicated = append(r.Replicated, reps)
	}
	threshold := math.NaN()
	r.LargerBetter = r.RobustMetric == "reliability"
	if plan.Threshold != "" {
		c, err := parseCondition("threshold", plan.Threshold)
		if err != nil {
			return nil, err
		}
		r.RobustMetric, r.LargerBetter, threshold = c.metric, c.greater, c.x
	}
	var robust [][]float64
	for o := range plan.Options {
		robust = append(robust, r.values(o, plan.metricIndex(r.RobustMetric)))
	}
	rob := explore.Robustness(robust, threshold, r.LargerBetter)
	for o, opt := range plan.Options {
		res := optionResults{Option: opt.Name, Robustness: rob[o]}
		if math.IsNaN(threshold) {
			res.Robustness.Satisficing = math.NaN()
		}
		y := r.values(o, 0)
		if err := r.indices(&res, y); err != nil {
			res.Note = err.Error()
		}
		var pointVar []float64
		for j, p := range plan.Replicates {
			d := y[p] - r.Replicated[o][j][0].P
			pointVar = append(pointVar, d*d/2)
		}
		noise, err := explore.NoiseShare(y, pointVar)
		if err != nil {
			noise = explore.Noise{Share: math.NaN(), NoiseVar: math.NaN(), TotalVar: math.NaN(), Points: len(pointVar)}
		}
		res.Noise = noise
		if plan.Discover != "" {
			pr, err := r.discover(o)
			if err != nil {
				return nil, fmt.Errorf("option %s: scenario discovery: %w", opt.Name, err)
			}
			res.PRIM = pr
		}
		r.Results = append(r.Results, res)
	}
	return r, nil
}

// values returns metric m at every design point under option o.
func (r *exploreResult) values(o, m int) []float64 {
	y := make([]float64, len(r.Points))
	for p := range y {
		y[p] = r.Outcomes[o][p][m].P
	}
	return y
}

// indices estimates the design's sensitivity indices of y.
func (r *exploreResult) indices(res *optionResults, y []float64) error {
	for p, v := range y {
		if math.IsNaN(v) {
			return fmt.Errorf("no indices: %s is undefined at design point %d", r.Analysed, p)
		}
	}
	var err error
	switch r.Design {
	case "sobol":
		res.Sobol, err = explore.Saltelli{N: r.Samples, K: len(r.Factors), SecondOrder: r.SecondOrder}.Indices(y, r.Resamples, r.explorePlan.Seed)
	case "morris":
		res.Morris, err = explore.Morris{R: r.Trajectories, K: len(r.Factors), Levels: r.Levels}.Indices(r.Points, y, r.Resamples, r.explorePlan.Seed)
	}
	if errors.Is(err, explore.ErrConstantOutput) {
		return fmt.Errorf("no indices: %s is the same at every design point", r.Analysed)
	}
	return err
}

// finishExplore analyses the units, writes explore.json, the CSV files and the charts, and
// prints the summary.
func finishExplore(e *env, od *outDir, prov provenance, plan *explorePlan, units []exploreUnit) error {
	res, err := newExploreResult(prov, plan, units)
	if err != nil {
		return err
	}
	out := od.dir
	files := map[string][]byte{
		"points.csv": res.pointsCSV(), "indices.csv": res.indicesCSV(), "prim.csv": res.primCSV(), "robustness.csv": res.robustCSV(),
	}
	names := []string{"explore.json", "points.csv", "indices.csv", "prim.csv", "robustness.csv"}
	for _, name := range names[1:] {
		if err := writeFileAtomic(filepath.Join(out, name), files[name]); err != nil {
			return err
		}
	}
	if err := writeJSON(filepath.Join(out, "explore.json"), res); err != nil {
		return err
	}
	if err := writeDataPackage(out, "explore", "alliancesim explore: "+strings.Join(optionList(plan), ", "), res.resources()); err != nil {
		return err
	}
	names = append(names, dataPackageName)
	// The charts are drawn from explore.json, as plot draws them.
	b, err := os.ReadFile(filepath.Join(out, "explore.json"))
	if err != nil {
		return err
	}
	d, err := decodeExploreCharts(b)
	if err != nil {
		return err
	}
	o := plots.Options{Width: 17.5 * cm, Height: 8 * cm}
	charts, err := d.charts(o, nil)
	if err != nil {
		return err
	}
	for _, c := range charts {
		if err := plots.Save(c.c, filepath.Join(out, c.name+".png"), o); err != nil {
			return err
		}
		names = append(names, c.name+".png")
	}
	if err := od.finish(names...); err != nil {
		return err
	}
	if err := od.writeRunInfo(e); err != nil {
		return err
	}
	res.print(e)
	fmt.Fprintf(e.stderr, "wrote %s: %s (%d points + %d replicates × %d options × %d runs, seed %d)\n",
		out, strings.Join(names, ", "), len(plan.Points), len(plan.Replicates), len(plan.Options), plan.Runs, plan.Seed)
	return nil
}

// factorNames returns the factors' names.
func (r *exploreResult) factorNames() []string {
	var names []string
	for _, f := range r.Factors {
		names = append(names, f.Name)
	}
	return names
}

// valueLabel shows factor k's value v: a number, or a categorical factor's label.
func (r *exploreResult) valueLabel(k int, v float64) string {
	if l := r.Factors[k].Labels; l != nil {
		return l[min(max(int(v), 0), len(l)-1)]
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// pointsCSV is points.csv: one row per design point (or replicate), option and metric.
func (r *exploreResult) pointsCSV() []byte {
	var b strings.Builder
	cols := []string{"point", "replicate", "option"}
	for _, f := range r.Factors {
		cols = append(cols, csvText(columnSafe(f.Name)))
	}
	cols = append(cols, "metric", "value", "lo", "hi")
	b.WriteString(strings.Join(cols, ",") + "\n")
	row := func(p int, rep string, o int, iv []stats.Interval) {
		for m, name := range r.Metrics {
			fields := []string{strconv.Itoa(p), rep, csvText(r.Options[o].Name)}
			for k, v := range r.Values[p] {
				fields = append(fields, csvText(r.valueLabel(k, v)))
			}
			fields = append(fields, name, csvFloat(iv[m].P), csvFloat(iv[m].Lo), csvFloat(iv[m].Hi))
			b.WriteString(strings.Join(fields, ",") + "\n")
		}
	}
	for o := range r.Options {
		for p := range r.Points {
			row(p, "0", o, r.Outcomes[o][p])
		}
		for j, p := range r.Replicates {
			row(p, "1", o, r.Replicated[o][j])
		}
	}
	return []byte(b.String())
}

// indicesCSV is indices.csv: one row per option, factor and index (S1, ST, S2 with the
// other factor, mu, mu_star, sigma) with its 95% half-width where there is one, and the noise
// share of each option (factor empty).
func (r *exploreResult) indicesCSV() []byte {
	var b strings.Builder
	b.WriteString("option,metric,factor,index,value,conf\n")
	put := func(o, factor, index string, v, conf float64) {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s\n", csvText(o), r.Analysed, csvText(factor), index, csvFloat(v), csvFloat(conf))
	}
	names := r.factorNames()
	for _, res := range r.Results {
		if s := res.Sobol; s != nil {
			for k, f := range names {
				put(res.Option, f, "S1", s.S1[k], s.S1Conf[k])
				put(res.Option, f, "ST", s.ST[k], s.STConf[k])
			}
			for i := range s.S2 {
				for j := i + 1; j < len(s.S2[i]); j++ {
					put(res.Option, names[i]+" × "+names[j], "S2", s.S2[i][j], s.S2Conf[i][j])
				}
			}
		}
		if m := res.Morris; m != nil {
			for k, f := range names {
				put(res.Option, f, "mu", m.Mu[k], math.NaN())
				put(res.Option, f, "mu_star", m.MuStar[k], m.MuStarConf[k])
				put(res.Option, f, "sigma", m.Sigma[k], m.SigmaConf[k])
			}
		}
		put(res.Option, "", "noise_share", res.Noise.Share, math.NaN())
	}
	return []byte(b.String())
}

// robustCSV is robustness.csv: one row per option.
func (r *exploreResult) robustCSV() []byte {
	var b strings.Builder
	b.WriteString("option,metric,larger_is_better,mean,p10,p90,satisficing,max_regret,mean_regret\n")
	for _, res := range r.Results {
		x := res.Robustness
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s,%s\n", csvText(res.Option), r.RobustMetric, bit(r.LargerBetter),
			csvFloat(x.Mean), csvFloat(x.P10), csvFloat(x.P90), csvFloat(x.Satisficing), csvFloat(x.MaxRegret), csvFloat(x.MeanRegret))
	}
	return []byte(b.String())
}

// exploreCharts is what explore's charts are drawn from: a part of explore.json, read with
// null as NaN (missing), so that explore and plot draw them from the same numbers.
type exploreCharts struct {
	Factors      []exploreFactor `json:"factors"`
	Options      []exploreOption `json:"options"`
	Discover     string          `json:"discover"`
	Analysed     string          `json:"analysed_metric"`
	RobustMetric string          `json:"robustness_metric"`
	Results      []struct {
		Option string `json:"option"`
		Sobol  *struct {
			S1     []jnum `json:"S1"`
			S1Conf []jnum `json:"S1_conf"`
			ST     []jnum `json:"ST"`
			STConf []jnum `json:"ST_conf"`
		} `json:"sobol"`
		Morris *struct {
			MuStar     []jnum `json:"mu_star"`
			MuStarConf []jnum `json:"mu_star_conf"`
			Sigma      []jnum `json:"sigma"`
		} `json:"morris"`
		PRIM *struct {
			Steps []struct {
				Coverage jnum `json:"coverage"`
				Density  jnum `json:"density"`
			} `json:"steps"`
			Chosen int `json:"chosen"`
		} `json:"prim"`
		Robustness struct {
			Mean        jnum `json:"mean"`
			P10         jnum `json:"p10"`
			P90         jnum `json:"p90"`
			Satisficing jnum `json:"satisficing"`
			MaxRegret   jnum `json:"max_regret"`
		} `json:"robustness"`
	} `json:"results"`
}

// jnum is a number of a results file, null read as NaN.
type jnum float64

func (x *jnum) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = jnum(math.NaN())
		return nil
	}
	var f float64
	err := json.Unmarshal(b, &f)
	*x = jnum(f)
	return err
}

func floats(v []jnum) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

// decodeExploreCharts reads the charts' numbers from explore.json, checking that each index
// has one value per factor.
func decodeExploreCharts(b []byte) (*exploreCharts, error) {
	var d exploreCharts
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	k := len(d.Factors)
	for _, res := range d.Results {
		if s := res.Sobol; s != nil && (len(s.S1) != k || len(s.S1Conf) != k || len(s.ST) != k || len(s.STConf) != k) {
			return nil, fmt.Errorf("option %s: Sobol' indices of another number of factors than %d", res.Option, k)
		}
		if m := res.Morris; m != nil && (len(m.MuStar) != k || len(m.MuStarConf) != k || len(m.Sigma) != k) {
			return nil, fmt.Errorf("option %s: Morris measures of another number of factors than %d", res.Option, k)
		}
	}
	return &d, nil
}

// namedChart is a chart and the name of its file, without the extension.
type namedChart struct {
	name string
	c    plots.Chart
}

// charts draws the charts that the design and the flags call for: sensitivity (Sobol'),
// morris, prim (with --discover) and robust (with two options or more).
func (d *exploreCharts) charts(o plots.Options, over map[string]string) ([]namedChart, error) {
	var out []namedChart
	add := func(name string, c plots.Chart, err error) error {
		if err != nil {
			return fmt.Errorf("%s chart: %w", name, err)
		}
		out = append(out, namedChart{name, c})
		return nil
	}
	l, options := d.chartLabels(over)
	var factors []string
	for _, f := range d.Factors {
		factors = append(factors, l.factor(f))
	}
	label := l.of(d.Analysed)
	var sobol []plots.IndexSeries
	var morris []plots.MorrisSeries
	for _, res := range d.Results {
		if s := res.Sobol; s != nil {
			st := plots.IndexSeries{Label: options[res.Option]}
			s1 := plots.IndexSeries{Label: "S1, first order"}
			for k := range factors {
				p, c := float64(s.ST[k]), float64(s.STConf[k])
				st.Values = append(st.Values, plots.Interval{P: p, Lo: p - c, Hi: p + c})
				p, c = float64(s.S1[k]), float64(s.S1Conf[k])
				s1.Values = append(s1.Values, plots.Interval{P: p, Lo: p - c, Hi: p + c})
			}
			if len(d.Results) == 1 {
				st.Label = "ST, total"
				sobol = append(sobol, st, s1)
			} else {
				sobol = append(sobol, st)
			}
		}
		if m := res.Morris; m != nil {
			morris = append(morris, plots.MorrisSeries{Label: options[res.Option], MuStar: floats(m.MuStar), MuStarConf: floats(m.MuStarConf), Sigma: floats(m.Sigma)})
		}
	}
	if len(sobol) > 0 {
		y := "Sobol' index"
		if len(d.Results) > 1 {
			y = "Total Sobol' index (ST)"
		}
		c, err := plots.Sensitivity(factors, sobol, y, titled(o, label))
		if err := add("sensitivity", c, err); err != nil {
			return nil, err
		}
	}
	if len(morris) > 0 {
		if len(morris) == 1 {
			morris[0].Label = ""
		}
		c, err := plots.Morris(factors, morris, titled(o, label))
		if err := add("morris", c, err); err != nil {
			return nil, err
		}
	}
	if d.Discover != "" {
		var ts []plots.Trajectory
		for _, res := range d.Results {
			if res.PRIM == nil || len(res.PRIM.Steps) == 0 {
				continue
			}
			t := plots.Trajectory{Label: options[res.Option], Chosen: res.PRIM.Chosen}
			for _, s := range res.PRIM.Steps {
				t.Coverage = append(t.Coverage, float64(s.Coverage))
				t.Density = append(t.Density, float64(s.Density))
			}
			ts = append(ts, t)
		}
		if len(ts) > 0 {
			c, err := plots.Peeling(ts, titled(o, "Cases: "+caseLabel(l, d.Discover)))
			if err := add("prim", c, err); err != nil {
				return nil, err
			}
		}
	}
	if len(d.Results) > 1 {
		var rows []plots.Robust
		for _, res := range d.Results {
			x := res.Robustness
			rows = append(rows, plots.Robust{Option: options[res.Option], Mean: float64(x.Mean), P10: float64(x.P10), P90: float64(x.P90),
				MaxRegret: float64(x.MaxRegret), Satisficing: float64(x.Satisficing)})
		}
		c, err := plots.Robustness(rows, "Value across the design", titled(o, l.of(d.RobustMetric)))
		if err := add("robust", c, err); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// optionList returns the options' names.
func optionList(p *explorePlan) []string {
	var names []string
	for _, o := range p.Options {
		names = append(names, o.Name)
	}
	return names
}

// bit writes a boolean as the CSVs do: 1 or 0.
func bit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// titled returns o with a title, unless it has one (plot --title).
func titled(o plots.Options, title string) plots.Options {
	if o.Title == "" {
		o.Title = title
	}
	return o
}

// chartLabels returns the labels of the exploration's charts, as compare's are chosen: its first
// option's config's, overridden by over; and each option's label, by its name.
func (d *exploreCharts) chartLabels(over map[string]string) (chartLabels, map[string]string) {
	var l chartLabels
	options := map[string]string{}
	for i, o := range d.Options {
		f := resultsConfig("explore.json", o.Config)
		if i == 0 {
			l = chartLabels{cfg: f, over: over}
		}
		options[o.Name] = optionLabel(o.Name, o.Scenario, f, over)
	}
	return l, options
}

// caseLabel shows a case definition such as focus_armed_attacked>0.2 with its metric's label:
// "Ukraine attacked by arms > 0.2".
func caseLabel(l chartLabels, expr string) string {
	i := strings.IndexAny(expr, "<>=")
	if i <= 0 {
		return expr
	}
	rest := strings.TrimSpace(expr[i:])
	j := strings.IndexFunc(rest, func(r rune) bool { return !strings.ContainsRune("<>=", r) })
	if j < 0 {
		return expr
	}
	return l.of(strings.TrimSpace(expr[:i])) + " " + rest[:j] + " " + strings.TrimSpace(rest[j:])
}

// labelKeys are the keys plot --label may give for the exploration's charts.
func (d *exploreCharts) labelKeys() []string {
	var keys []string
	for _, f := range d.Factors {
		keys = append(keys, f.Name)
		if f.Path != f.Name {
			keys = append(keys, f.Path)
		}
	}
	for _, o := range d.Options {
		keys = append(keys, o.Name)
	}
	return append(keys, d.Analysed, d.RobustMetric)
}

// print writes the summary to stdout, and warnings to stderr.
func (r *exploreResult) print(e *env) {
	w := e.stdout
	fmt.Fprintf(w, "%s across %d design points (%s), %d runs each:\n", r.RobustMetric, len(r.Points), r.Design, r.Runs)
	fmt.Fprintf(w, "%-24s %8s %8s %8s %11s %10s\n", "option", "mean", "p10", "p90", "satisficing", "max_regret")
	for _, res := range r.Results {
		x := res.Robustness
		fmt.Fprintf(w, "%-24s %8s %8s %8s %11s %10s\n", res.Option, num(x.Mean), num(x.P10), num(x.P90), num(x.Satisficing), num(x.MaxRegret))
	}
	names := r.factorNames()
	for _, res := range r.Results {
		switch {
		case res.Sobol != nil:
			fmt.Fprintf(w, "%s: Sobol' indices of %s (S1, ST ± 95%% half-width), noise share %s:\n", res.Option, r.Analysed, num(res.Noise.Share))
			for _, k := range sortedBy(res.Sobol.ST) {
				fmt.Fprintf(w, "  %-32s S1 %6s ± %-6s ST %6s ± %s\n", names[k], num(res.Sobol.S1[k]), num(res.Sobol.S1Conf[k]), num(res.Sobol.ST[k]), num(res.Sobol.STConf[k]))
			}
		case res.Morris != nil:
			fmt.Fprintf(w, "%s: Morris screening of %s (μ* ± 95%% half-width, σ), noise share %s:\n", res.Option, r.Analysed, num(res.Noise.Share))
			for _, k := range sortedBy(res.Morris.MuStar) {
				fmt.Fprintf(w, "  %-32s μ* %6s ± %-6s σ %6s ± %s\n", names[k], num(res.Morris.MuStar[k]), num(res.Morris.MuStarConf[k]), num(res.Morris.Sigma[k]), num(res.Morris.SigmaConf[k]))
			}
		default:
			fmt.Fprintf(w, "%s: noise share of %s %s\n", res.Option, r.Analysed, num(res.Noise.Share))
		}
		if res.Note != "" {
			fmt.Fprintf(w, "  %s\n", res.Note)
		}
		if res.PRIM != nil {
			fmt.Fprintf(w, "  %s\n", res.PRIM.Sentence)
			if res.PRIM.CARTSentence != "" {
				fmt.Fprintf(w, "  %s\n", res.PRIM.CARTSentence)
			}
		}
	}
	for _, res := range r.Results {
		if s := res.Noise.Share; s > noiseWarning {
			fmt.Fprintf(e.stderr, "alliancesim explore: warning: option %s: Monte Carlo noise is %.0f%% of the variance of %s across the design; indices of that size are noise, not sensitivity (use more --runs)\n",
				res.Option, 100*s, r.Analysed)
		}
	}
}

// sortedBy returns the indices of v from the largest value down, NaN last.
func sortedBy(v []float64) []int {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) float64 {
		if math.IsNaN(v[i]) {
			return math.Inf(-1)
		}
		return v[i]
	}
	for i := 1; i < len(idx); i++ { // insertion sort: stable, and K is small
		for j := i; j > 0 && key(idx[j]) > key(idx[j-1]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	return idx
}

// resources describes the exploration's files for datapackage.json.
func (r *exploreResult) resources() []dpResource {
	num := func(name, desc string) sim.ColumnDoc {
		return sim.ColumnDoc{Name: name, Type: "number", Description: desc}
	}
	str := func(name, desc string) sim.ColumnDoc {
		return sim.ColumnDoc{Name: name, Type: "string", Description: desc}
	}
	points := []sim.ColumnDoc{
		{Name: "point", Type: "integer", Description: "the design point (0-based, as in explore.json)"},
		{Name: "replicate", Type: "boolean", Description: "1: the point run again with the next runs' seeds, for the noise share"},
		str("option", "the option"),
	}
	for _, f := range r.Factors {
		if f.Labels != nil {
			points = append(points, str(columnSafe(f.Name), "factor "+f.Path+": its value at the point"))
		} else {
			points = append(points, num(columnSafe(f.Name), "factor "+f.Path+": its value at the point"))
		}
	}
	points = append(points, str("metric", "the metric"), num("value", "the metric's estimate from the point's runs; NA when undefined"),
		num("lo", "lower bound of its 95% interval"), num("hi", "upper bound of its 95% interval"))
	res := []dpResource{
		jsonResource("explore", "explore.json", "the plan (design, factors, options, points), every point's metrics per option, and per option the indices (SALib's keys), the noise share, PRIM and robustness", "explore.schema.json"),
		table("points", "points.csv", "one row per design point (or replicate), option and metric", points, "point", "replicate", "option", "metric"),
		table("indices", "indices.csv", "one row per option, factor and sensitivity index; the noise share with no factor", []sim.ColumnDoc{
			str("option", "the option"), str("metric", "the analysed metric"), str("factor", "the factor (two joined by × for S2); empty for the noise share"),
			str("index", "S1, ST, S2 (Sobol'), mu, mu_star, sigma (Morris), or noise_share"),
			num("value", "the index"), num("conf", "half-width of its 95% bootstrap interval; NA when none")}),
		table("prim", "prim.csv", "one row per option and step of PRIM's peeling trajectory", []sim.ColumnDoc{
			str("option", "the option"), str("case", "the --discover condition that makes a point a case"),
			{Name: "step", Type: "integer", Description: "the peeling step; 0 is the whole design"},
			num("coverage", "cases in the box over all cases"), num("density", "cases in the box over the box's points"),
			num("mass", "the box's points over all points"),
			{Name: "chosen", Type: "boolean", Description: "1: the box chosen (before pasting)"},
			str("box", "the box's limits and figures, in words")}, "option", "step"),
		table("robustness", "robustness.csv", "one row per option: its outcome across the design points", []sim.ColumnDoc{
			str("option", "the option"), str("metric", "the metric compared"),
			{Name: "larger_is_better", Type: "boolean", Description: "1 if larger values of the metric are better"},
			num("mean", "mean over the design points"), num("p10", "10th percentile over the points"), num("p90", "90th percentile over the points"),
			num("satisficing", "share of points meeting --threshold; NA without one"),
			num("max_regret", "largest shortfall from the best option at a point"), num("mean_regret", "mean shortfall from the best option")}, "option"),
	}
	return res
}
