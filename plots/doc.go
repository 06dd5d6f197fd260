// Package plots draws publication charts of alliancesim results: survival
// curves, outcome bars, scenario comparisons, one-dimensional parameter
// sweeps and heatmaps of two-dimensional sweeps.
//
// The package draws from its own small series types ([Curve], [Bar],
// [Series], [Interval]); it never runs a model, so callers convert their
// estimates first. Every chart function validates its input and returns a
// [Chart], which [Save] writes as PNG, SVG or PDF at the paper size and
// resolution given by [Options].
//
// Charts are laid out when they are drawn, not when they are built: tick
// spacing, the wrapping of category labels, whether bar values and cell
// values are printed, and the wrapping of the legend all depend on the size
// in print. The same Chart therefore reads well both at single-column
// width (8.5 cm, the default) and at double-column width (17.5 cm).
// A Chart keeps its own copy of the data and never changes, so it may be
// drawn again, at another size, or from several goroutines at once.
//
// Conventions, chosen for journals that print in greyscale:
//
//   - Text is Liberation Sans, 9 pt by default, tick labels 1 pt smaller.
//   - Lines differ in dash pattern and marker shape as well as colour; bars
//     differ in lightness as well as hue; confidence bands are translucent
//     and lighter than their line.
//   - Legends sit above the plot area, never over the data.
//   - Grid lines are light grey and drawn under the data.
//   - Values that are NaN or infinite are missing: lines and bands have a
//     gap there, bars and whiskers are left out, heatmap cells are hatched.
//   - Values of different kinds (probabilities per run, shares of decisions,
//     money) never share an axis: bars and series carry the title of their
//     axis (Bar.Axis, Series.Axis, Quantity.Axis), and each axis gets a
//     panel of its own, side by side, or one above the other when side by
//     side leaves the data no room.
//   - Choices are categories: SweepCategories and a heatmap's GridAxis.Names
//     draw them in the order given, named, as points with whiskers or cells,
//     never joined by lines.
//   - Nothing is drawn off the page: category names that do not fit their
//     slot wrap, or slant (30, 45 or 60 degrees, as the slots allow), and the
//     chart makes room for the first of them.
//
// Text is Unicode in every format: PDF embeds its fonts with their Unicode
// maps, so "Київ" or "γ" prints and can be searched and copied. Labels are
// plain text: underscores and carets are printed as they are.
package plots
