package config

import (
	"strings"
	"testing"
)

// Every path of every built-in scenario has a built-in label, so that no axis is titled with
// a raw config path; a parameter added to agents.Params without one fails here.
func TestBuiltinLabels(t *testing.T) {
	for _, info := range Scenarios() {
		f, err := Scenario(info.Name)
		if err != nil {
			t.Fatal(err)
		}
		if l := f.Label(info.Name); l == info.Name {
			t.Errorf("scenario %s has no built-in label", info.Name)
		}
		for _, p := range f.Paths() {
			if l := f.Label(p); l == p || l == "" {
				t.Errorf("%s: %s has no built-in label", info.Name, p)
			}
		}
	}
}

func TestLabels(t *testing.T) {
	src := base + `
[labels]
"model.gamma" = "Decisiveness γ"
'state."United Kingdom".burden' = "UK burden — share of GDP"
focus_attacked = "Київ attacked"
`
	f, err := Load("labels.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, test := range []struct{ key, want string }{
		{"model.gamma", "Decisiveness γ"},
		{"state.United Kingdom.burden", "UK burden — share of GDP"}, // another spelling of the path
		{"focus_attacked", "Київ attacked"},
		{"focus_conquered", "Focus state conquered"}, // no focus in base
		{"state.Ukraine.burden", "Ukraine's defence burden (share of GDP)"},
		{"state.Russia.claims.Ukraine", "Russia's claim on Ukraine"},
		{"guarantee.G7.aid", "G7: aid (share of accrual)"},
		{"kind.alliance.w", "Alliance (kind): legal weight w"},
		{"no.such.key", "no.such.key"},
	} {
		if got := f.Label(test.key); got != test.want {
			t.Errorf("Label(%q) = %q, want %q", test.key, got, test.want)
		}
	}
	// The labels survive the canonical encoding, and take part in the hash.
	var b strings.Builder
	if err := f.WriteTOML(&b, false); err != nil {
		t.Fatal(err)
	}
	g, err := Load("again.toml", []byte(b.String()))
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if g.Hash() != f.Hash() || g.Label("model.gamma") != "Decisiveness γ" {
		t.Errorf("labels changed in the canonical encoding:\n%s", b.String())
	}
	plain, err := Load("plain.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if plain.Hash() == f.Hash() {
		t.Error("labels do not change the hash")
	}
	focus, err := Load("focus.toml", []byte(strings.Replace(base, "steps = 10", "steps = 10\nfocus = \"Ukraine\"", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if got := focus.Label("focus_conquered"); got != "Ukraine conquered" {
		t.Errorf("focus_conquered with a focus: %q", got)
	}
}

func TestLabelErrors(t *testing.T) {
	for _, test := range []struct{ table, want string }{
		{`gama = "x"`, `bad.toml:32: labels.gama: "gama" names no metric, parameter path or scenario (allowed: a metric: deterrence_failure,`},
		{`"model.gama" = "x"`, `labels."model.gama": "model.gama" names no metric, parameter path or scenario (did you mean "model.gamma"?)`},
		{`"model.gamma" = ""`, `bad.toml:32: labels."model.gamma": empty label (allowed: any printable text)`},
		{"\"model.gamma\" = \"a\\u0007\"", `holds control characters`},
		{`"state.Ukraine.burden" = "a"` + "\n" + `'state."Ukraine".burden' = "b"`, `: labels state.Ukraine.burden, as`},
		{`"model.gamma" = 3`, `labels."model.gamma": wrong type`},
	} {
		_, err := Load("bad.toml", []byte(base+"\n[labels]\n"+test.table+"\n"))
		if err == nil || !strings.Contains(err.Error(), test.want) {
			t.Errorf("%s: error %v, want one containing %q", test.table, err, test.want)
		}
	}
	_, err := Load("bad.toml", []byte(base+"\n[labels]\nnope = \"x\"\n"))
	if err == nil || !strings.Contains(err.Error(), "europe-2025") {
		t.Errorf("unknown key: the error does not list the scenarios: %v", err)
	}
}
