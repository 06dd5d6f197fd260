package repocheck

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// A Problem is one reference that a reader of the repository cannot follow.
type Problem struct {
	File string // slash-separated, relative to the repository root
	Line int
	Text string // the offending reference
	Why  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s: %q", p.File, p.Line, p.Why, p.Text) }

var (
	// machinePath is an absolute path on a developer's machine: a home, root or scratch
	// directory where a path starts (after a delimiter, so that URLs and longer paths do not
	// match). /tmp counts only with a name after it: "/tmp/" alone is an ignore pattern.
	machinePath = regexp.MustCompile("(?:^|[\\s\"'`(\\[<=:,])((?:/work|/home|/root|/Users)/[^\\s\"'`)\\]>,;]*|/tmp/[A-Za-z0-9_.-][^\\s\"'`)\\]>,;]*)")
	// windowsPath is a drive letter, a backslash (two in Go source) and a directory.
	windowsPath = regexp.MustCompile(`(?:^|[^A-Za-z0-9])([A-Za-z]:\\{1,2}(?:Users|Windows|Program Files|[A-Za-z0-9_. -]+\\))`)
	// outside names files that belong to the machinery around the project, not to it.
	outside = regexp.MustCompile(`\bMODEL\.md\b|\.\./shared\b`)
	// mdLink is the target of a markdown link or image: [text](target "title").
	mdLink = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	// seeRef is a "see X" reference whose X looks like a path.
	seeRef = regexp.MustCompile("(?i)\\bsee:?[ \\t]+[`\\[]?([A-Za-z0-9_.*/-]+)")
	// scheme starts a URL or another non-file link (https:, mailto:).
	scheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
	// fileExt ends a name that is a file of the kinds the repository holds.
	fileExt = regexp.MustCompile(`\.(go|md|toml|csv|tsv|sh|json|png|svg|pdf|ya?ml|cff|txt|golden|mod|sum|sbatch)$`)
)

// Scan returns the problems of one text file. name is its path relative to the repository
// root; topDirs are the repository's top-level directories (a path in a "see" reference that
// starts with one is a path into the repository, not, say, a Go import path such as
// math/rand/v2); exists reports whether a clean, root-relative path (a file, a directory or a
// glob) is in the repository.
func Scan(name string, content []byte, topDirs map[string]bool, exists func(string) bool) []Problem {
	var probs []Problem
	dir := path.Dir(name)
	md := strings.HasSuffix(name, ".md")
	for i, line := range bytes.Split(content, []byte("\n")) {
		s := string(line)
		add := func(text, why string) {
			probs = append(probs, Problem{File: name, Line: i + 1, Text: text, Why: why})
		}
		for _, m := range machinePath.FindAllStringSubmatch(s, -1) {
			add(m[1], "absolute path of a machine")
		}
		for _, m := range windowsPath.FindAllStringSubmatch(s, -1) {
			add(m[1], "absolute path of a machine")
		}
		for _, m := range outside.FindAllString(s, -1) {
			add(m, "file outside the repository")
		}
		if md {
			for _, m := range mdLink.FindAllStringSubmatch(s, -1) {
				if t := linkTarget(m[1]); t != "" {
					if p, ok := resolve(dir, t); !ok || !exists(p) {
						add(m[1], "markdown link to a file not in the repository")
					}
				}
			}
		}
		for _, m := range seeRef.FindAllStringSubmatch(s, -1) {
			t := strings.TrimRight(m[1], ".,;:)")
			if !pathLike(t, topDirs) {
				continue
			}
			p1, ok1 := resolve(dir, t)
			p2, ok2 := resolve(".", t)
			if !(ok1 && exists(p1)) && !(ok2 && exists(p2)) {
				add(t, `"see" reference to a file not in the repository`)
			}
		}
	}
	return probs
}

// linkTarget returns the file part of a markdown link target, or "" when the target is not a
// file of the repository (a URL, an anchor in the same page).
func linkTarget(t string) string {
	if scheme.MatchString(t) || strings.HasPrefix(t, "#") {
		return ""
	}
	if i := strings.IndexAny(t, "#?"); i >= 0 {
		t = t[:i]
	}
	return t
}

// pathLike reports whether the X of "see X" is meant as a path in the repository: it names a
// file by its extension, or starts with ./, ../ or a top-level directory of the repository.
func pathLike(t string, topDirs map[string]bool) bool {
	if fileExt.MatchString(t) {
		return true
	}
	if strings.HasPrefix(t, "./") || strings.HasPrefix(t, "../") {
		return true
	}
	first, _, found := strings.Cut(t, "/")
	return found && topDirs[first]
}

// resolve returns target, relative to dir (or, if it starts with '/', to the repository root),
// as a clean root-relative path; false if it leaves the repository.
func resolve(dir, target string) (string, bool) {
	var p string
	if strings.HasPrefix(target, "/") {
		p = path.Clean(strings.TrimPrefix(target, "/"))
	} else {
		p = path.Clean(path.Join(dir, target))
	}
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	return p, true
}
