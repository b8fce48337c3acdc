package annotate

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"dossier/internal/valid"
)

// line is one line of front matter being written, with the request field
// its value comes from, so that an error the reader reports at that line
// names the field the editor has to correct.
type line struct {
	text  string // without the line end
	field string // "" for a line no field of the request wrote
}

// quoted writes s as a YAML double-quoted scalar: always valid, whatever s
// holds (quotes, colons, a leading dash, "true", digits), and every
// character other than the few YAML reads as a line break or cannot show
// is written as it is, curly quotes and dashes included.
func quoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case 0x85:
			b.WriteString(`\N`)
		case 0x2028:
			b.WriteString(`\L`)
		case 0x2029:
			b.WriteString(`\P`)
		case 0xFEFF:
			b.WriteString(`\uFEFF`)
		case 0x200C, 0x200D:
			// The joiners are part of how text is written (an emoji
			// family, Persian and Indic words): shown as they are, not
			// as escapes an editor cannot read.
			b.WriteRune(r)
		default:
			if r < 0x20 || r == 0x7f || !unicode.IsPrint(r) && !unicode.IsSpace(r) {
				fmt.Fprintf(&b, `\u%04X`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// text writes s as a human would: plain when YAML reads the plain form
// back as the same string ("The plan was final."), double-quoted by
// quoted otherwise (a colon and a space, a leading "-", "#", "*", "&",
// "!", "%", "@" or quote, "true", "2024", ...). The YAML library the
// build reads with decides which: it writes a string plain only when
// its plain form resolves to that string.
func text(s string) string {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if b, err := yaml.Marshal(n); err == nil && strings.TrimSuffix(string(b), "\n") == s && s != "" {
		return s
	}
	return quoted(s)
}

// flowItem writes s as an item of a flow sequence ("[a, b]"): plain as
// text would, unless it holds one of the characters that end or open an
// item there.
func flowItem(s string) string {
	if strings.ContainsAny(s, ",[]{}") {
		return quoted(s)
	}
	return text(s)
}

// slugScalar writes a slug (an id, a source, a key), plain when YAML reads
// it back as the same string, quoted otherwise ("123", "true", "null").
func slugScalar(s string) string {
	if !valid.IsSlug(s) || strings.Trim(s, "0123456789-") == "" {
		return quoted(s)
	}
	switch s {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf":
		return quoted(s)
	}
	return s
}

// number writes a figure as YAML reads it back: the shortest decimal that
// is the same float64.
func number(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// oneSpace writes every run of white space in s as one space: a passage
// that crosses a line break or a paragraph reads better so, and anchoring
// counts any run of white space as one space.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// quoteLines writes one quote as the lines of a list item: "- " at dash
// (the indentation of the list's dashes), the item's fields at dash+step.
func quoteLines(dash string, step int, q Quote, fig *Figure) []line {
	in := dash + strings.Repeat(" ", step)
	out := []line{
		{dash + "-" + strings.Repeat(" ", step-1) + "source: " + slugScalar(q.Source), "source"},
		{in + "text: " + quoted(oneSpace(q.Text)), "exact"},
	}
	if q.Prefix != "" {
		out = append(out, line{in + "prefix: " + quoted(oneSpace(q.Prefix)), "exact"})
	}
	if q.Suffix != "" {
		out = append(out, line{in + "suffix: " + quoted(oneSpace(q.Suffix)), "exact"})
	}
	if fig != nil {
		fin := in + "  "
		out = append(out, line{in + "figure:", "figure"}, line{fin + "key: " + slugScalar(fig.Key), "figure.key"})
		if fig.Value != nil {
			out = append(out, line{fin + "value: " + number(*fig.Value), "figure.value"})
		}
		if fig.Min != nil {
			out = append(out, line{fin + "min: " + number(*fig.Min), "figure.min"})
		}
		if fig.Max != nil {
			out = append(out, line{fin + "max: " + number(*fig.Max), "figure.max"})
		}
		if fig.Approx {
			out = append(out, line{fin + "approx: true", "figure.approx"})
		}
		if fig.Unit != "" && fig.Label == "" { // a new figure's unit goes to its file
			out = append(out, line{fin + "unit: " + text(fig.Unit), "figure.unit"})
		}
		if fig.AsOf != "" {
			out = append(out, line{fin + "asOf: " + text(fig.AsOf), "figure.asOf"})
		}
		if fig.Words != "" {
			out = append(out, line{fin + "words: " + text(fig.Words), "figure.words"})
		}
	}
	return out
}

// claimLines writes a new claim file, front matter and an empty body.
func claimLines(c Claim, q Quote, fig *Figure) []line {
	out := []line{{"---", ""}, {"title: " + text(c.Title), "title"}}
	if c.Verdict != "" {
		out = append(out, line{"verdict: " + text(c.Verdict), "verdict"})
	}
	if c.Rationale != "" {
		out = append(out, line{"rationale: " + text(c.Rationale), "rationale"})
	}
	if c.Speaker != "" {
		out = append(out, line{"speaker: " + slugScalar(c.Speaker), "speaker"})
	}
	if c.Date != "" {
		out = append(out, line{"date: " + text(c.Date), "date"})
	}
	if len(c.Tags) > 0 {
		tags := make([]string, len(c.Tags))
		for i, t := range c.Tags {
			tags[i] = flowItem(t)
		}
		out = append(out, line{"tags: [" + strings.Join(tags, ", ") + "]", "tags"})
	}
	out = append(out, line{"quotes:", "quotes"})
	out = append(out, quoteLines("  ", 2, q, fig)...)
	return append(out, line{"---", ""})
}

// figureText is a new figure file: its label and unit.
func figureText(f *Figure) []line {
	return []line{{"---", ""}, {"label: " + text(f.Label), "figure.label"},
		{"unit: " + text(f.Unit), "figure.unit"}, {"---", ""}}
}

func join(ls []line, eol string) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(l.text)
		b.WriteString(eol)
	}
	return b.String()
}
