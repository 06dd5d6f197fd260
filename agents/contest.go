package agents

import "math"

// Contest returns the probability that an attacker of power pa defeats a defence of power pd in
// a Tullock contest of decisiveness gamma:
//
//	p_win = pa^gamma / (pa^gamma + pd^gamma)
//
// With no power on either side the attacker wins with probability 1/2.
func Contest(pa, pd, gamma float64) float64 {
	if pd <= 0 {
		if pa <= 0 {
			return 0.5
		}
		return 1
	}
	if pa <= 0 {
		return 0
	}
	// The ratio form avoids overflow for large powers and large gamma.
	return 1 / (1 + math.Pow(pd/pa, gamma))
}

// Logistic returns 1/(1+e^-x).
func Logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
