package config

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// keyLines returns the line of every table header and every key of a TOML document, by locKey
// of its location: table names and keys, with the index of each element of an array of tables
// ([[state]] number 3, key burden: "state", "2", "burden"). The TOML decoder reports no key
// positions, so errors about a key it decoded happily (unknown, out of range) find their line
// here. src must already have parsed as TOML; on anything else the scan stays in bounds and
// returns what it found.
func keyLines(src string) map[string]int {
	s := &scanner{src: src, lines: map[string]int{}, aot: map[string]int{}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			s.nl = append(s.nl, i)
		}
	}
	s.document()
	return s.lines
}

type scanner struct {
	src   string
	pos   int
	nl    []int          // offsets of the newlines, to turn offsets into lines
	lines map[string]int // the result
	aot   map[string]int // elements so far of each array of tables, by locKey
	table []string       // location of the current table
}

func (s *scanner) eof() bool { return s.pos >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.pos]
}

// record notes the line of the key or header at offset at, keeping the first one seen.
func (s *scanner) record(l []string, at int) {
	k := locKey(l)
	if _, ok := s.lines[k]; !ok {
		s.lines[k] = sort.SearchInts(s.nl, at) + 1
	}
}

func (s *scanner) document() {
	for !s.eof() {
		start := s.pos
		s.skip(true)
		if s.eof() {
			break
		}
		if s.peek() == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
		if s.pos == start {
			s.pos++ // never stall on input the scan does not understand
		}
	}
}

// skip skips blanks and comments, and newlines too when nl is set.
func (s *scanner) skip(nl bool) {
	for !s.eof() {
		switch c := s.src[s.pos]; {
		case c == ' ' || c == '\t' || c == '\r':
			s.pos++
		case c == '\n' && nl:
			s.pos++
		case c == '#':
			for !s.eof() && s.src[s.pos] != '\n' {
				s.pos++
			}
		default:
			return
		}
	}
}

// header reads [table] or [[array.of.tables]] and makes it the current table.
func (s *scanner) header() {
	at := s.pos
	array := strings.HasPrefix(s.src[s.pos:], "[[")
	if array {
		s.pos += 2
	} else {
		s.pos++
	}
	segs := s.key()
	var l []string
	for i, seg := range segs {
		l = append(l, seg)
		// A table inside an array of tables belongs to its latest element.
		if n, ok := s.aot[locKey(l)]; ok && (i < len(segs)-1 || !array) {
			l = append(l, strconv.Itoa(n-1))
		}
	}
	if array {
		k := locKey(l)
		n := s.aot[k]
		s.aot[k] = n + 1
		l = append(l, strconv.Itoa(n))
	}
	s.table = l
	s.record(l, at)
	for !s.eof() && s.src[s.pos] != '\n' && s.src[s.pos] != '#' {
		s.pos++
	}
}

// keyValue reads key = value in the table at prefix.
func (s *scanner) keyValue(prefix []string) {
	at := s.pos
	segs := s.key()
	s.skip(false)
	if len(segs) == 0 || s.peek() != '=' {
		for !s.eof() && s.src[s.pos] != '\n' {
			s.pos++
		}
		return
	}
	s.pos++
	l := sub(prefix, segs...)
	for n := len(prefix) + 1; n <= len(l); n++ {
		s.record(l[:n], at) // a dotted key defines its intermediate tables too
	}
	s.value(l)
}

// key reads a possibly dotted key and returns its parts, unquoted.
func (s *scanner) key() []string {
	var segs []string
	for {
		s.skip(false)
		if s.eof() {
			return segs
		}
		var seg string
		switch c := s.src[s.pos]; {
		case c == '"':
			seg = s.basic()
		case c == '\'':
			seg = s.literal()
		case isBare(c):
			start := s.pos
			for !s.eof() && isBare(s.src[s.pos]) {
				s.pos++
			}
			seg = s.src[start:s.pos]
		default:
			return segs
		}
		segs = append(segs, seg)
		s.skip(false)
		if s.peek() != '.' {
			return segs
		}
		s.pos++
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// items skips the comma-separated items of an array or inline table, from its opening bracket
// to the closing one, reading each with item; it always moves on, even past what item cannot
// read.
func (s *scanner) items(closing byte, item func()) {
	s.pos++
	for {
		s.skip(true)
		if s.eof() {
			return
		}
		switch s.src[s.pos] {
		case closing:
			s.pos++
			return
		case ',':
			s.pos++
			continue
		}
		before := s.pos
		item()
		if s.pos == before {
			s.pos++
		}
	}
}

// value skips a value, recording the keys of the inline tables within it.
func (s *scanner) value(l []string) {
	s.skip(false)
	rest := s.src[s.pos:]
	switch {
	case strings.HasPrefix(rest, `"""`), strings.HasPrefix(rest, `'''`):
		s.multiline(rest[0])
	case strings.HasPrefix(rest, `"`):
		s.basic()
	case strings.HasPrefix(rest, `'`):
		s.literal()
	case strings.HasPrefix(rest, "["):
		i := 0
		s.items(']', func() {
			s.value(sub(l, strconv.Itoa(i)))
			i++
		})
	case strings.HasPrefix(rest, "{"):
		s.items('}', func() { s.keyValue(l) })
	default: // a number, a boolean, a date-time (which may hold a blank)
		for !s.eof() && !strings.ContainsRune(",]}#\r\n", rune(s.src[s.pos])) {
			s.pos++
		}
	}
}

// multiline skips a multi-line string opened by three quotes q.
func (s *scanner) multiline(q byte) {
	s.pos += 3
	for !s.eof() {
		c := s.src[s.pos]
		if c == '\\' && q == '"' {
			s.pos += 2
			continue
		}
		if c == q && strings.HasPrefix(s.src[s.pos:], strings.Repeat(string(q), 3)) {
			s.pos += 3
			for n := 0; n < 2 && s.peek() == q; n++ { // up to two quotes may end the content
				s.pos++
			}
			return
		}
		s.pos++
	}
	s.pos = min(s.pos, len(s.src))
}

// literal reads a 'literal string' and returns its content.
func (s *scanner) literal() string {
	s.pos++
	start := s.pos
	for !s.eof() && s.src[s.pos] != '\'' && s.src[s.pos] != '\n' {
		s.pos++
	}
	v := s.src[start:s.pos]
	if s.peek() == '\'' {
		s.pos++
	}
	return v
}

// basic reads a "basic string" and returns its content with the escapes resolved.
func (s *scanner) basic() string {
	s.pos++
	var b strings.Builder
	for !s.eof() {
		c := s.src[s.pos]
		switch {
		case c == '"':
			s.pos++
			return b.String()
		case c == '\n':
			return b.String()
		case c == '\\' && s.pos+1 < len(s.src):
			s.pos++
			s.escape(&b)
		default:
			b.WriteByte(c)
			s.pos++
		}
	}
	return b.String()
}

// escape resolves the escape whose letter is at s.pos.
func (s *scanner) escape(b *strings.Builder) {
	c := s.src[s.pos]
	s.pos++
	if r, ok := map[byte]byte{'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r', 'e': 0x1b, '"': '"', '\\': '\\'}[c]; ok {
		b.WriteByte(r)
		return
	}
	width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
	if width == 0 || s.pos+width > len(s.src) {
		b.WriteByte(c)
		return
	}
	n, err := strconv.ParseUint(s.src[s.pos:s.pos+width], 16, 32)
	if err != nil || !utf8.ValidRune(rune(n)) {
		b.WriteByte(c)
		return
	}
	s.pos += width
	b.WriteRune(rune(n))
}
