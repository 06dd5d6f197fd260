package stats

import (
	"math"
	"testing"
)

// close reports whether got is within tol of want; two NaNs are close.
func close(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}

func checkInterval(t *testing.T, name string, got, want Interval, tol float64) {
	t.Helper()
	if !close(got.P, want.P, tol) || !close(got.Lo, want.Lo, tol) || !close(got.Hi, want.Hi, tol) {
		t.Errorf("%s = {P:%.10g Lo:%.10g Hi:%.10g}, want {P:%.10g Lo:%.10g Hi:%.10g} (tol %g)",
			name, got.P, got.Lo, got.Hi, want.P, want.Lo, want.Hi, tol)
	}
}

// mustPanic fails the test unless f panics.
func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", name)
		}
	}()
	f()
}
