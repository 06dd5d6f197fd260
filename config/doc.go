// Package config turns alliancesim's TOML configs into runnable [sim.Spec] values and back.
//
// A config is a TOML document with a [simulation] table (name, runs, steps, seed, focus), one
// table per group of model parameters ([model], [war], [hybrid], [honour], ..., [kind.alliance],
// ...: the toml tags of [agents.Params]), the states ([[state]]), the guarantees
// ([[guarantee]]), optional per-run uncertainty ([uncertainty]), optional sweeps ([[sweep]], at
// most two: the axes `alliancesim sweep` runs when its command line gives none) and optional
// factors ([[factor]]: the values `alliancesim explore` varies over its design).
// Every value has a dotted path (simulation.runs, model.gamma, kind.agreement.aid,
// state.Russia.claims.Ukraine, guarantee.NATO.stake); the same paths serve [File.Set] (the
// --set flag), [Setter] (sweeps), the keys of [uncertainty] and the path of a [[sweep]].
//
// Loading is strict: an unknown key, a wrong type, a value out of its range, a name that does
// not resolve, a bad distribution are all errors, each on one line naming the file, the line,
// the dotted path and what is allowed:
//
//	europe.toml:12: state.Germany.burden: 1.5 is out of range (allowed: 0.005 to 0.4, model.burden_min to model.burden_max)
//	x.toml:3: simulation.rnus: unknown key (did you mean "runs"?)
//
// and every error of a file is reported at once (joined with [errors.Join]), so that a user
// fixes them in one go. [Error] is the type of each.
//
// [File.Spec] compiles a valid file into a [sim.Spec]: names become indices, omitted values take
// their defaults (a state's growth and will prior from [model] and [will]), strategies are
// looked up, and each [uncertainty] entry becomes a [sim.Uncertain] whose Draw uses the run's
// own random stream. [File.SweepAxes] turns the [[sweep]] tables into the axes of [sim.Sweep],
// as [Sweep.Axis] does one sweep (the --param and --values flags build theirs with it too).
// [File.ExploreFactors] turns the [[factor]] tables and the [uncertainty] entries into the
// [sim.Factor] values of an exploration, each mapping a design's unit coordinate to a value by
// the inverse of its distribution function.
// [File.WriteTOML] writes the canonical encoding of a file (or, commented, the fully documented
// config that `alliancesim init` prints), and [File.Hash] is the SHA-256 of the canonical
// encoding, so that the same config gives the same hash whatever its comments, whitespace or
// key order.
//
// The default scenario, europe-2025, and any other scenario under scenarios/ are embedded: see
// [Scenario], [Scenarios] and [Open].
package config
