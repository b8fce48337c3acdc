package content

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlSyntaxError places a YAML syntax error: the 1-based line of text
// (the YAML, not the file) and column, in characters, where the problem
// is, and a message saying what is wrong in an editor's terms and what to
// do.
//
// The YAML parser gives the problem only, with no column, and a line that
// depends on the kind of error: for the scanner's errors, the 1-based line
// where the token at fault starts; for the parser's ("did not find
// expected ..."), the 0-based line where the enclosing list or mapping
// starts; and no line at all when that would be 0. So the line is worked
// out here for each kind, and the column found by reading the line the way
// the scanner does: the unclosed quote, the unclosed bracket, the ": " in a
// value, the tab, the character that cannot start a value.
func yamlSyntaxError(text string, err error) (line, col int, msg string) {
	reported, problem := yamlErrorLine(err)
	lines := strings.Split(text, "\n")
	lineText := func(n int) string {
		if n < 1 || n > len(lines) {
			return ""
		}
		return lines[n-1]
	}
	parserError := strings.HasPrefix(problem, "did not find expected ") || problem == "found undefined tag handle"
	line = max(reported, 1)
	if parserError {
		line = reported + 1
	}
	// The scanner names the line of the token's start, except when that
	// is the first line: then it names the line where it gave up.
	tryFirst := func(ok func(s lineScan) bool) (lineScan, bool) {
		for _, n := range []int{line, 1} {
			if s := scanLine(lineText(n)); ok(s) {
				line = n
				return s, true
			}
		}
		return scanLine(lineText(line)), false
	}
	hint := ": check the quotes, brackets and indentation here"
	col = 0
	switch {
	case problem == "found unexpected end of stream":
		if s, ok := tryFirst(func(s lineScan) bool { return s.unclosedQuote >= 0 }); ok {
			col = s.unclosedQuote + 1
			q := s.runes[s.unclosedQuote]
			hint = fmt.Sprintf(": the %s opened here is not closed; close it at the end of the value", quoteName(q))
			if q == '\'' {
				hint += " (inside '...', write '' for an apostrophe)"
			}
		}

	case strings.HasPrefix(problem, "did not find expected ',' or "):
		closing := problem[len(problem)-2 : len(problem)-1] // "]" or "}"
		opening := map[string]rune{"]": '[', "}": '{'}[closing]
		what := map[string]string{"]": "list", "}": "set of fields"}[closing]
		if s, ok := tryFirst(func(s lineScan) bool { return s.unclosed(opening) >= 0 }); ok {
			col = s.unclosed(opening) + 1
			hint = fmt.Sprintf(": the %s opened here with %q is not closed; close it with %q", what, string(opening), closing)
		} else if s, ok := tryFirst(func(s lineScan) bool { return s.index(opening) >= 0 }); ok {
			col = s.index(opening) + 1
			hint = fmt.Sprintf(": the %s that starts here lacks a \",\" between two items; separate them with \", \"", what)
		}

	case problem == "mapping values are not allowed in this context":
		s := scanLine(lineText(line))
		switch len(s.colons) {
		case 0:
		case 1:
			// A line whose own "field:" is not allowed: YAML read it as
			// the continuation of a value above.
			col = s.colons[0] + 1
			hint = ": YAML reads this line as going on with the value above it; line the field up with the fields around it, or give the line above its \"field: \""
		default:
			col = s.colons[1] + 1
			hint = ": the value holds \": \"; put the whole value in quotes"
		}

	case problem == "found character that cannot start any token":
		s := scanLine(lineText(line))
		switch {
		case s.badStart >= 0:
			col = s.badStart + 1
			hint = fmt.Sprintf(": YAML reserves %q at the start of a value; put the whole value in quotes", string(s.runes[s.badStart]))
		case s.tab >= 0:
			col = s.tab + 1
			hint = ": indent with spaces; YAML does not allow tabs here"
		}

	case strings.HasPrefix(problem, "found a tab character"):
		if s := scanLine(lineText(line)); s.tab >= 0 {
			col = s.tab + 1
		}
		hint = ": indent with spaces; YAML does not allow tabs here"

	case problem == "found unknown escape character":
		if s, ok := tryFirst(func(s lineScan) bool { return s.badEscape >= 0 }); ok {
			col = s.badEscape + 1
			hint = ": inside \"...\", a backslash starts an escape such as \\n; write \\\\ for a backslash, or put the value in '...' instead"
		}

	case problem == "could not find expected ':'":
		hint = ": this line has no \"field: value\"; add the field's name and \": \", or, if the line goes on with the value above, indent it"

	case problem == "block sequence entries are not allowed in this context":
		s := scanLine(lineText(line))
		if len(s.colons) > 0 {
			col = s.colons[0] + 2
			for col <= len(s.runes) && s.runes[col-1] == ' ' {
				col++
			}
		}
		hint = ": a list item (\"- \") cannot follow \"field: \" on the same line; start the items on the next lines, indented, or write the list as [a, b]"

	case problem == "did not find expected key", problem == "did not find expected '-' indicator",
		problem == "did not find expected node content":
		// The line named is where the enclosing mapping or list starts;
		// the problem is on the first line after which the text no longer
		// parses.
		line = firstFailingLine(lines, line, problem)
		s := scanLine(lineText(line))
		switch {
		case s.trailing >= 0:
			col = s.trailing + 1
			if s.closer == '"' || s.closer == '\'' {
				hint = ": the value ends at the closing quote before this; put the whole value in quotes"
				if s.closer == '\'' {
					hint += ", writing '' for an apostrophe inside '...'"
				}
			} else {
				hint = fmt.Sprintf(": the value ends at the %q before this; remove what follows it", string(s.closer))
			}
		default:
			hint = ": check the indentation of this line against the lines above"
		}

	case strings.HasPrefix(problem, "unknown anchor "):
		name := strings.TrimSuffix(strings.TrimPrefix(problem, "unknown anchor '"), "' referenced")
		for i, l := range lines {
			if j := strings.Index(l, "*"+name); j >= 0 {
				line, col = i+1, len([]rune(l[:j]))+1
				break
			}
		}
		hint = ": a value that starts with \"*\" names a YAML anchor; put the whole value in quotes"
	}
	if line > len(lines) {
		// The parser may name the line after the last ("---\n&"): point
		// at the last line instead, which the file has.
		line, col = len(lines), 0
	}
	if col == 0 {
		col = firstNonSpace(lineText(line))
	}
	return line, col, problem + hint
}

