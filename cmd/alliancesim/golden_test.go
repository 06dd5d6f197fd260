package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// The outputs of a small run of the default scenario are pinned: any change to the model, the
// random streams or the output formats shows here, and must be deliberate (go test -update).
func TestGoldenRun(t *testing.T) {
	dir := t.TempDir()
	r := alliancesim(t, dir, "run", "--runs", "64", "--seed", "3", "--out", "g")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, name := range []string{"summary.json", "runs.csv"} {
		got, err := os.ReadFile(filepath.Join(dir, "g", name))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "golden", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; if the change is deliberate, run go test ./cmd/alliancesim -update", name, golden)
		}
	}
}
