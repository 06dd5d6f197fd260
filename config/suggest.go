package config

import (
	"fmt"
	"strings"
)

// suggest returns the candidate nearest to s, or "" when none is near enough to be what the
// user meant. Nearness is the optimal-string-alignment distance (edits and transpositions of
// adjacent characters) between the lower-cased strings; a candidate qualifies within 1 edit per
// 4 characters of s, plus 1 (none below 3 characters), so that "rnus" finds "runs" and "Untied
// Kingdom" finds "United Kingdom", but "x" does not find "w". Ties go to the earlier candidate.
func suggest(s string, candidates []string) string {
	const longest = 256 // the distance is quadratic: do not spend it on junk
	rs := []rune(strings.ToLower(s))
	if len(rs) == 0 || len(rs) > longest {
		return ""
	}
	limit := 1 + len(rs)/4
	if len(rs) < 3 { // one edit turns any short key into another: only a change of case counts
		limit = 0
	}
	best, bestD := "", limit+1
	for _, c := range candidates {
		if c == s || len(c) > 4*longest {
			continue
		}
		rc := []rune(strings.ToLower(c))
		if abs(len(rc)-len(rs)) >= bestD { // the distance is at least the difference in length
			continue
		}
		if d := distance(rs, rc); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// didYouMean returns ` (did you mean "x"?)` for the candidate nearest to s, or "".
func didYouMean(s string, candidates []string) string {
	if m := suggest(s, candidates); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}

// distance is the optimal string alignment distance between a and b: the Levenshtein distance
// in which swapping two adjacent characters counts as one edit.
func distance(a, b []rune) int {
	// Three rows of the dynamic programme suffice: the transposition looks two rows back.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// unknownChoice is the message for a value that is not one of a short list of names (a kind, a
// strategy, a distribution): the whole list is what is allowed.
func unknownChoice(what, got string, allowed []string) string {
	return fmt.Sprintf("unknown %s %q (allowed: %s)", what, got, strings.Join(allowed, ", "))
}

// unknownState is the message for a name that is not a state's: the nearest name, if any, is
// what was meant.
func unknownState(got string, names []string) string {
	return fmt.Sprintf("unknown state %q%s", got, didYouMean(got, names))
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
