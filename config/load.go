package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Load decodes the TOML document src, whose name (a path, say) starts every error message,
// fills the defaults and validates it. A leading UTF-8 byte-order mark is ignored. Every fault
// of the document is reported, one [Error] per line: first the keys that do not fit the schema
// (unknown keys, wrong types, missing required keys), else every value that does not validate.
func Load(name string, src []byte) (*File, error) {
	text := string(bytes.TrimPrefix(src, []byte("\uFEFF")))
	if err := checkNesting(name, text); err != nil {
		return nil, err
	}
	raw, text, err := parse(name, text)
	if err != nil {
		return nil, err
	}
	f := newFile(name)
	f.lines = keyLines(text)
	f.header = leadingComment(text)

	var d decoder
	d.value(raw, reflect.ValueOf(f).Elem(), nil, "")
	d.checkSweepTypes(f)
	if len(d.issues) > 0 {
		r := &report{f: f}
		for _, is := range d.issues {
			r.add(is.loc, is.path, "%s", is.msg)
		}
		return nil, r.err()
	}
	for i := range f.Guarantees {
		f.Guarantees[i].protegesKey = d.alias[locKey(loc("guarantee", strconv.Itoa(i), "proteges"))]
	}
	f.fillDefaults()
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return f, nil
}

// LoadFile loads the config at path (see [Load]).
func LoadFile(path string) (*File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Load(path, src)
}

// parse parses text as TOML into the generic tree. It returns the text it parsed, which differs
// from the argument only when a bare protégés key had to be quoted.
func parse(name, text string) (map[string]any, string, error) {
	var raw map[string]any
	_, err := toml.Decode(text, &raw)
	if err == nil {
		return raw, text, nil
	}
	// TOML bare keys are ASCII, so `protégés = [...]`, the spelling of the model, does not
	// parse. Quoting it cannot change the meaning of a document that failed to parse anyway,
	// and keeps every line where it was.
	bare := regexp.MustCompile(`(?m)^([ \t]*|.*[{,][ \t]*)protégés([ \t]*=)`)
	if quoted := bare.ReplaceAllString(text, `$1"protégés"$2`); quoted != text {
		var raw2 map[string]any
		_, err2 := toml.Decode(quoted, &raw2)
		if err2 == nil {
			return raw2, quoted, nil
		}
		err = err2
	}
	return nil, "", tomlError(name, err)
}

// tomlError turns an error of the TOML library into an *Error: file:line: message.
func tomlError(name string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &Error{File: name, Line: pe.Position.Line, Msg: "invalid TOML: " + pe.Message}
	}
	// The errors that are not ParseErrors, such as a type mismatch of the library's own struct
	// decoding, have the form: toml: line 3 (last key "simulation.runs"): incompatible types: ...
	text := regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "(.*?)"\): (.*)$`)
	if m := text.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: name, Line: line, Path: m[2], Msg: m[3]}
	}
	return &Error{File: name, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
}

// leadingComment returns the comment lines at the top of text (and the blank lines among
// them), which describe a scenario: the commented encoding repeats them.
func leadingComment(text string) string {
	var b strings.Builder
	for line := range strings.Lines(text) {
		t := strings.TrimSpace(line)
		if t != "" && !strings.HasPrefix(t, "#") {
			break
		}
		b.WriteString(strings.TrimRight(line, " \t\r\n") + "\n")
	}
	return strings.TrimSpace(b.String())
}
