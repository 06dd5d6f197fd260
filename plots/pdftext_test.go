package plots_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"alliancesim/plots"
)

// Text outside Latin 1 comes back out of a PDF as it went in: Greek, a dash, accents and
// Cyrillic, through the fonts' Unicode maps (vgpdf's Windows-1252 turned them into other
// letters); SVG keeps it as it is. The PDF is read back with pdftotext (poppler-utils) when it
// is installed.
func TestUnicodeText(t *testing.T) {
	labels := []string{"Київ attacked", "γ — decisiveness", "Zürich é", "Ñandú"}
	var bars []plots.Bar
	for i, l := range labels {
		bars = append(bars, plots.Bar{Label: l, Interval: plots.Interval{P: 0.1 * float64(i+1), Lo: 0.05, Hi: 0.5}})
	}
	o := plots.Options{Width: plots.DoubleColumn, Title: "Сценарій — γ"}
	c, err := plots.Outcomes(bars, "Ймовірність", o)
	if err != nil {
		t.Fatal(err)
	}
	all := append(labels, "Сценарій — γ", "Ймовірність")
	dir := t.TempDir()

	svg := filepath.Join(dir, "u.svg")
	if err := plots.Save(c, svg, o); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range all {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("the SVG lost %q", want)
		}
	}

	path := filepath.Join(dir, "u.pdf")
	if err := plots.Save(c, path, o); err != nil {
		t.Fatal(err)
	}
	// The same chart gives the same bytes.
	again := filepath.Join(dir, "again.pdf")
	if err := plots.Save(c, again, o); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(path)
	second, _ := os.ReadFile(again)
	if !bytes.Equal(first, second) {
		t.Error("two saves of one chart differ")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: the PDF's text is not read back")
	}
	out, err := exec.Command(pdftotext, "-raw", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range all {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdftotext lost %q:\n%s", want, out)
		}
	}
}
