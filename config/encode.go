package config

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"

	"alliancesim/agents"
)

// WriteTOML writes f in its canonical encoding: tables in a fixed order ([simulation], the
// parameter tables in the order of agents.Params, [[state]] and [[guarantee]] in config
// order, [uncertainty] by path, [[sweep]] in config order), every global parameter written
// out, a state's or a guarantee's optional values only when given, map keys sorted, numbers in
// their shortest exact form. Loading the output gives a file with the same [File.Hash].
//
// With commented set, it writes the same values as a fully documented config, which `alliancesim
// init` prints: the leading comment of the source (a scenario's description of itself), then
// every parameter with its meaning, default and allowed range, and the keys of states,
// guarantees and distributions explained once before them.
func (f *File) WriteTOML(w io.Writer, commented bool) error {
	e := &encoder{commented: commented}
	e.file(f)
	_, err := w.Write(e.buf.Bytes())
	return err
}

// Hash returns the hex SHA-256 of the canonical encoding of f (see [File.WriteTOML]): after
// defaults and Set, independent of the comments, whitespace and key order of the source.
func (f *File) Hash() string {
	var b bytes.Buffer
	_ = f.WriteTOML(&b, false) // a bytes.Buffer does not fail
	sum := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(sum[:])
}

type encoder struct {
	buf       bytes.Buffer
	commented bool
}

func (e *encoder) printf(format string, args ...any) { fmt.Fprintf(&e.buf, format, args...) }

// comment writes text as comment lines, when commenting.
func (e *encoder) comment(text string) {
	if !e.commented {
		return
	}
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\n")
		if line == "" {
			e.buf.WriteString("#\n")
			continue
		}
		e.printf("# %s\n", line)
	}
}

// blank separates tables.
func (e *encoder) blank() {
	if e.buf.Len() > 0 {
		e.buf.WriteByte('\n')
	}
}

func (e *encoder) kv(key, value string) { e.printf("%s = %s\n", tomlKey(key), value) }

func (e *encoder) file(f *File) {
	if e.commented {
		if f.header != "" {
			e.buf.WriteString(f.header + "\n\n")
		}
		e.comment(intro)
	}
	e.simulation(f)
	e.params(f)
	e.states(f)
	e.guarantees(f)
	e.uncertainty(f)
	e.sweeps(f)
	e.factors(f)
	e.labels(f)
}

const intro = `An alliancesim configuration. Every value has a dotted path: its table and key
(simulation.runs, model.gamma, kind.agreement.aid, state.Germany.burden,
state.Russia.claims.Ukraine, guarantee.NATO.stake). The same paths serve --set path=value,
sweeps, and the keys of [uncertainty]. A key left out takes its default.`

func (e *encoder) simulation(f *File) {
	s := &f.Simulation
	e.blank()
	e.comment("What to run.")
	e.printf("[simulation]\n")
	docs := map[string]string{}
	for _, sf := range structFields(reflect.TypeFor[Simulation]()) {
		docs[sf.name] = capitalize(sf.doc)
	}
	e.comment(docs["name"] + `. Default: "" (the file's name).`)
	e.kv("name", tomlString(s.Name))
	e.comment(docs["description"] + ".")
	e.kv("description", tomlString(s.Description))
	e.comment(fmt.Sprintf("%s. Default: %d; allowed: %s.", docs["runs"], DefaultRuns, runsBounds()))
	e.kv("runs", strconv.Itoa(s.Runs))
	e.comment(fmt.Sprintf("%s. Default: %d; allowed: %s.", docs["steps"], DefaultSteps, stepsBounds()))
	e.kv("steps", strconv.Itoa(s.Steps))
	e.comment(fmt.Sprintf("%s. Default: %d; allowed: %s.", docs["seed"], DefaultSeed, seedBounds()))
	e.kv("seed", strconv.FormatInt(s.Seed, 10))
	if s.Focus != "" || e.commented {
		e.comment(docs["focus"] + `: the name of a [[state]]. Default: "" (none).`)
		e.kv("focus", tomlString(s.Focus))
	}
}

