package annotate

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// appended is a claim file with one more quote: the old bytes, unchanged,
// with the new item's lines inserted after the last line of the quotes
// list.
type appended struct {
	text  []byte
	first int    // 1-based line number of the first line inserted
	lines []line // the lines inserted
	n     int    // the new quote's number in the claim, from 1
}

// appendQuote adds a quote to the end of the "quotes" list of a claim
// file's front matter, leaving every other byte as it is: comments, the
// order and style of the other fields, line ends, the body. The list must
// be a block list ("- source: ..."), as the content format shows it; a
// list written in flow style ("[{...}]") is refused, since adding to it
// would mean rewriting it.
func appendQuote(old []byte, q Quote, fig *Figure) (*appended, error) {
	lines := splitLines(old)
	eol := "\n"
	if len(lines) > 0 && strings.HasSuffix(lines[0], "\r\n") {
		eol = "\r\n"
	}
	first := strings.TrimPrefix(lines0(lines), "\uFEFF")
	if strings.TrimRight(first, "\r\n") != "---" {
		return nil, fmt.Errorf("the file does not start with a front matter line \"---\"")
	}
	closing := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], "\r\n") == "---" {
			closing = i
			break
		}
	}
	if closing < 0 {
		return nil, fmt.Errorf("its front matter is not closed by a line \"---\"")
	}
	var fm strings.Builder
	for _, l := range lines[1:closing] {
		fm.WriteString(strings.TrimRight(l, "\r\n"))
		fm.WriteByte('\n')
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(fm.String()), &doc); err != nil {
		return nil, fmt.Errorf("its front matter does not parse (%v): fix it first", err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("its front matter is not a list of fields: fix it first")
	}
	m := doc.Content[0]
	var list *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "quotes" {
			list = m.Content[i+1]
		}
	}
	switch {
	case list == nil:
		return nil, fmt.Errorf("it has no \"quotes\" list: fix it first")
	case list.Kind != yaml.SequenceNode || len(list.Content) == 0:
		return nil, fmt.Errorf("its \"quotes\" is not a list of quotes: fix it first")
	case list.Style&yaml.FlowStyle != 0:
		return nil, fmt.Errorf("its \"quotes\" list is written in flow style ([...]): write it as a block list, one \"- source: ...\" item per quote, to add quotes from the page")
	}
	last := list.Content[len(list.Content)-1]
	// The front matter's line n is the file's line n+1 (after "---").
	at := last.Line // index in lines of the last item's first line
	if at <= 0 || at >= closing {
		return nil, fmt.Errorf("cannot find the end of its \"quotes\" list")
	}
	dash, step, ok := itemIndent(strings.TrimRight(lines[at], "\r\n"), last.Column)
	if !ok {
		return nil, fmt.Errorf("its last quote is not written as \"- source: ...\" on one line: write it so to add quotes from the page")
	}
	// The item goes on while lines are indented deeper than its dash;
	// blank lines and comments between are its own only if an indented
	// line follows them.
	end := at
	for i := at + 1; i < closing; i++ {
		t := strings.TrimRight(lines[i], "\r\n")
		trimmed := strings.TrimLeft(t, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if len(t)-len(trimmed) <= len(dash) {
			break
		}
		end = i
	}
	item := quoteLines(dash, step, q, fig)
	var out bytes.Buffer
	for _, l := range lines[:end+1] {
		out.WriteString(l)
	}
	if !strings.HasSuffix(lines[end], "\n") { // cannot be: "---" follows
		out.WriteString(eol)
	}
	out.WriteString(join(item, eol))
	for _, l := range lines[end+1:] {
		out.WriteString(l)
	}
	return &appended{text: out.Bytes(), first: end + 2, lines: item, n: len(list.Content) + 1}, nil
}

// itemIndent reads the start of a list item's line, "  - source: x" whose
// content starts at column col: the spaces before the dash, and how far
// the content stands from the dash.
func itemIndent(l string, col int) (dash string, step int, ok bool) {
	i := strings.IndexByte(l, '-')
	if i < 0 || strings.TrimLeft(l[:i], " ") != "" || col-1 <= i+1 || col-1 > len(l) {
		return "", 0, false
	}
	if strings.TrimLeft(l[i+1:col-1], " ") != "" {
		return "", 0, false
	}
	return l[:i], col - 1 - i, true
}

func lines0(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return lines[0]
}

// splitLines splits text after each "\n", keeping it.
func splitLines(b []byte) []string {
	s := string(b)
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}
