package config

import (
	"fmt"
	"slices"
	"strings"

	"alliancesim/sim"
)

// labelsDoc is the comment of the [labels] table in a documented config.
const labelsDoc = `Labels for charts: a parameter path, a metric or a scenario name = the text an axis, a
legend or a bar shows, with its unit. A key left out takes its built-in label, e.g.
"state.Germany.burden" is "Germany's defence burden (share of GDP)".`

// Label returns the human label of key for charts: the [labels] entry of f when it has one,
// else the built-in label of a metric (with the focus state named), of a built-in scenario or
// of a parameter path, else key itself. A path matches a [labels] entry however either is spelled.
func (f *File) Label(key string) string {
	if l, ok := f.Labels[key]; ok {
		return l
	}
	if m, ok := sim.LookupMetric(key); ok {
		return m.LabelFor(f.Simulation.Focus)
	}
	if l, ok := scenarioLabels[key]; ok {
		return l
	}
	fl, err := f.field(key)
	if err != nil {
		return key
	}
	for _, k := range sortedKeys(f.Labels) {
		if g, err := f.field(k); err == nil && g.path == fl.path {
			return f.Labels[k]
		}
	}
	if l := f.builtinLabel(fl.path); l != "" {
		return l
	}
	return key
}

// checkLabels reports [labels] keys that name nothing, two keys for one path, and labels that
// are empty or would not print.
func (f *File) checkLabels(r *report) {
	seen := map[string]string{}
	for _, key := range sortedKeys(f.Labels) {
		l, p := loc("labels", key), join("labels", key)
		if v := f.Labels[key]; v == "" {
			r.add(l, p, "empty label (allowed: any printable text)")
		} else {
			r.text(l, p, v)
		}
		if slices.Contains(sim.MetricNames(), key) || slices.Contains(scenarioNames(), key) || key == f.Simulation.Name {
			continue
		}
		fl, err := f.field(key)
		if err != nil {
			candidates := slices.Concat(sim.MetricNames(), f.scenarioKeys(), f.paths(true))
			r.add(l, p, "%q names no metric, parameter path or scenario%s (allowed: a metric: %s; a path such as model.gamma or state.NAME.burden; a scenario: %s)",
				key, didYouMean(key, candidates), strings.Join(sim.MetricNames(), ", "), strings.Join(f.scenarioKeys(), ", "))
			continue
		}
		if first, dup := seen[fl.path]; dup {
			r.add(l, p, "labels %s, as %q does (allowed: one label per path)", fl.path, first)
			continue
		}
		seen[fl.path] = key
	}
}

// scenarioKeys are the scenario names a [labels] key may be: the built-in scenarios and the
// file's own name.
func (f *File) scenarioKeys() []string {
	names := scenarioNames()
	if f.Simulation.Name != "" && !slices.Contains(names, f.Simulation.Name) {
		names = append(names, f.Simulation.Name)
	}
	return names
}

func (e *encoder) labels(f *File) {
	if len(f.Labels) == 0 {
		if e.commented {
			e.blank()
			e.comment(labelsDoc + "\n" + `For example:
[labels]
"model.gamma" = "Contest decisiveness γ"
focus_attacked = "Ukraine attacked, any mode"`)
		}
		return
	}
	e.blank()
	e.comment(labelsDoc)
	e.printf("[labels]\n")
	for _, key := range sortedKeys(f.Labels) {
		e.kv(key, tomlString(f.Labels[key]))
	}
}

// builtinLabel returns the label of the canonical path p, or "" when it has none.
func (f *File) builtinLabel(p string) string {
	family, rest, _ := strings.Cut(p, ".")
	switch family {
	case "simulation":
		return simulationLabels[rest]
	case "state":
		i, key, ok := splitName(rest, f.stateNames())
		if !ok {
			return ""
		}
		name := f.States[i].Name
		if target, ok := strings.CutPrefix(key, "claims."); ok {
			return fmt.Sprintf("%s's claim on %s", name, unquote(target))
		}
		if l, ok := stateLabels[key]; ok {
			return fmt.Sprintf(l, name)
		}
	case "guarantee":
		names := make([]string, len(f.Guarantees))
		for i := range f.Guarantees {
			names[i] = f.Guarantees[i].Name
		}
		if i, key, ok := splitName(rest, names); ok && termLabels[key] != "" {
			return f.Guarantees[i].Name + ": " + termLabels[key]
		}
	case "kind":
		kind, key, _ := strings.Cut(rest, ".")
		if termLabels[key] != "" {
			return strings.ToUpper(kind[:1]) + kind[1:] + " (kind): " + termLabels[key]
		}
	}
	return paramLabels[p]
}

