package content

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastYAML parses the YAML that front matter is nearly always written in,
// giving the very tree yaml.Unmarshal(text, &doc) gives for doc a
// yaml.Node (the document node, every Kind, Style, Tag, Value, Line and
// Column the same), several times faster and with a fraction of the
// garbage: decoding thousands of small front matters through yaml.v3 was a
// large share of a build.
//
// It takes only what it is sure of, and reports ok=false for anything else,
// for the caller to hand the text to yaml.v3: so every error, and every
// rare construct, still comes from yaml.v3. What it takes, each on one
// line: a root block mapping at column 0; block mappings of plain keys
// (letters, digits, _ . -); block sequences, of scalars, flow collections
// or mappings begun on the "- " line; flow sequences and mappings ([a, b],
// {k: v}, nested); plain scalars; double-quoted scalars with yaml.v3's
// escapes; single-quoted scalars. What it leaves to yaml.v3: comments,
// anchors, aliases, tags, block scalars (| >), scalars over several lines,
// quoted or complex keys, document markers and directives, tabs, CR, byte
// order marks and other characters YAML treats specially, empty documents,
// and whatever else is not in the list above. FuzzFastYAML checks the
// trees against yaml.v3's.
func fastYAML(text string) (doc *yaml.Node, ok bool) {
	lines, commas, ok := fastYAMLChars(text)
	if !ok {
		return nil, false
	}
	p := fastParser{text: text, end: -1}
	// One block of nodes and one of child pointers, sized to the text, so
	// that a front matter costs a handful of allocations.
	est := 2*lines + 2*commas + 2
	p.nodes = make([]yaml.Node, 0, est)
	p.kids = make([]*yaml.Node, 0, est)
	var stack [32]*yaml.Node // on the goroutine's stack, unless nesting outgrows it
	p.stack = stack[:0]
	p.advance()
	if p.eof || p.indent != 0 || !p.isKey(p.pos) {
		return nil, false
	}
	root := p.mapping(0)
	if p.failed || !p.eof {
		return nil, false
	}
	doc = p.node(yaml.DocumentNode, "", "", root.Line, root.Column)
	doc.Content = p.carve([]*yaml.Node{root})
	return doc, true
}

// fastYAMLChars checks that text is valid UTF-8 made only of characters
// yaml.v3 reads as ordinary ones, with LF line ends (yaml.v3 rejects
// control characters; tabs, CR, NEL, LS, PS and BOM have meanings of their
// own). It counts lines and commas to size the parser's blocks.
func fastYAMLChars(text string) (lines, commas int, ok bool) {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
				lines++
			case c == ',':
				commas++
			case c < 0x20 || c == 0x7F:
				return 0, 0, false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError || r < 0xA0 || (r >= 0xD800 && r < 0xE000) ||
			r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
			return 0, 0, false
		}
		i += size
	}
	return lines + 1, commas, true
}

// fastParser walks the text line by line; blank lines (spaces only) are
// skipped, as YAML skips them outside scalars.
type fastParser struct {
	text   string
	pos    int  // start of the current line
	end    int  // end of the current line: its '\n' or the end of text
	line   int  // 1-based number of the current line
	indent int  // spaces before the current line's first character
	eof    bool // no line left
	failed bool // something not taken: the caller falls back to yaml.v3
	depth  int  // collections open, bounded well below yaml.v3's limits

	nodes []yaml.Node  // block the nodes are taken from
	kids  []*yaml.Node // block the Content slices are carved from
	stack []*yaml.Node // children of the collections being read
}

const fastMaxDepth = 64

// fail records that the text is not in the subset, and returns nil so
// that callers can write "return p.fail()".
func (p *fastParser) fail() *yaml.Node {
	p.failed = true
	return nil
}

