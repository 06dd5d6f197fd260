package config

import (
	"encoding"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// decoder copies a parsed TOML document (the generic tree toml.Decode gives for a map) into a
// File, strictly: a key with no field, a value of the wrong type, a missing required key is an
// issue, and decoding goes on past it so that every issue is found in one pass.
//
// The TOML library's own struct decoding is not used because it stops at the first type
// mismatch, matches keys case-insensitively (runs = and Runs = both fill Runs), reports
// unknown keys without the index of their [[state]], and cannot take two spellings of one key
// (proteges, protégés).
type decoder struct {
	issues []issue
	alias  map[string]string // locKey of a field written under its alias -> the alias
	// scalars holds the source values of each list decoded by scalars (the values of a
	// [[sweep]]), by locKey, for the type checks that need the rest of the document.
	scalars map[string][]any
}

type issue struct {
	loc  []string
	path string
	msg  string
}

func (d *decoder) errorf(l []string, path, format string, args ...any) {
	d.issues = append(d.issues, issue{loc: l, path: path, msg: fmt.Sprintf(format, args...)})
}

// structField is a field of a struct as TOML sees it.
type structField struct {
	name, alias string
	index       []int
	required    bool
	scalars     bool // a []string that takes numbers, booleans and strings (cfg:"scalars")
	doc         string
}

// structFields returns the TOML fields of struct type t in declaration order, with the fields
// of an untagged embedded struct (File's agents.Params) promoted as encoding/json does.
func structFields(t reflect.Type) []structField {
	var out []structField
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
		switch {
		case tag == "-", !sf.IsExported():
			continue
		case sf.Anonymous && tag == "" && sf.Type.Kind() == reflect.Struct:
			for _, inner := range structFields(sf.Type) {
				inner.index = append([]int{i}, inner.index...)
				out = append(out, inner)
			}
			continue
		case tag == "":
			tag = sf.Name
		}
		out = append(out, structField{
			name:     tag,
			alias:    sf.Tag.Get("alias"),
			index:    []int{i},
			required: sf.Tag.Get("cfg") == "required",
			scalars:  sf.Tag.Get("cfg") == "scalars",
			doc:      sf.Tag.Get("doc"),
		})
	}
	return out
}

// value decodes raw into rv, which is at location l, shown as path.
func (d *decoder) value(raw any, rv reflect.Value, l []string, path string) {
	t := rv.Type()
	switch {
	case t == reflect.TypeFor[Tripwire]():
		d.tripwire(raw, rv.Addr().Interface().(*Tripwire), l, path)
		return
	case t.Kind() == reflect.Pointer:
		n := reflect.New(t.Elem())
		d.value(raw, n.Elem(), l, path)
		rv.Set(n)
		return
	case reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]()):
		s, ok := raw.(string)
		if !ok {
			d.wrongType(raw, "a string", l, path)
			return
		}
		if err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			d.errorf(l, path, "%s", unknownEnum(t, s))
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		d.table(raw, rv, l, path)
	case reflect.Map:
		m, ok := raw.(map[string]any)
		if !ok {
			d.wrongType(raw, "a table", l, path)
			return
		}
		if rv.IsNil() {
			rv.Set(reflect.MakeMapWithSize(t, len(m)))
		}
		for _, k := range sortedKeys(m) {
			ev := reflect.New(t.Elem()).Elem()
			d.value(m[k], ev, sub(l, k), join(path, k))
			rv.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
	case reflect.Slice:
		d.slice(raw, rv, l, path)
	case reflect.Float64:
		switch v := raw.(type) {
		case float64:
			rv.SetFloat(v)
		case int64:
			if v > 1<<53 || v < -1<<53 { // beyond 2^53 the conversion would round
				d.errorf(l, path, "%d cannot be held exactly by a number (allowed: at most 2^53 in magnitude)", v)
				return
			}
			rv.SetFloat(float64(v))
		default:
			d.wrongType(raw, "a number", l, path)
		}
	case reflect.Int, reflect.Int64:
		v, ok := raw.(int64)
		if !ok {
			if f, isFloat := raw.(float64); isFloat && f == math.Trunc(f) && math.Abs(f) < 1e18 {
				d.errorf(l, path, "wrong type: have float %s, want an integer (write %d)", tomlFloat(f), int64(f))
				return
			}
			d.wrongType(raw, "an integer", l, path)
			return
		}
		rv.SetInt(v)
	case reflect.Bool:
		v, ok := raw.(bool)
		if !ok {
			d.wrongType(raw, "true or false", l, path)
			return
		}
		rv.SetBool(v)
	case reflect.String:
		v, ok := raw.(string)
		if !ok {
			d.wrongType(raw, "a string", l, path)
			return
		}
		rv.SetString(v)
	default:
		panic("config: no decoding for " + t.String()) // a field type this file does not handle
	}
}

