package content

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"dossier/internal/diag"
	"dossier/internal/kind"
	"dossier/internal/typo"
	"dossier/internal/valid"

	"go.yaml.in/yaml/v3"
)

// Pos is a 1-based line and column in a file.
type Pos struct{ Line, Col int }

// decoder reads YAML nodes into Go values, reporting every problem at the
// node's position in the file. It is written by hand rather than with
// yaml.Unmarshal so that each error can name the exact field and column,
// and so that unknown fields, wrong types and missing values are all
// reported together.
type decoder struct {
	file       *File
	lineOffset int // lines before the YAML text in the file (the opening ---)
	errs       *diag.List
}

func (d *decoder) pos(n *yaml.Node) Pos {
	return Pos{Line: n.Line + d.lineOffset, Col: n.Column}
}

func (d *decoder) errorf(p Pos, format string, args ...any) {
	*d.errs = append(*d.errs, diag.Error{
		Path:   d.file.Path,
		Line:   p.Line,
		Col:    p.Col,
		Msg:    fmt.Sprintf(format, args...),
		Source: d.file.Line(p.Line),
	})
}

// note adds to the last error a note pointing at another place in the file.
func (d *decoder) note(p Pos, format string, args ...any) {
	e := &(*d.errs)[len(*d.errs)-1]
	e.Notes = append(e.Notes, d.file.Note(p.Line, p.Col, fmt.Sprintf(format, args...)))
}

// parse parses YAML text into its root mapping node. A document that is
// empty gives an empty mapping.
func (d *decoder) parse(text string, at Pos) *yaml.Node {
	// YAML takes these for line ends, editors do not: every line YAML
	// names after one would be wrong (found by FuzzRead).
	if i := strings.IndexAny(text, "\u0085\u2028\u2029"); i >= 0 {
		line, col := d.file.Position(d.file.lines()[d.lineOffset] + i)
		d.errorf(Pos{line, col}, "invalid YAML: a %U character, which YAML takes for a line end although editors show none: remove it, or write it as \"\\u%04X\" inside \"...\"", []rune(text[i:])[0], []rune(text[i:])[0])
		return nil
	}
	// The common front matter takes the fast path; anything else, errors
	// included, goes through yaml.v3, which gives the same tree.
	doc, ok := fastYAML(text)
	if !ok {
		doc = new(yaml.Node)
		if err := yaml.Unmarshal([]byte(text), doc); err != nil {
			line, col, msg := yamlSyntaxError(text, err)
			d.errorf(Pos{Line: line + d.lineOffset, Col: col}, "invalid YAML: %s", msg)
			return nil
		}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: at.Line - d.lineOffset, Column: 1}
	}
	root := resolve(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" && root.Value == "" {
		// Only a "---" line: empty too (YAML places its nothing on the next line).
		return &yaml.Node{Kind: yaml.MappingNode, Line: at.Line - d.lineOffset, Column: 1}
	}
	if root.Kind != yaml.MappingNode {
		d.errorf(d.pos(root), "expected fields such as \"title: ...\", found %s", describe(root))
		return nil
	}
	return root
}

var yamlLineRE = regexp.MustCompile(`^(?:yaml: )?(?:line (\d+): )?(.*)$`)

// yamlErrorLine splits a YAML error into the line it names (0 when it
// names none) and the message without the "yaml: line N:" decoration.
func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = te.Errors[0] // "line 3: mapping key "title" already defined at line 2"
	}
	m := yamlLineRE.FindStringSubmatch(msg)
	if m == nil {
		return 0, msg
	}
	line, _ := strconv.Atoi(m[1])
	return line, m[2]
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of fields"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing"
		case "!!bool":
			return "true/false"
		case "!!int", "!!float":
			return "a number"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

// field is one key of a mapping, with the node holding its value.
type field struct {
	key   string
	pos   Pos
	value *yaml.Node
}

// fields checks that every key of the mapping n is one of known and
// returns the fields present by name. Keys whose value is null are left
// out, as if absent.
func (d *decoder) fields(n *yaml.Node, what string, known ...string) map[string]field {
	out := make(map[string]field)
	seen := make(map[string]Pos)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if first, dup := seen[k.Value]; dup {
			d.errorf(d.pos(k), "field %q is given twice (first on line %d): keep one", k.Value, first.Line)
			d.note(first, "%q is first given here", k.Value)
			continue
		}
		seen[k.Value] = d.pos(k)
		if !contains(known, k.Value) {
			hint := ""
			if n.Style&yaml.FlowStyle != 0 && i > 0 && strings.Trim(k.Value, "0123456789") == "" {
				hint = fmt.Sprintf(": between { and } a comma ends a value, so %q is what follows one; put the value before it in quotes, e.g. \"300,000\"", k.Value)
			}
			if near := typo.Nearest(k.Value, known); len(near) > 0 && hint == "" {
				d.errorf(d.pos(k), "unknown field %q in %s; %s", k.Value, what, typo.DidYouMean(near))
			} else {
				d.errorf(d.pos(k), "unknown field %q in %s; known fields: %s%s", k.Value, what, strings.Join(known, ", "), hint)
			}
			continue
		}
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
			continue
		}
		out[k.Value] = field{key: k.Value, pos: d.pos(k), value: v}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// require reports a missing required field at the mapping's position.
