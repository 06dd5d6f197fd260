package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Paper sizes and defaults.
const (
	SingleColumn    = 8.5 * vg.Centimeter  // width of one journal column
	DoubleColumn    = 17.5 * vg.Centimeter // width of a full page
	DefaultHeight   = 6.5 * vg.Centimeter
	DefaultDPI      = 300
	DefaultFontSize = 9 // points

	maxDPI = 2400 // beyond this an image is a memory accident, not a figure
)

// Options are the paper options of a chart.
//
// The zero value is a single-column chart: 8.5 cm x 6.5 cm, 300 dpi,
// 9 pt text and no title.
type Options struct {
	Width, Height vg.Length // default 8.5 cm x 6.5 cm (single column); double column is 17.5 cm
	DPI           int       // PNG resolution, default 300
	Title         string    // optional; empty = no title (journals usually prefer a caption)
	FontSize      vg.Length // base font size, default 9 pt (ticks and legend 1 pt smaller)

	// XLabel and YLabel replace the axis labels that Survival chooses by
	// default. The other charts take their labels as arguments.
	XLabel, YLabel string

	// YMin and YMax fix the range of the value axis (of every panel) of
	// Outcomes, Compare, Sweep and Survival; equal values (the zero value)
	// leave it to the data.
	YMin, YMax float64
}

// withDefaults returns o with zero fields set to their defaults.
func (o Options) withDefaults() Options {
	if o.Width == 0 {
		o.Width = SingleColumn
	}
	if o.Height == 0 {
		o.Height = DefaultHeight
	}
	if o.DPI == 0 {
		o.DPI = DefaultDPI
	}
	if o.FontSize == 0 {
		o.FontSize = DefaultFontSize
	}
	return o
}

// check reports options that cannot make a chart.
func (o Options) check() error {
	for _, l := range []struct {
		name string
		v    vg.Length
	}{{"width", o.Width}, {"height", o.Height}, {"font size", o.FontSize}} {
		if !(l.v > 0) || math.IsInf(float64(l.v), 0) {
			return fmt.Errorf("plots: %s %v must be positive", l.name, float64(l.v))
		}
	}
	if !finite(o.YMin) || !finite(o.YMax) || o.YMin > o.YMax {
		return fmt.Errorf("plots: value range [%g, %g] is empty", o.YMin, o.YMax)
	}
	if o.DPI <= 0 || o.DPI > maxDPI {
		return fmt.Errorf("plots: dpi %d out of range 1..%d", o.DPI, maxDPI)
	}
	return nil
}

// theme is the typography derived from Options, shared by every part of a
// chart so that all text has one family and a small set of sizes.
type theme struct {
	base  vg.Length // axis labels
	small vg.Length // ticks, legend, printed values
	title vg.Length
}

func newTheme(o Options) theme {
	// One point smaller, as asked for, but never below 80%: at 4 pt a
	// point is a quarter of the text.
	small := max(o.FontSize-1, o.FontSize*0.8)
	return theme{base: o.FontSize, small: small, title: o.FontSize + 1}
}

// textStyle returns plain (not LaTeX) black sans-serif text of the given
// size. text.Plain is named explicitly rather than taken from
// plot.DefaultTextHandler, so that parameter paths such as "rep_init" print
// as they are whatever another package did to the global.
func textStyle(size vg.Length) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    font.Font{Typeface: "Liberation", Variant: "Sans", Size: size},
		XAlign:  draw.XLeft,
		YAlign:  draw.YBottom,
		Handler: text.Plain{Fonts: font.DefaultCache},
	}
}

// newPlot returns a plot in the house style: sans-serif text, and room for
// the thin axes and short outward ticks that the axes plotter draws.
// plot.New copies plot.DefaultFont; every text style is replaced here
// instead of changing that global.
func newPlot(th theme) *plot.Plot {
	p := plot.New()
	p.TextHandler = text.Plain{Fonts: font.DefaultCache}
	p.Title.TextStyle = textStyle(th.title)
	p.Legend.TextStyle = textStyle(th.small)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = textStyle(th.base)
		a.Label.TextStyle.XAlign = draw.XCenter
		a.Label.Padding = vg.Points(3)
		a.Tick.Label = textStyle(th.small)
		// The axes plotter draws lines and ticks; gonum only the labels,
		// with Padding leaving room for the ticks.
		a.LineStyle.Width = 0
		a.Tick.Length = 0
		a.Padding = vg.Points(axisWidth + tickLength)
	}
	p.X.Padding += vg.Points(1) // the y labels get a space from gonum
	// Alignments as plot.New sets them: x labels hang below their tick,
	// y labels end at theirs.
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	return p
}

// gridColor is light enough to read as background in print.
func gridColor() color.Color { return color.Gray{Y: 0xdd} }

// gridLine is the style of the light grey grid lines drawn under the data.
func gridLine() draw.LineStyle {
	return draw.LineStyle{Color: gridColor(), Width: vg.Points(0.5)}
}