// table decodes a TOML table into the struct rv.
func (d *decoder) table(raw any, rv reflect.Value, l []string, path string) {
	m, ok := raw.(map[string]any)
	if !ok {
		want := "a table"
		if len(l) > 0 {
			want = fmt.Sprintf("a table ([%s])", strings.Join(l, "."))
		}
		d.wrongType(raw, want, l, path)
		return
	}
	fields := structFields(rv.Type())
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		names = append(names, f.name)
	}
	for _, k := range sortedKeys(m) {
		i := slices.IndexFunc(fields, func(f structField) bool { return f.name == k || f.alias != "" && f.alias == k })
		kl, kp := sub(l, k), join(path, k)
		if i < 0 {
			d.unknownKey(m[k], k, names, kl, kp)
			continue
		}
		f := fields[i]
		if f.alias != "" && k == f.alias {
			if _, both := m[f.name]; both {
				d.errorf(kl, kp, "give %s or %s, not both", f.name, f.alias)
				continue
			}
			if d.alias == nil {
				d.alias = map[string]string{}
			}
			d.alias[locKey(sub(l, f.name))] = k
		}
		if f.scalars {
			d.scalarList(m[k], rv.FieldByIndex(f.index), kl, kp)
			continue
		}
		d.value(m[k], rv.FieldByIndex(f.index), kl, kp)
	}
	for _, f := range fields {
		_, has := m[f.name]
		_, hasAlias := m[f.alias]
		if f.required && !has && !(f.alias != "" && hasAlias) {
			if f.doc != "" {
				d.errorf(sub(l, f.name), join(path, f.name), "missing (required: %s)", f.doc)
			} else {
				d.errorf(sub(l, f.name), join(path, f.name), "missing (required)")
			}
		}
	}
}

func (d *decoder) unknownKey(raw any, k string, names []string, l []string, path string) {
	what := "key"
	if _, ok := raw.(map[string]any); ok {
		what = "table"
	}
	if s := didYouMean(k, names); s != "" {
		d.errorf(l, path, "unknown %s%s", what, s)
		return
	}
	d.errorf(l, path, "unknown %s (allowed: %s)", what, strings.Join(names, ", "))
}

// slice decodes a TOML array, or an array of tables, into the slice rv.
func (d *decoder) slice(raw any, rv reflect.Value, l []string, path string) {
	t := rv.Type()
	var elems []any
	switch v := raw.(type) {
	case []map[string]any:
		for _, m := range v {
			elems = append(elems, m)
		}
	case []any:
		elems = v
	default:
		want := map[reflect.Kind]string{reflect.Float64: "a list of numbers", reflect.String: "a list of strings"}[t.Elem().Kind()]
		if t.Elem().Kind() == reflect.Struct && len(l) == 1 {
			want = fmt.Sprintf("tables [[%s]]", l[0])
		} else if want == "" {
			want = "a list"
		}
		d.wrongType(raw, want, l, path)
		return
	}
	out := reflect.MakeSlice(t, len(elems), len(elems))
	for i, e := range elems {
		ep := path
		switch {
		case t.Elem() == reflect.TypeFor[Sweep](): // sweeps have no names: sweep[1], sweep[2]
			ep = sweepPath(path, i)
		case t.Elem() == reflect.TypeFor[Factor](): // factor[1], factor[2], as sweeps
			ep = factorPath(i)
		case t.Elem().Kind() == reflect.Struct:
			ep = path + "." + elemName(e, i)
		}
		d.value(e, out.Index(i), sub(l, strconv.Itoa(i)), ep)
	}
	rv.Set(out)
}

