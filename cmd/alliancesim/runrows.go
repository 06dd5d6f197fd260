package main

import (
	"os"
	"path/filepath"
	"strings"

	"alliancesim/sim"
)

// rowPart is the runs.csv of one ensemble of several (a comparison's option, a sweep's point):
// its file, its spec, its config's hash and the key its rows start with in the long tables
// (CSV fields and a comma).
type rowPart struct {
	path, hash, key string
	spec            *sim.Spec
}

// writeRowTables writes prefix-runs.csv and prefix-states.csv into dir from parts, in order:
// the run-level and the per-state columns of every part's runs.csv, one table each, with the
// key columns first, so that the runs of every option or point load as one table. It returns
// the files' names.
func writeRowTables(dir, prefix string, keys []string, parts []rowPart) ([]string, error) {
	tables := []struct {
		name string
		cols []string
		rows func(f *atomicFile, runs *os.File, p rowPart) error
	}{
		{prefix + "-runs.csv", sim.RunsLongColumns(), func(f *atomicFile, runs *os.File, p rowPart) error {
			return sim.RunsRows(f, runs, p.spec, p.hash, p.key)
		}},
		{prefix + "-states.csv", sim.StatesColumns(), func(f *atomicFile, runs *os.File, p rowPart) error {
			return sim.StatesRows(f, runs, p.spec, p.hash, p.key)
		}},
	}
	var names []string
	for _, t := range tables {
		f, err := createAtomic(filepath.Join(dir, t.name))
		if err != nil {
			return nil, err
		}
		defer f.abort()
		if _, err := f.WriteString(strings.Join(append(append([]string(nil), keys...), t.cols...), ",") + "\n"); err != nil {
			return nil, err
		}
		for _, p := range parts {
			runs, err := os.Open(p.path)
			if err != nil {
				return nil, err
			}
			err = t.rows(f, runs, p)
			runs.Close()
			if err != nil {
				return nil, err
			}
		}
		if err := f.commit(); err != nil {
			return nil, err
		}
		names = append(names, t.name)
	}
	return names, nil
}

// rowResources describes the tables writeRowTables writes, after keyDocs.
func rowResources(prefix, what string, keyDocs []sim.ColumnDoc, key ...string) []dpResource {
	runs := append(append([]sim.ColumnDoc(nil), keyDocs...), sim.RunsLongColumnDocs()...)
	states := append(append([]sim.ColumnDoc(nil), keyDocs...), sim.StatesColumnDocs()...)
	return []dpResource{
		table(prefix+"-runs", prefix+"-runs.csv", "one row per "+what+" and run: runs.csv's run-level columns", runs, append(key, "run")...),
		table(prefix+"-states", prefix+"-states.csv", "one row per "+what+", run and state: states.csv's columns", states, append(key, "run", "state")...),
	}
}

// axisColumns names the columns of a sweep's axes in its tables.
func (r *sweepResult) axisColumns() []string {
	var cols []string
	for _, a := range r.Axes {
		cols = append(cols, columnSafe(a.Path))
	}
	return cols
}

// rowsName is the file of grid point idx's runs.csv, beside the point (sweep --rows).
func (s *pointStore) rowsName(idx int) string {
	return strings.TrimSuffix(s.name(idx), ".json") + ".runs.csv"
}
