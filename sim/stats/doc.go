// Package stats computes the summary statistics that alliancesim reports for an ensemble of
// runs: proportions with Wilson score intervals, Kaplan–Meier survival curves with
// Greenwood/log(-log) bands, means with Student-t intervals, Spearman rank correlations for
// sensitivity analysis, and Newcombe intervals for differences of proportions, paired (two
// arms driven by common random numbers) or independent.
//
// The numbers end up in published tables, so every method is a standard, citable one, chosen
// for its coverage at small counts and near 0 and 1, where the textbook Wald intervals fail:
//
//   - [Wilson]: Wilson (1927) score interval; Newcombe (1998c), Statistics in Medicine 17:857.
//   - [KaplanMeier]: product-limit estimate, Greenwood (1926) variance, log(-log) transform
//     (Kalbfleisch & Prentice 1980), so that bands stay inside [0, 1].
//   - [Moments.MeanCI]: Student-t interval for a mean.
//   - [Spearman]: Pearson correlation of mid-ranks (ties get their average rank).
//   - [PairedDifference], [IndependentDifference]: Newcombe's hybrid score (square-and-add)
//     method 10 for paired (Newcombe 1998b, Statistics in Medicine 17:2635) and independent
//     (Newcombe 1998a, Statistics in Medicine 17:873) proportions.
//
// Quantiles come from gonum's distuv; nothing in this package draws random numbers or holds
// mutable package state, so every result is a pure function of its arguments. Functions panic
// on arguments that can only come from a programming error (negative counts, more successes
// than trials, mismatched lengths) and return NaN where the data do not determine an answer
// (no trials, fewer than two observations, a constant variable).
package stats
