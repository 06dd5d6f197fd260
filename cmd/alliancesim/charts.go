package main

import (
	"gonum.org/v1/plot/vg"

	"path/filepath"

	"alliancesim/plots"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// cm is a centimetre, for chart sizes.
const cm = vg.Centimeter

// pt converts points to a length.
func pt(x float64) vg.Length { return vg.Points(x) }

// survivalCurve turns Kaplan–Meier points into a chart curve.
func survivalCurve(label string, pts []stats.SurvivalPoint) plots.Curve {
	c := plots.Curve{Label: label}
	for _, p := range pts {
		c.Steps = append(c.Steps, float64(p.Step))
		c.S = append(c.S, p.S)
		c.Lo = append(c.Lo, p.Lo)
		c.Hi = append(c.Hi, p.Hi)
	}
	return c
}

func bar(label string, iv stats.Interval) plots.Bar {
	return plots.Bar{Label: label, Interval: plots.Interval{P: iv.P, Lo: iv.Lo, Hi: iv.Hi}}
}

// outcomeBars are the headline outcomes of a run summary.
func outcomeBars(s *sim.Summary) []plots.Bar {
	return []plots.Bar{
		bar("Deterrence failure", s.DeterrenceFailure),
		bar("Armed failure", s.ArmedFailure),
		bar("Abandonment rate", s.Abandonment),
		bar("Entrapment rate", s.Entrapment),
		bar("Conquest", s.Conquest),
	}
}

// drawRunCharts writes survival.png and outcomes.png for a run summary.
func drawRunCharts(dir string, s *sim.Summary) ([]string, error) {
	o := plots.Options{}
	surv, err := plots.Survival([]plots.Curve{survivalCurve("", s.Survival)}, o)
	if err != nil {
		return nil, err
	}
	if err := plots.Save(surv, filepath.Join(dir, "survival.png"), o); err != nil {
		return nil, err
	}
	out, err := plots.Outcomes(outcomeBars(s), "Probability", o)
	if err != nil {
		return nil, err
	}
	if err := plots.Save(out, filepath.Join(dir, "outcomes.png"), o); err != nil {
		return nil, err
	}
	return []string{"survival.png", "outcomes.png"}, nil
}
