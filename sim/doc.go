// Package sim runs the alliancesim model: the world of one run and its seven step phases in the
// order of docs/ODD.md §3, the record a run leaves, ensembles of many randomized runs spread over
// workers, and the statistics that summarise them.
//
// A [Spec] is a validated, immutable description of a scenario with every name resolved to an
// index. [Ensemble] runs it: run r draws only from its own stream rand.NewPCG(seed, r), runs are
// grouped in fixed chunks whose accumulators are merged in chunk order, so every output is
// byte-identical whatever the number of workers.
package sim
