package plots_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliancesim/plots"

	"gonum.org/v1/plot/vg"
)

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func heatmapChart(t *testing.T) plots.Chart {
	t.Helper()
	c, err := plots.Heatmap(plots.GridAxis{Label: "x", Values: []float64{0, 1, 2}}, plots.GridAxis{Label: "y", Values: []float64{0, 1}}, [][]float64{{0, 0.5, 1}, {1, 0.5, 0}}, plots.ColorScale{Min: 0, Max: 1}, plots.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSaveFormats(t *testing.T) {
	t.Parallel()
	c := heatmapChart(t)
	for _, test := range []struct {
		name  string
		magic []string // the file must start with one of these
	}{
		{"c.png", []string{"\x89PNG\r\n\x1a\n"}},
		{"c.PDF", []string{"%PDF"}},
		{"c.svg", []string{"<?xml", "<svg"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, test.name)
			if err := plots.Save(c, path, plots.Options{DPI: 72}); err != nil {
				t.Fatal(err)
			}
			b := readFile(t, path)
			ok := false
			for _, m := range test.magic {
				ok = ok || bytes.HasPrefix(b, []byte(m))
			}
			if !ok {
				t.Errorf("%s starts with %q, want one of %q", test.name, b[:min(len(b), 16)], test.magic)
			}
			// Nothing but the chart is left in the directory.
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 || entries[0].Name() != test.name {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("directory holds %q, want only %q", names, test.name)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm()&0o044 != 0o044 {
				t.Errorf("chart is not readable by others: %v %v", fi.Mode(), err)
			}
		})
	}
}

// TestSaveFontsEmbedded checks that SVG and PDF embed their font, so a
// journal's renderer without Liberation Sans draws the same glyphs.
func TestSaveFontsEmbedded(t *testing.T) {
	t.Parallel()
	for _, f := range []struct{ name, mark string }{{"c.svg", "@font-face"}, {"c.pdf", "/FontFile2"}} {
		path := filepath.Join(t.TempDir(), f.name)
		if err := plots.Save(heatmapChart(t), path, plots.Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(readFile(t, path), []byte(f.mark)) {
			t.Errorf("%s has no %s: fonts are not embedded", f.name, f.mark)
		}
	}
}

// TestHeatmapPDFIsVector guards against gonum's raster heatmaps and colour
// bars, which vgpdf draws upside down: the PDF must hold no image at all.
func TestHeatmapPDFIsVector(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "h.pdf")
	if err := plots.Save(heatmapChart(t), path, plots.Options{}); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(readFile(t, path), []byte("/Subtype /Image")) {
		t.Error("heatmap PDF contains a raster image")
	}
}

func TestSaveReplacesAtomically(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "chart.png")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := plots.Save(heatmapChart(t), path, plots.Options{DPI: 72}); err != nil {
		t.Fatal(err)
	}
	if b := readFile(t, path); bytes.Equal(b, []byte("old")) {
		t.Error("existing file was not replaced")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in directory, want 1", len(entries))
	}
}

func TestSaveErrors(t *testing.T) {
	t.Parallel()
	c := heatmapChart(t)
	dir := t.TempDir()
	for _, test := range []struct {
		name string
		path string
		o    plots.Options
		want string
	}{
		{"missing directory", filepath.Join(dir, "no", "such", "dir", "c.png"), plots.Options{}, "no such file or directory"},
		{"unknown format", filepath.Join(dir, "c.gif"), plots.Options{}, `unknown format ".gif"`},
		{"no extension", filepath.Join(dir, "chart"), plots.Options{}, "want .png, .svg or .pdf"},
		{"bad size", filepath.Join(dir, "c.png"), plots.Options{Height: -1 * vg.Centimeter}, "height"},
	} {
		t.Run(test.name, func(t *testing.T) {
			err := plots.Save(c, test.path, test.o)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), test.path) || !strings.Contains(err.Error(), test.want) {
				t.Errorf("error %q, want it to name %s and contain %q", err, test.path, test.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed saves left %d files behind", len(entries))
	}
	if err := plots.Save(nil, filepath.Join(dir, "c.png"), plots.Options{}); err == nil {
		t.Error("Save(nil) succeeded")
	}
}

func TestParseLength(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		in   string
		want vg.Length
	}{
		{"8.5cm", 8.5 * vg.Centimeter},
		{"17.5 cm", plots.DoubleColumn},
		{"3.5in", 3.5 * vg.Inch},
		{"90mm", 90 * vg.Millimeter},
		{"240pt", 240},
		{" 1IN ", vg.Inch},
	} {
		got, err := plots.ParseLength(test.in)
		if err != nil || got != test.want {
			t.Errorf("ParseLength(%q) = %v, %v; want %v", test.in, got, err, test.want)
		}
	}
	for _, in := range []string{"", "8.5", "cm", "-1cm", "0mm", "NaNcm", "Infin", "3 furlongs", "1e400pt"} {
		_, err := plots.ParseLength(in)
		if err == nil || !strings.Contains(err.Error(), "cm, mm, in or pt") {
			t.Errorf("ParseLength(%q): error %v, want one naming the units", in, err)
		}
	}
}
