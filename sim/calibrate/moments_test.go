package calibrate

import (
	"context"
	"math"
	"testing"

	"alliancesim/agents"
)

// Measure counts what Rates counts, and splits the pairs by their drawn power ratio: the share
// within 3:1 is P(|N(0, 1)| < log 3) = 0.728.
func TestMeasureMatchesRates(t *testing.T) {
	p := agents.DefaultParams()
	pop := fittedPop(6000)
	d, w, meanR, err := Rates(context.Background(), p, pop, 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 3} {
		m, err := Measure(context.Background(), p, pop, 4, workers)
		if err != nil {
			t.Fatal(err)
		}
		if m.Dispute != d || m.War != w || math.Abs(m.MeanR-meanR) > 1e-12 {
			t.Errorf("%d workers: Measure %v %v %g, Rates %v %v %g", workers, m.Dispute, m.War, m.MeanR, d, w, meanR)
		}
		if m.Parity+m.Preponderance != pop.Pairs {
			t.Errorf("%d + %d pairs, want %d", m.Parity, m.Preponderance, pop.Pairs)
		}
		want := math.Erf(math.Log(ParityRatio) / math.Sqrt2)
		if share, se := float64(m.Parity)/float64(pop.Pairs), math.Sqrt(want*(1-want)/float64(pop.Pairs)); math.Abs(share-want) > 4*se {
			t.Errorf("share of pairs within 3:1 %.4f, want %.4f ± %.4f", share, want, 4*se)
		}
		// The war rate is the pairs' mean of the two classes' rates.
		mix := (m.WarParity.P*float64(m.Parity) + m.WarPreponderance.P*float64(m.Preponderance)) / float64(pop.Pairs)
		if math.Abs(mix-m.War.P) > 1e-12 {
			t.Errorf("classes' rates mix to %g, war rate %g", mix, m.War.P)
		}
	}
}

// What docs/ODD.md §9 reports about Bremer's dangerous dyads: in the model war is far more likely
// between unequal pairs than between equal ones (the stronger side's chance of winning drives
// the decision, and nothing makes the weaker side concede), the reverse of the data.
func TestDangerousDyadsReversed(t *testing.T) {
	heavy(t)
	m, err := Measure(context.Background(), fittedParams(), fittedPop(80000), 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("war onsets: within 3:1 %v (%d pairs), beyond %v (%d pairs): ratio %.3f",
		m.WarParity, m.Parity, m.WarPreponderance, m.Preponderance, m.Danger())
	if m.Danger() >= 0.5 {
		t.Errorf("war at parity / war at preponderance = %.3f: the model no longer reverses Bremer's finding; update docs/ODD.md §9", m.Danger())
	}
}

// Disputes concentrate in a few pairs when revisionism is spread out: at the same mean, a Beta
// with small shapes (most pairs near 0, a few near 1) puts more of the disputes into pairs with
// six or more in 20 years than a concentrated Beta. The counts are consistent, and the
// concentration's interval holds its estimate.
func TestRecurrence(t *testing.T) {
	p := agents.DefaultParams()
	var conc [2]float64
	for i, pop := range []Population{smallPop(3000, 0.3, 1.7), smallPop(3000, 6, 34)} { // both mean 0.15
		rc, err := MeasureRecurrence(context.Background(), p, pop, 2, 2)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("Beta(%g, %g): %d conflictual pairs, %d enduring, %d disputes, %d in enduring pairs: concentration %.3f",
			pop.A, pop.B, rc.Conflictual, rc.Enduring, rc.Disputes, rc.InEnduring, rc.Concentration().P)
		if !(rc.Enduring <= rc.Conflictual && rc.Conflictual <= pop.Pairs && rc.InEnduring <= rc.Disputes &&
			rc.InEnduring >= int64(EnduringDisputes*rc.Enduring) && rc.Disputes >= int64(rc.Conflictual)) {
			t.Errorf("inconsistent counts %+v", rc)
		}
		c := rc.Concentration()
		if !(c.Lo <= c.P && c.P <= c.Hi && c.Hi-c.Lo > 0 && c.Hi-c.Lo < 0.5) {
			t.Errorf("concentration interval %v", c)
		}
		conc[i] = c.P
	}
	if !(conc[0] > conc[1]+0.1) {
		t.Errorf("concentration %.3f with a spread Beta, %.3f with a concentrated one: want clearly more with the spread", conc[0], conc[1])
	}
}