// firstFailingLine returns the first line n, from from on, such that the
// text's first n lines give the problem: the line where the YAML stops
// making sense. It returns from when none does, or when finding it would
// mean parsing more than a few megabytes (each try parses a prefix again).
func firstFailingLine(lines []string, from int, problem string) int {
	budget := 4 << 20 // bytes parsed, in all
	prefix := 0       // bytes of lines[:n-1]
	for n := 1; n <= len(lines); n++ {
		prefix += len(lines[n-1]) + 1
		if n < from {
			continue
		}
		if budget -= prefix; budget < 0 {
			return from
		}
		var doc yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(lines[:n], "\n")+"\n"), &doc)
		if err == nil {
			continue
		}
		if _, p := yamlErrorLine(err); p == problem {
			return n
		}
		return from // another problem first: leave the line as named
	}
	return from
}

func firstNonSpace(s string) int {
	for i, r := range []rune(s) {
		if r != ' ' && r != '\t' {
			return i + 1
		}
	}
	return 1
}

func quoteName(q rune) string {
	if q == '"' {
		return "double quote"
	}
	return "single quote"
}

// lineScan is one line of YAML read the way YAML's scanner reads it, as far
// as a line alone can tell. Positions are in characters from 0; -1 when
// absent.
type lineScan struct {
	runes []rune
	// unclosedQuote: a quote that starts a value and is not closed on the
	// line. badEscape: a backslash, in "...", starting no escape.
	unclosedQuote, badEscape int
	open                     []int // the brackets not closed on the line, outermost first
	trailing                 int   // text after a closed quote or bracket that ended a value
	closer                   rune  // that quote or bracket
	colons                   []int // every ':' that ends a key (": " outside quotes)
	badStart                 int   // a character that cannot start a value: @ or `
	tab                      int   // the first tab
}

