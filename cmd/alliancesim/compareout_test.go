package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Two comparisons never share a default folder, and no option name aims it outside out/.
func TestCompareOut(t *testing.T) {
	long := []string{"ukraine-nato", "ukraine-coalition", "ukraine-agreements", "ukraine-porcupine", "ukraine-budapest"}
	for _, test := range []struct {
		names []string
		want  string
	}{
		{[]string{"baltic-tripwire", "baltic-no-tripwire"}, "out/compare-baltic-tripwire+baltic-no-tripwire"},
		{[]string{"a", "../../etc"}, "out/compare-a+.._.._etc"},
		{[]string{"x y", "z/w"}, "out/compare-x_y+z_w"},
		{long, "out/compare-ukraine-nato+4-more-"},
	} {
		got := compareOut(test.names)
		if !strings.HasPrefix(filepath.ToSlash(got), test.want) || (len(test.names) < 5 && filepath.ToSlash(got) != test.want) {
			t.Errorf("compareOut(%q) = %q, want %q", test.names, got, test.want)
		}
		if rel, err := filepath.Rel("out", got); err != nil || !filepath.IsLocal(rel) || strings.Contains(rel, string(filepath.Separator)) {
			t.Errorf("compareOut(%q) = %q leaves out/", test.names, got)
		}
	}
	// Lists that share a first option and a length still get their own folders.
	other := append([]string{}, long...)
	other[4] = "ukraine-alone"
	if compareOut(long) == compareOut(other) {
		t.Errorf("two comparisons share %q", compareOut(long))
	}
}
