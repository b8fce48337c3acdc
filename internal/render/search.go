package render

import (
	"io"
	"iter"
	"slices"
	"sort"
	"strconv"
	"strings"

	"dossier/internal/jsonindent"
	"dossier/internal/model"
)

// searchDoc is one thing the search box finds.
type searchDoc struct {
	ID   int    `json:"id"`
	Kind string `json:"kind"` // "claim", "source", "passage", "entity", "figure", "conflict"
	// Title is what a result is headed by; for a passage, its source's
	// short citation.
	Title string `json:"title"`
	Text  string `json:"text"`
	// Verdict is a claim's verdict as readers see it (its label), searched
	// and shown beside the result; "" for everything else.
	Verdict string `json:"verdict,omitempty"`
	URL     string `json:"url"` // relative to the site's root
}

// writeSearchIndex writes the documents the search box searches as a
// classic script, window.DOSSIER_SEARCH = [...]: a page opened from the
// file system may load a script but may not fetch a JSON file, so the
// index must be a script for search to work from a zip. The search itself
// (MiniSearch) runs in the browser.
//
// Each document is written to out as it is made, in pieces of about
// jsonindent.FlushSize bytes: the index holds every paragraph of every
// source, and at 10,000 sources runs to over 100 MB, which is never whole
// in memory. The first error of out is returned, and nothing more is
// made once there is one.
func writeSearchIndex(out io.Writer, d *model.Dossier, l *links) error {
	// The JSON is written directly, as encoding/json's Encoder writes
	// the documents (escaping <, > and & as well): by reflection it took
	// longer than making the documents.
	b := make([]byte, 0, jsonindent.FlushSize+jsonindent.FlushSize/4)
	b = append(b, "window.DOSSIER_SEARCH = "...)
	var err error
	write := func() {
		if err == nil {
			_, err = out.Write(b)
		}
		b = b[:0]
	}
	started := false
	for doc := range searchDocSeq(d, l) {
		if started {
			b = append(b, ',')
		} else {
			b = append(b, '[')
			started = true
		}
		b = append(b, `{"id":`...)
		b = strconv.AppendInt(b, int64(doc.ID), 10)
		b = append(b, `,"kind":`...)
		b = jsonindent.AppendString(b, doc.Kind, true)
		b = append(b, `,"title":`...)
		b = jsonindent.AppendString(b, doc.Title, true)
		b = append(b, `,"text":`...)
		b = jsonindent.AppendString(b, doc.Text, true)
		if doc.Verdict != "" {
			b = append(b, `,"verdict":`...)
			b = jsonindent.AppendString(b, doc.Verdict, true)
		}
		b = append(b, `,"url":`...)
		b = jsonindent.AppendString(b, doc.URL, true)
		b = append(b, '}')
		if len(b) >= jsonindent.FlushSize {
			if write(); err != nil {
				return err
			}
		}
	}
	if started {
		b = append(b, ']')
	} else {
		b = append(b, "null"...) // as encoding/json writes a nil list
	}
	b = append(b, ";\n"...)
	write()
	return err
}

// searchDocs are the documents of the search index, all of them
// (searchDocSeq); nil when there are none.
func searchDocs(d *model.Dossier, l *links) []searchDoc {
	return slices.Collect(searchDocSeq(d, l))
}

// searchDocSeq yields the documents of the search index, each made when
// it is asked for: every claim, source, entity, figure and conflict, and
// every block (paragraph, heading, list item) of every source's text, so
// that a search finds the evidence itself and not only what the editors
// wrote about it.
func searchDocSeq(d *model.Dossier, l *links) iter.Seq[searchDoc] {
	return func(yield func(searchDoc) bool) {
		url := func(parts ...string) string { return strings.Join(parts, "/") + "/" + l.index }
		n := 0
		add := func(doc searchDoc) bool {
			doc.ID = n
			n++
			return yield(doc)
		}
		for _, c := range d.Claims {
			var text []string
			if c.Speaker != nil {
				text = append(text, c.Speaker.Name)
			}
			for _, q := range c.Quotes {
				exact, _ := joinFields(q.Exact)
				text = append(text, exact)
			}
			text = append(text, c.Tags...)
			doc := searchDoc{Kind: "claim", Title: c.Title, Text: strings.Join(text, " · "), URL: url("claims", c.ID)}
			if c.Verdict != nil {
				doc.Verdict = c.Verdict.Label
			}
			if !add(doc) {
				return
			}
		}
		for _, s := range d.Sources {
			var about []string
			for _, w := range []string{s.Short, s.Outlet, s.Author, s.Published, sourceKind(s.Kind)} {
				if w != "" {
					about = append(about, w)
				}
			}
			page := url("sources", s.Slug)
			if !add(searchDoc{Kind: "source", Title: s.Title, Text: strings.Join(about, " · "), URL: page}) {
				return
			}
			citation := s.Citation()
			for _, b := range sourceBlocks(s) {
				if !add(searchDoc{Kind: "passage", Title: citation, Text: b.text, URL: page + "#" + b.fragment}) {
					return
				}
			}
		}
		for _, e := range d.Entities {
			if !add(searchDoc{Kind: "entity", Title: e.Name, Text: strings.Join(append([]string{e.Description}, e.Aliases...), " "), URL: url("entities", e.Slug)}) {
				return
			}
		}
		for _, g := range d.Figures {
			if !add(searchDoc{Kind: "figure", Title: g.Label, Text: strings.TrimSpace(g.Unit + " " + g.Description), URL: url("figures", g.Key)}) {
				return
			}
		}
		for _, cf := range d.Conflicts {
			text := string(cf.Kind)
			if cf.Figure != nil {
				text += " " + cf.Figure.Label
			}
			if !add(searchDoc{Kind: "conflict", Title: cf.Title, Text: text, URL: url("conflicts") + "#" + cf.ID}) {
				return
			}
		}
	}
}

// block is one block of a source's plain text, with the fragment that
// leads a reader to it on the source page.
type block struct {
	text     string
	fragment string // without the "#"
}

// sourceBlocks splits a source's plain text into its blocks (the plain
// text separates blocks by a blank line). A block that holds the start of
// a quoted passage links to the first such passage's anchor (#q-…), which
// the page marks and scrolls to; any other block links with a text
// fragment (#:~:text=…), which browsers that know it scroll to and mark,
// and others ignore, opening the page at its top: the source pages'
// paragraphs carry no ids of their own.
func sourceBlocks(s *model.Source) []block {
	quotes := append([]*model.Quote(nil), s.Quotes...)
	sort.SliceStable(quotes, func(i, j int) bool { return quotes[i].Start < quotes[j].Start })
	var out []block
	pos := 0 // in code points of s.Plain
	for _, para := range strings.Split(s.Plain, "\n\n") {
		text, n, runes := joinFieldsCount(para)
		start, end := pos, pos+runes
		pos = end + 2
		if n == 0 {
			continue
		}
		b := block{text: text}
		for _, q := range quotes {
			if q.End > q.Start && q.Start >= start && q.Start < end {
				b.fragment = q.Anchor()
				break
			}
		}
		if b.fragment == "" {
			b.fragment = fieldsFragment(text, n, blockFragmentWords)
		}
		out = append(out, b)
	}
	return out
}
