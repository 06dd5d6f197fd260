package stats_test

import (
	"encoding/json"
	"fmt"

	"alliancesim/sim/stats"
)

func ExampleWilson() {
	// 81 of 263 runs ended in war (Newcombe 1998c's first example).
	iv := stats.Wilson(81, 263, stats.Z95)
	fmt.Printf("%.4f [%.4f, %.4f]\n", iv.P, iv.Lo, iv.Hi)

	// No events is not a zero-width interval.
	iv = stats.Wilson(0, 20, stats.Z95)
	fmt.Printf("%.4f [%.4f, %.4f]\n", iv.P, iv.Lo, iv.Hi)
	// Output:
	// 0.3080 [0.2553, 0.3662]
	// 0.0000 [0.0000, 0.1611]
}

func ExampleKaplanMeier() {
	// Ten alliances observed for up to six steps: events[t] broke up at step t,
	// censored[t] were still intact when observation stopped at step t.
	events := []int64{0, 1, 2, 0, 1, 0, 0}
	censored := []int64{0, 0, 1, 1, 0, 4, 0}
	for _, p := range stats.KaplanMeier(events, censored, stats.Z95) {
		fmt.Printf("t=%d at risk %2d events %d  S=%.3f [%.3f, %.3f]\n", p.Step, p.AtRisk, p.Events, p.S, p.Lo, p.Hi)
	}
	// Output:
	// t=0 at risk 10 events 0  S=1.000 [1.000, 1.000]
	// t=1 at risk 10 events 1  S=0.900 [0.473, 0.985]
	// t=2 at risk  9 events 2  S=0.700 [0.329, 0.892]
	// t=3 at risk  6 events 0  S=0.700 [0.329, 0.892]
	// t=4 at risk  5 events 1  S=0.560 [0.197, 0.813]
	// t=5 at risk  4 events 0  S=0.560 [0.197, 0.813]
	// t=6 at risk  0 events 0  S=0.560 [0.197, 0.813]
}

func ExampleMoments() {
	// Per-worker accumulators, merged in a fixed order.
	var a, b stats.Moments
	for _, x := range []float64{2, 4, 4, 4} {
		a.Add(x)
	}
	for _, x := range []float64{5, 5, 7, 9} {
		b.Add(x)
	}
	a.Merge(b)
	iv := a.MeanCI(0.95)
	fmt.Printf("n=%d mean=%.3f sd=%.3f 95%% CI [%.3f, %.3f]\n", a.N, a.Mean(), a.SD(), iv.Lo, iv.Hi)
	// Output:
	// n=8 mean=5.000 sd=2.138 95% CI [3.213, 6.787]
}

func ExampleSpearman() {
	// A sensitivity sweep reuses one scratch so that the loop does not allocate.
	var scratch stats.RankScratch
	iq := []float64{106, 86, 100, 101, 99, 103, 97, 113, 112, 110}
	tv := []float64{7, 0, 27, 50, 28, 29, 20, 12, 6, 17}
	fmt.Printf("%.4f\n", stats.Spearman(iq, tv, &scratch))
	// Ties receive their average rank.
	fmt.Printf("%.4f\n", stats.Spearman([]float64{1, 2, 2, 3}, []float64{1, 3, 2, 4}, &scratch))
	// Output:
	// -0.1758
	// 0.9487
}

func ExamplePairedDifference() {
	// 1000 runs under policy 1 and the same 1000 runs (common random numbers) under
	// policy 2: 400 ended in war under both, 30 only under 1, 10 only under 2.
	paired := stats.PairedDifference(400, 30, 10, 560, stats.Z95)
	// The same proportions from two independent sets of 1000 runs.
	indep := stats.IndependentDifference(430, 1000, 410, 1000, stats.Z95)
	fmt.Printf("paired      %+.3f [%+.3f, %+.3f] width %.3f\n", paired.P, paired.Lo, paired.Hi, paired.Width())
	fmt.Printf("independent %+.3f [%+.3f, %+.3f] width %.3f\n", indep.P, indep.Lo, indep.Hi, indep.Width())
	// Output:
	// paired      +0.020 [+0.008, +0.032] width 0.025
	// independent +0.020 [-0.023, +0.063] width 0.086
}

func ExampleInterval_MarshalJSON() {
	// An estimate from no runs is NaN, which JSON cannot hold; it is written as null.
	b, err := json.Marshal([]stats.Interval{{P: 0.25, Lo: 0.125, Hi: 0.5}, stats.Wilson(0, 0, stats.Z95)})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(string(b))
	// Output:
	// [{"estimate":0.25,"lo":0.125,"hi":0.5},{"estimate":null,"lo":null,"hi":null}]
}