func (d *decoder) require(fs map[string]field, n *yaml.Node, what string, names ...string) {
	for _, name := range names {
		if _, ok := fs[name]; !ok {
			d.errorf(d.pos(n), "%s has no %q: add \"%s: ...\"", what, name, name)
		}
	}
}

// str reads a text value. Any scalar is taken as written, since YAML would
// otherwise turn "title: 1984" into a number and "verdict: false" (one of
// the verdicts) into a boolean.
func (d *decoder) str(f field) (string, bool) {
	v := f.value
	if v.Kind != yaml.ScalarNode {
		d.errorf(d.pos(v), "%q must be text, found %s", f.key, describe(v))
		return "", false
	}
	s := strings.TrimSpace(v.Value)
	if s == "" {
		d.errorf(d.pos(v), "%q is empty: give a value or remove the field", f.key)
		return "", false
	}
	return s, true
}

func (d *decoder) boolean(f field) (bool, bool) {
	v := f.value
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" {
		d.errorf(d.pos(v), "%q must be true or false, found %s", f.key, describe(v))
		return false, false
	}
	b, _ := strconv.ParseBool(strings.ToLower(v.Value))
	return b, true
}

func (d *decoder) number(f field) (float64, bool) {
	v := f.value
	if v.Kind != yaml.ScalarNode || (v.ShortTag() != "!!int" && v.ShortTag() != "!!float") {
		hint := ""
		if v.Kind == yaml.ScalarNode && strings.ContainsAny(v.Value, ",") {
			hint = ": write it without thousands separators, e.g. 300000"
		}
		d.errorf(d.pos(v), "%q must be a number, found %s%s", f.key, describe(v), hint)
		return 0, false
	}
	var x float64
	if err := v.Decode(&x); err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		d.errorf(d.pos(v), "%q must be a finite number, found %q", f.key, v.Value)
		return 0, false
	}
	return x, true
}

// integer reads a whole number.
func (d *decoder) integer(f field) (int, bool) {
	v := f.value
	var n int
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || v.Decode(&n) != nil {
		found := describe(v)
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!float" {
			found = v.Value
		}
		d.errorf(d.pos(v), "%q must be a whole number, found %s", f.key, found)
		return 0, false
	}
	return n, true
}

// strList reads a list of text values, with the position of each.
func (d *decoder) strList(f field) ([]string, []Pos, bool) {
	v := f.value
	if v.Kind != yaml.SequenceNode {
		d.errorf(d.pos(v), "%q must be a list, e.g. [a, b], found %s", f.key, describe(v))
		return nil, nil, false
	}
	var out []string
	var pos []Pos
	ok := true
	for _, item := range v.Content {
		item = resolve(item)
		s, good := d.str(field{key: f.key + " item", pos: d.pos(item), value: item})
		if !good {
			ok = false
			continue
		}
		out = append(out, s)
		pos = append(pos, d.pos(item))
	}
	return out, pos, ok
}

func (d *decoder) slug(f field) (string, bool) {
	s, ok := d.str(f)
	if !ok {
		return "", false
	}
	if err := valid.Slug(s); err != nil {
		d.errorf(d.pos(f.value), "%q %v", f.key, err)
		return "", false
	}
	return s, true
}

func (d *decoder) date(f field) (string, bool) {
	s, ok := d.str(f)
	if !ok {
		return "", false
	}
	if err := valid.Date(s); err != nil {
		d.errorf(d.pos(f.value), "%q %v", f.key, err)
		return "", false
	}
	return s, true
}

// day reads a full date, YYYY-MM-DD.
func (d *decoder) day(f field) (string, bool) {
	s, ok := d.str(f)
	if !ok {
		return "", false
	}
	if err := valid.Day(s); err != nil {
		d.errorf(d.pos(f.value), "%q %v", f.key, err)
		return "", false
	}
	return s, true
}

// entityKind reads an entity's kind, one of package kind's; "" when it is
// none.
func (d *decoder) entityKind(f field) kind.EntityKind {
	s, ok := d.str(f)
	if !ok {
		return ""
	}
	k, err := kind.ParseEntityKind(s)
	if err != nil {
		d.errorf(d.pos(f.value), "%q %v", f.key, err)
	}
	return k
}

// webURL reads an absolute http or https address.
func (d *decoder) webURL(f field) (string, bool) {
	s, ok := d.str(f)
	if !ok {
		return "", false
	}
	if err := valid.WebURL(s); err != nil {
		d.errorf(d.pos(f.value), "%q %v", f.key, err)
		return "", false
	}
	return s, true
}

// baseURL reads the site's base URL.
func (d *decoder) baseURL(f field) (string, bool) {
	s, ok := d.str(f)
	if !ok {
		return "", false
	}
	b, err := valid.BaseURL(s)
	if err != nil {
		d.errorf(d.pos(f.value), "%q %v", f.key, err)
		return "", false
	}
	return b, true
}
