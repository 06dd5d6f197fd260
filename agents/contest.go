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
	return 1 / (1 + ratioPow(pd/pa, gamma))
}

// ratioPow is x^gamma, without math.Pow's logarithm and exponential for the usual
// decisivenesses (Pow is a tenth of a step's time otherwise).
func ratioPow(x, gamma float64) float64 {
	switch gamma {
	case 1:
		return x
	case 1.5:
		return x * math.Sqrt(x)
	case 2:
		return x * x
	}
	return math.Pow(x, gamma)
}

// Logistic returns 1/(1+e^-x).
func Logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
