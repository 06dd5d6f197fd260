package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"alliancesim/config"
)

const reproduceDoc = `Run again what a result file records — summary.json, sweep.json, compare.json or explore.json:
the resolved config (or each option's), the sweep's axes or the exploration's design, the
metrics, the seed and the first run — into
--out, and compare each result that the original folder's manifest lists with the new one,
byte for byte. Exit 0 when every file is identical, 1 when one differs (each is named).
Files drawn later by alliancesim plot are not remade and are skipped.`

// recordedResult is what reproduce reads of a result file.
type recordedResult struct {
	Version  string  `json:"version"`
	Config   *string `json:"config"`
	FirstRun int     `json:"first_run"`
	Axes     []struct {
		Path string `json:"path"`
	} `json:"axes"`
	Metrics []struct {
		Name string `json:"name"`
	} `json:"metrics"`
	Options []struct {
		Name     string `json:"name"`
		Argument string `json:"argument"`
		Config   string `json:"config"`
	} `json:"options"`
	Precision *precisionRecord `json:"precision"` // an adaptive ensemble's rule, made again
}

func cmdReproduce(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "reproduce", "RESULT.json [--out DIR] [flags]", reproduceDoc)
	out := fs.String("out", "", "output `DIR` for the new results (default: the result's folder with -reproduced appended)")
	workers := fs.Int("workers", 0, "worker goroutines (default: GOMAXPROCS); results do not depend on it")
	quiet := fs.Bool("quiet", false, "no progress bar")
	force := fs.Bool("force", false, "overwrite other results in the output directory")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: reproduce takes one result file (summary.json, sweep.json, compare.json or explore.json), got %d", errUsage, len(pos))
	}
	path := pos[0]
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if isExploreFile(b) {
		return reproduceExplore(ctx, e, path, b, *out, *workers, *quiet, *force)
	}
	var rec recordedResult
	if err := json.Unmarshal(b, &rec); err != nil {
		return fmt.Errorf("%s: not an alliancesim result file: %v", path, err)
	}
	src := filepath.Dir(path)
	dir := *out
	if dir == "" {
		dir = filepath.Clean(src) + "-reproduced"
	}
	if filepath.Clean(dir) == filepath.Clean(src) {
		return fmt.Errorf("%w: --out %s is the folder of the results to compare with; choose another", errUsage, dir)
	}
	flags := []string{"--out", dir, "--first-run", strconv.Itoa(rec.FirstRun), "--workers", strconv.Itoa(*workers)}
	if *quiet {
		flags = append(flags, "--quiet")
	}
	if *force {
		flags = append(flags, "--force")
	}
	var metrics []string
	for _, m := range rec.Metrics {
		metrics = append(metrics, m.Name)
	}
	if len(metrics) > 0 {
		flags = append(flags, "--metric", strings.Join(metrics, ","))
	}
	if rec.Precision != nil {
		flags = append(flags, rec.Precision.flags()...)
	}
	switch {
	case rec.Options != nil:
		var opts []option
		for _, o := range rec.Options {
			f, err := config.Load("config of option "+o.Name+" in "+path, []byte(o.Config))
			if err != nil {
				return err
			}
			opts = append(opts, option{name: o.Name, arg: o.Argument, file: f})
		}
		if listed(src, "compare-runs.csv") {
			flags = append(flags, "--rows")
		}
		err = compareOptions(ctx, e, flags, opts)
	case rec.Config != nil:
		tmp, err := os.MkdirTemp("", "alliancesim-reproduce-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		cfg := filepath.Join(tmp, "config.toml")
		if err := os.WriteFile(cfg, []byte(*rec.Config), 0o644); err != nil {
			return err
		}
		if rec.Axes != nil {
			if listed(src, "sweep-runs.csv") {
				flags = append(flags, "--rows")
			}
			err = cmdSweep(ctx, e, append([]string{cfg}, flags...))
		} else {
			if listed(src, "trajectories.csv") || listed(src, "trajectories.parquet") {
				flags = append(flags, "--trajectories")
			}
			if listed(src, "runs.parquet") {
				flags = append(flags, "--format", "parquet")
			}
			err = cmdRun(ctx, e, append([]string{cfg}, flags...))
		}
		if err != nil {
			return err
		}
	default:
		return fmt.Errorf("%s: records no config (not a summary.json, sweep.json, compare.json or explore.json of this alliancesim)", path)
	}
	if err != nil {
		return err
	}
	return compareFolders(e, src, dir, filepath.Base(path), rec.Version)
}

// listed reports whether the manifest of folder dir lists the file name.
func listed(dir, name string) bool {
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return false
	}
	m, err := parseManifest(b)
	if err != nil {
		return false
	}
	for _, f := range m.Files {
		if f.Name == name {
			return true
		}
	}
	return false
}

// compareFolders compares the results of folder a that its manifest lists (or the file named
// when it has no manifest) with those of folder b, and prints the verdict for each.
func compareFolders(e *env, a, b, name, madeBy string) error {
	names := []string{name}
	if m, err := os.ReadFile(filepath.Join(a, manifestName)); err == nil {
		man, err := parseManifest(m)
		if err != nil {
			return fmt.Errorf("%s: %v", filepath.Join(a, manifestName), err)
		}
		names = names[:0]
		for _, f := range man.Files {
			names = append(names, f.Name)
		}
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	var differ []string
	for _, n := range names {
		want, err := os.ReadFile(filepath.Join(a, filepath.FromSlash(n)))
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(b, filepath.FromSlash(n)))
		switch {
		case errors.Is(err, os.ErrNotExist):
			fmt.Fprintf(tw, "%s\tnot remade (drawn by plot)\n", n)
			continue
		case err != nil:
			return err
		}
		if bytes.Equal(got, want) {
			fmt.Fprintf(tw, "%s\tidentical\n", n)
			continue
		}
		fmt.Fprintf(tw, "%s\tDIFFERS\n", n)
		differ = append(differ, n)
	}
	tw.Flush()
	if len(differ) == 0 {
		return nil
	}
	why := ""
	if madeBy != version {
		why = fmt.Sprintf(" (they were made by alliancesim %s, this is %s)", madeBy, version)
	}
	return fmt.Errorf("%d of %d files of %s differ from their reproduction in %s: %s%s",
		len(differ), len(names), a, b, strings.Join(differ, ", "), why)
}
