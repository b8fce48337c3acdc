package content

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestYAMLSyntaxErrorPlace checks that each kind of YAML syntax error is
// placed at the line and column of the character at fault, whatever line
// the YAML parser names (the token's start, the enclosing block's, 0-based
// or none), and that the message says what to do.
func TestYAMLSyntaxErrorPlace(t *testing.T) {
	tests := []struct {
		name      string
		yaml      string
		line, col int
		says      string // part of the message
	}{
		{"unclosed double quote", "title: a\noutlet: \"Example News\npublished: 2025\n", 2, 9,
			"the double quote opened here is not closed"},
		{"unclosed quote on the first line", "title: \"a\nverdict: x\nnote: y\n", 1, 8,
			"the double quote opened here is not closed"},
		{"unclosed quote after a closed one", "title: a\nfigure: {unit: \"deaths\", note: 'about 300,000}\n", 2, 32,
			"single quote opened here"},
		{"'' is an apostrophe, not a close", "title: 'it''s\n", 1, 8, "write '' for an apostrophe"},
		{"apostrophe in plain text is not a quote", "note: it's so\ntitle: \"a\n", 2, 8, "double quote"},
		{"colon in a value", "title: Trump: roughly 300,000\nverdict: false\n", 1, 13,
			"the value holds \": \"; put the whole value in quotes"},
		{"colon in a quote's text", "title: a\nquotes:\n  - source: x\n    text: he said: no way\n", 4, 18,
			"put the whole value in quotes"},
		{"colon after an apostrophe", "title: it's: ok\n", 1, 12, "put the whole value in quotes"},
		{"a field indented under another", "title: a\n verdict: false\n", 2, 9, "going on with the value above"},
		{"a line without a field before a field", "just words\ntitle: a\n", 2, 6, "going on with the value above"},
		{"a line without a field", "title: a\njust words\nverdict: x\n", 2, 1, "has no \"field: value\""},
		{"tab indenting a field", "title: a\n\tverdict: false\n", 2, 1, "indent with spaces"},
		{"tab indenting a list item", "title: a\nquotes:\n\t- source: x\n", 3, 1, "indent with spaces"},
		{"@ at the start of a value", "title: a\nauthor: @jdoe\n", 2, 9, "YAML reserves \"@\""},
		{"backquote at the start of a value", "title: `foo`\n", 1, 8, "YAML reserves \"`\""},
		{"unclosed list", "title: a\ntags: [a, b\nverdict: false\n", 2, 7, "the list opened here with \"[\" is not closed"},
		{"unclosed list, first line", "tags: [a, b\n", 1, 7, "close it with \"]\""},
		{"unclosed fields", "title: a\nfigure: {key: a, value: 3\n", 2, 9, "close it with \"}\""},
		{"missing comma in fields", "title: a\nfigure: {key: a value: 3}\n", 2, 9, "lacks a \",\" between two items"},
		{"text after a closing quote", "title: \"a\" b\n", 1, 12, "the value ends at the closing quote"},
		{"apostrophe closing a single-quoted value", "title: 'it's'\n", 1, 12, "writing '' for an apostrophe"},
		{"text after a closing quote, nested", "title: a\nquotes:\n  - source: x\n    text: \"a\" b\n", 4, 15,
			"the value ends at the closing quote"},
		{"text after a closing bracket", "title: a\ntags: [a, b]]\n", 2, 13, "remove what follows it"},
		{"a key indented less in a list item", "title: a\nquotes:\n  - source: x\n    text: a\n   bad: y\n", 5, 4,
			"check the indentation"},
		{"a key indented less in a mapping", "a:\n  b: c\n d: e\n", 3, 2, "check the indentation"},
		{"a list item after a field", "title: a\n- b\n", 2, 1, "check the indentation"},
		{"a list on the field's line", "title: a\ntags: - a\n", 2, 7, "cannot follow \"field: \""},
		{"unknown escape", "title: a\nnote: \"C:\\qdata\"\n", 2, 10, "write \\\\ for a backslash"},
		{"unknown escape, first line", "title: \"a\\qb\"\nnote: x\n", 1, 10, "write \\\\ for a backslash"},
		{"alias", "title: a\nnote: *foo\n", 2, 7, "names a YAML anchor"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var n yaml.Node
			err := yaml.Unmarshal([]byte(tc.yaml), &n)
			if err == nil {
				t.Fatalf("test setup: %q parses", tc.yaml)
			}
			line, col, msg := yamlSyntaxError(tc.yaml, err)
			if line != tc.line || col != tc.col {
				t.Errorf("at %d:%d, want %d:%d (%v: %s)", line, col, tc.line, tc.col, err, msg)
			}
			if !strings.Contains(msg, tc.says) {
				t.Errorf("message %q does not say %q", msg, tc.says)
			}
		})
	}
}

// TestScanLineEnds checks that reading odd lines ends, whatever they hold.
func TestScanLineEnds(t *testing.T) {
	for _, line := range []string{"[a[", "{a{b", "a: [b, [c", "- - -", "\"", "'", "a: \"\\", "[]]", ":::", "#", "a #b", "[a, b: c]"} {
		scanLine(line) // must return
	}
}
