package config

import (
	"strings"
	"testing"
	"time"
)

// Every value on a sweep's axis passes exactly the checks --set applies, and a sweep or --set
// of a value that [uncertainty] draws per run is refused, naming both places (issue 12, class 1).
func TestSweepValuesPassSetChecks(t *testing.T) {
	t.Parallel()
	const gamma = "[uncertainty]\n\"model.gamma\" = { dist = \"uniform\", min = 1, max = 2 }\n"
	for _, test := range []struct {
		name, src string
		sets      [][2]string // path, value given to Set after loading
		err       string
	}{
		{"a range beyond the field's", base + "[[sweep]]\npath = \"rep.init\"\nrange = [0, 9]\nn = 4\n", nil,
			`x.toml:32: sweep[1].range: value 3 of rep.init is refused, as --set rep.init=3 is: 3 is out of range (allowed: 0 to 1)`},
		{"a fractional count", base + "[[sweep]]\npath = \"simulation.runs\"\nrange = [1, 10]\nn = 3\n", nil,
			`x.toml:32: sweep[1].range: value 5.5 of simulation.runs is refused, as --set simulation.runs=5.5 is: "5.5" is not an integer (allowed: 1 to 10000000)`},
		{"a seed beyond int64", base + "[[sweep]]\npath = \"simulation.seed\"\nrange = [0, 1e30]\nn = 3\n", nil,
			`x.toml:32: sweep[1].range: value 5e+29 of simulation.seed is refused, as --set simulation.seed=5e+29 is: "5e+29" is not an integer (allowed: 0 or more)`},
		{"a listed value out of range", base + "[[sweep]]\npath = \"model.gamma\"\nvalues = [1, 99]\n", nil,
			`x.toml:32: sweep[1].values: value 99 of model.gamma is refused, as --set model.gamma=99 is: 99 is out of range (allowed: more than 0, up to 20)`},
		{"a swept value that [uncertainty] draws", base + gamma + "[[sweep]]\npath = \"model.gamma\"\nvalues = [1, 2]\n", nil,
			`x.toml:33: sweep[1].path: model.gamma is drawn per run by uncertainty."model.gamma", which would override every value of the axis (allowed: a value [uncertainty] does not draw)`},
		{"--set of a value that [uncertainty] draws", base + gamma, [][2]string{{"model.gamma", "2"}},
			`x.toml:31: uncertainty."model.gamma": draws model.gamma per run, which --set model.gamma also sets (allowed: set it or draw it, not both)`},
	} {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			f, err := Load("x.toml", []byte(test.src))
			for _, kv := range test.sets {
				if err != nil {
					break
				}
				err = f.Set(kv[0], kv[1])
			}
			if err == nil || err.Error() != test.err {
				t.Errorf("got %v\nwant %s", err, test.err)
			}
		})
	}
}

// The loader is linear in its input and refuses deep nesting with a clear error, whatever the
// text nests: arrays, inline tables, dotted keys (issue 12, class 6).
func TestNestingLimit(t *testing.T) {
	t.Parallel()
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	const arrays = "x.toml:1: arrays and inline tables nest deeper than 32 levels (allowed: at most 32)"
	for _, test := range []struct {
		name, src, err string
	}{
		{"a 200 kB config of nested arrays", "a = " + deep("[", "]", 100_000), arrays},
		{"nested inline tables", "a = " + deep("{b = ", "}", 40), arrays},
		{"arrays of inline tables", "a = " + deep("[{b = ", "}]", 20), arrays},
		{"a dotted key of 40 parts", strings.Repeat("a.", 40) + "a = 1",
			"x.toml:1: the parts of a dotted key nest deeper than 32 levels (allowed: at most 32)"},
		{"a table header of 40 parts", "\n[" + strings.Repeat("a.", 40) + "a]\n",
			"x.toml:2: the parts of a dotted key nest deeper than 32 levels (allowed: at most 32)"},
		{"a deep array after a multi-line string", "s = '''\n[\n'''\n" + "a = " + deep("[", "]", 33), "x.toml:4: arrays and inline tables nest deeper than 32 levels (allowed: at most 32)"},
	} {
		start := time.Now()
		done := make(chan error, 1)
		go func() { _, err := Load("x.toml", []byte(test.src)); done <- err }()
		select {
		case err := <-done:
			if err == nil || err.Error() != test.err {
				t.Errorf("%s: got %v\nwant %s", test.name, err, test.err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("%s: %v to refuse %d bytes", test.name, d, len(test.src))
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: Load has not returned after 10 s", test.name)
		}
	}
	// Brackets and dots in strings and comments do not nest; 32 levels are allowed.
	for _, src := range []string{
		"# " + strings.Repeat("[", 100) + "\n",
		`s = "` + strings.Repeat("[{.", 100) + `"` + "\n",
		"s = '''" + strings.Repeat("[\n", 100) + "'''\n",
		"a = " + deep("[", "]", 32) + "\n",
	} {
		if _, err := Load("x.toml", []byte(src)); err != nil && strings.Contains(err.Error(), "nest deeper") {
			t.Errorf("%.40q…: %v", src, err)
		}
	}
}
