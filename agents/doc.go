// Package agents holds the vocabulary and the decision rules of the alliancesim model: the
// parameters, the kinds of security guarantee, the contest between an aggressor and a defended
// target, the aggressor's expected utility of an attack, the guarantor's honour probability,
// threat perception, and the strategies by which states adjust their defence burdens and
// alignments.
//
// Everything here is a small pure function or a value type, so that each rule can be tested in
// isolation against the numbers of the model's specification (docs/ODD.md) and costs nothing to call from
// the simulation's hot loop. The package imports no other package of alliancesim.
//
// A new strategy is one new file: a type that implements [Strategy], added to the registry
// returned by [Strategies].
package agents
