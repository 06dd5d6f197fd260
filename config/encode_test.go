package config

import (
	"bytes"
	"strings"
	"testing"
)

// reload writes f, commented or not, and loads the output.
func reload(t *testing.T, f *File, commented bool) *File {
	t.Helper()
	var b bytes.Buffer
	if err := f.WriteTOML(&b, commented); err != nil {
		t.Fatal(err)
	}
	g, err := Load("reloaded.toml", b.Bytes())
	if err != nil {
		t.Fatalf("reloading (commented %t): %v\n%s", commented, err, b.String())
	}
	return g
}

func TestWriteTOMLRoundTrip(t *testing.T) {
	t.Parallel()
	files := map[string]*File{}
	for _, info := range Scenarios() {
		f, err := Scenario(info.Name)
		if err != nil {
			t.Fatal(err)
		}
		files[info.Name] = f
	}
	f, err := Load("base.toml", []byte(base+"tripwire = true\nw = 0.5\ntrigger = \"armed\"\numbrella = true\n"+
		"[uncertainty]\n\"state.Russia.claims.Ukraine\" = { dist = \"beta\", alpha = 8, beta = 2 }\n"+
		"\"model.gamma\" = { dist = \"uniform\", min = 1.0, max = 2.0 }\n"+
		"\"state.Ukraine.strategy\" = { dist = \"categorical\", values = [\"bandwagon\", \"balance\"], weights = [0.7, 0.3] }\n"))
	if err != nil {
		t.Fatal(err)
	}
	files["base"] = f
	for name, f := range files {
		h := f.Hash()
		if len(h) != 64 {
			t.Errorf("%s: hash %q is not hex SHA-256", name, h)
		}
		for _, commented := range []bool{false, true} {
			g := reload(t, f, commented)
			if g.Hash() != h {
				t.Errorf("%s (commented %t): hash changed by a round trip", name, commented)
			}
		}
		var b1, b2 bytes.Buffer
		f.WriteTOML(&b1, false)
		reload(t, f, false).WriteTOML(&b2, false)
		if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
			t.Errorf("%s: canonical encoding not a fixed point", name)
		}
	}
}

// otherLayout is the config of TestHashIgnoresLayout, written otherwise.
const otherLayout = `# The same, written otherwise.
state = [
  { burden = 0.0212, name = "Germany", economy = 4.66, position = [13.4, 52.52], claims = { Poland = 0.2, Ukraine = 1e-1 }, strategy = "balance", nuclear = false },
  { name = "Ukraine", economy = 1.9e-1, burden = 0.34, position = [30.52, 50.45], projection = 0.0 },
  # the third state
  { position = [ 21.01, 52.23 ], name = 'Poland', burden = 0.0412, economy = 0.915 },
]

[[guarantee]]
"protégés" = ["Ukraine", "Poland"]
kind = "treaty"
guarantors = ["Germany"]
name = "G"
start = 0

[model]
gamma = 1.5   # the default, written out

[simulation]
steps = 10
runs = 100
seed = 1
`

// TestHashIgnoresLayout loads the same config written differently: other key and table order,
// comments, blank lines, dotted and inline forms, defaults written out. All have one hash.
func TestHashIgnoresLayout(t *testing.T) {
	t.Parallel()
	a := `[simulation]
runs = 100
steps = 10

[[state]]
name = "Germany"
economy = 4.66
burden = 0.0212
position = [13.40, 52.52]
claims = { Ukraine = 0.1, Poland = 0.2 }

[[state]]
name = "Ukraine"
economy = 0.19
burden = 0.34
position = [30.52, 50.45]

[[state]]
name = "Poland"
economy = 0.915
burden = 0.0412
position = [21.01, 52.23]

[[guarantee]]
name = "G"
kind = "treaty"
guarantors = ["Germany"]
proteges = ["Ukraine", "Poland"]
`
	fa, err := Load("a.toml", []byte(a))
	if err != nil {
		t.Fatal(err)
	}
	fb, err := Load("b.toml", []byte(otherLayout))
	if err != nil {
		t.Fatal(err)
	}
	if fa.Hash() != fb.Hash() {
		var ba, bb bytes.Buffer
		fa.WriteTOML(&ba, false)
		fb.WriteTOML(&bb, false)
		t.Errorf("same config, different hashes:\n%s\n----\n%s", ba.String(), bb.String())
	}
}