// advance moves to the next line that is not blank.
func (p *fastParser) advance() {
	for {
		if p.end >= len(p.text) {
			p.eof = true
			return
		}
		p.pos = p.end + 1
		p.line++
		if i := strings.IndexByte(p.text[p.pos:], '\n'); i >= 0 {
			p.end = p.pos + i
		} else {
			p.end = len(p.text)
		}
		p.indent = 0
		for p.pos+p.indent < p.end && p.text[p.pos+p.indent] == ' ' {
			p.indent++
		}
		if p.pos+p.indent < p.end {
			return
		}
	}
}

// node takes a node from the block. Line and Column are yaml.v3's: 1-based,
// the column in characters.
func (p *fastParser) node(kind yaml.Kind, tag, value string, line, col int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 16)
	}
	p.nodes = append(p.nodes, yaml.Node{Kind: kind, Tag: tag, Value: value, Line: line, Column: col})
	return &p.nodes[len(p.nodes)-1]
}

// col is the 1-based column, in characters as yaml.v3 counts, of byte i of
// the current line.
func (p *fastParser) col(i int) int {
	return utf8.RuneCountInString(p.text[p.pos:i]) + 1
}

// carve copies children into the block of child pointers and returns them
// as a slice that appending to cannot spill into its neighbours. No
// children gives nil, as yaml.v3 leaves an empty collection's Content.
func (p *fastParser) carve(children []*yaml.Node) []*yaml.Node {
	n := len(children)
	if n == 0 {
		return nil
	}
	if cap(p.kids)-len(p.kids) < n {
		p.kids = make([]*yaml.Node, 0, max(n, 64))
	}
	p.kids = append(p.kids, children...)
	return p.kids[len(p.kids)-n : len(p.kids) : len(p.kids)]
}

// collect ends a collection whose children were pushed from base on.
func (p *fastParser) collect(n *yaml.Node, base int) {
	n.Content = p.carve(p.stack[base:])
	p.stack = p.stack[:base]
	p.depth--
}

func (p *fastParser) open(kind yaml.Kind, tag string, line, col int) (*yaml.Node, int) {
	p.depth++
	if p.depth > fastMaxDepth {
		p.failed = true
	}
	return p.node(kind, tag, "", line, col), len(p.stack)
}

// isKeyByte: the characters of the keys taken, which YAML can never read
// as anything but a plain scalar.
func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.'
}

// keyEnd returns the index of the ':' ending a key that starts at i, a
// ':' followed by a space or the line's end (else "a:b" is one scalar),
// or -1. A key starts with a letter, digit or _, so that it is not "-",
// "---" or "...", and is short: yaml.v3 allows a key 1024 characters.
func (p *fastParser) keyEnd(i int) int {
	if i >= p.end || !isKeyByte(p.text[i]) || p.text[i] == '-' || p.text[i] == '.' {
		return -1
	}
	j := i
	for j < p.end && isKeyByte(p.text[j]) {
		j++
	}
	if j == p.end || p.text[j] != ':' || j-i > 256 || (j+1 < p.end && p.text[j+1] != ' ') {
		return -1
	}
	return j
}

func (p *fastParser) isKey(i int) bool { return p.keyEnd(i) >= 0 }

// isEntry reports whether a block sequence entry, "- ", starts at i.
func (p *fastParser) isEntry(i int) bool {
	return i+1 < p.end && p.text[i] == '-' && p.text[i+1] == ' '
}

func (p *fastParser) skipSpaces(i int) int {
	for i < p.end && p.text[i] == ' ' {
		i++
	}
	return i
}

// key reads the plain key starting at i; j is its ':'.
func (p *fastParser) key(i, j int) *yaml.Node {
	s := p.text[i:j]
	tag, ok := plainTag(s)
	if !ok {
		return p.fail()
	}
	return p.node(yaml.ScalarNode, tag, s, p.line, p.col(i))
}

