package main

import (
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress shows a bar with ETA on stderr when it is a terminal, and nothing otherwise, so that
// logs of batch jobs stay clean.
type progress struct {
	bar *progressbar.ProgressBar
}

func newProgress(e *env, quiet bool, total int, unit string) *progress {
	if quiet || !e.stderrTTY {
		return &progress{}
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

// update is called with the runs done so far.
func (p *progress) update(done, _ int) {
	if p.bar != nil {
		p.bar.Set(done)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
