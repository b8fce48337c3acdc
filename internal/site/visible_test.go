package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestNoKeyVisible builds the v2 page archives (testdata/v2-page-*.txtar)
// and the project's own dossier, and checks that no figure's key shows on
// any page: readers see a figure's label, and its key only lives in
// addresses and ids. A page's visible text is its text (the <title>
// included; scripts and styles not) and the attributes that browsers show
// or read out: alt, title, aria-label, placeholder. The search index's
// titles, which the search box shows, are checked too.
//
// Keys are checked when they hold a hyphen: a one-word key ("troops") is
// also a word of the language, which a page may well use.
func TestNoKeyVisible(t *testing.T) {
	archives, _ := filepath.Glob("testdata/v2-page-*.txtar")
	if len(archives) == 0 {
		t.Fatal("no v2-page archives")
	}
	for _, file := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			_, fsys := archive(t, file)
			noKeyVisible(t, Options{Content: fsys, Name: "content"})
		})
	}
	t.Run("project-content", func(t *testing.T) {
		if _, err := os.Stat("../../content"); err != nil {
			t.Skip("no content/ folder")
		}
		root, err := os.OpenRoot("../../content")
		if err != nil {
			t.Fatal(err)
		}
		noKeyVisible(t, Options{Content: root.FS(), Name: "content"})
	})
}

func noKeyVisible(t *testing.T, opts Options) {
	t.Helper()
	res, err := Build(opts)
	var ce *ContentError
	if errors.As(err, &ce) {
		t.Fatalf("content errors:\n%s", ce.List.Format())
	}
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, g := range res.Dossier.Figures {
		if strings.Contains(g.Key, "-") {
			keys = append(keys, g.Key)
		}
	}
	if len(keys) == 0 {
		t.Skip("no figure key with a hyphen to look for")
	}
	pages := 0
	for _, f := range res.Files {
		var texts []string
		switch {
		case strings.HasSuffix(f.Path, ".html"):
			pages++
			texts = visibleText(t, f.Path, f.Data)
		case f.Path == "search-index.js":
			texts = searchTitles(t, f.Data)
		default:
			continue
		}
		for _, text := range texts {
			for _, key := range keys {
				if strings.Contains(text, key) {
					t.Errorf("%s shows the key of figure %q: %q", f.Path, key, shortText(text, key))
				}
			}
		}
	}
	if pages == 0 {
		t.Fatal("no pages built")
	}
}

// visibleText returns the texts of a page that a reader sees or hears.
func visibleText(t *testing.T, name string, data []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if s := strings.TrimSpace(n.Data); s != "" {
				out = append(out, s)
			}
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Template:
				return
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "alt", "title", "aria-label", "placeholder":
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// searchTitles returns the titles of the search index's entries, which
// the search box lists as results.
func searchTitles(t *testing.T, data []byte) []string {
	t.Helper()
	s := strings.TrimSpace(string(data))
	s = strings.TrimPrefix(s, "window.DOSSIER_SEARCH = ")
	s = strings.TrimSuffix(s, ";")
	var docs []struct{ Title string }
	if err := json.Unmarshal([]byte(s), &docs); err != nil {
		t.Fatalf("search-index.js: %v", err)
	}
	var out []string
	for _, d := range docs {
		out = append(out, d.Title)
	}
	return out
}

// shortText is the part of text around key, for messages.
func shortText(text, key string) string {
	i := strings.Index(text, key)
	lo, hi := max(0, i-40), min(len(text), i+len(key)+40)
	return text[lo:hi]
}

// TestClaimPageBounded checks that a claim's page does not grow with the
// number of values its figure has: it sets its value against a bounded
// few of the others, and the figure's page lists them all. Two dossiers,
// one figure given by 30 and by 300 claims in two camps that disagree:
// the page of the first claim is the same size give or take the digits of
// the counts.
func TestClaimPageBounded(t *testing.T) {
	size := func(n int) (claim, conflicts int) {
		fsys := fstest.MapFS{
			"figures/raids-per-month.md": {Data: []byte("---\nlabel: Raids per month\nunit: raids\n---\n")},
		}
		var text strings.Builder
		for i := range n {
			v := 100 + i%7
			if i%2 == 1 {
				v = 300 + i%7
			}
			fmt.Fprintf(&text, "Count %d gives %d raids. ", i, v)
		}
		fsys["sources/s.md"] = &fstest.MapFile{Data: []byte("---\ntitle: S\n---\n" + text.String() + "\n")}
		for i := range n {
			v := 100 + i%7
			if i%2 == 1 {
				v = 300 + i%7
			}
			fsys[fmt.Sprintf("claims/c%04d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
				"---\ntitle: Count %d.\nquotes:\n  - source: s\n    text: \"Count %d gives %d raids.\"\n    figure: {key: raids-per-month, value: %d, approx: true}\n---\n", i, i, v, v)}
		}
		res, err := Build(Options{Content: fsys, Name: "content"})
		var ce *ContentError
		if errors.As(err, &ce) {
			t.Fatalf("content errors:\n%s", ce.List.Format())
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Files {
			switch f.Path {
			case "claims/c0000/index.html":
				claim = len(f.Data)
			case "conflicts/index.html":
				conflicts = len(f.Data)
			}
		}
		return claim, conflicts
	}
	c30, k30 := size(30)
	c300, k300 := size(300)
	if c300 > c30+200 {
		t.Errorf("a claim's page grows with its figure's values: %d bytes with 30 values, %d with 300", c30, c300)
	}
	if k300 > k30+200 {
		t.Errorf("the conflicts page grows with a figure's values: %d bytes with 30 values, %d with 300", k30, k300)
	}
}