func TestHashFollowsSet(t *testing.T) {
	t.Parallel()
	f, err := Load("x.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	h0 := f.Hash()
	if err := f.Set("model.gamma", "2"); err != nil {
		t.Fatal(err)
	}
	h1 := f.Hash()
	if h1 == h0 {
		t.Errorf("Set did not change the hash")
	}
	if reload(t, f, false).Hash() != h1 {
		t.Errorf("a Set value did not survive a round trip")
	}
	if err := f.Set("model.gamma", "1.5"); err != nil {
		t.Fatal(err)
	}
	if f.Hash() != h0 {
		t.Errorf("setting the default back did not restore the hash")
	}
}

func TestWriteTOMLCommented(t *testing.T) {
	t.Parallel()
	f, err := Scenario("europe-2025")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.WriteTOML(&b, true); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// Every global parameter is documented: its doc, default and range on the line above it.
	lines := strings.Split(out, "\n")
	for _, p := range paramLeaves() {
		key := p.path[strings.LastIndex(p.path, ".")+1:]
		found := false
		for i := 1; i < len(lines); i++ {
			if strings.HasPrefix(lines[i], key+" = ") && strings.HasPrefix(lines[i-1], "# ") && strings.Contains(lines[i-1], "Default: ") {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: not written with a comment giving its default", p.path)
		}
	}
	for _, want := range []string{
		"# europe-2025: Europe today", // the scenario's own header
		"IMF World Economic Outlook",  // its sources
		"allowed: 0.005 to 0.4",       // a state's burden range
		"balance, bandwagon, buckpass, fixed, freeride",
		`"state.Germany.strategy" = { dist = "categorical"`, // an example of [uncertainty]
	} {
		if !strings.Contains(out, want) {
			t.Errorf("commented config lacks %q", want)
		}
	}
}

// oddNames is a config whose names need quoting as TOML keys and in dotted paths.
const oddNames = `[[state]]
name = "St. Kitts"
economy = 0.001
burden = 0.01
position = [-62.7, 17.3]

[[state]]
name = 'Quote"d \ back'
economy = 5e-324
burden = 0.4
position = [0, -90]
claims = { "St. Kitts" = 1e-300 }

[[state]]
name = "Ünïcödé 東京"
economy = 1
burden = 0.005
position = [180, 90]
client_of = "St. Kitts"

[[guarantee]]
name = "a.b"
kind = "informal"
members = ["St. Kitts", 'Quote"d \ back', "Ünïcödé 東京"]
tripwire = true

[uncertainty]
'state."St. Kitts".economy' = { dist = "lognormal", mu = -7, sigma = 1 }
'state.Quote"d \ back.claims.St. Kitts' = { dist = "beta", alpha = 1, beta = 9 }
'guarantee."a.b".stake' = { dist = "triangular", min = 0, mode = 0, max = 1 }
`

// TestOddNames round-trips names that need quoting as TOML keys and in dotted paths.
func TestOddNames(t *testing.T) {
	t.Parallel()
	f, err := Load("odd.toml", []byte(oddNames))
	if err != nil {
		t.Fatal(err)
	}
	for _, commented := range []bool{false, true} {
		if g := reload(t, f, commented); g.Hash() != f.Hash() {
			t.Errorf("hash changed by a round trip (commented %t)", commented)
		}
	}
	for _, kv := range [][2]string{
		{`state."St. Kitts".burden`, "0.02"}, {"state.St. Kitts.burden", "0.03"},
		{`guarantee."a.b".w`, "0.5"}, {`state.Ünïcödé 東京.claims.St. Kitts`, "0.5"},
	} {
		if err := f.Set(kv[0], kv[1]); err != nil {
			t.Errorf("Set(%s): %v", kv[0], err)
		}
	}
	if _, err := f.Spec(); err != nil {
		t.Fatal(err)
	}
	if g := reload(t, f, false); g.Hash() != f.Hash() {
		t.Errorf("hash changed by a round trip after Set")
	}
}
