package stats

import (
	"encoding/json"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Z95 is the 0.975 quantile of the standard normal distribution, the z of a two-sided 95%
// interval. It is written out rather than computed so that it is a constant; a test checks it
// against distuv.UnitNormal.Quantile(0.975).
const Z95 = 1.959963984540054

// TwoSidedZ returns the standard normal quantile z with P(-z < Z < z) = conf, for example
// TwoSidedZ(0.95) ≈ Z95 and TwoSidedZ(0.90) ≈ 1.6449. It panics unless 0 < conf < 1.
func TwoSidedZ(conf float64) float64 {
	checkConf(conf)
	return distuv.UnitNormal.Quantile(1 - (1-conf)/2)
}

func checkConf(conf float64) {
	if !(conf > 0 && conf < 1) {
		panic("stats: confidence level must be in (0, 1)")
	}
}

func checkZ(z float64) {
	// z = 0 is allowed (a degenerate interval at the estimate); a negative z would silently
	// swap the bounds, and NaN would poison every result.
	if !(z >= 0) || math.IsInf(z, 1) {
		panic("stats: z must be finite and non-negative")
	}
}

// Interval is an estimate P with a confidence interval [Lo, Hi].
//
// In JSON it is {"estimate":..,"lo":..,"hi":..}, whatever the estimate is (a probability, a rate or a mean). JSON has no NaN, and encoding/json refuses to
// marshal one, so a NaN (or infinite) field is written as null and null is read back as NaN;
// an Interval for an empty sample can therefore always be written out.
type Interval struct {
	P  float64 `json:"estimate"`
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
}

// Contains reports whether x lies in the closed interval [iv.Lo, iv.Hi]. It is false when
// either bound is NaN.
func (iv Interval) Contains(x float64) bool { return iv.Lo <= x && x <= iv.Hi }

// Width returns iv.Hi - iv.Lo.
func (iv Interval) Width() float64 { return iv.Hi - iv.Lo }

// jsonInterval mirrors Interval with nullable fields.
type jsonInterval struct {
	P  *float64 `json:"estimate"`
	Lo *float64 `json:"lo"`
	Hi *float64 `json:"hi"`
}

func finitePtr(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

func nanIfNil(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// MarshalJSON implements json.Marshaler, writing non-finite fields as null.
func (iv Interval) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonInterval{P: finitePtr(iv.P), Lo: finitePtr(iv.Lo), Hi: finitePtr(iv.Hi)})
}

// UnmarshalJSON implements json.Unmarshaler, reading null or missing fields as NaN.
// A whole-value null leaves iv unchanged, as encoding/json expects.
func (iv *Interval) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil // the encoding/json convention: null leaves the value unchanged
	}
	var j jsonInterval
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*iv = Interval{P: nanIfNil(j.P), Lo: nanIfNil(j.Lo), Hi: nanIfNil(j.Hi)}
	return nil
}

// nanInterval is the answer when the data determine nothing.
func nanInterval() Interval {
	nan := math.NaN()
	return Interval{P: nan, Lo: nan, Hi: nan}
}
