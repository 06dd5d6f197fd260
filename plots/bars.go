package plots

import (
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Interval is a value with its interval (the caller converts from its own
// types). P is the estimate, Lo and Hi the bounds of its 95% interval; a
// NaN or infinite bound leaves the whisker out.
type Interval struct{ P, Lo, Hi float64 }

// barSeries is one colour of bars: one value per category.
type barSeries struct {
	label string
	color int // index into the chart's fills, the same in every panel
	vals  []Interval
}

// barPanel is one value axis of a bar chart: the categories and series drawn on it.
type barPanel struct {
	categories []string
	series     []barSeries
	yLabel     string
}

// barsChart is a bar chart over named categories, with whiskers, in one panel per value axis.
// Outcomes has one series, Compare one per metric, grouped by category.
type barsChart struct {
	panels []barPanel
	colors int // number of fills
	legend []string
	o      Options
}

// onePanel returns a bar chart of one value axis: the series in the order given, each its
// own fill, in a legend when legend is set.
func onePanel(categories []string, series []barSeries, yLabel string, legend bool, o Options) *barsChart {
	b := &barsChart{colors: len(series), o: o}
	series = slices.Clone(series)
	for j := range series {
		series[j].color = j
		if legend {
			b.legend = append(b.legend, series[j].label)
		}
	}
	b.panels = []barPanel{{categories: slices.Clone(categories), series: series, yLabel: yLabel}}
	return b
}

// Draw lays the chart out for the size of c and draws it.
func (b *barsChart) Draw(c draw.Canvas) {
	th := newTheme(b.o)
	fills := barColors(b.colors)
	var entries []legendEntry
	outline := draw.LineStyle{Color: color.Gray{Y: 0x30}, Width: vg.Points(0.4)}
	for i, l := range b.legend {
		entries = append(entries, legendEntry{label: l, thumb: &bars{fill: fills[i], line: outline}})
	}
	if len(b.panels) == 1 {
		f := b.panels[0].figure(th, b.o, fills)
		f.title, f.legend = b.o.Title, entries
		f.Draw(c)
		return
	}
	p := &panelled{th: th, title: b.o.Title, legend: entries}
	for _, pn := range b.panels {
		p.panels = append(p.panels, pn.figure(th, b.o, fills))
		// A panel's width follows its bars, plus about one bar's worth for its axis.
		p.weights = append(p.weights, float64(len(pn.categories)*max(1, len(pn.series)))+1)
	}
	p.Draw(c)
}

func (b *barPanel) figure(th theme, o Options, fills []color.Color) *figure {
	p := newPlot(th)
	p.Y.Label.Text = b.yLabel
	// Categories need no tick marks, nor the room for them.
	p.Add(hgrid{style: gridLine()}, axes{yTicks: true})
	p.X.Padding = vg.Points(axisWidth + 2)

	n, m := len(b.categories), len(b.series)
	groupW := 0.8
	if m == 1 {
		groupW = 0.6
	}
	w := groupW / float64(m)
	room := w // value labels of neighbouring bars must not touch
	if m == 1 {
		room = 1
	}

	var all [][]float64
	for _, s := range b.series {
		for _, v := range s.vals {
			all = append(all, []float64{v.P, v.Lo, v.Hi})
		}
	}
	lo, hi, ok := valueRange(all...)
	ymin, ymax, _ := valueAxis(lo, hi, ok, true)
	if o.YMin != o.YMax {
		ymin, ymax = o.YMin, o.YMax
	}
	p.Y.Min, p.Y.Max = ymin, ymax
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	decimals := valueDecimals(math.Max(math.Abs(ymin), math.Abs(ymax)))

	outline := draw.LineStyle{Color: color.Gray{Y: 0x30}, Width: vg.Points(0.4)}
	var over []plot.Plotter // whiskers and labels, above every bar
	for j, s := range b.series {
		x := make([]float64, n)
		ps := make([]float64, n)
		los := make([]float64, n)
		his := make([]float64, n)
		anchor := make([]float64, n)
		texts := make([]string, n)
		for i, v := range s.vals {
			x[i] = float64(i) + (float64(j)-float64(m-1)/2)*w
			ps[i], los[i], his[i] = v.P, v.Lo, v.Hi
			anchor[i] = v.P
			if finite(v.Hi) && finite(v.Lo) && v.Hi > v.P {
				anchor[i] = v.Hi
			}
			if finite(v.P) {
				texts[i] = formatFixed(v.P, decimals)
			}
		}
		// A small gap between the bars of a group keeps their edges
		// apart where fills have similar lightness.
		p.Add(&bars{x: x, y: ps, width: w * 0.9, fill: fills[s.color], line: outline})
		sty := textStyle(th.small)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
		over = append(over,
			&whiskers{x: x, lo: los, hi: his, cap: w * 0.2, style: draw.LineStyle{Color: color.Black, Width: vg.Points(0.7)}},
			&valueLabels{x: x, y: anchor, text: texts, room: room, style: sty, gap: vg.Points(1.5)},
		)
	}
	p.Add(over...)
	overhang := new(vg.Length)

	fit := func(p *plot.Plot, data vg.Rectangle) {
		p.Y.Tick.Marker = niceTicks(p.Y.Min, p.Y.Max, tickCount(data.Size().Y, yTickSpacing))
		p.X.Tick.Label, p.X.Tick.Marker, *overhang = categoryTicks(th, b.categories, data.Size().X)
	}
	return &figure{th: th, plot: p, fit: fit, overhang: overhang}
}

// categoryTicks returns the tick labels of categories on an axis of length l: names wrap at
// spaces to fit their slot; when a single word is still too wide, all names are set at an
// angle instead, which is less pleasant to read but never overlaps: 30 degrees when
// neighbouring names then clear each other, steeper when the slots are narrow. left is how far
// the first name reaches left of the axis' start (of the data area).
func categoryTicks(th theme, categories []string, l vg.Length) (text.Style, plot.ConstantTicks, vg.Length) {
	n := len(categories)
	slot := l / vg.Length(n)
	room := slot - vg.Points(3)
	sty := textStyle(th.small)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
	ticks := make(plot.ConstantTicks, n)
	slant := false
	for i, c := range categories {
		ticks[i] = plot.Tick{Value: float64(i), Label: wrapText(c, sty, room)}
		slant = slant || sty.Width(ticks[i].Label) > room
	}
	if slant {
		// Slanted names are parallel; they clear each other when the slot, measured across
		// them, is wider than a line of text.
		line := sty.Height("Xg") * 1.15
		sty.Rotation = math.Pi / 2
		for _, deg := range []float64{30, 45, 60} {
			if a := deg * math.Pi / 180; slot*vg.Length(math.Sin(a)) >= line {
				sty.Rotation = a
				break
			}
		}
		sty.XAlign, sty.YAlign = draw.XRight, draw.YTop
		if sty.Rotation > math.Pi/6 {
			sty.YAlign = draw.YCenter // steep names hang from their tick by their middle
		}
	}
	if slant {
		for i, c := range categories {
			ticks[i].Label = c
		}
	}
	// The first name's box, rotated as it is drawn, about its tick in the middle of the first
	// slot; half a point for anti-aliasing.
	r := sty.Rectangle(ticks[0].Label)
	return sty, ticks, max(0, -r.Min.X-slot/2+vg.Points(0.5))
}

// wrapText breaks s at spaces into lines no wider than w where it can.
// Long category names ("Deterrence failure") would otherwise run into
// their neighbours at single-column width.
func wrapText(s string, sty text.Style, w vg.Length) string {
	words := strings.Fields(s)
	if len(words) == 0 || sty.Width(s) <= w {
		return s
	}
	var lines []string
	line := words[0]
	for _, word := range words[1:] {
		if sty.Width(line+" "+word) <= w {
			line += " " + word
			continue
		}
		lines = append(lines, line)
		line = word
	}
	return strings.Join(append(lines, line), "\n")
}
