package agents

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// burdenParams are version 4's burden rule at round values: psi 0.1, x_star 0.3, level 0.025,
// eta 1, alpha 0.05, norm 0.8, floor 0.7, rate 0.2; burden range [0.005, 0.40].
func burdenParams() *Params {
	p := DefaultParams()
	p.Model.BurdenMin, p.Model.BurdenMax = 0.005, 0.40
	p.Burden = BurdenParams{Target: true, Psi: 0.1, XStar: 0.3, Level: 0.025, Eta: 1, Alpha: 0.05, Norm: 0.8, Floor: 0.7, Rate: 0.2}
	return &p
}

// allied returns a situation with three allies (states 1-3) of economies 2, 1, 1 and burdens
// 0.01, 0.02, 0.04: spending 0.02, 0.02, 0.04 (0.08 in all), median burden 0.02.
func allied(s Situation) *Situation {
	b := []float64{0, 0.01, 0.02, 0.04}
	e := []float64{0, 2, 1, 1}
	spend := make([]float64, len(b))
	for k := range b {
		spend[k] = b[k] * e[k]
	}
	s.SetAllies([]int{1, 2, 3}, spend)
	s.SetBurdens(b)
	return &s
}

func TestExposure(t *testing.T) {
	p := burdenParams()
	for _, test := range []struct {
		psi, threat, pj, s, eta float64
		x, b                    float64
	}{
		{0.1, 0.6, 1.5, 5, 1, 0.3, 0.025},       // 0.6/(1.5+0.5): the reference exposure
		{0.1, 0.15, 1.5, 5, 1, 0.075, 0.00625},  // a quarter of it, a quarter of the burden
		{0.1, 0.15, 1.5, 5, 0.5, 0.075, 0.0125}, // eta 1/2: half of it
		{0, 0.6, 1.5, 5, 1, 0.4, 0.025 * 4 / 3}, // self-help only: reach times intent
		{1, 0.6, 1.5, 4.5, 1, 0.1, 0.025 / 3},   // full trust: allies' support counts whole
		{0.1, 0, 1.5, 5, 1, 0, 0},               // no threat
	} {
		p.Burden.Psi, p.Burden.Eta = test.psi, test.eta
		x := p.Burden.Exposure(test.threat, test.pj, test.s)
		b := p.Burden.ThreatBurden(x)
		if math.Abs(x-test.x) > 1e-15 || math.Abs(b-test.b) > 1e-15 {
			t.Errorf("psi %g, threat %g, P_j %g, S %g, eta %g: x %.17g b_thr %.17g, want %g %g",
				test.psi, test.threat, test.pj, test.s, test.eta, x, b, test.x, test.b)
		}
	}
}

// The target is the largest of the threat's burden, the public good's and the alliance's norm
// (allies' median burden 0.02 here: 0.016 for a balancer, 0.014 for a free-rider).
func TestTargetBurden(t *testing.T) {
	p := burdenParams()
	for _, test := range []struct {
		name   string
		s      Situation
		answer bool
		want   float64
	}{
		{"the threat's burden", Situation{Threat: 0, ThreatLevel: 0.6, ThreatPower: 1.5, Support: 5, Economy: 1}, true, 0.025},
		{"the norm above a small threat", Situation{Threat: 0, ThreatLevel: 0.15, ThreatPower: 1.5, Support: 5, Economy: 1}, true, 0.016},
		{"no threat: the norm", Situation{Threat: -1, Economy: 1}, true, 0.016},
		{"a free-rider ignores the threat", Situation{Threat: 0, ThreatLevel: 0.6, ThreatPower: 1.5, Support: 5, Economy: 1}, false, 0.014},
		// E = 10: (0.05*10 - 0.95*0.08)/10 = 0.0424, above the norm and the threat.
		{"the public good's", Situation{Threat: 0, ThreatLevel: 0.15, ThreatPower: 1.5, Support: 5, Economy: 10}, true, 0.0424},
		{"a large free-rider pays the public good's", Situation{Threat: -1, Economy: 10}, false, 0.0424},
		{"capped at burden_max", Situation{Threat: 0, ThreatLevel: 100, ThreatPower: 1.5, Support: 5, Economy: 1}, true, 0.40},
	} {
		if got := p.TargetBurden(allied(test.s), test.answer); math.Abs(got-test.want) > 1e-15 {
			t.Errorf("%s: target %.17g, want %g", test.name, got, test.want)
		}
	}
	// With an even number of allies the norm is the mean of the middle two: (0.02+0.04)/2.
	s := Situation{Threat: -1, Economy: 1}
	s.SetAllies([]int{1, 2, 3, 4}, []float64{0, 0.01, 0.02, 0.04, 0.05})
	s.SetBurdens([]float64{0, 0.01, 0.02, 0.04, 0.05})
	if got := s.AlliedNorm(); math.Abs(got-0.03) > 1e-15 {
		t.Errorf("norm of burdens 0.01, 0.02, 0.04, 0.05: %g, want 0.03", got)
	}
}

// Partial adjustment closes burden.rate of the gap; an aggressor, or a state attacked by arms
// last step, does not lower its burden (it may raise it).
func TestAdjustBurden(t *testing.T) {
	p := burdenParams()
	for _, test := range []struct {
		name         string
		s            Situation
		target, want float64
	}{
		{"up", Situation{Burden: 0.02}, 0.025, 0.021},
		{"down", Situation{Burden: 0.03}, 0.02, 0.028},
		{"at the target", Situation{Burden: 0.02}, 0.02, 0.02},
		{"aggressor: not down", Situation{Burden: 0.03, Aggressor: true}, 0.02, 0.03},
		{"aggressor: up", Situation{Burden: 0.02, Aggressor: true}, 0.03, 0.022},
		{"attacked: not down", Situation{Burden: 0.34, ArmedAttacked: true}, 0.02, 0.34},
	} {
		if got := p.AdjustBurden(&test.s, test.target); math.Abs(got-test.want) > 1e-15 {
			t.Errorf("%s: %.17g, want %g", test.name, got, test.want)
		}
	}
}

