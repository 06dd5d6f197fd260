package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"alliancesim/sim"
)

// Set assigns value to the field at the dotted path (the --set flag): simulation.runs,
// model.gamma, kind.agreement.aid, state.Germany.burden, state.Russia.claims.Ukraine,
// guarantee.NATO.trigger, ... (see [File.Paths]). The value is parsed by the field's type: a
// number, an integer, true or false, a name (strategy, trigger, response), a state's name
// (client_of, focus; "" for none), or text. Then f is validated again; on any error f is left
// unchanged. An error about the value itself names the path but no line: the file no longer
// holds it.
func (f *File) Set(path, value string) error {
	fl, err := f.field(path)
	if err != nil {
		return &Error{File: f.Name, Set: true, Path: path, Msg: err.Error()}
	}
	g := f.clone()
	if err := fl.assign(g, value); err != nil {
		return &Error{File: f.Name, Set: true, Path: fl.path, Msg: err.Error()}
	}
	if g.set == nil {
		g.set = map[string]bool{}
	}
	g.set[locKey(fl.loc)] = true
	if err := g.Validate(); err != nil {
		return err
	}
	*f = *g
	return nil
}

// assign parses value by the type of fl and assigns it in f.
func (fl *field) assign(f *File, value string) error {
	v := strings.TrimSpace(value)
	switch fl.kind {
	case numField:
		x, err := strconv.ParseFloat(strings.ReplaceAll(v, "_", ""), 64)
		if err != nil {
			return fmt.Errorf("%q is not a number (allowed: %s)", value, fl.bounds)
		}
		fl.setF(f, x)
	case intField:
		n, err := strconv.ParseInt(strings.ReplaceAll(v, "_", ""), 10, 64)
		if err != nil {
			// Accept an integral number in any notation, such as 1e6 runs.
			x, ferr := strconv.ParseFloat(v, 64)
			if ferr != nil || x != math.Trunc(x) || math.Abs(x) >= 1<<63 {
				return fmt.Errorf("%q is not an integer (allowed: %s)", value, fl.bounds)
			}
			n = int64(x)
		}
		fl.setI(f, n)
	case boolField:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("%q is not a boolean (allowed: true, false)", value)
		}
		fl.setB(f, b)
	case choiceField:
		if err := fl.setS(f, v); err != nil {
			return fmt.Errorf("%s", unknownChoice(fl.what, v, fl.choices))
		}
	default: // names and text are taken as given; Validate checks a name
		return fl.setS(f, value)
	}
	return nil
}

// Setter returns the setter of the value at path in a spec compiled from f (by [File.Spec]),
// for sweeps: set(spec, v) changes the value in spec. A number is clamped to the field's range
// (an integer is rounded first). A choice or a boolean takes the index of its value among
// values, which Setter also returns (for booleans: "false", "true", so 0 or 1); an index out of
// range is clamped to the list. Paths that name text, or a state (client_of, focus), cannot be
// swept.
func Setter(f *File, path string) (set sim.Setter, values []string, err error) {
	fl, err := f.field(path)
	if err != nil {
		return nil, nil, &Error{File: f.Name, Path: path, Msg: err.Error()}
	}
	if fl.apply == nil {
		return nil, nil, &Error{File: f.Name, Path: fl.path, Msg: "cannot be swept (allowed: numbers, booleans and choices such as strategies)"}
	}
	return fl.apply, fl.choices, nil
}
