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
// letters). SVG and PNG take the same labels.
func TestPDFUnicodeText(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
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
	dir := t.TempDir()
	path := filepath.Join(dir, "u.pdf")
	if err := plots.Save(c, path, o); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-raw", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range append(labels, "Сценарій — γ", "Ймовірність") {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lost %q:\n%s", want, text)
		}
	}
	// The same chart gives the same bytes.
	again := filepath.Join(dir, "again.pdf")
	if err := plots.Save(c, again, o); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Error("two saves of one chart differ")
	}
}