// tableDocs describes each table of global parameters.
func tableDocs() map[string]string {
	return map[string]string{
		"model":     "Economy, geography and decisions (docs/ODD.md sections 2 and 7.1-7.4).",
		"war":       "Armed conflict.",
		"hybrid":    "Hybrid (grey-zone) attacks and sanctions.",
		"honour":    "Coefficients of a guarantor's honour decision: h = logistic(a0 + aw*w + as*stake + at*tripwire\n+ ar*(rho - rho0) + ap*(will - mean will) - an*[nuclear aggressor] - ac*PA/(PA+PG) + ae*reach - ao*(n - 1)).",
		"rep":       "Reputation of guarantors, learned from honoured and abandoned commitments.",
		"intent":    "Perceived aggressiveness, learned from attacks.",
		"will":      "Beta prior of each state's political will to fight for others (a state's own will = { ... } overrides it).",
		"balance":   "The balancing strategy (Waltz, Walt).",
		"bandwagon": "The bandwagoning strategy (Walt): weak states with no ally available.",
		"buckpass":  "The buck-passing strategy (Mearsheimer; Christensen & Snyder).",
		"freeride":  "The free-riding strategy (Olson & Zeckhauser 1966).",
		"burden":    "Version 4's burden rule for allied states: partial adjustment towards a burden that answers the threat.",
	}
}

// kindDocs describes each kind of guarantee by its historical analogue.
func kindDocs() map[string]string {
	return map[string]string{
		"alliance":  "a multilateral defence pact, such as NATO's Article 5",
		"treaty":    "a bilateral defence treaty, such as US-Japan 1960",
		"agreement": "a security agreement with aid, such as the G7 agreements with Ukraine, 2024",
		"informal":  "an informal commitment, such as US-Israel or US-Taiwan",
		"assurance": "a paper assurance, such as the Budapest Memorandum, 1994",
	}
}

func (e *encoder) params(f *File) {
	def := agents.DefaultParams()
	table := ""
	for _, p := range paramLeaves() {
		if p.table != table {
			table = p.table
			e.blank()
			if doc, ok := tableDocs()[table]; ok {
				e.comment(doc)
			} else if kind, ok := strings.CutPrefix(table, "kind."); ok {
				e.comment(fmt.Sprintf("Default terms of a guarantee of kind %s: %s.", kind, kindDocs()[kind]))
			}
			e.printf("[%s]\n", table)
		}
		v := paramValue(&f.Params, p)
		d := paramValue(&def, p)
		b, _ := paramBounds(p.path)
		switch p.typ.Kind() {
		case reflect.Float64:
			e.comment(fmt.Sprintf("%s. Default: %s; allowed: %s.", capitalize(p.doc), fmtNum(d.Float()), b))
			e.kv(p.path[len(table)+1:], tomlFloat(v.Float()))
		case reflect.Bool:
			e.comment(fmt.Sprintf("%s. Default: %t.", capitalize(p.doc), d.Bool()))
			e.kv(p.path[len(table)+1:], strconv.FormatBool(v.Bool()))
		default:
			names := enumNames(p.typ)
			e.comment(fmt.Sprintf("%s: %s. Default: %s; allowed: %s.", p.typ.Name(), p.doc, enumName(names, d.Int()),
				strings.Join(names, ", ")))
			e.kv(p.path[len(table)+1:], tomlString(enumName(names, v.Int())))
		}
	}
}

func enumName(names []string, i int64) string {
	if i < 0 || i >= int64(len(names)) {
		return strconv.FormatInt(i, 10)
	}
	return names[i]
}

// capitalize starts a sentence of documentation with a capital, unless it starts with a
// symbol (b, share of E ...) or lists values (alliance | treaty | ...).
func capitalize(s string) string {
	if len(s) < 2 || s[1] == ',' || strings.Contains(s, " | ") {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// docTable formats the keys of a table kind as an aligned list for a comment.
func docTable(rows [][2]string) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-12s %s\n", r[0], r[1])
	}
	return b.String()
}