// mapping reads a block mapping whose keys are at column col (0-based),
// the first on the current line (after a "- " when in a sequence), the
// others each on a line of its own indented by col.
func (p *fastParser) mapping(col int) *yaml.Node {
	m, base := p.open(yaml.MappingNode, "!!map", p.line, col+1)
	for first := true; !p.failed; first = false {
		if !first {
			if p.eof || p.indent < col {
				break
			}
			if p.indent > col {
				p.fail() // the end of a value over several lines, or bad indentation
				break
			}
		}
		i := p.pos + col
		j := p.keyEnd(i)
		if j < 0 {
			p.fail()
			break
		}
		p.stack = append(p.stack, p.key(i, j))
		v := p.skipSpaces(j + 1)
		if v < p.end {
			p.stack = append(p.stack, p.inline(v))
			p.nextAtMost(col)
			continue
		}
		// "key:" ends the line: the value is on the lines below, or is
		// nothing. yaml.v3 places nothing just after the ':'.
		line, null := p.line, p.col(j)+1
		p.advance()
		switch {
		case !p.eof && p.indent > col:
			p.stack = append(p.stack, p.block())
		case !p.eof && p.indent == col && p.isEntry(p.pos+col):
			// A sequence may sit at its key's own indentation.
			p.stack = append(p.stack, p.sequence(col))
		default:
			p.stack = append(p.stack, p.node(yaml.ScalarNode, "!!null", "", line, null))
		}
	}
	p.collect(m, base)
	return m
}

// nextAtMost moves past a line that ended with a value and checks that
// the next is indented at most by col: a line indented more would
// continue the value (a plain scalar over several lines) or be an error.
func (p *fastParser) nextAtMost(col int) {
	p.advance()
	if !p.eof && p.indent > col {
		p.fail()
	}
}

// block reads the collection starting the current line, below a "key:".
func (p *fastParser) block() *yaml.Node {
	i := p.pos + p.indent
	switch {
	case p.isEntry(i):
		return p.sequence(p.indent)
	case p.isKey(i):
		return p.mapping(p.indent)
	}
	return p.fail() // a scalar on its own line, "-" alone, ...
}

// sequence reads a block sequence whose "- " entries are at column col.
func (p *fastParser) sequence(col int) *yaml.Node {
	s, base := p.open(yaml.SequenceNode, "!!seq", p.line, col+1)
	for !p.failed && !p.eof && p.indent == col && p.isEntry(p.pos+col) {
		i := p.skipSpaces(p.pos + col + 2)
		switch {
		case i == p.end || p.isEntry(i) || p.text[i] == '-' && i+1 == p.end:
			p.fail() // "-" alone, or "- - x"
		case p.isKey(i):
			p.stack = append(p.stack, p.mapping(i-p.pos))
		default:
			p.stack = append(p.stack, p.inline(i))
			p.nextAtMost(col)
		}
	}
	// A line indented more than col that is not an entry is an error, which
	// the caller's check of indentation catches.
	p.collect(s, base)
	return s
}

// inline reads the value starting at i, which must end the line.
func (p *fastParser) inline(i int) *yaml.Node {
	var n *yaml.Node
	var j int
	switch p.text[i] {
	case '"', '\'', '[', '{':
		n, j = p.flowNode(i)
	default:
		n, j = p.plain(i, false)
	}
	if n == nil || p.skipSpaces(j) != p.end {
		return p.fail()
	}
	return n
}

// flowNode reads a scalar or flow collection at i, and returns it and the
// index after it.
func (p *fastParser) flowNode(i int) (*yaml.Node, int) {
	switch p.text[i] {
	case '"':
		return p.doubleQuoted(i)
	case '\'':
		return p.singleQuoted(i)
	case '[', '{':
		return p.flow(i)
	}
	return p.plain(i, true)
}

// plainStart reports whether a plain scalar taken may start at i: not on
// an indicator (YAML allows "-", "?" and ":" before a non-space; only
// "-" before a letter, digit or "." is taken, for negative numbers).
func (p *fastParser) plainStart(i int) bool {
	c := p.text[i]
	switch c {
	case ' ', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '-':
		return i+1 < p.end && (isKeyByte(p.text[i+1]) && p.text[i+1] != '-' && p.text[i+1] != '_')
	}
	return true
}

