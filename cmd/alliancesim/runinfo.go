package main

import (
	"path/filepath"
	"runtime"
	"time"
)

// runInfoName is the sidecar that records how an output folder's results were made: the
// command line, when, and by which build. It is the one file that differs between two runs of
// the same config and seed, which is why it is a file of its own: every result file, and the
// manifest that vouches for them, stays byte-identical whatever the machine, the time or the
// number of workers, so that they can be compared whole (cmp, sha256sum, a golden file,
// `alliancesim reproduce`) without a reader having to know which field to leave out. The
// manifest does not list it, for the same reason; it lists the results' checksums instead.
const runInfoName = "provenance.json"

// runInfoSchema versions the layout of provenance.json.
const runInfoSchema = 1

// runInfo is provenance.json.
type runInfo struct {
	Schema  int    `json:"alliancesim_provenance"`
	Kind    string `json:"kind"`
	Version string `json:"version"`
	// Commit is the full VCS commit the binary was built from ("devel" when the build does
	// not say), CommitTime its time, Modified whether the work tree had uncommitted changes.
	Commit     string `json:"commit"`
	CommitTime string `json:"commit_time,omitempty"`
	Modified   bool   `json:"modified"`
	GoVersion  string `json:"go_version"`
	Platform   string `json:"platform"` // GOOS/GOARCH
	// CommandLine is the command's arguments after the program's name, which is a path of the
	// machine it ran on.
	CommandLine []string `json:"command_line"`
	GOMAXPROCS  int      `json:"gomaxprocs"`
	Started     string   `json:"started"`  // UTC, RFC 3339
	Finished    string   `json:"finished"` // UTC, RFC 3339
	// Files are the results it describes, with the checksums of the folder's manifest.
	Files []manifestFile `json:"files"`
}

// writeRunInfo writes provenance.json into the folder o, whose manifest is complete.
func (o *outDir) writeRunInfo(e *env) error {
	b := buildInfo()
	commit := b.revision
	if commit == "" {
		commit = "devel"
	}
	info := runInfo{
		Schema: runInfoSchema, Kind: o.kind, Version: version,
		Commit: commit, CommitTime: b.time, Modified: b.modified,
		GoVersion: b.goVer, Platform: runtime.GOOS + "/" + runtime.GOARCH,
		CommandLine: append([]string{"alliancesim"}, e.args...),
		GOMAXPROCS:  runtime.GOMAXPROCS(0),
		Started:     e.started.UTC().Format(time.RFC3339),
		Finished:    time.Now().UTC().Format(time.RFC3339),
		Files:       o.files,
	}
	if info.Files == nil {
		info.Files = []manifestFile{}
	}
	return writeJSON(filepath.Join(o.dir, runInfoName), info)
}
