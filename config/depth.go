package config

import "fmt"

// MaxNesting is the deepest a config may nest arrays, inline tables and the parts of dotted
// keys. A config needs three or four levels; without a limit, a document of deeply nested
// arrays costs its readers time and memory that grow with the square of the depth.
const MaxNesting = 32

// checkNesting reports, in one linear pass over the text, the first place where arrays,
// inline tables or a dotted key nest deeper than MaxNesting. Strings and comments are skipped,
// so that brackets and dots inside them do not count.
func checkNesting(name, text string) error {
	depth, dots, line := 0, 0, 1
	tooDeep := func(what string) error {
		return &Error{File: name, Line: line, Msg: fmt.Sprintf("%s nest deeper than %d levels (allowed: at most %d)", what, MaxNesting, MaxNesting)}
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\n':
			line++
			dots = 0
		case '#':
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			i = skipString(text, i, &line)
		case '[', '{':
			if depth++; depth > MaxNesting {
				return tooDeep("arrays and inline tables")
			}
			dots = 0
		case ']', '}':
			depth = max(depth-1, 0)
			dots = 0
		case '=', ',':
			dots = 0
		case '.':
			if dots++; dots >= MaxNesting {
				return tooDeep("the parts of a dotted key")
			}
		}
	}
	return nil
}

// skipString returns the offset of the last byte of the string that opens at i, counting the
// newlines of a multi-line string into line.
func skipString(text string, i int, line *int) int {
	q := text[i]
	if i+2 < len(text) && text[i+1] == q && text[i+2] == q { // """ or '''
		for j := i + 3; j < len(text); j++ {
			switch {
			case text[j] == '\n':
				*line++
			case text[j] == '\\' && q == '"':
				if j+1 < len(text) && text[j+1] == '\n' {
					*line++
				}
				j++
			case text[j] == q && j+2 < len(text) && text[j+1] == q && text[j+2] == q:
				for j+3 < len(text) && text[j+3] == q { // up to two quotes may end the content
					j++
				}
				return j + 2
			}
		}
		return len(text) - 1
	}
	for j := i + 1; j < len(text); j++ {
		switch {
		case text[j] == '\n':
			return j - 1 // an unterminated string ends at the line; the newline is counted after
		case text[j] == '\\' && q == '"':
			j++
		case text[j] == q:
			return j
		}
	}
	return len(text) - 1
}
