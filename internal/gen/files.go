package gen

import (
	"fmt"
	"strconv"
	"strings"
)

// files writes the content folder, in content format v2: a figure file
// per key, a conflict file per pair of claims that contradict each other.
func (g *gen) files() map[string][]byte {
	out := make(map[string][]byte, 1+len(g.sources)+len(g.claims)+len(g.entities))
	out["dossier.yaml"] = []byte(fmt.Sprintf(
		"title: %s\ndescription: %s\nlanguage: en\nfigures:\n  tolerance: %s\n",
		yamlString("The Valley Floods"),
		yamlString(fmt.Sprintf("What %d articles say about the floods, and where their figures disagree (generated, seed %d).", len(g.sources), g.o.Seed)),
		num(Tolerance)))
	for _, s := range g.sources {
		var b strings.Builder
		b.WriteString("---\n")
		field(&b, "title", yamlString(s.title))
		field(&b, "outlet", yamlString(s.outlet))
		field(&b, "author", yamlString(s.author))
		field(&b, "published", s.published)
		field(&b, "url", s.url)
		if s.note != "" {
			field(&b, "note", yamlString(s.note))
		}
		b.WriteString("---\n")
		b.WriteString(s.body)
		out["sources/"+s.slug+".md"] = []byte(b.String())
	}
	for _, c := range g.claims {
		out["claims/"+c.id+".md"] = []byte(c.file())
	}
	for _, e := range g.entities {
		var b strings.Builder
		b.WriteString("---\n")
		field(&b, "name", yamlString(e.name))
		field(&b, "kind", e.kind)
		field(&b, "aliases", yamlList(e.aliases))
		field(&b, "description", yamlString(e.description))
		b.WriteString("---\n")
		if e.home != nil && e.linkHome {
			fmt.Fprintf(&b, "%s is named in [%s](source:%s).\n", capFirst(e.the(e.name)), e.home.title, e.home.slug)
		}
		out["entities/"+e.slug+".md"] = []byte(b.String())
	}
	for _, k := range g.keys {
		var b strings.Builder
		b.WriteString("---\n")
		field(&b, "label", yamlString(capFirst(expandTown(k.q.measure, k.town))))
		field(&b, "unit", k.q.unit)
		b.WriteString("---\n")
		fmt.Fprintf(&b, "As the sources report it for %s.\n", k.town)
		out["figures/"+k.key+".md"] = []byte(b.String())
	}
	for _, c := range g.claims {
		for _, o := range c.contradicts {
			var b strings.Builder
			b.WriteString("---\n")
			field(&b, "title", yamlString(strings.TrimSuffix(c.title, ".")+" vs "+strings.TrimSuffix(o.title, ".")))
			field(&b, "kind", "contradiction")
			field(&b, "sides", "[["+c.id+"], ["+o.id+"]]")
			b.WriteString("---\n")
			fmt.Fprintf(&b, "[%s](claim:%s) and [%s](claim:%s) cannot both be true.\n", strings.TrimSuffix(c.title, "."), c.id, strings.TrimSuffix(o.title, "."), o.id)
			out["conflicts/"+c.id+"-vs-"+o.id+".md"] = []byte(b.String())
		}
	}
	return out
}

// rationales say why a generated claim has its verdict.
var rationales = map[string]string{
	"supported":  "The sources that report it agree, and none contradicts it.",
	"misleading": "The figure is right but the framing leaves out what changes its meaning.",
	"disputed":   "Credible sources give different accounts, and none settles it.",
	"false":      "The official figures the sources cite contradict it.",
	"unverified": "No source we have confirms or refutes it.",
}

func (c *claim) file() string {
	var b strings.Builder
	b.WriteString("---\n")
	field(&b, "title", yamlString(c.title))
	if c.verdict != "" {
		field(&b, "verdict", c.verdict)
		field(&b, "rationale", yamlString(rationales[c.verdict]))
	}
	if c.speaker != nil {
		field(&b, "speaker", c.speaker.slug)
	}
	if c.date != "" {
		field(&b, "date", c.date)
	}
	if len(c.tags) > 0 {
		field(&b, "tags", "["+strings.Join(c.tags, ", ")+"]")
	}
	b.WriteString("quotes:\n")
	for _, q := range c.quotes {
		fmt.Fprintf(&b, "  - source: %s\n", q.p.src.slug)
		fmt.Fprintf(&b, "    text: %s\n", yamlString(q.text))
		if q.prefix != "" {
			fmt.Fprintf(&b, "    prefix: %s\n", yamlString(q.prefix))
		}
		if q.suffix != "" {
			fmt.Fprintf(&b, "    suffix: %s\n", yamlString(q.suffix))
		}
		if q.fig != nil {
			words := ""
			if strings.Contains(q.text, q.fig.text) {
				words = q.fig.text
			}
			fmt.Fprintf(&b, "    figure: %s\n", q.fig.yaml(words))
		}
	}
	b.WriteString("---\n")
	b.WriteString(c.body)
	return b.String()
}

func field(b *strings.Builder, name, value string) {
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(value)
	b.WriteByte('\n')
}

// yamlString writes s as a YAML double-quoted scalar. Go's quoting escapes
// only '"', '\\' and unprintable runes, with escapes that YAML's double-
// quoted style shares (\n, \t, \uXXXX, …), and leaves “ ’ — as they are.
func yamlString(s string) string { return strconv.Quote(s) }

func yamlList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = yamlString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
