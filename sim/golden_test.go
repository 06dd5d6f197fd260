package sim_test

import (
	"bufio"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliancesim/config"
	"alliancesim/sim"
)

var update = flag.Bool("update", false, "rewrite testdata/engine.golden")

// The engine's records for every embedded scenario, 200 runs each, are pinned to the bit: a
// refactoring or an optimisation must leave them unchanged, and a deliberate change to the
// model shows here (go test ./sim -update). The CLI's golden outputs round their numbers; these
// do not. (200 runs: with 100, the two Baltic scenarios happen to give the same records.)
func TestEngineGolden(t *testing.T) {
	var got strings.Builder
	for _, info := range config.Scenarios() {
		spec := scenarioSpec(t, info.Name)
		h := sha256.New()
		r := sim.NewRunner(spec)
		for run := range 200 {
			rec := r.Run(run)
			fmt.Fprintf(h, "%#v %#v\n", *rec, rec.States)
		}
		fmt.Fprintf(&got, "%s %x\n", info.Name, h.Sum(nil))
	}
	path := filepath.Join("testdata", "engine.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./sim -update to create it)", err)
	}
	wantLines := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(string(want)))
	for sc.Scan() {
		if name, hash, ok := strings.Cut(sc.Text(), " "); ok {
			wantLines[name] = hash
		}
	}
	sc = bufio.NewScanner(strings.NewReader(got.String()))
	for sc.Scan() {
		name, hash, _ := strings.Cut(sc.Text(), " ")
		if w, ok := wantLines[name]; !ok {
			t.Errorf("%s: no golden record (run go test ./sim -update)", name)
		} else if w != hash {
			t.Errorf("%s: records differ from testdata/engine.golden; if the change is deliberate, run go test ./sim -update", name)
		}
	}
}