// The strategies with version 4's rule: an allied balancer follows the target and still
// proposes a treaty when tau > balance.hi and it is unprotected; an allied free-rider aims below
// the norm; a state in no alliance keeps version 3's steps, except that it does not disarm while
// attacked; a buck-passer that a closer state's arming holds never raises but may lower, and
// with buckpass.diffusion 0 holds flat (version 3).
func TestBurdenStrategies(t *testing.T) {
	threat := Situation{Threat: 0, ThreatLevel: 0.6, ThreatPower: 1.5, Support: 5, Economy: 1, Burden0: 0.02}
	with := func(s Situation, f func(*Situation)) Situation { f(&s); return s }
	alone := func(s Situation) *Situation { return &s }
	for _, test := range []struct {
		name      string
		strategy  Strategy
		s         *Situation
		diffusion float64
		burden    float64
		propose   bool
		move      Move
	}{
		{"balance: towards 0.025", Balance{}, allied(with(threat, func(s *Situation) { s.Burden = 0.02 })), 0, 0.021, false, NoMove},
		{"balance: unprotected, tau above hi", Balance{}, allied(with(threat, func(s *Situation) { s.Burden = 0.02; s.Tau = 0.6 })), 0, 0.021, true, NoMove},
		{"balance: protected", Balance{}, allied(with(threat, func(s *Situation) { s.Burden = 0.02; s.Tau = 0.6; s.Protected = true })), 0, 0.021, false, NoMove},
		{"freeride: towards 0.014", FreeRide{}, allied(with(threat, func(s *Situation) { s.Burden = 0.02 })), 0, 0.0188, false, NoMove},
		{"not allied: v3 step down", Balance{}, alone(with(threat, func(s *Situation) { s.Burden = 0.03; s.Tau = 0.1 })), 0, 0.025, false, NoMove},
		{"not allied, attacked: hold", Balance{}, alone(with(threat, func(s *Situation) { s.Burden = 0.03; s.Tau = 0.1; s.ArmedAttacked = true })), 0, 0.03, false, NoMove},
		{"not allied, threatened: v3 step up", Balance{}, alone(with(threat, func(s *Situation) { s.Burden = 0.03; s.Tau = 0.6 })), 0, 0.04, true, NoMove},
		{"buckpass held, v4: not up", Buckpass{}, allied(with(threat, func(s *Situation) { s.Burden = 0.02; s.Tau = 0.6; s.CloserRaised = true })), 0.5, 0.02, false, PassBuck},
		{"buckpass held, v4: down", Buckpass{}, allied(with(threat, func(s *Situation) { s.Burden = 0.03; s.CloserRaised = true })), 0.5, 0.029, false, PassBuck},
		{"buckpass held, v3: flat", Buckpass{}, allied(with(threat, func(s *Situation) { s.Burden = 0.03; s.CloserRaised = true })), 0, 0.03, false, PassBuck},
		{"buckpass free: balances", Buckpass{}, allied(with(threat, func(s *Situation) { s.Burden = 0.02; s.Tau = 0.6 })), 0.5, 0.021, true, NoMove},
	} {
		p := burdenParams()
		p.Buckpass.Diffusion = test.diffusion
		a := test.strategy.Decide(p, test.s, nil)
		if math.Abs(a.Burden-test.burden) > 1e-15 || a.Propose != test.propose || a.Move != test.move || a.Raised != (a.Burden > test.s.Burden) {
			t.Errorf("%s: burden %.17g propose %v move %v raised %v; want %g %v %v",
				test.name, a.Burden, a.Propose, a.Move, a.Raised, test.burden, test.propose, test.move)
		}
	}
}

// selectKth agrees with a sort for every k, with ties, and leaves no larger value before k
// and no smaller after it; AlliedNorm is then the median of a sort.
func TestSelectKth(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 1; n <= 20; n++ {
		for trial := range 20 {
			xs := make([]float64, n)
			for i := range xs {
				xs[i] = float64(rng.IntN(1 + trial%6)) // few distinct values: ties
				if trial%2 == 1 {
					xs[i] = rng.Float64()
				}
			}
			sorted := slices.Sorted(slices.Values(xs))
			for k := range n {
				ys := slices.Clone(xs)
				if got := selectKth(ys, k); got != sorted[k] {
					t.Fatalf("%v: k=%d gives %g, want %g", xs, k, got, sorted[k])
				}
				for i := range ys {
					if i < k && ys[i] > ys[k] || i > k && ys[i] < ys[k] {
						t.Fatalf("%v: after selecting k=%d, %v is not partitioned at k", xs, k, ys)
					}
				}
			}
			allies := make([]int, n)
			for i := range allies {
				allies[i] = i
			}
			var s Situation
			s.SetAllies(allies, xs)
			s.SetBurdens(xs)
			want := sorted[n/2]
			if n%2 == 0 {
				want = (sorted[n/2-1] + sorted[n/2]) / 2
			}
			if got := s.AlliedNorm(); got != want {
				t.Fatalf("%v: norm %g, want the median %g", xs, got, want)
			}
		}
	}
}
