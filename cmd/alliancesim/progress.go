package main

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress shows a bar with ETA on stderr when it is a terminal. Elsewhere (a Slurm log, a
// redirected stderr) it writes a heartbeat line at most once a heartbeat interval — runs done,
// rate and ETA — so that a long job's log shows it is alive without filling with redraws.
type progress struct {
	bar *progressbar.ProgressBar

	w          io.Writer // heartbeat lines; nil for none
	total      int
	unit       string
	start, due time.Time
	every      time.Duration
	now        func() time.Time
}

// heartbeat is the interval of the non-terminal progress lines.
const heartbeat = time.Minute

func newProgress(e *env, quiet bool, total int, unit string) *progress {
	if quiet {
		return &progress{}
	}
	if !e.stderrTTY {
		now := time.Now
		return &progress{w: e.stderr, total: total, unit: unit, start: now(), due: now().Add(heartbeat), every: heartbeat, now: now}
	}
	return &progress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetDescription(unit),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
	)}
}

// update is called with the runs done so far, from one goroutine.
func (p *progress) update(done, _ int) {
	switch {
	case p.bar != nil:
		p.bar.Set(done)
	case p.w != nil:
		t := p.now()
		if t.Before(p.due) || done <= 0 {
			return
		}
		p.due = t.Add(p.every)
		el := t.Sub(p.start)
		rate := float64(done) / el.Seconds()
		eta := time.Duration(float64(p.total-done) / rate * float64(time.Second)).Round(time.Second)
		fmt.Fprintf(p.w, "alliancesim: %d of %d %s (%.1f%%) in %s, %.0f %s/s, ETA %s\n",
			done, p.total, p.unit, 100*float64(done)/float64(p.total), el.Round(time.Second), rate, p.unit, eta)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