func (s lineScan) unclosed(bracket rune) int {
	for _, i := range s.open {
		if s.runes[i] == bracket {
			return i
		}
	}
	return -1
}

func (s lineScan) index(r rune) int {
	for i, c := range s.runes {
		if c == r {
			return i
		}
	}
	return -1
}

// scanLine reads one line of YAML: indentation, "- " items, keys, quoted
// and plain values, flow brackets, comments.
func scanLine(line string) lineScan {
	r := []rune(line)
	s := lineScan{runes: r, unclosedQuote: -1, badEscape: -1, trailing: -1, badStart: -1, tab: -1}
	for i, c := range r {
		if c == '\t' {
			s.tab = i
			break
		}
	}
	space := func(i int) bool { return i >= len(r) || r[i] == ' ' || r[i] == '\t' }
	flow := 0           // brackets open
	nodeStart := true   // a value may start here
	var afterClose rune // the quote or bracket that just ended a value, if any
	for i := 0; i < len(r); {
		c := r[i]
		switch {
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '#' && (i == 0 || space(i-1)):
			return s // a comment
		case c == ':' && indicator(r, i, flow):
			s.colons = append(s.colons, i)
			nodeStart, afterClose = true, 0
			i++
			continue
		case nodeStart && (c == '-' || c == '?') && space(i+1):
			i++
			continue
		case flow > 0 && c == ',':
			nodeStart, afterClose = true, 0
			i++
			continue
		case flow > 0 && (c == ']' || c == '}'):
			flow--
			s.open = s.open[:len(s.open)-1]
			nodeStart, afterClose = false, c
			i++
			continue
		}
		if afterClose != 0 {
			if s.trailing < 0 {
				s.trailing, s.closer = i, afterClose
			}
			afterClose = 0
		}
		switch {
		case nodeStart && (c == '"' || c == '\''):
			end := closeQuote(r, i, &s)
			if end < 0 {
				s.unclosedQuote = i
				return s
			}
			i = end + 1
			nodeStart, afterClose = false, c
		case nodeStart && (c == '[' || c == '{'):
			flow++
			s.open = append(s.open, i)
			i++
		case nodeStart && (c == '@' || c == '`'):
			if s.badStart < 0 {
				s.badStart = i
			}
			i++
			nodeStart = false
		default:
			// A plain value (or key) runs to ": ", " #", the line's end
			// or, in brackets, to a bracket or comma; it is at least one
			// character ("[a[" goes on at the second "[", found by FuzzRead).
			nodeStart = false
			for i++; i < len(r); {
				if r[i] == ':' && indicator(r, i, flow) {
					break
				}
				if r[i] == '#' && space(i-1) {
					break
				}
				if flow > 0 && strings.ContainsRune(",[]{}", r[i]) {
					break
				}
				i++
			}
		}
	}
	return s
}

// indicator reports whether the ':' at i ends a key: it is followed by a
// space or the line's end, or, in brackets, by a comma or bracket.
func indicator(r []rune, i, flow int) bool {
	if i+1 >= len(r) || r[i+1] == ' ' || r[i+1] == '\t' {
		return true
	}
	return flow > 0 && strings.ContainsRune(",[]{}", r[i+1])
}

// closeQuote returns the position of the quote closing the one at open, or
// -1 when the line does not close it, noting a bad escape in "...".
func closeQuote(r []rune, open int, s *lineScan) int {
	q := r[open]
	for i := open + 1; i < len(r); i++ {
		switch {
		case q == '\'' && r[i] == '\'':
			if i+1 < len(r) && r[i+1] == '\'' {
				i++ // '' is an apostrophe
				continue
			}
			return i
		case q == '"' && r[i] == '\\':
			if i+1 < len(r) && !strings.ContainsRune("0abt\tnvfre \"/\\N_LPxuU", r[i+1]) && s.badEscape < 0 {
				s.badEscape = i
			}
			i++
		case q == '"' && r[i] == '"':
			return i
		}
	}
	return -1
}
