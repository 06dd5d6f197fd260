package sim

// Denominator returns the number of observations behind the metric's estimate over the runs of
// acc: the runs, for a probability or a mean per run; the runs in which the focus state held a
// guarantee, for focus_failure; the guarantors' decisions, for a rate per decision (those not
// buck-passed for reliability, the honoured ones for entrapment). It is 0 for a focus metric of
// a scenario without a focus state, whose value is undefined.
func (m Metric) Denominator(spec *Spec, acc *Accumulator) int64 {
	switch m.Name {
	case "reliability":
		return acc.Triggered - acc.BuckPassed
	case "abandonment":
		return acc.Triggered
	case "entrapment":
		return acc.Honoured
	}
	if len(m.Name) > len("focus_") && m.Name[:len("focus_")] == "focus_" {
		if spec.Focus < 0 {
			return 0
		}
		if m.Name == "focus_failure" {
			return acc.States[spec.Focus].Protected
		}
	}
	return acc.Runs
}
