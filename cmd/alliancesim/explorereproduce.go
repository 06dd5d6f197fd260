package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"alliancesim/config"
)

// isExploreFile reports whether b is an explore.json: the one result with a design.
func isExploreFile(b []byte) bool {
	var probe struct {
		Design json.RawMessage `json:"design"`
	}
	return json.Unmarshal(b, &probe) == nil && probe.Design != nil
}

// reproduceExplore runs again the exploration that explore.json at path records — the config
// that gives the factors, each option's argument and resolved config, the design, the metrics,
// the seed and the first run — into out, and compares the folders.
func reproduceExplore(ctx context.Context, e *env, path string, b []byte, out string, workers int, quiet, force bool) error {
	var rec struct {
		explorePlan
		Version   string           `json:"version"`
		Precision *precisionRecord `json:"precision"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return fmt.Errorf("%s: not an explore.json of this alliancesim: %v", path, err)
	}
	p := &rec.explorePlan
	if p.Config == "" || len(p.Options) == 0 || len(p.Metrics) == 0 {
		return fmt.Errorf("%s: records no config or options (made by an older alliancesim?)", path)
	}
	src := filepath.Dir(path)
	dir := out
	if dir == "" {
		dir = filepath.Clean(src) + "-reproduced"
	}
	if filepath.Clean(dir) == filepath.Clean(src) {
		return fmt.Errorf("%w: --out %s is the folder of the results to compare with; choose another", errUsage, dir)
	}
	tmp, err := os.MkdirTemp("", "alliancesim-reproduce-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	cfg := filepath.Join(tmp, "config.toml")
	if err := os.WriteFile(cfg, []byte(p.Config), 0o644); err != nil {
		return err
	}
	// The runs of the recorded config: explore's own default (200) would override them.
	f, err := config.Load("config in "+path, []byte(p.Config))
	if err != nil {
		return err
	}
	var opts []option
	for _, o := range p.Options {
		f, err := config.Load("config of option "+o.Name+" in "+path, []byte(o.Config))
		if err != nil {
			return err
		}
		opts = append(opts, option{name: o.Name, arg: o.Argument, file: f})
	}
	args := []string{cfg, "--out", dir, "--runs", strconv.Itoa(f.Simulation.Runs), "--first-run", strconv.Itoa(p.FirstRun), "--workers", strconv.Itoa(workers),
		"--design", p.Design, "--metric", p.Metrics[0], "--resamples", strconv.Itoa(p.Resamples),
		"--replicates", strconv.Itoa(len(p.Replicates))}
	switch p.Design {
	case "lhs":
		args = append(args, "--samples", strconv.Itoa(p.Samples), "--criterion", p.Criterion)
	case "sobol":
		args = append(args, "--samples", strconv.Itoa(p.Samples))
		if p.SecondOrder {
			args = append(args, "--second-order")
		}
	case "morris":
		args = append(args, "--trajectories", strconv.Itoa(p.Trajectories), "--levels", strconv.Itoa(p.Levels))
	}
	if p.Discover != "" {
		args = append(args, "--discover", p.Discover)
	}
	if p.Threshold != "" {
		args = append(args, "--threshold", p.Threshold)
	}
	if rec.Precision != nil {
		args = append(args, rec.Precision.flags()...)
	}
	if quiet {
		args = append(args, "--quiet")
	}
	if force {
		args = append(args, "--force")
	}
	if err := exploreWith(ctx, e, args, opts); err != nil {
		return err
	}
	return compareFolders(e, src, dir, filepath.Base(path), rec.Version)
}
