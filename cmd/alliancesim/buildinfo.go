package main

import (
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
)

// release is the version of this source, as CHANGELOG.md names it: what a build reports when
// its build information names no tagged release.
const release = "0.1.0"

// version is the program's version, recorded in every output: the release, and after a '+' (the
// build metadata of Semantic Versioning) the first 12 hex digits of the VCS commit it was built
// from, ".dirty" when the work tree had changes, or "devel" when the build does not say (go test,
// go build -buildvcs=false). Outputs of one binary are byte-identical; outputs of two commits
// differ in this field, and shards or sweep points of two commits are not mixed.
var version = buildInfo().version()

// build describes the binary: what runtime/debug.ReadBuildInfo says of it.
type build struct {
	release  string // the tagged version of the main module, or the release constant
	revision string // the full VCS commit, "" when unknown
	time     string // the commit's time, RFC 3339, "" when unknown
	modified bool   // the work tree had uncommitted changes
	goVer    string
}

// semverTag matches a tagged release as the go command stamps it into a build, not a
// pseudo-version (v0.0.0-20250101120000-abcdef123456) nor a dirty build (+dirty).
var semverTag = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+$`)

func buildInfo() build {
	b := build{release: release, goVer: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if semverTag.MatchString(bi.Main.Version) {
		b.release = strings.TrimPrefix(bi.Main.Version, "v")
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.revision = s.Value
		case "vcs.time":
			b.time = s.Value
		case "vcs.modified":
			b.modified = s.Value == "true"
		}
	}
	return b
}

// commit is the short commit of b, "devel" when unknown.
func (b build) commit() string {
	if b.revision == "" {
		return "devel"
	}
	c := b.revision
	if len(c) > 12 {
		c = c[:12]
	}
	if b.modified {
		c += ".dirty"
	}
	return c
}

func (b build) version() string { return b.release + "+" + b.commit() }