// The built-in labels: every parameter path has one (a test checks), short enough for an axis
// at single-column width, with the unit or the symbol of docs/ODD.md.
var (
	// scenarioLabels name the built-in scenarios in a legend.
	scenarioLabels = map[string]string{
		"baltic-no-tripwire":       "Baltic, no tripwire",
		"baltic-tripwire":          "Baltic, tripwire",
		"burden-sharing":           "Burden-sharing, all free-ride",
		"burden-sharing-frontline": "Burden-sharing, frontline balances",
		"europe-2025":              "Europe 2025",
		"indo-pacific-2025":        "Indo-Pacific 2025",
		"informal-ambiguity":       "Informal guarantee (stylised)",
		"taiwan-abandonment":       "No guarantee",
		"taiwan-ambiguity":         "Strategic ambiguity",
		"taiwan-coalition":         "Regional coalition",
		"taiwan-porcupine":         "Armed and alone",
		"taiwan-treaty":            "US defence treaty",
		"ukraine-agreements":       "Bilateral agreements",
		"ukraine-budapest":         "Budapest assurances",
		"ukraine-coalition":        "European coalition",
		"ukraine-nato":             "NATO membership",
		"ukraine-porcupine":        "Armed neutrality",
		"world-2025":               "World 2025",
	}
	simulationLabels = map[string]string{
		"runs":  "Runs",
		"steps": "Years simulated",
		"seed":  "Seed",
		"name":  "Scenario",
		"focus": "Focus state",
		// description is free text, never an axis.
		"description": "Description",
	}
	// stateLabels take the state's name.
	stateLabels = map[string]string{
		"economy":     "%s's economy (T$)",
		"burden":      "%s's defence burden (share of GDP)",
		"power":       "%s's military power (T$)",
		"growth":      "%s's growth per year",
		"projection":  "%s's power projection",
		"nuclear":     "%s nuclear-armed",
		"revisionism": "%s's revisionism",
		"strategy":    "%s's strategy",
		"will.alpha":  "%s's will, prior α",
		"will.beta":   "%s's will, prior β",
		"client_of":   "%s's patron",
	}
	// termLabels are the terms of a guarantee, or of a kind of guarantee.
	termLabels = map[string]string{
		"w":        "legal weight w",
		"trigger":  "trigger",
		"response": "response",
		"umbrella": "nuclear umbrella",
		"aid":      "aid (share of accrual)",
		"stake":    "guarantors' stake",
		"start":    "first year in force",
	}
	paramLabels = map[string]string{
		"model.burden_min": "Lowest defence burden (share of GDP)",
		"model.burden_max": "Highest defence burden (share of GDP)",
		"model.growth":     "Growth per year (default)",
		"model.sigma_g":    "Growth shock s.d. σ_g",
		"model.phi":        "Growth penalty of defence φ",
		"model.b_ref":      "Burden that slows growth (share of GDP)",
		"model.delta":      "Depreciation per year δ",
		"model.kappa":      "Capability per T$ spent κ",
		"model.lambda":     "Loss-of-strength gradient λ (km)",
		"model.surge":      "Arms surge (share of accrual)",
		"model.gamma":      "Contest decisiveness γ",
		"model.nuc":        "Cost of nuclear escalation",
		"model.mu":         "Value of the status quo μ",
		"model.s":          "Logit scale of attack choice s",
		"model.formation":  "New treaties may form",
		"model.dyadic":     "Attack decided per dyad",
		"model.r_ref":      "Claim for a yearly dispute r_ref",

		"war.cost":        "Cost of an armed attack",
		"war.loss":        "Largest power loss in a war (share)",
		"war.prize":       "Prize of victory (share of economy)",
		"war.conquest":    "Conquest threshold (share of power)",
		"war.overstretch": "Extra cost per further war",

		"hybrid.gain":         "Value of a hybrid attack (vs armed)",
		"hybrid.cost":         "Cost of a hybrid attack",
		"hybrid.sanction":     "Cost of sanctions (share of economy)",
		"hybrid.escalation":   "Escalation shadow of support",
		"hybrid.esc_umbrella": "Escalation shadow of umbrella",

		"honour.a0":   "Honour: intercept a0",
		"honour.aw":   "Honour: weight of legal weight aw",
		"honour.as":   "Honour: weight of stake as",
		"honour.at":   "Honour: weight of tripwire at",
		"honour.ar":   "Honour: weight of reputation ar",
		"honour.rho0": "Honour: reference reputation ρ0",
		"honour.ap":   "Honour: weight of political will ap",
		"honour.an":   "Honour: nuclear-aggressor penalty an",
		"honour.ac":   "Honour: weight of aggressor power ac",
		"honour.ae":   "Honour: weight of aggressor reach ae",
		"honour.ao":   "Honour: penalty per extra commitment ao",

		"rep.init": "Initial reputation",
		"rep.up":   "Reputation gain after honouring",
		"rep.down": "Reputation kept after abandoning",

		"intent.up":    "Perceived aggressiveness gain",
		"intent.decay": "Perceived aggressiveness decay",

		"will.alpha": "Political will, prior α",
		"will.beta":  "Political will, prior β",

		"balance.hi":   "Threat ratio to balance",
		"balance.lo":   "Threat ratio to disarm",
		"balance.up":   "Burden added per year of balancing",
		"balance.down": "Burden shed per safe year",

		"bandwagon.tau":   "Threat ratio to bandwagon τ",
		"bandwagon.ratio": "Power ratio to bandwagon",
		"bandwagon.p":     "Probability per year of clienthood",

		"buckpass.threshold": "Buck-passing threshold of p_win",
		"buckpass.diffusion": "Buck-passing diffusion",

		"freeride.alpha": "Free-rider weight of security α",
		"freeride.step":  "Free-rider burden step per year",

		"burden.target": "Burden aims at a threat level",
		"burden.psi":    "Weight of allies' support ψ",
		"burden.x_star": "Reference exposure x*",
		"burden.level":  "Burden at reference exposure",
		"burden.eta":    "Elasticity of burden in exposure η",
		"burden.alpha":  "Weight of alliance security α",
		"burden.norm":   "Burden norm (share of allies' median)",
		"burden.floor":  "Free-rider floor (share of allies' median)",
		"burden.rate":   "Share of burden gap closed per year",
	}
)
