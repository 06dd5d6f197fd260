package config

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is one fault in a config, located as precisely as the source allows. Its text is one
// line: file, line, dotted path, what is wrong and what is allowed:
//
//	europe.toml:12: state.Germany.burden: 1.5 is out of range (allowed: 0.005 to 0.4, model.burden_min to model.burden_max)
type Error struct {
	File string // the source name (File.Name)
	Line int    // 1-based line in the source, 0 when unknown
	Set  bool   // the value was given to File.Set (--set), so no line of the source holds it
	Path string // dotted path of the value, "" for the document as a whole
	Msg  string // what is wrong, and what is allowed
}

func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	case e.File != "":
		b.WriteString(e.File + ": ")
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	return oneLine(b.String())
}

// report collects the errors of one document, so that every fault is reported at once.
type report struct {
	f    *File
	errs []*Error
}

// add records a fault of the value at loc (its location key parts, see locKey), shown as path.
func (r *report) add(loc []string, path, format string, args ...any) {
	line, set := r.f.where(loc)
	r.errs = append(r.errs, &Error{File: r.f.Name, Line: line, Set: set, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// err returns the collected errors in source order (those without a line last), joined.
func (r *report) err() error {
	if len(r.errs) == 0 {
		return nil
	}
	sort.SliceStable(r.errs, func(i, j int) bool {
		a, b := r.errs[i].Line, r.errs[j].Line
		if a == 0 || b == 0 {
			return a != 0 && b == 0
		}
		return a < b
	})
	errs := make([]error, len(r.errs))
	for i, e := range r.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// locKey joins the parts of a location (table names, array indices, keys) into the key of the
// lines map. The separator cannot occur in a name that validates.
func locKey(parts []string) string { return strings.Join(parts, "\x00") }

// loc returns a fresh location made of parts, so that callers may append to it safely.
func loc(parts ...string) []string { return parts }

// sub returns a fresh location: l followed by parts.
func sub(l []string, parts ...string) []string {
	out := make([]string, 0, len(l)+len(parts))
	return append(append(out, l...), parts...)
}

// where returns the source line of the value at l (or of its nearest enclosing table), and
// whether the value was changed by Set, in which case no line holds it.
func (f *File) where(l []string) (line int, set bool) {
	if f.set[locKey(l)] {
		return 0, true
	}
	for n := len(l); n > 0; n-- {
		if line, ok := f.lines[locKey(l[:n])]; ok {
			return line, false
		}
	}
	return 0, false
}

// pathSeg returns key as a segment of a dotted path shown to users: as it is when it reads
// unambiguously, TOML-quoted when it would not (it holds a dot, a quote, or nothing).
func pathSeg(key string) string {
	if key == "" || strings.ContainsAny(key, `."`) || !printable(key) {
		return strconv.Quote(key)
	}
	return key
}

// join appends key to a dotted path.
func join(path, key string) string {
	if path == "" {
		return pathSeg(key)
	}
	return path + "." + pathSeg(key)
}

// printable reports whether s is valid UTF-8 without control characters.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// oneLine escapes the control characters of s (a newline among them), so that each error stays
// on one line whatever text a source or a value brought into it.
func oneLine(s string) string {
	if printable(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unicode.IsControl(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// quoteList returns the names quoted and comma-separated.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