func (e *encoder) states(f *File) {
	if e.commented {
		docs := map[string]string{}
		for _, sf := range structFields(reflect.TypeFor[State]()) {
			docs[sf.name] = capitalize(sf.doc)
		}
		e.blank()
		e.comment("Each [[state]] is a state agent; their order is the order in which they decide. Keys:\n" + docTable([][2]string{
			{"name", docs["name"] + ". Required."},
			{"economy", docs["economy"] + ". Required; allowed: " + economyBounds().String() + "."},
			{"burden", docs["burden"] + ". Required; allowed: " + f.burdenBounds().String() + "."},
			{"power", docs["power"] + ". Allowed: " + powerBounds().String() + "."},
			{"growth", docs["growth"] + ". Allowed: " + growthBounds().String() + "."},
			{"position", docs["position"] + ". Required; lon -180 to 180, lat -90 to 90."},
			{"projection", docs["projection"] + ". Default: 0; allowed: 0 to 1."},
			{"nuclear", docs["nuclear"] + ". Default: false."},
			{"revisionism", docs["revisionism"] + ". Default: 0; allowed: 0 to 1."},
			{"claims", docs["claims"] + ". Default: none; each r 0 to 1."},
			{"strategy", docs["strategy"] + ". Default: " + DefaultStrategy + "; allowed: " + strings.Join(agents.StrategyNames(), ", ") + "."},
			{"will", docs["will"] + ". Allowed: " + willPriorBounds().String() + " each."},
			{"client_of", docs["client_of"] + ", a state that is no one's client. Default: none."},
		}))
	}
	for i := range f.States {
		s := &f.States[i]
		e.blank()
		e.printf("[[state]]\n")
		e.kv("name", tomlString(s.Name))
		e.kv("economy", tomlFloat(s.Economy))
		e.kv("burden", tomlFloat(s.Burden))
		if s.Power != nil {
			e.kv("power", tomlFloat(*s.Power))
		}
		if s.Growth != nil {
			e.kv("growth", tomlFloat(*s.Growth))
		}
		e.kv("position", tomlFloats(s.Position))
		e.kv("projection", tomlFloat(s.Projection))
		e.kv("nuclear", strconv.FormatBool(s.Nuclear))
		e.kv("revisionism", tomlFloat(s.Revisionism))
		if len(s.Claims) > 0 {
			var parts []string
			for _, t := range sortedKeys(s.Claims) {
				parts = append(parts, tomlKey(t)+" = "+tomlFloat(s.Claims[t]))
			}
			e.kv("claims", "{ "+strings.Join(parts, ", ")+" }")
		}
		strategy := s.Strategy
		if strategy == "" {
			strategy = DefaultStrategy
		}
		e.kv("strategy", tomlString(strategy))
		if s.Will != nil && (s.Will.Alpha != nil || s.Will.Beta != nil) {
			var parts []string
			if s.Will.Alpha != nil {
				parts = append(parts, "alpha = "+tomlFloat(*s.Will.Alpha))
			}
			if s.Will.Beta != nil {
				parts = append(parts, "beta = "+tomlFloat(*s.Will.Beta))
			}
			e.kv("will", "{ "+strings.Join(parts, ", ")+" }")
		}
		if s.ClientOf != "" {
			e.kv("client_of", tomlString(s.ClientOf))
		}
	}
}

