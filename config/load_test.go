package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// base is a small valid config; the broken configs of TestLoadErrors change it.
const base = `[simulation]
runs = 100
steps = 10

[[state]]
name = "Russia"
economy = 2.16
burden = 0.071
position = [37.62, 55.76]
nuclear = true
claims = { Ukraine = 0.8 }

[[state]]
name = "Ukraine"
economy = 0.19
burden = 0.34
position = [30.52, 50.45]

[[state]]
name = "United Kingdom"
economy = 3.64
burden = 0.0233
position = [-0.13, 51.51]

[[guarantee]]
name = "G7"
kind = "agreement"
guarantors = ["United Kingdom"]
proteges = ["Ukraine"]
`

// two is a config of two states and nothing else, for tests that add their own tables.
const two = `[[state]]
name = "Germany"
economy = 4.66
burden = 0.0212
position = [13.40, 52.52]

[[state]]
name = "Ukraine"
economy = 0.19
burden = 0.34
position = [30.52, 50.45]
`

// edit returns base with old replaced by new, once; it fails the test when old is absent, so
// that a case cannot silently test the unbroken base.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(base, old) {
		t.Fatalf("base has no %q", old)
	}
	return strings.Replace(base, old, new, 1)
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		name string
		src  func(t *testing.T) string
		want string // the whole error text, one line per fault
	}{
		// Keys that do not fit the schema.
		{"unknown key", func(*testing.T) string { return "[simulation]\nrnus = 5\n" + two },
			`x.toml:2: simulation.rnus: unknown key (did you mean "runs"?)`},
		{"unknown table", func(*testing.T) string { return "[simulaton]\nruns = 5\n" + two },
			`x.toml:1: simulaton: unknown table (did you mean "simulation"?)`},
		{"key in the wrong case", func(*testing.T) string { return "[simulation]\nRuns = 5\n" + two },
			`x.toml:2: simulation.Runs: unknown key (did you mean "runs"?)`},
		{"unknown key in a state", func(t *testing.T) string {
			return edit(t, `name = "Ukraine"`, "name = \"Ukraine\"\nstratgey = \"balance\"")
		},
			`x.toml:15: state.Ukraine.stratgey: unknown key (did you mean "strategy"?)`},
		{"unknown key without a near one", func(t *testing.T) string { return edit(t, `name = "Ukraine"`, "name = \"Ukraine\"\ncolour = \"blue\"") },
			`x.toml:15: state.Ukraine.colour: unknown key (allowed: name, economy, burden, power, growth, position, projection, nuclear, revisionism, claims, strategy, will, client_of)`},
		{"unknown key in an inline table", func(t *testing.T) string {
			return edit(t, "position = [30.52, 50.45]", "position = [30.52, 50.45]\nwill = { alpah = 2 }")
		},
			`x.toml:18: state.Ukraine.will.alpah: unknown key (did you mean "alpha"?)`},
		{"unknown key in a kind", func(*testing.T) string { return two + "[kind.treaty]\nstkae = 0.4\n" },
			`x.toml:13: kind.treaty.stkae: unknown key (did you mean "stake"?)`},
		{"unknown top-level key", func(*testing.T) string { return "name = \"x\"\n" + two },
			`x.toml:1: name: unknown key (allowed: simulation, model, war, hybrid, honour, rep, intent, will, balance, bandwagon, buckpass, freeride, burden, kind, state, guarantee, uncertainty, sweep, factor, labels)`},

		// Wrong types.
		{"string for an integer", func(t *testing.T) string { return edit(t, "runs = 100", `runs = "1000"`) },
			`x.toml:2: simulation.runs: wrong type: have string "1000", want an integer`},
		{"float for an integer", func(t *testing.T) string { return edit(t, "runs = 100", `runs = 1e4`) },
			`x.toml:2: simulation.runs: wrong type: have float 10000.0, want an integer (write 10000)`},
		{"string for a number", func(t *testing.T) string { return edit(t, "economy = 0.19", `economy = "big"`) },
			`x.toml:15: state.Ukraine.economy: wrong type: have string "big", want a number`},
		{"integer for a boolean", func(t *testing.T) string { return edit(t, "nuclear = true", `nuclear = 1`) },
			`x.toml:10: state.Russia.nuclear: wrong type: have integer 1, want true or false`},
		{"table for an array of tables", func(*testing.T) string { return "[state]\nname = \"A\"\n" },
			`x.toml:1: state: wrong type: have a table, want tables [[state]]`},
		{"string for a position", func(t *testing.T) string { return edit(t, "position = [30.52, 50.45]", `position = "Kyiv"`) },
			`x.toml:17: state.Ukraine.position: wrong type: have string "Kyiv", want a list of numbers`},
		{"number for claims", func(t *testing.T) string { return edit(t, "claims = { Ukraine = 0.8 }", `claims = 0.8`) },
			`x.toml:11: state.Russia.claims: wrong type: have float 0.8, want a table`},
		{"number for a tripwire", func(*testing.T) string { return base + "tripwire = 3\n" },
			`x.toml:30: guarantee.G7.tripwire: wrong type: have integer 3, want true, false or a list of protégé names`},
		{"date for a seed", func(t *testing.T) string { return edit(t, "steps = 10", "seed = 2025-01-01") },
			`x.toml:3: simulation.seed: wrong type: have a date-time, want an integer`},

		// Missing required keys.
		{"missing economy", func(t *testing.T) string { return edit(t, "economy = 0.19\n", "") },
			`x.toml:13: state.Ukraine.economy: missing (required: E, GDP in trillion US$)`},
		{"missing name", func(t *testing.T) string { return edit(t, "name = \"Ukraine\"\n", "") },
			`x.toml:13: state.#2.name: missing (required: unique name)`},
		{"missing position", func(t *testing.T) string { return edit(t, "position = [30.52, 50.45]\n", "") },
			`x.toml:13: state.Ukraine.position: missing (required: [lon, lat] of its capital, degrees)`},
		{"missing guarantors", func(t *testing.T) string { return edit(t, "guarantors = [\"United Kingdom\"]\n", "") },
			`x.toml:25: guarantee.G7.guarantors: missing (required: the states that guarantee, with proteges; or members)`},

		// Values out of range.
		{"burden out of range", func(t *testing.T) string { return edit(t, "burden = 0.34", `burden = 1.5`) },
			`x.toml:16: state.Ukraine.burden: 1.5 is out of range (allowed: 0.005 to 0.4, model.burden_min to model.burden_max)`},
		{"zero economy", func(t *testing.T) string { return edit(t, "economy = 0.19", `economy = 0`) },
			`x.toml:15: state.Ukraine.economy: 0 is out of range (allowed: more than 0, up to 1000)`},
		{"negative economy", func(t *testing.T) string { return edit(t, "economy = 0.19", `economy = -1.0`) },
			`x.toml:15: state.Ukraine.economy: -1 is out of range (allowed: more than 0, up to 1000)`},
		{"nan", func(t *testing.T) string { return edit(t, "economy = 0.19", `economy = nan`) },
			`x.toml:15: state.Ukraine.economy: nan is not a number (allowed: more than 0, up to 1000)`},
		{"inf", func(*testing.T) string { return base + "[model]\ngamma = inf\n" },
			`x.toml:31: model.gamma: inf is out of range (allowed: more than 0, up to 20)`},
		{"zero runs", func(t *testing.T) string { return edit(t, "runs = 100", `runs = 0`) },
			`x.toml:2: simulation.runs: 0 is out of range (allowed: 1 to 10000000)`},
		{"absurd runs", func(t *testing.T) string { return edit(t, "runs = 100", `runs = 100_000_000`) },
			`x.toml:2: simulation.runs: 100000000 is out of range (allowed: 1 to 10000000)`},
		{"absurd steps", func(t *testing.T) string { return edit(t, "steps = 10", `steps = 5000`) },
			`x.toml:3: simulation.steps: 5000 is out of range (allowed: 1 to 1000)`},
		{"negative seed", func(t *testing.T) string { return edit(t, "steps = 10", `seed = -1`) },
			`x.toml:3: simulation.seed: -1 is out of range (allowed: 0 or more)`},
		{"seed beyond int64", func(t *testing.T) string { return edit(t, "steps = 10", `seed = 18446744073709551615`) },
			`x.toml:3: invalid TOML: 18446744073709551615 is out of range for int64`},
		{"latitude out of range", func(t *testing.T) string { return edit(t, "position = [30.52, 50.45]", "position = [30.52, 100]") },
			`x.toml:17: state.Ukraine.position: latitude 100 is out of range (allowed: -90 to 90)`},
		{"three coordinates", func(t *testing.T) string { return edit(t, "position = [30.52, 50.45]", "position = [30.52, 50.45, 1]") },
			`x.toml:17: state.Ukraine.position: have 3 numbers, want 2: [lon, lat] of its capital, degrees`},
		{"projection out of range", func(t *testing.T) string {
			return edit(t, "position = [30.52, 50.45]", "position = [30.52, 50.45]\nprojection = 1.5")
		},
			`x.toml:18: state.Ukraine.projection: 1.5 is out of range (allowed: 0 to 1)`},
		{"zero will", func(t *testing.T) string {
			return edit(t, "position = [30.52, 50.45]", "position = [30.52, 50.45]\nwill = { alpha = 0 }")
		},
			`x.toml:18: state.Ukraine.will.alpha: 0 is out of range (allowed: more than 0, up to 1000)`},
		{"negative start", func(*testing.T) string { return base + "start = -1\n" },
			`x.toml:30: guarantee.G7.start: -1 is out of range (allowed: 0 to 1000)`},
		{"term out of range", func(*testing.T) string { return base + "stake = 1.2\n" },
			`x.toml:30: guarantee.G7.stake: 1.2 is out of range (allowed: 0 to 1)`},
		{"empty burden range", func(*testing.T) string { return base + "[model]\nburden_min = 0.3\nburden_max = 0.2\n" },
			`x.toml:32: model.burden_max: 0.2 is not above model.burden_min = 0.3 (allowed: more than model.burden_min, up to 1)`},
		{"steady state impossible", func(t *testing.T) string {
			return edit(t, "position = [30.52, 50.45]", "position = [30.52, 50.45]\ngrowth = -0.2")
		},
			`x.toml:18: state.Ukraine.growth: steady-state power needs growth + model.delta > 0, have -0.2 + 0.1 (allowed: give power, or a higher growth)`},

		// Empty and undecodable documents.
		{"empty file", func(*testing.T) string { return "" },
			`x.toml: no states (a config needs at least one [[state]] table)`},
		{"only comments", func(*testing.T) string { return "# nothing here\n\n" },
			`x.toml: no states (a config needs at least one [[state]] table)`},
		{"binary junk", func(*testing.T) string { return "\x00\x01\x02binary\xff\xfe" },
			`x.toml:1: invalid TOML: files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8`},
		{"syntax error", func(*testing.T) string { return two + "seed = 42 43\n" },
			`x.toml:12: invalid TOML: expected a top-level item to end with a newline, comment, or EOF, but got '4' instead`},
		{"duplicate key", func(t *testing.T) string { return edit(t, "runs = 100", "runs = 100\nruns = 200") },
			`x.toml:3: invalid TOML: Key 'simulation.runs' has already been defined.`},

		// Names that do not resolve.
		{"duplicate state", func(*testing.T) string {
			return base + "\n[[state]]\nname = \"Ukraine\"\neconomy = 1\nburden = 0.1\nposition = [0, 0]\n"
		},
			`x.toml:32: state.Ukraine.name: duplicate state "Ukraine" (also the name of state #2, line 13)`},
		{"duplicate guarantee", func(*testing.T) string {
			return base + "\n[[guarantee]]\nname = \"G7\"\nkind = \"informal\"\nguarantors = [\"Russia\"]\nproteges = [\"Ukraine\"]\n"
		}, `x.toml:32: guarantee.G7.name: duplicate guarantee "G7" (also the name of guarantee #1, line 25)`},
		{"unknown guarantor", func(t *testing.T) string {
			return edit(t, `guarantors = ["United Kingdom"]`, `guarantors = ["Untied Kingdom"]`)
		},
			`x.toml:28: guarantee.G7.guarantors: unknown state "Untied Kingdom" (did you mean "United Kingdom"?)`},
		{"guaranteeing itself", func(t *testing.T) string {
			return edit(t, `guarantors = ["United Kingdom"]`, `guarantors = ["United Kingdom", "Ukraine"]`)
		}, `x.toml:29: guarantee.G7.proteges: "Ukraine" cannot guarantee itself (it is also among the guarantors)`},
		{"listed twice", func(t *testing.T) string {
			return edit(t, `proteges = ["Ukraine"]`, `proteges = ["Ukraine", "Ukraine"]`)
		},
			`x.toml:29: guarantee.G7.proteges: "Ukraine" is listed twice`},
		{"tripwire on a non-protégé", func(*testing.T) string { return base + "tripwire = [\"Russia\"]\n" },
			`x.toml:30: guarantee.G7.tripwire: "Russia" is not a protégé of G7 (allowed: "Ukraine")`},
		{"members and guarantors", func(*testing.T) string { return base + "members = [\"Russia\", \"Ukraine\"]\n" },
			`x.toml:30: guarantee.G7.members: give members, or guarantors and proteges, not both`},
		{"one member", func(*testing.T) string {
			return two + "[[guarantee]]\nname = \"A\"\nkind = \"alliance\"\nmembers = [\"Germany\"]\n"
		},
			`x.toml:15: guarantee.A.members: 1 members, want at least 2 (allowed: a list of states that each guarantee every other)`},
		{"both spellings of protégés", func(*testing.T) string { return base + "\"protégés\" = [\"Ukraine\"]\n" },
			`x.toml:30: guarantee.G7.protégés: give proteges or protégés, not both`},
		{"unknown claim target", func(t *testing.T) string { return edit(t, "claims = { Ukraine = 0.8 }", "claims = { Ukrane = 0.8 }") },
			`x.toml:11: state.Russia.claims.Ukrane: unknown state "Ukrane" (did you mean "Ukraine"?)`},
		{"claim on itself", func(t *testing.T) string { return edit(t, "claims = { Ukraine = 0.8 }", "claims = { Russia = 0.8 }") },
			`x.toml:11: state.Russia.claims.Russia: a state cannot claim itself (allowed: the names of other states)`},
		{"claim out of range", func(t *testing.T) string { return edit(t, "claims = { Ukraine = 0.8 }", "claims = { Ukraine = 8 }") },
			`x.toml:11: state.Russia.claims.Ukraine: 8 is out of range (allowed: 0 to 1)`},
		{"client of itself", func(t *testing.T) string { return edit(t, "nuclear = true", "nuclear = true\nclient_of = \"Russia\"") },
			`x.toml:11: state.Russia.client_of: a state cannot be its own client (allowed: the name of another state)`},
		{"client of an unknown state", func(t *testing.T) string { return edit(t, "nuclear = true", "nuclear = true\nclient_of = \"Belarus\"") },
			`x.toml:11: state.Russia.client_of: unknown state "Belarus"`},
		{"client of a client", func(t *testing.T) string {
			return edit(t, "position = [30.52, 50.45]", "position = [30.52, 50.45]\nclient_of = \"Russia\"") +
				"\n[[state]]\nname = \"Belarus\"\neconomy = 0.072\nburden = 0.015\nposition = [27.56, 53.90]\nclient_of = \"Ukraine\"\n"
		}, `x.toml:37: state.Belarus.client_of: "Ukraine" is itself a client of "Russia" (allowed: a state that is no one's client)`},
		{"unknown focus", func(t *testing.T) string { return edit(t, "steps = 10", "focus = \"Ukrain\"") },
			`x.toml:3: simulation.focus: unknown state "Ukrain" (did you mean "Ukraine"?)`},
		{"aid above 1", func(*testing.T) string {
			return base + "aid = 0.7\n\n[[guarantee]]\nname = \"G8\"\nkind = \"informal\"\nguarantors = [\"United Kingdom\"]\nproteges = [\"Ukraine\"]\naid = 0.5\n"
		}, `x.toml:37: guarantee.G8.aid: the aid shares "United Kingdom" gives sum to 1.2 (G7 0.7 + G8 0.5) (allowed: at most 1 in total per guarantor)`},

		// Unknown names of enumerations.
		{"unknown strategy", func(t *testing.T) string { return edit(t, "nuclear = true", "nuclear = true\nstrategy = \"balanse\"") },
			`x.toml:11: state.Russia.strategy: unknown strategy "balanse" (allowed: balance, bandwagon, buckpass, fixed, freeride)`},
		{"unknown kind", func(t *testing.T) string { return edit(t, `kind = "agreement"`, `kind = "aliance"`) },
			`x.toml:27: guarantee.G7.kind: unknown kind "aliance" (allowed: alliance, treaty, agreement, informal, assurance)`},
		{"unknown trigger", func(*testing.T) string { return base + "trigger = \"amred\"\n" },
			`x.toml:30: guarantee.G7.trigger: unknown trigger "amred" (allowed: armed, any)`},
		{"unknown response in a kind", func(*testing.T) string { return base + "[kind.alliance]\nresponse = \"fihgt\"\n" },
			`x.toml:31: kind.alliance.response: unknown response "fihgt" (allowed: fight, arms, sanctions)`},

		// Per-run uncertainty.
		{"unknown dist", func(*testing.T) string {
			return base + "[uncertainty]\n\"model.gamma\" = { dist = \"gauss\", mu = 1, sigma = 2 }\n"
		},
			`x.toml:31: uncertainty."model.gamma".dist: unknown dist "gauss" (allowed: beta, categorical, lognormal, normal, triangular, uniform)`},
		{"beta alpha 0", func(*testing.T) string {
			return base + "[uncertainty]\n\"model.gamma\" = { dist = \"beta\", alpha = 0, beta = 2 }\n"
		},
			`x.toml:31: uncertainty."model.gamma".alpha: 0 is out of range (allowed: more than 0)`},
		{"uniform min above max", func(*testing.T) string {
			return base + "[uncertainty]\n\"model.gamma\" = { dist = \"uniform\", min = 2, max = 1 }\n"
		},
			`x.toml:31: uncertainty."model.gamma".max: 1 is not above min = 2 (allowed: more than min)`},
		{"normal sigma 0", func(*testing.T) string {
			return base + "[uncertainty]\n\"model.gamma\" = { dist = \"normal\", mu = 1.5, sigma = 0 }\n"
		},
			`x.toml:31: uncertainty."model.gamma".sigma: 0 is out of range (allowed: more than 0)`},
		{"triangular mode outside", func(*testing.T) string {
			return base + "[uncertainty]\n\"model.gamma\" = { dist = \"triangular\", min = 1, mode = 3, max = 2 }\n"
		}, `x.toml:31: uncertainty."model.gamma".mode: 3 is out of range (allowed: min to max, 1 to 2)`},
		{"missing parameter", func(*testing.T) string {
			return base + "[uncertainty]\n\"model.gamma\" = { dist = \"uniform\", min = 1 }\n"
		},
			`x.toml:31: uncertainty."model.gamma".max: missing (uniform needs min and max)`},
		{"parameter of another dist", func(*testing.T) string {
			return base + "[uncertainty]\n\"model.gamma\" = { dist = \"lognormal\", mu = 0, sigma = 1, alpha = 2 }\n"
		}, `x.toml:31: uncertainty."model.gamma".alpha: not a parameter of lognormal (allowed: mu, sigma)`},
		{"infinite parameter", func(*testing.T) string {
			return base + "[uncertainty]\n\"model.gamma\" = { dist = \"uniform\", min = 1, max = inf }\n"
		},
			`x.toml:31: uncertainty."model.gamma".max: inf is not a finite number (allowed: any finite number)`},
		{"weights not matching values", func(*testing.T) string {
			return base + "[uncertainty]\n\"state.Ukraine.strategy\" = { dist = \"categorical\", values = [\"balance\", \"buckpass\"], weights = [1] }\n"
		}, `x.toml:31: uncertainty."state.Ukraine.strategy".weights: 1 weights for 2 values (allowed: one weight per value)`},
		{"negative weight", func(*testing.T) string {
			return base + "[uncertainty]\n\"state.Ukraine.strategy\" = { dist = \"categorical\", values = [\"balance\", \"buckpass\"], weights = [1, -1] }\n"
		}, `x.toml:31: uncertainty."state.Ukraine.strategy".weights: weight -1 is out of range (allowed: 0 or more, finite)`},
		{"weights summing to 0", func(*testing.T) string {
			return base + "[uncertainty]\n\"state.Ukraine.strategy\" = { dist = \"categorical\", values = [\"balance\", \"buckpass\"], weights = [0, 0] }\n"
		}, `x.toml:31: uncertainty."state.Ukraine.strategy".weights: the weights sum to 0 (allowed: a positive finite sum)`},
		{"unknown categorical value", func(*testing.T) string {
			return base + "[uncertainty]\n\"state.Ukraine.strategy\" = { dist = \"categorical\", values = [\"balance\", \"bukpass\"] }\n"
		}, `x.toml:31: uncertainty."state.Ukraine.strategy".values: unknown strategy "bukpass" (allowed: balance, bandwagon, buckpass, fixed, freeride)`},
		{"unknown path", func(*testing.T) string {
			return base + "[uncertainty]\n\"model.gama\" = { dist = \"uniform\", min = 1, max = 2 }\n"
		},
			`x.toml:31: uncertainty."model.gama": unknown path (did you mean "model.gamma"?)`},
		{"unknown state in a path", func(*testing.T) string {
			return base + "[uncertainty]\n\"state.Rusia.claims.Ukraine\" = { dist = \"beta\", alpha = 8, beta = 2 }\n"
		}, `x.toml:31: uncertainty."state.Rusia.claims.Ukraine": unknown state "Rusia" (did you mean "Russia"?)`},
		{"categorical over a number", func(*testing.T) string {
			return base + "[uncertainty]\n\"model.gamma\" = { dist = \"categorical\", values = [\"1\", \"2\"] }\n"
		}, `x.toml:31: uncertainty."model.gamma": categorical draws a choice, and model.gamma is a number (allowed: uniform, normal, beta, lognormal, triangular)`},
		{"number over a choice", func(*testing.T) string {
			return base + "[uncertainty]\n\"state.Ukraine.strategy\" = { dist = \"uniform\", min = 1, max = 2 }\n"
		}, `x.toml:31: uncertainty."state.Ukraine.strategy": state.Ukraine.strategy is a strategy, not a number: draw it with categorical (allowed: values = ["balance", "bandwagon", "buckpass", "fixed", "freeride"])`},
		{"one value drawn twice", func(*testing.T) string {
			return base + "[uncertainty]\n\"state.United Kingdom.economy\" = { dist = \"uniform\", min = 1, max = 2 }\n" +
				"'state.\"United Kingdom\".economy' = { dist = \"uniform\", min = 1, max = 3 }\n"
		}, `x.toml:31: uncertainty."state.United Kingdom.economy": draws state.United Kingdom.economy, as "state.\"United Kingdom\".economy" does (allowed: one entry per value)`},
		{"uncertain run count", func(*testing.T) string {
			return base + "[uncertainty]\n\"simulation.runs\" = { dist = \"uniform\", min = 1, max = 2 }\n"
		}, `x.toml:31: uncertainty."simulation.runs": simulation.runs cannot vary per run (allowed: the paths of model parameters, states and guarantees)`},

		// Every fault at once, in source order.
		{"several faults", func(t *testing.T) string {
			s := edit(t, "runs = 100", "runs = 0")
			s = strings.Replace(s, "burden = 0.34", "burden = 0.5", 1)
			return strings.Replace(s, `guarantors = ["United Kingdom"]`, `guarantors = ["UK"]`, 1)
		}, `x.toml:2: simulation.runs: 0 is out of range (allowed: 1 to 10000000)
x.toml:16: state.Ukraine.burden: 0.5 is out of range (allowed: 0.005 to 0.4, model.burden_min to model.burden_max)
x.toml:28: guarantee.G7.guarantors: unknown state "UK"`},
	} {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			f, err := Load("x.toml", []byte(test.src(t)))
			if err == nil {
				t.Fatalf("loaded a broken config: %+v", f.Simulation)
			}
			if got := err.Error(); got != test.want {
				t.Errorf("error:\n got %s\nwant %s", got, test.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error %T is not an *Error", err)
			}
		})
	}
}