// lineColor returns the i-th colour of the Okabe–Ito palette, which stays
// distinct for the common forms of colour blindness. Black comes first so
// that a single curve prints as a crisp black line.
func lineColor(i int) color.NRGBA {
	okabeIto := [...]color.NRGBA{
		{0x00, 0x00, 0x00, 0xff}, // black
		{0xd5, 0x5e, 0x00, 0xff}, // vermillion
		{0x00, 0x72, 0xb2, 0xff}, // blue
		{0x00, 0x9e, 0x73, 0xff}, // bluish green
		{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
		{0xe6, 0x9f, 0x00, 0xff}, // orange
		{0x56, 0xb4, 0xe9, 0xff}, // sky blue
	}
	return okabeIto[i%len(okabeIto)]
}

// lineDashes returns the i-th dash pattern: solid, dashed, dotted,
// dash-dot, long dash, dash-dot-dot. Dashes keep lines apart in greyscale
// print, where the colours of lineColor collapse into similar greys.
func lineDashes(i int) []vg.Length {
	p := vg.Points
	switch i % 6 {
	case 1:
		return []vg.Length{p(4), p(2)}
	case 2:
		return []vg.Length{p(1), p(1.5)}
	case 3:
		return []vg.Length{p(4), p(1.5), p(1), p(1.5)}
	case 4:
		return []vg.Length{p(7), p(2)}
	case 5:
		return []vg.Length{p(4), p(1.5), p(1), p(1.5), p(1), p(1.5)}
	}
	return nil
}

// seriesLine is the line of the i-th series.
func seriesLine(i int, width vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: lineColor(i), Width: width, Dashes: lineDashes(i)}
}

// bandColor is the translucent fill of a series' confidence band: light
// enough that the line stays on top, translucent so that overlapping
// bands remain visible.
func bandColor(c color.NRGBA) color.NRGBA {
	c.A = 0x38
	if c.R == 0 && c.G == 0 && c.B == 0 {
		c.A = 0x2a // black at 0x38 reads too dark
	}
	return c
}

// seriesGlyph returns the i-th marker: shapes alternate between filled and
// open so that neighbours differ even where they overlap.
func seriesGlyph(i int, c color.Color) draw.GlyphStyle {
	shapes := [...]draw.GlyphDrawer{
		draw.CircleGlyph{}, draw.SquareGlyph{}, draw.PyramidGlyph{},
		draw.RingGlyph{}, draw.BoxGlyph{}, draw.TriangleGlyph{},
		draw.CrossGlyph{}, draw.PlusGlyph{},
	}
	return draw.GlyphStyle{Color: c, Radius: vg.Points(2.2), Shape: shapes[i%len(shapes)]}
}

// openGlyph reports whether g is drawn as an outline; such markers get a
// white fill so the line does not show through them.
func openGlyph(g draw.GlyphStyle) (filled draw.GlyphDrawer, ok bool) {
	switch g.Shape.(type) {
	case draw.SquareGlyph:
		return draw.BoxGlyph{}, true
	case draw.RingGlyph:
		return draw.CircleGlyph{}, true
	case draw.TriangleGlyph:
		return draw.PyramidGlyph{}, true
	}
	return nil, false
}

// viridis returns a viridis-like colour map: lightness rises steadily from
// dark purple through teal to yellow, so it prints as an even grey ramp and
// reads correctly for colour-blind readers. The control points are the
// nine-step viridis of R and matplotlib, interpolated in CIE L*a*b*.
func viridis(min, max float64) palette.ColorMap {
	controls := []color.Color{
		color.NRGBA{0x44, 0x01, 0x54, 0xff},
		color.NRGBA{0x47, 0x2d, 0x7b, 0xff},
		color.NRGBA{0x3b, 0x52, 0x8b, 0xff},
		color.NRGBA{0x2c, 0x72, 0x8e, 0xff},
		color.NRGBA{0x21, 0x90, 0x8c, 0xff},
		color.NRGBA{0x27, 0xad, 0x81, 0xff},
		color.NRGBA{0x5d, 0xc8, 0x63, 0xff},
		color.NRGBA{0xaa, 0xdc, 0x32, 0xff},
		color.NRGBA{0xfd, 0xe7, 0x25, 0xff},
	}
	cm, err := moreland.NewLuminance(controls)
	if err != nil {
		panic(err) // the controls above are fixed; a test guards them
	}
	cm.SetMin(min)
	cm.SetMax(max)
	return cm
}

// colorAt returns the colour of v on cm, clamping v into the map's range.
func colorAt(cm palette.ColorMap, v float64) color.Color {
	v = math.Max(cm.Min(), math.Min(cm.Max(), v))
	c, err := cm.At(v)
	if err != nil {
		return color.White
	}
	return c
}

// barColors returns n fills sampled evenly from viridis. Neighbouring bars
// then differ in lightness (greyscale print) as well as in hue. The darkest
// end is skipped so black whiskers stay visible on every bar.
func barColors(n int) []color.Color {
	cm := viridis(0, 1)
	cs := make([]color.Color, n)
	for i := range cs {
		t := 0.45
		if n > 1 {
			t = 0.2 + 0.78*float64(i)/float64(n-1)
		}
		cs[i] = colorAt(cm, t)
	}
	return cs
}

// luminance returns the relative luminance of c (WCAG 2), 0 for black and
// 1 for white.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// inkOn returns black or white, whichever contrasts more with the
// background bg. 0.179 is where the WCAG contrast ratios of the two are
// equal.
func inkOn(bg color.Color) color.Color {
	if luminance(bg) > 0.179 {
		return color.Black
	}
	return color.White
}

// finite reports whether v is neither NaN nor infinite: everything else is
// a missing value.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
