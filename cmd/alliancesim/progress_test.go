package main

import (
	"strings"
	"testing"
	"time"
)

// Off a terminal, progress is a heartbeat line at most once an interval, with runs done, rate
// and ETA, and nothing before the first interval has passed.
func TestProgressHeartbeat(t *testing.T) {
	var b strings.Builder
	clock := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	p := &progress{w: &b, total: 1000, unit: "runs", start: clock, due: clock.Add(time.Minute), every: time.Minute,
		now: func() time.Time { return clock }}
	for _, step := range []struct {
		after time.Duration
		done  int
		want  string
	}{
		{30 * time.Second, 100, ""},
		{60 * time.Second, 200, "alliancesim: 200 of 1000 runs (20.0%) in 1m0s, 3 runs/s, ETA 4m0s\n"},
		{90 * time.Second, 300, ""}, // within a minute of the last line
		{120 * time.Second, 500, "alliancesim: 500 of 1000 runs (50.0%) in 2m0s, 4 runs/s, ETA 2m0s\n"},
	} {
		b.Reset()
		clock = time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC).Add(step.after)
		p.update(step.done, 0)
		if b.String() != step.want {
			t.Errorf("at %s with %d done: %q, want %q", step.after, step.done, b.String(), step.want)
		}
	}
}