// TestLoadBadFiles loads the broken files of testdata/bad: each error names the file and, but
// for an empty file, the line.
func TestLoadBadFiles(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"empty.toml": `testdata/bad/empty.toml: no states (a config needs at least one [[state]] table)`,
		"europe-typos.toml": `testdata/bad/europe-typos.toml:4: simulation.runs: 0 is out of range (allowed: 1 to 10000000)
testdata/bad/europe-typos.toml:5: simulation.focus: unknown state "Ukrane" (did you mean "Ukraine"?)
testdata/bad/europe-typos.toml:12: state.United Kingdom.strategy: unknown strategy "buckpas" (allowed: balance, bandwagon, buckpass, fixed, freeride)
testdata/bad/europe-typos.toml:17: state.Germany.burden: 1.5 is out of range (allowed: 0.005 to 0.4, model.burden_min to model.burden_max)
testdata/bad/europe-typos.toml:22: state.Ukraine.economy: -0.19 is out of range (allowed: more than 0, up to 1000)
testdata/bad/europe-typos.toml:31: state.Russia.claims.Ukrania: unknown state "Ukrania" (did you mean "Ukraine"?)
testdata/bad/europe-typos.toml:36: guarantee.G7.guarantors: unknown state "Untied Kingdom" (did you mean "United Kingdom"?)
testdata/bad/europe-typos.toml:38: guarantee.G7.tripwire: "Germany" is not a protégé of G7 (allowed: "Ukraine")`,
		"junk.toml": `testdata/bad/junk.toml:1: invalid TOML: invalid UTF-8 byte: 0x89`,
		"uncertainty.toml": `testdata/bad/uncertainty.toml:8: uncertainty."model.gama": unknown path (did you mean "model.gamma"?)
testdata/bad/uncertainty.toml:9: uncertainty."model.s".dist: unknown dist "gauss" (allowed: beta, categorical, lognormal, normal, triangular, uniform)
testdata/bad/uncertainty.toml:10: uncertainty."state.Germany.strategy".weights: 1 weights for 2 values (allowed: one weight per value)
testdata/bad/uncertainty.toml:11: uncertainty."state.Germany.economy": categorical draws a choice, and state.Germany.economy is a number (allowed: uniform, normal, beta, lognormal, triangular)
testdata/bad/uncertainty.toml:12: uncertainty."war.cost".min: not a parameter of beta (allowed: alpha, beta)
testdata/bad/uncertainty.toml:12: uncertainty."war.cost".alpha: -1 is out of range (allowed: more than 0)`,
		"sweep.toml": `testdata/bad/sweep.toml:8: sweep[1].path: unknown path "rep.int" (did you mean "rep.init"?)
testdata/bad/sweep.toml:14: sweep[2].values: unknown strategy "balanse" (allowed: balance, bandwagon, buckpass, fixed, freeride)
testdata/bad/sweep.toml:16: sweep[3]: 3 sweeps are too many (allowed: at most 2, the axes of a line or a heatmap)
testdata/bad/sweep.toml:16: sweep[3].n: missing (required with range: how many numbers, 1 to 1000)`,
		"unknown-keys.toml": `testdata/bad/unknown-keys.toml:3: simulation.rnus: unknown key (did you mean "runs"?)
testdata/bad/unknown-keys.toml:6: modle: unknown table (did you mean "model"?)
testdata/bad/unknown-keys.toml:14: state.Germany.stratgey: unknown key (did you mean "strategy"?)
testdata/bad/unknown-keys.toml:15: state.Germany.will.alpah: unknown key (did you mean "alpha"?)`,
		"wrong-types.toml": `testdata/bad/wrong-types.toml:2: simulation.runs: wrong type: have string "1000", want an integer
testdata/bad/wrong-types.toml:3: simulation.seed: wrong type: have float 1.0, want an integer (write 1)
testdata/bad/wrong-types.toml:7: state.Germany.economy: wrong type: have string "4.66", want a number
testdata/bad/wrong-types.toml:9: state.Germany.position: wrong type: have string "52.52", want a number
testdata/bad/wrong-types.toml:10: state.Germany.nuclear: wrong type: have string "no", want true or false`,
	}
	files, err := filepath.Glob("testdata/bad/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(want) {
		t.Errorf("%d files in testdata/bad, %d expected errors", len(files), len(want))
	}
	for _, path := range files {
		_, err := LoadFile(path)
		if err == nil {
			t.Errorf("%s loaded", path)
			continue
		}
		if got, w := err.Error(), want[filepath.Base(path)]; got != w {
			t.Errorf("%s:\n got %s\nwant %s", path, got, w)
		}
	}
}