// plain reads a plain scalar on one line. In a block it runs to the line's
// end; in flow it stops at , [ ] { }. Either way it refuses ": " and ":"
// at the end (a key where none is taken) and " #" (a comment); in flow it
// refuses ":", "#" and "?" altogether.
func (p *fastParser) plain(i int, flow bool) (*yaml.Node, int) {
	if !p.plainStart(i) {
		return p.fail(), i
	}
	j := i
	for ; j < p.end; j++ {
		c := p.text[j]
		if flow {
			if c == ',' || c == '[' || c == ']' || c == '{' || c == '}' {
				break
			}
			if c == ':' || c == '#' || c == '?' {
				return p.fail(), j
			}
			continue
		}
		if c == ':' && (j+1 == p.end || p.text[j+1] == ' ') || c == '#' && p.text[j-1] == ' ' {
			return p.fail(), j
		}
	}
	k := j
	for p.text[k-1] == ' ' {
		k--
	}
	s := p.text[i:k]
	tag, ok := plainTag(s)
	if !ok {
		return p.fail(), j
	}
	return p.node(yaml.ScalarNode, tag, s, p.line, p.col(i)), j
}

// singleQuoted reads a single-quoted scalar on one line, in which a
// doubled quote stands for one.
func (p *fastParser) singleQuoted(i int) (*yaml.Node, int) {
	var b []byte // nil while the value is a plain slice of the text
	start := i + 1
	for j := start; j < p.end; j++ {
		if p.text[j] != '\'' {
			continue
		}
		if j+1 < p.end && p.text[j+1] == '\'' {
			b = append(b, p.text[start:j+1]...)
			start = j + 2
			j++
			continue
		}
		s := p.text[start:j]
		if b != nil {
			s = string(append(b, s...))
		}
		n := p.node(yaml.ScalarNode, "!!str", s, p.line, p.col(i))
		n.Style = yaml.SingleQuotedStyle
		return n, j + 1
	}
	return p.fail(), p.end // over several lines
}

// doubleQuoted reads "..." on one line, with yaml.v3's escapes.
func (p *fastParser) doubleQuoted(i int) (*yaml.Node, int) {
	var b []byte // nil while the value is a plain slice of the text
	start := i + 1
	for j := start; j < p.end; j++ {
		c := p.text[j]
		if c == '"' {
			s := p.text[start:j]
			if b != nil {
				s = string(append(b, s...))
			}
			n := p.node(yaml.ScalarNode, "!!str", s, p.line, p.col(i))
			n.Style = yaml.DoubleQuotedStyle
			return n, j + 1
		}
		if c != '\\' {
			continue
		}
		if j+1 == p.end {
			return p.fail(), j // an escaped line break
		}
		b = append(b, p.text[start:j]...)
		e := p.text[j+1]
		if r := unescape(e); r >= 0 {
			b = utf8.AppendRune(b, r)
			j++
			start = j + 1
			continue
		}
		digits := 0
		switch e {
		case 'x':
			digits = 2
		case 'u':
			digits = 4
		case 'U':
			digits = 8
		}
		if digits == 0 || j+2+digits > p.end {
			return p.fail(), j
		}
		v := 0
		for _, h := range []byte(p.text[j+2 : j+2+digits]) {
			switch {
			case '0' <= h && h <= '9':
				v = v<<4 | int(h-'0')
			case 'a' <= h && h <= 'f':
				v = v<<4 | int(h-'a'+10)
			case 'A' <= h && h <= 'F':
				v = v<<4 | int(h-'A'+10)
			default:
				return p.fail(), j
			}
		}
		if v >= 0xD800 && v <= 0xDFFF || v > 0x10FFFF {
			return p.fail(), j
		}
		b = utf8.AppendRune(b, rune(v))
		j += 1 + digits
		start = j + 1
	}
	return p.fail(), p.end // over several lines
}

