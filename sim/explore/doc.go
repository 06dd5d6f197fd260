// Package explore holds the numerical core of alliancesim's explore command: experimental
// designs on the unit hypercube and the estimators that read the model's outputs at the
// design points — global sensitivity indices, scenario discovery and robustness across
// policy options.
//
// The package knows nothing of the model: a design is a list of points in [0, 1)^k (a
// Morris grid also reaches 1), and mapping a coordinate u to a factor's value is the
// caller's job (a uniform range, another distribution by its inverse CDF, or a categorical
// factor with L levels as floor(u·L)).
// Randomness comes only from math/rand/v2 PCG generators seeded explicitly, so every
// design and every bootstrap interval is a pure function of its arguments.
//
// # Designs
//
//   - [LHS]: Latin hypercube sampling (McKay, Beckman and Conover 1979, Technometrics
//     21:239): each factor's range is cut into n equal strata and each stratum holds exactly
//     one point. The [Maximin] criterion keeps, of [LHSCandidates] random hypercubes, the one
//     whose closest two points are farthest apart (Johnson, Moore and Ylvisaker 1990); the
//     [Correlation] criterion the one with the smallest largest correlation between two
//     factors (Iman and Conover 1982).
//   - [SobolSequence]: the Sobol' (1967) low-discrepancy sequence in Gray-code order
//     (Antonov and Saleev 1979) with the direction numbers of Joe and Kuo (2008, SIAM
//     Journal on Scientific Computing 30:2635), file new-joe-kuo-6.21201, for up to
//     [MaxSobolDim] dimensions. Unscrambled; the first point is the origin.
//   - [Saltelli]: the design for Sobol' indices (Saltelli 2002, Computer Physics
//     Communications 145:280; Saltelli et al. 2010, Computer Physics Communications
//     181:259): matrices A and B from one 2K-dimensional Sobol' sequence and the K hybrids
//     AB^i (A with column i of B), in SALib's row layout, N(K+2) runs; with second-order
//     indices also the hybrids BA^i, N(2K+2) runs.
//
// # Sobol' indices
//
// [Saltelli.Indices] apportions the variance V of an output among the factors. The
// first-order index S1_i is the share of V that factor i explains alone, Var(E[Y|X_i])/V,
// estimated as Saltelli et al. (2010) recommend, mean(f(B)(f(AB^i) - f(A)))/V; the total
// index ST_i is the share that disappears when every factor but i is fixed,
// E[Var(Y|X_~i)]/V, estimated by Jansen's (1999, Computer Physics Communications 117:35)
// formula mean((f(A) - f(AB^i))^2)/(2V). ST_i - S1_i measures i's interactions; ST_i near 0
// means the factor can be fixed anywhere in its range. The optional second-order index
// S2_ij follows Saltelli (2002). Confidence intervals come from a bootstrap over the N base
// rows: the half-width reported (S1_conf and so on, SALib's names and meaning) is 1.96 times
// the indices' standard deviation across resamples.
//
// For a stochastic model the output at a design point carries Monte Carlo noise, and the
// estimators read that noise as variance. If the noise is independent between points, has
// mean zero and makes up a share s of V, then in expectation S1_i = (1-s)·S1°_i and
// ST_i = (1-s)·ST°_i + s, where S1°_i and ST°_i are the indices of the noise-free output:
// every total index is raised by about s. Report the noise share beside the indices.
//
// # Morris screening
//
// [Morris] lays out R trajectories of K+1 points on a grid of Levels levels, each step moving
// one factor by Delta = Levels/(2(Levels-1)) (Morris 1991, Technometrics 33:161), R(K+1)
// design points in all against N(K+2) for Sobol' indices. [Morris.Indices] returns, per
// factor, the mean elementary effect μ, the mean absolute effect μ* (Campolongo, Cariboni and
// Saltelli 2007, Environmental Modelling & Software 22:1509), which ranks factors much as the
// total Sobol' index does, and the standard deviation σ, large where the factor interacts or
// acts non-linearly; μ*'s interval is a bootstrap over trajectories, as in SALib. With
// Morris.Candidates the R trajectories are chosen from more for their spread (Campolongo et
// al. 2007), by a greedy elimination rather than their exhaustive search.
//
// # Scenario discovery
//
// [PRIM] is the Patient Rule Induction Method of Friedman and Fisher (1999, Statistics and
// Computing 9:123) as Bryant and Lempert (2010, Technological Forecasting & Social Change
// 77:34) and the EMA Workbench (Kwakkel 2017, Environmental Modelling & Software 96:239) use
// it: given the design points and which of them are cases (an option failing, say), it peels
// the factor space a few per cent of the points at a time (a whole category at a time for a
// categorical factor) towards the region where cases are densest, then pastes back while
// that raises the density. Each step trades coverage (the share of all cases inside the box)
// for density (the share of the box's points that are cases); the box is chosen by a density
// threshold or at the knee of that trade-off, and each of its restrictions gets a
// quasi-p-value, the binomial probability of the box's cases under the density of the box
// without that restriction. [Box.Describe] writes the box as a sentence. [CART] gives the
// second view that Lempert, Bryant and Bankes (2008) compare with PRIM: a classification
// tree (Breiman, Friedman, Olshen and Stone 1984) whose densest leaves are boxes too,
// found by Gini splits rather than patient peeling.
//
// # Robustness and noise
//
// [Robustness] compares policy options across the points of a design: per option the mean,
// the 10th and 90th percentiles, the satisficing share (the share of points at which the
// option meets a threshold; Simon 1956, Lempert and Collins 2007) and Savage's (1951) regret
// against the best option at each point, whose maximum is the minimax-regret criterion of
// Robust Decision Making (Lempert, Popper and Bankes 2003). [NoiseShare] estimates the share
// of an output's variance across the design that is Monte Carlo noise, E[Var(Y|x)]/Var(Y),
// from the sampling variance of the output at some of the points ([BinomialNoiseVar],
// [MeanNoiseVar]).
package explore
