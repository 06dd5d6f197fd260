package explore

import (
	"encoding/json"
	"math"
)

// number is a float64 that JSON writes as null when it is NaN or infinite (JSON has neither)
// and reads back from null as NaN, so that undefined entries survive a round trip.
type number float64

func (x number) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

func (x *number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = number(math.NaN())
		return nil
	}
	return json.Unmarshal(b, (*float64)(x))
}

func numbers(v []float64) []number {
	if v == nil {
		return nil
	}
	out := make([]number, len(v))
	for i, f := range v {
		out[i] = number(f)
	}
	return out
}

func floats(v []number) []float64 {
	if v == nil {
		return nil
	}
	out := make([]float64, len(v))
	for i, f := range v {
		out[i] = float64(f)
	}
	return out
}

func numbers2(m [][]float64) [][]number {
	if m == nil {
		return nil
	}
	out := make([][]number, len(m))
	for i, r := range m {
		out[i] = numbers(r)
	}
	return out
}

func floats2(m [][]number) [][]float64 {
	if m == nil {
		return nil
	}
	out := make([][]float64, len(m))
	for i, r := range m {
		out[i] = floats(r)
	}
	return out
}

type jsonSobol struct {
	S1     []number   `json:"S1"`
	S1Conf []number   `json:"S1_conf"`
	ST     []number   `json:"ST"`
	STConf []number   `json:"ST_conf"`
	S2     [][]number `json:"S2,omitempty"`
	S2Conf [][]number `json:"S2_conf,omitempty"`
}

// MarshalJSON writes the indices with SALib's keys S1, S1_conf, ST, ST_conf and, when
// present, S2 and S2_conf; NaN entries are written as null.
func (s SobolIndices) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonSobol{
		S1: numbers(s.S1), S1Conf: numbers(s.S1Conf), ST: numbers(s.ST), STConf: numbers(s.STConf),
		S2: numbers2(s.S2), S2Conf: numbers2(s.S2Conf),
	})
}

// UnmarshalJSON reads what MarshalJSON writes, null as NaN.
func (s *SobolIndices) UnmarshalJSON(b []byte) error {
	var j jsonSobol
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = SobolIndices{
		S1: floats(j.S1), S1Conf: floats(j.S1Conf), ST: floats(j.ST), STConf: floats(j.STConf),
		S2: floats2(j.S2), S2Conf: floats2(j.S2Conf),
	}
	return nil
}

type jsonMorris struct {
	Mu         []number `json:"mu"`
	MuStar     []number `json:"mu_star"`
	Sigma      []number `json:"sigma"`
	MuStarConf []number `json:"mu_star_conf"`
	SigmaConf  []number `json:"sigma_conf"`
}

// MarshalJSON writes the measures with SALib's keys mu, mu_star, sigma and mu_star_conf, and
// sigma_conf; NaN entries are written as null.
func (m MorrisIndices) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonMorris{numbers(m.Mu), numbers(m.MuStar), numbers(m.Sigma), numbers(m.MuStarConf), numbers(m.SigmaConf)})
}

// UnmarshalJSON reads what MarshalJSON writes, null as NaN.
func (m *MorrisIndices) UnmarshalJSON(b []byte) error {
	var j jsonMorris
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*m = MorrisIndices{floats(j.Mu), floats(j.MuStar), floats(j.Sigma), floats(j.MuStarConf), floats(j.SigmaConf)}
	return nil
}

// MarshalJSON writes NaN statistics (an option with no comparable point) as null.
func (r Robust) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Mean        number `json:"mean"`
		P10         number `json:"p10"`
		P90         number `json:"p90"`
		Satisficing number `json:"satisficing"`
		MaxRegret   number `json:"max_regret"`
		MeanRegret  number `json:"mean_regret"`
	}{number(r.Mean), number(r.P10), number(r.P90), number(r.Satisficing), number(r.MaxRegret), number(r.MeanRegret)})
}

// MarshalJSON writes an undefined share or variance as null.
func (n Noise) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Share    number `json:"share"`
		NoiseVar number `json:"noise_var"`
		TotalVar number `json:"total_var"`
		Points   int    `json:"points"`
	}{number(n.Share), number(n.NoiseVar), number(n.TotalVar), n.Points})
}

// MarshalJSON writes the box with snake_case keys; an unrestricted side (±Inf), a
// categorical column's bounds and an unrestricted column's p-value (NaN) are written as null.
func (b Box) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Lo         []number    `json:"lo"`
		Hi         []number    `json:"hi"`
		Allowed    [][]float64 `json:"allowed"`
		N          int         `json:"n"`
		Cases      int         `json:"cases"`
		Coverage   float64     `json:"coverage"`
		Density    float64     `json:"density"`
		Mass       float64     `json:"mass"`
		Restricted []int       `json:"restricted"`
		PValue     []number    `json:"p_value"`
	}{numbers(b.Lo), numbers(b.Hi), b.Allowed, b.N, b.Cases, b.Coverage, b.Density, b.Mass, b.Restricted, numbers(b.PValue)})
}
