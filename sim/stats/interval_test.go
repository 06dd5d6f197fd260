package stats

import (
	"encoding/json"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func TestZ95(t *testing.T) {
	// Z95 must be the 0.975 normal quantile to within float64 rounding.
	if q := distuv.UnitNormal.Quantile(0.975); math.Abs(q-Z95) > 1e-15 {
		t.Errorf("Z95 = %v, distuv quantile = %v", Z95, q)
	}
	// Standard normal tables give the two-sided 90%, 95% and 99% points as 1.6449, 1.9600
	// and 2.5758 (to 4 decimals).
	for _, tc := range []struct{ conf, want float64 }{
		{0.90, 1.6449}, {0.95, 1.9600}, {0.99, 2.5758},
	} {
		if got := TwoSidedZ(tc.conf); math.Abs(got-tc.want) > 0.5e-4 {
			t.Errorf("TwoSidedZ(%v) = %v, want %v", tc.conf, got, tc.want)
		}
	}
	mustPanic(t, "TwoSidedZ(1)", func() { TwoSidedZ(1) })
	mustPanic(t, "TwoSidedZ(NaN)", func() { TwoSidedZ(math.NaN()) })
}

func TestIntervalJSON(t *testing.T) {
	b, err := json.Marshal(Interval{P: 0.25, Lo: 0.125, Hi: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"estimate":0.25,"lo":0.125,"hi":0.5}`; got != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
	// encoding/json cannot write NaN; an empty-sample interval must still be writable.
	b, err = json.Marshal(Wilson(0, 0, Z95))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"estimate":null,"lo":null,"hi":null}`; got != want {
		t.Errorf("Marshal(NaN interval) = %s, want %s", got, want)
	}
	var iv Interval
	if err := json.Unmarshal(b, &iv); err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(iv.P) || !math.IsNaN(iv.Lo) || !math.IsNaN(iv.Hi) {
		t.Errorf("Unmarshal(nulls) = %+v, want NaNs", iv)
	}
	if err := json.Unmarshal([]byte(`{"estimate":0.5,"lo":0.25,"hi":0.75}`), &iv); err != nil {
		t.Fatal(err)
	}
	if iv != (Interval{P: 0.5, Lo: 0.25, Hi: 0.75}) {
		t.Errorf("Unmarshal = %+v", iv)
	}
	// A whole-value null leaves the interval alone; malformed input is an error.
	keep := Interval{P: 1, Lo: 0, Hi: 1}
	if err := json.Unmarshal([]byte(`null`), &keep); err != nil || keep != (Interval{P: 1, Lo: 0, Hi: 1}) {
		t.Errorf("Unmarshal(null) = %+v, %v", keep, err)
	}
	if err := json.Unmarshal([]byte(`{"estimate":"x"}`), &keep); err == nil {
		t.Error("Unmarshal of a string field succeeded")
	}
	// Inside a slice or struct, as a report would hold it.
	b, err = json.Marshal([]Interval{{P: 1, Lo: 0.5, Hi: 1}, Wilson(0, 0, Z95)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `[{"estimate":1,"lo":0.5,"hi":1},{"estimate":null,"lo":null,"hi":null}]`; got != want {
		t.Errorf("Marshal(slice) = %s, want %s", got, want)
	}
}

func TestIntervalContains(t *testing.T) {
	iv := Interval{P: 0.5, Lo: 0.25, Hi: 0.75}
	for _, tc := range []struct {
		x    float64
		want bool
	}{{0.25, true}, {0.75, true}, {0.5, true}, {0.2, false}, {0.8, false}, {math.NaN(), false}} {
		if got := iv.Contains(tc.x); got != tc.want {
			t.Errorf("Contains(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
	if nanInterval().Contains(0.5) {
		t.Error("NaN interval contains 0.5")
	}
	if w := iv.Width(); w != 0.5 {
		t.Errorf("Width = %v, want 0.5", w)
	}
}
