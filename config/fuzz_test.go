package config

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"alliancesim/sim"
)

// seedFuzz adds the embedded scenarios, the broken files of testdata/bad and a few small
// documents to the corpus of f.
func seedFuzz(f *testing.F) {
	for _, info := range Scenarios() {
		src, err := scenarioFS.ReadFile("scenarios/" + info.Name + ".toml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	bad, err := filepath.Glob("testdata/bad/*.toml")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range bad {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte(base))
	f.Add([]byte(two))
	f.Add([]byte(oddNames))
	f.Add([]byte(otherLayout))
	f.Add([]byte(base + "[uncertainty]\n\"state.Ukraine.strategy\" = { dist = \"categorical\", values = [\"balance\", \"fixed\"] }\n"))
	f.Add([]byte(base + sweeps))
	f.Add([]byte(base + "[[sweep]]\npath = \"state.Ukraine.nuclear\"\nvalues = [true, false]\n" +
		"[[sweep]]\npath = \"simulation.runs\"\nvalues = [10, 2e1, -0.0]\n"))
	f.Add([]byte(two + "sweep = [{ path = \"model.gamma\", range = [-1e308, 1e308], n = 1000 }]\n"))
}

// FuzzLoad checks that Load never panics, and that a document that loads survives WriteTOML
// (plain and commented) and Load with the same hash, and compiles.
func FuzzLoad(f *testing.F) {
	seedFuzz(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Load("fuzz.toml", src)
		if err != nil {
			return
		}
		h := file.Hash()
		for _, commented := range []bool{false, true} {
			var b bytes.Buffer
			if err := file.WriteTOML(&b, commented); err != nil {
				t.Fatal(err)
			}
			again, err := Load("again.toml", b.Bytes())
			if err != nil {
				t.Fatalf("reloading (commented %t): %v\n%s", commented, err, b.Bytes())
			}
			if again.Hash() != h {
				t.Fatalf("hash changed by a round trip (commented %t)", commented)
			}
		}
		if _, err := file.Spec(); err != nil {
			t.Fatalf("a loaded file does not compile: %v", err)
		}
		axes, err := file.SweepAxes()
		if err != nil {
			t.Fatalf("the sweeps of a loaded file: %v", err)
		}
		if len(axes) != len(file.Sweeps) || len(axes) > MaxSweeps {
			t.Fatalf("%d axes for %d sweeps", len(axes), len(file.Sweeps))
		}
		for _, a := range axes {
			checkAxis(t, a)
		}
	})
}

// checkAxis fails t unless a has 1 to MaxSweepValues finite values, all different, a label
// for each, all different, and a setter.
func checkAxis(t *testing.T, a sim.Axis) {
	t.Helper()
	if n := len(a.Values); n < 1 || n > MaxSweepValues || len(a.Labels) != n || a.Set == nil {
		t.Fatalf("axis %s: %d values, %d labels, setter %t", a.Path, n, len(a.Labels), a.Set != nil)
	}
	for i, v := range a.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) || slices.Contains(a.Values[:i], v) {
			t.Fatalf("axis %s: value %v in %v", a.Path, v, a.Values)
		}
		if slices.Contains(a.Labels[:i], a.Labels[i]) {
			t.Fatalf("axis %s: label %q twice in %q", a.Path, a.Labels[i], a.Labels)
		}
	}
}

// FuzzSet checks that Set never panics, leaves the file unchanged when it fails, and leaves a
// valid file that survives a round trip, and whose sweeps still give axes, when it succeeds.
func FuzzSet(f *testing.F) {
	for _, kv := range [][2]string{
		{"simulation.runs", "5"}, {"model.gamma", "2"}, {"kind.alliance.trigger", "any"},
		{"state.Ukraine.burden", "0.1"}, {"state.Russia.claims.Ukraine", "0.3"}, {"state.Ukraine.strategy", "fixed"},
		{"state.Ukraine.will.alpha", "1e3"}, {"guarantee.G7.start", "3"}, {"state.Ukraine.client_of", "Russia"},
		{"simulation.focus", "Ukraine"}, {"state.\"United Kingdom\".nuclear", "true"}, {"simulation.description", "a\nb"},
	} {
		f.Add(kv[0], kv[1])
	}
	f.Fuzz(func(t *testing.T, path, value string) {
		file, err := Load("x.toml", []byte(base+sweeps))
		if err != nil {
			t.Fatal(err)
		}
		h := file.Hash()
		if err := file.Set(path, value); err != nil {
			if file.Hash() != h {
				t.Fatalf("a failed Set(%q, %q) changed the file", path, value)
			}
			return
		}
		if err := file.Validate(); err != nil {
			t.Fatalf("Set(%q, %q) left an invalid file: %v", path, value, err)
		}
		var b bytes.Buffer
		if err := file.WriteTOML(&b, false); err != nil {
			t.Fatal(err)
		}
		again, err := Load("again.toml", b.Bytes())
		if err != nil {
			t.Fatalf("after Set(%q, %q), reloading: %v\n%s", path, value, err, b.Bytes())
		}
		if again.Hash() != file.Hash() {
			t.Fatalf("after Set(%q, %q), the hash changed by a round trip", path, value)
		}
		if _, err := file.Spec(); err != nil {
			t.Fatalf("after Set(%q, %q): %v", path, value, err)
		}
		if axes, err := file.SweepAxes(); err != nil || len(axes) != 2 {
			t.Fatalf("after Set(%q, %q): %d axes, %v", path, value, len(axes), err)
		}
	})
}