func (e *encoder) guarantees(f *File) {
	if e.commented {
		docs := map[string]string{}
		for _, sf := range structFields(reflect.TypeFor[Guarantee]()) {
			docs[sf.name] = capitalize(sf.doc)
		}
		e.blank()
		e.comment("Each [[guarantee]] is a commitment of guarantors to protégés. Nobody guarantees itself. Keys:\n" + docTable([][2]string{
			{"name", docs["name"] + ". Required."},
			{"kind", docs["kind"] + ". Required; the kind's terms are in [kind.NAME]."},
			{"members", docs["members"] + "."},
			{"guarantors", docs["guarantors"] + "."},
			{"proteges", docs["proteges"] + `; also spelled "protégés".`},
			{"tripwire", docs["tripwire"] + ". Default: false."},
			{"start", docs["start"] + ". Default: 0; allowed: " + startBounds().String() + "."},
		}) + "Optional terms, each overriding its kind's:\n" + docTable([][2]string{
			{"w", docs["w"] + ", 0 to 1."},
			{"trigger", docs["trigger"] + "."},
			{"response", docs["response"] + "."},
			{"umbrella", docs["umbrella"] + "."},
			{"aid", docs["aid"] + ", 0 to 1; a guarantor's shares sum to at most 1."},
			{"stake", docs["stake"] + ", 0 to 1."},
		}))
	}
	for k := range f.Guarantees {
		g := &f.Guarantees[k]
		e.blank()
		e.printf("[[guarantee]]\n")
		e.kv("name", tomlString(g.Name))
		e.kv("kind", tomlString(g.Kind.String()))
		if g.Members != nil {
			e.kv("members", tomlStrings(g.Members))
		}
		if g.Guarantors != nil {
			e.kv("guarantors", tomlStrings(g.Guarantors))
		}
		if g.Proteges != nil {
			e.kv("proteges", tomlStrings(g.Proteges))
		}
		switch {
		case g.Tripwire.All:
			e.kv("tripwire", "true")
		case len(g.Tripwire.States) > 0:
			e.kv("tripwire", tomlStrings(g.Tripwire.States))
		}
		e.kv("start", strconv.Itoa(g.Start))
		if g.W != nil {
			e.kv("w", tomlFloat(*g.W))
		}
		if g.Trigger != nil {
			e.kv("trigger", tomlString(g.Trigger.String()))
		}
		if g.Response != nil {
			e.kv("response", tomlString(g.Response.String()))
		}
		if g.Umbrella != nil {
			e.kv("umbrella", strconv.FormatBool(*g.Umbrella))
		}
		if g.Aid != nil {
			e.kv("aid", tomlFloat(*g.Aid))
		}
		if g.Stake != nil {
			e.kv("stake", tomlFloat(*g.Stake))
		}
	}
}

const uncertaintyDoc = `Per-run uncertainty: each entry draws the value at its dotted path afresh at the start
of every run, from the run's own random stream, in the order of the paths. A draw outside the
field's range is clamped onto it; an integer field takes the rounded draw. Distributions:
  uniform      { dist = "uniform", min = a, max = b }                 a < b
  normal       { dist = "normal", mu = m, sigma = s }                 s > 0
  beta         { dist = "beta", alpha = a, beta = b }                 a, b > 0
  lognormal    { dist = "lognormal", mu = m, sigma = s }              of the underlying normal
  triangular   { dist = "triangular", min = a, mode = c, max = b }    a <= c <= b, a < b
  categorical  { dist = "categorical", values = [...], weights = [...] }
               for a strategy, a trigger, a response or a boolean ("false", "true");
               weights optional (equal by default), >= 0, not all 0.`

const uncertaintyExample = `For example:
[uncertainty]
"state.Russia.claims.Ukraine" = { dist = "beta", alpha = 8, beta = 2 }
"model.gamma" = { dist = "uniform", min = 1.0, max = 2.0 }
"state.Germany.strategy" = { dist = "categorical", values = ["buckpass", "balance"], weights = [0.7, 0.3] }`

func (e *encoder) uncertainty(f *File) {
	if len(f.Uncertainty) == 0 {
		if e.commented {
			e.blank()
			e.comment(uncertaintyDoc + "\n" + uncertaintyExample)
		}
		return
	}
	e.blank()
	e.comment(uncertaintyDoc)
	e.printf("[uncertainty]\n")
	for _, key := range sortedKeys(f.Uncertainty) {
		d := f.Uncertainty[key]
		e.kv(key, d.String())
	}
}

// tomlKey returns k as a TOML key: bare when it may be, quoted otherwise.
func tomlKey(k string) string {
	if k == "" {
		return `""`
	}
	for i := 0; i < len(k); i++ {
		if !isBare(k[i]) {
			return tomlString(k)
		}
	}
	return k
}

// tomlString returns s as a TOML basic string. Control characters, which TOML strings may not
// hold as they are, are escaped.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// tomlFloat returns v as a TOML float, in the shortest form that reads back exactly, with a
// decimal point when it would otherwise read as an integer.
func tomlFloat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmtNum(v)
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

func tomlFloats(vs []float64) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = tomlFloat(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func tomlStrings(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = tomlString(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
