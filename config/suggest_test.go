package config

import "testing"

func TestSuggest(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		s          string
		candidates []string
		want       string
	}{
		{"rnus", []string{"name", "runs", "steps"}, "runs"},
		{"Untied Kingdom", []string{"United Kingdom", "Ukraine"}, "United Kingdom"},
		{"balanse", []string{"balance", "bandwagon"}, "balance"},
		{"Runs", []string{"runs"}, "runs"},
		{"x", []string{"w", "s"}, ""},
		{"gauss", []string{"normal", "uniform"}, ""},
		{"", []string{"a"}, ""},
	} {
		if got := suggest(test.s, test.candidates); got != test.want {
			t.Errorf("suggest(%q) = %q, want %q", test.s, got, test.want)
		}
	}
}

func TestDistance(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"rnus", "runs", 1}, {"kitten", "sitting", 3}, {"ca", "abc", 3},
	} {
		if got := distance([]rune(test.a), []rune(test.b)); got != test.want {
			t.Errorf("distance(%q, %q) = %d, want %d", test.a, test.b, got, test.want)
		}
	}
}
