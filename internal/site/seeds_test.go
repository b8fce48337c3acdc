package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// seedSources maps each seed article (a copy of the project's shared seeds,
// kept in testdata/seeds) to the source imported from it, with the lines
// the source's note says were cut as site furniture.
var seedSources = []struct {
	seed, slug string
	cutFrom    string   // every line from this one on was cut ("" for none)
	cut        []string // single lines cut
}{
	{seed: "000_f4fbe40d3307c14f.txt", slug: "washington-mexico-ties-strain"},
	{seed: "001_ecb0483c555371c7.txt", slug: "vance-no-next-question", cutFrom: "You May Also Like"},
	{seed: "002_892844bb6acea099.txt", slug: "plans-troops-into-mexico"},
	{seed: "003_fef8561368ea6654.txt", slug: "trump-weighs-military-strikes", cut: []string{"Today : Aug 31, 2025", "World News"}},
	{seed: "004_43f18c8470e3a573.txt", slug: "cartel-strategy-latest"},
}

// TestSeedsVerbatim checks that the project's dossier shows every line of
// every seed article, unchanged, on its source page.
func TestSeedsVerbatim(t *testing.T) {
	root, err := os.OpenRoot("../../content")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(Options{Content: root.FS(), Name: "content"})
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string][]byte{}
	for _, f := range res.Files {
		pages[f.Path] = f.Data
	}
	for _, s := range seedSources {
		seed, err := os.ReadFile(filepath.Join("testdata/seeds", s.seed))
		if err != nil {
			t.Fatal(err)
		}
		page, ok := pages["sources/"+s.slug+"/index.html"]
		if !ok {
			t.Errorf("no page for source %s", s.slug)
			continue
		}
		text := articleText(t, page)
		checked := 0
		for _, line := range strings.Split(string(seed), "\n") {
			line = strings.TrimSpace(line)
			if s.cutFrom != "" && line == s.cutFrom {
				break
			}
			if line == "" || contains(s.cut, line) {
				continue
			}
			if !strings.Contains(text, strings.Join(strings.Fields(line), " ")) {
				t.Errorf("%s: the page of %s lacks the line:\n%s", s.seed, s.slug, line)
			}
			checked++
		}
		if checked < 10 {
			t.Errorf("%s: only %d lines checked", s.seed, checked)
		}
	}
}

// articleText returns the visible text of a source page's article body,
// white space collapsed, with highlights and links flattened.
func articleText(t *testing.T, page []byte) string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var body *html.Node
	walk(doc, func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == "class" && strings.Contains(a.Val, "source-text") {
				body = n
			}
		}
	})
	if body == nil {
		t.Fatal("no source-text element")
	}
	var b strings.Builder
	var text func(n *html.Node)
	text = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "class" && (a.Val == "ref" || strings.HasPrefix(a.Val, "ref ") ||
					a.Val == "note" || strings.HasPrefix(a.Val, "note ")) {
					return // the notes on passages are not the article's text
				}
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "p" || n.Data == "li" || n.Data == "h2" || n.Data == "br") {
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c)
		}
	}
	text(body)
	return strings.Join(strings.Fields(b.String()), " ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestProjectDossierCoverage holds the project's dossier to what it
// promises its readers: enough claims, quotes in every source, people and
// organisations, dated events, and the disagreements the articles contain.
func TestProjectDossierCoverage(t *testing.T) {
	root, err := os.OpenRoot("../../content")
	if err != nil {
		t.Fatal(err)
	}
	d, errs := Check(Options{Content: root.FS(), Name: "content"})
	if len(errs) > 0 {
		t.Fatalf("content errors:\n%s", errs.Format())
	}
	if len(d.Sources) != 5 || len(d.Claims) < 40 || len(d.Entities) < 15 {
		t.Errorf("%d sources, %d claims, %d entities; want 5, at least 40, at least 15", len(d.Sources), len(d.Claims), len(d.Entities))
	}
	for _, s := range d.Sources {
		if len(s.Quotes) < 6 {
			t.Errorf("source %s has %d quoted passages, want at least 6", s.Slug, len(s.Quotes))
		}
	}
	dated := 0
	for _, c := range d.Claims {
		if c.Date != "" {
			dated++
		}
	}
	if dated < 12 {
		t.Errorf("%d dated claims, want at least 12", dated)
	}
	statements := 0
	figures := map[string]bool{}
	for _, c := range d.Conflicts {
		if c.Figure == nil {
			statements++
		} else {
			figures[c.Figure.Key] = true
		}
	}
	if statements < 2 {
		t.Errorf("%d statement conflicts, want at least 2", statements)
	}
	if !figures["us-overdose-deaths-per-year"] {
		t.Errorf("no figure conflict on us-overdose-deaths-per-year")
	}
	// Six cartels designated on February 20 and eight by August are a
	// series over time (asOf), not a conflict.
	if g := d.Figure("mexican-cartels-designated-fto"); g == nil || g.Conflict != nil || len(g.Values) < 2 {
		t.Errorf("mexican-cartels-designated-fto: want two or more values that form a series, without conflict")
	}
}
