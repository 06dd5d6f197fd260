package plots_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/cmpimg"
)

// goldenDelta tolerates the last-bit differences in anti-aliasing that
// other architectures (FMA) produce; a moved label or line exceeds it.
const goldenDelta = 0.05

// checkGolden runs example, which writes testdata/name, and compares the
// result with testdata/name's _golden twin. With -regen (the flag of
// cmpimg) it replaces the golden instead. Identical bytes pass at once;
// otherwise cmpimg compares the pixels, and a failure leaves a difference
// image next to the golden.
func checkGolden(t *testing.T, example func(), name string) {
	t.Helper()
	if *cmpimg.GenerateTestData {
		cmpimg.CheckPlot(example, t, name)
		return
	}
	example()
	path := filepath.Join("testdata", name)
	golden := strings.TrimSuffix(path, ".png") + "_golden.png"
	got, want := readFile(t, path), readFile(t, golden)
	if bytes.Equal(got, want) {
		return
	}
	ok, err := cmpimg.EqualApprox("png", got, want, goldenDelta)
	if err != nil {
		t.Fatal(err)
	}
	if ok {
		return
	}
	diff := strings.TrimSuffix(path, ".png") + "_diff.png"
	t.Errorf("%s differs from %s (see %s); if the change is intended, look at it and run go test ./plots -regen", path, golden, diff)
	a, _ := png.Decode(bytes.NewReader(got))
	b, _ := png.Decode(bytes.NewReader(want))
	if a == nil || b == nil {
		return
	}
	dst := image.NewRGBA64(a.Bounds().Union(b.Bounds()))
	cmpimg.Diff(dst, a, b)
	var buf bytes.Buffer
	if err := png.Encode(&buf, dst); err == nil {
		os.WriteFile(diff, buf.Bytes(), 0o644)
	}
}

// Every chart's example is drawn and compared with its golden image.
func TestGolden(t *testing.T) {
	for _, test := range []struct {
		example func()
		name    string
	}{
		{ExampleSurvival, "survival.png"},
		{ExampleSurvival_doubleColumn, "survival_double.png"},
		{ExampleOutcomes, "outcomes.png"},
		{ExampleCompare, "compare.png"},
		{ExampleSweep, "sweep.png"},
		{ExampleHeatmap, "heatmap.png"},
		{ExampleSweepCategories, "sweep_categories.png"},
		{ExampleHeatmap_categories, "heatmap_categories.png"},
	} {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			checkGolden(t, test.example, test.name)
		})
	}
}