// elemName names element i of an array of tables in a path: by its name key when it has one,
// by its 1-based position otherwise (state.#3).
func elemName(e any, i int) string {
	if m, ok := e.(map[string]any); ok {
		if n, ok := m["name"].(string); ok && n != "" {
			return pathSeg(n)
		}
	}
	return "#" + strconv.Itoa(i+1)
}

// scalarList decodes a list of numbers, booleans and strings into the []string rv: a number in
// its shortest exact form (1, 0.25, 1e-07), a boolean as true or false, a string as it is. What
// the values may be depends on another key (a sweep's path), so the source values are kept for
// the type checks of checkSweepTypes.
func (d *decoder) scalarList(raw any, rv reflect.Value, l []string, path string) {
	list, ok := raw.([]any)
	if !ok {
		d.wrongType(raw, "a list of numbers, booleans or strings", l, path)
		return
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		switch v := e.(type) {
		case int64:
			if v > 1<<53 || v < -1<<53 {
				d.errorf(l, path, "%d cannot be held exactly by a number (allowed: at most 2^53 in magnitude)", v)
				return
			}
			out = append(out, formatValue(float64(v)))
		case float64:
			out = append(out, formatValue(v))
		case bool:
			out = append(out, strconv.FormatBool(v))
		case string:
			out = append(out, v)
		default:
			d.wrongType(e, "a number, a boolean or a string", l, path)
			return
		}
	}
	if d.scalars == nil {
		d.scalars = map[string][]any{}
	}
	d.scalars[locKey(l)] = list
	rv.Set(reflect.ValueOf(out))
}

func (d *decoder) tripwire(raw any, t *Tripwire, l []string, path string) {
	switch v := raw.(type) {
	case bool:
		t.All = v
		return
	case []any:
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				d.wrongType(raw, "true, false or a list of protégé names", l, path)
				t.States = nil
				return
			}
			t.States = append(t.States, s)
		}
		return
	}
	d.wrongType(raw, "true, false or a list of protégé names", l, path)
}

func (d *decoder) wrongType(raw any, want string, l []string, path string) {
	d.errorf(l, path, "wrong type: have %s, want %s", describe(raw), want)
}

// describe names the TOML type of a parsed value, with the value when it is short.
func describe(raw any) string {
	switch v := raw.(type) {
	case string:
		if len(v) > 40 {
			return "a string"
		}
		return "string " + strconv.Quote(v)
	case int64:
		return "integer " + strconv.FormatInt(v, 10)
	case float64:
		return "float " + tomlFloat(v)
	case bool:
		return "boolean " + strconv.FormatBool(v)
	case []map[string]any:
		return "an array of tables"
	case []any:
		for _, e := range v {
			if _, ok := e.(map[string]any); !ok {
				return "an array"
			}
		}
		if len(v) > 0 {
			return "an array of tables"
		}
		return "an array"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date-time"
	}
	return fmt.Sprintf("a %T", raw) // the parser's local date and time types
}

// unknownEnum is the message for a value of enumeration type t (agents.Kind, Trigger,
// Response) that is not one of its names.
func unknownEnum(t reflect.Type, s string) string {
	return unknownChoice(strings.ToLower(t.Name()), s, enumNames(t))
}

// enumNames returns the names of the values of an integer enumeration type with a String
// method, 0, 1, 2, ... up to the first value that has no name of its own.
func enumNames(t reflect.Type) []string {
	var names []string
	for i := range 64 {
		v := reflect.New(t).Elem()
		v.SetInt(int64(i))
		s, ok := v.Interface().(fmt.Stringer)
		if !ok {
			break
		}
		name := s.String()
		if strings.ContainsAny(name, "()") {
			break
		}
		names = append(names, name)
	}
	return names
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