func TestLoadAccepts(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		name, src string
	}{
		{"byte-order mark", "\uFEFF" + base},
		{"protégés quoted", strings.Replace(base, "proteges", `"protégés"`, 1)},
		{"protégés bare", strings.Replace(base, "proteges", "protégés", 1)},
		{"protégés bare in an inline table", "guarantee = [{ name = \"A\", kind = \"treaty\", guarantors = [\"Germany\"], protégés = [\"Ukraine\"] }]\n" + two},
		{"dotted keys", "simulation.runs = 5\n" + two},
		{"CRLF line ends", strings.ReplaceAll(base, "\n", "\r\n")},
	} {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			f, err := Load("x.toml", []byte(test.src))
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range f.Guarantees {
				if len(g.Proteges) == 0 {
					t.Errorf("guarantee %s: no protégés", g.Name)
				}
			}
		})
	}
}

// TestProtegesSpelling checks that errors name the protégés key as the source spelled it.
func TestProtegesSpelling(t *testing.T) {
	t.Parallel()
	src := strings.Replace(base, `proteges = ["Ukraine"]`, `protégés = ["Ukrane"]`, 1)
	_, err := Load("x.toml", []byte(src))
	want := `x.toml:29: guarantee.G7.protégés: unknown state "Ukrane" (did you mean "Ukraine"?)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestKeyLines checks the scan for key lines on the forms of TOML it must see through.
func TestKeyLines(t *testing.T) {
	t.Parallel()
	src := `# comment with [brackets] and key = "value"
title = """
[[state]]
name = "not a state"
"""
literal = '''
[fake]'''
[[state]]
name = "A"
will.alpha = 2
claims = { "B C" = 0.5,
           D = 0.1 }   # TOML 1.1 allows a newline in an inline table
[state.extra]
x = 1

[[state]]
'quoted key' = [1, [2, 3], "]"]
guarantee = [ { name = "g" }, { name = "h",
  kind = "treaty" } ]
`
	lines := keyLines(src)
	for _, test := range []struct {
		loc  []string
		want int
	}{
		{loc("title"), 2},
		{loc("literal"), 6},
		{loc("state", "0"), 8},
		{loc("state", "0", "name"), 9},
		{loc("state", "0", "will"), 10},
		{loc("state", "0", "will", "alpha"), 10},
		{loc("state", "0", "claims", "B C"), 11},
		{loc("state", "0", "claims", "D"), 12},
		{loc("state", "0", "extra"), 13},
		{loc("state", "0", "extra", "x"), 14},
		{loc("state", "1"), 16},
		{loc("state", "1", "quoted key"), 17},
		{loc("state", "1", "guarantee", "1", "kind"), 19},
	} {
		if got := lines[locKey(test.loc)]; got != test.want {
			t.Errorf("line of %q = %d, want %d", test.loc, got, test.want)
		}
	}
	if _, ok := lines[locKey(loc("state", "2"))]; ok {
		t.Errorf("a header inside a multi-line string was taken for a table")
	}
}

// TestTOMLError checks the conversion of the TOML library's own errors, should its struct
// decoding ever be used: a type mismatch is not a ParseError, but it has a line and a key.
func TestTOMLError(t *testing.T) {
	t.Parallel()
	var v struct{ Runs int }
	_, err := toml.Decode("\nRuns = \"1000\"\n", &v)
	if err == nil {
		t.Fatal("no error")
	}
	want := `x.toml:2: Runs: incompatible types: TOML value has type string; destination has type integer`
	if got := tomlError("x.toml", err).Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestLoadFileMissing(t *testing.T) {
	t.Parallel()
	_, err := LoadFile(filepath.Join(t.TempDir(), "nope.toml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want a not-exist error", err)
	}
}