// unescape is the character of a one-letter escape \e, or -1.
func unescape(e byte) rune {
	switch e {
	case '0':
		return 0
	case 'a':
		return '\a'
	case 'b':
		return '\b'
	case 't':
		return '\t'
	case 'n':
		return '\n'
	case 'v':
		return '\v'
	case 'f':
		return '\f'
	case 'r':
		return '\r'
	case 'e':
		return 0x1B
	case ' ', '"', '\'', '\\':
		return rune(e)
	case 'N':
		return 0x85
	case '_':
		return 0xA0
	case 'L':
		return 0x2028
	case 'P':
		return 0x2029
	}
	return -1
}

// flow reads a flow sequence [a, b] or mapping {k: v, ...} on one line,
// whose entries are scalars or flow collections. A mapping's keys are
// plain keys as in a block, followed by ": ".
func (p *fastParser) flow(i int) (*yaml.Node, int) {
	isMap := p.text[i] == '{'
	closing := byte(']')
	kind, tag := yaml.SequenceNode, "!!seq"
	if isMap {
		closing, kind, tag = '}', yaml.MappingNode, "!!map"
	}
	n, base := p.open(kind, tag, p.line, p.col(i))
	n.Style = yaml.FlowStyle
	j := p.skipSpaces(i + 1)
	if j < p.end && p.text[j] == closing {
		p.collect(n, base)
		return n, j + 1
	}
	for !p.failed {
		if isMap {
			k := p.keyEnd(j)
			if k < 0 || k+1 == p.end {
				p.fail() // not a key taken, or a value on the next line
				break
			}
			p.stack = append(p.stack, p.key(j, k))
			j = p.skipSpaces(k + 1)
		}
		if j == p.end {
			p.fail()
			break
		}
		v, after := p.flowNode(j)
		if v == nil {
			break
		}
		p.stack = append(p.stack, v)
		j = p.skipSpaces(after)
		if j < p.end && p.text[j] == closing {
			p.collect(n, base)
			return n, j + 1
		}
		if j == p.end || p.text[j] != ',' {
			p.fail() // over several lines, or something after an entry
			break
		}
		j = p.skipSpaces(j + 1)
		if j == p.end || p.text[j] == closing {
			p.fail() // a trailing comma
			break
		}
	}
	p.collect(n, base)
	return p.fail(), j
}

// yamlStyleFloat is yaml.v3's pattern for floats (resolve.go).
var yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// plainTag is the tag yaml.v3 gives the plain scalar s: its resolve in
// resolve.go, step by step, for what it returns for an untagged scalar.
// ok is false for "<<", a merge key, and for the binary and octal forms
// only its last fallbacks read, which are left to yaml.v3.
func plainTag(s string) (tag string, ok bool) {
	if s == "" {
		return "!!null", true
	}
	switch c := s[0]; {
	case c == '+' || c == '-' || '0' <= c && c <= '9':
		switch s {
		case "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
			return "!!float", true
		}
		if isTimestamp(s) {
			return "!!timestamp", true
		}
		plain := strings.ReplaceAll(s, "_", "")
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return "!!int", true
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return "!!int", true
		}
		if yamlStyleFloat.MatchString(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return "!!float", true
			}
		}
		for _, prefix := range []string{"0b", "-0b", "0o", "-0o"} {
			if strings.HasPrefix(plain, prefix) {
				return "", false
			}
		}
	case c == '.':
		switch s {
		case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF":
			return "!!float", true
		}
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float", true
		}
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool", true
		case "~", "null", "Null", "NULL":
			return "!!null", true
		}
	case s == "<<":
		return "", false
	}
	return "!!str", true
}

// isTimestamp is yaml.v3's parseTimestamp (resolve.go): YYYY- and then one
// of the formats it tries.
func isTimestamp(s string) bool {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	if _, err := time.Parse("2006-1-2", s); err == nil {
		return true
	}
	// The other formats have a T, t or space after the date: a date alone
	// (the common case) need not fail three more times, each failure
	// costing an error value.
	if !strings.ContainsAny(s, "Tt ") {
		return false
	}
	for _, format := range []string{
		"2006-1-2T15:4:5.999999999Z07:00",
		"2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999",
	} {
		if _, err := time.Parse(format, s); err == nil {
			return true
		}
	}
	return false
}
