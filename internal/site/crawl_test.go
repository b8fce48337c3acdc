package site

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestCrawl builds every dossier that should build (the golden archives
// without want/errors, and the project's own content/), parses every page
// and checks that every internal link and #fragment resolves to a built
// file and an element in it.
func TestCrawl(t *testing.T) {
	archives, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range archives {
		ar, fsys := archive(t, file)
		if _, failing := section(ar, "want/errors"); failing {
			continue
		}
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel() // each builds its own archive's dossier
			crawl(t, Options{Content: fsys, Name: "content"})
		})
	}
	t.Run("project-content", func(t *testing.T) {
		t.Parallel()
		if _, err := os.Stat("../../content"); err != nil {
			t.Skip("no content/ folder")
		}
		root, err := os.OpenRoot("../../content")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { root.Close() })
		crawl(t, Options{Content: root.FS(), Name: "content"})
	})
}

func crawl(t *testing.T, opts Options) {
	res, err := Build(opts)
	var ce *ContentError
	if errors.As(err, &ce) {
		t.Fatalf("content errors:\n%s", ce.List.Format())
	}
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	ids := map[string]map[string]bool{}
	links := map[string][]string{}
	texts := map[string]string{} // each page's text, white space collapsed, for text fragments
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids[name] = map[string]bool{}
		texts[name] = pageText(doc)
		walk(doc, func(n *html.Node) {
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					if ids[name][a.Val] {
						t.Errorf("%s: duplicate id %q", name, a.Val)
					}
					ids[name][a.Val] = true
				case "href", "src":
					links[name] = append(links[name], a.Val)
				}
			}
		})
	}
	if len(ids) == 0 {
		t.Fatal("no pages built")
	}
	checked := 0
	for page, hrefs := range links {
		for _, href := range hrefs {
			u, err := url.Parse(href)
			if err != nil {
				t.Errorf("%s: bad link %q: %v", page, href, err)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // external
			}
			if strings.HasPrefix(u.Path, "/") {
				t.Errorf("%s: link %q is absolute; every internal link must be relative", page, href)
				continue
			}
			if strings.HasSuffix(u.Path, "/") {
				t.Errorf("%s: link %q names a folder, which does not open from the file system; want .../index.html", page, href)
			}
			target := page
			if u.Path != "" {
				target = path.Join(path.Dir(page), u.Path)
				if strings.HasSuffix(u.Path, "/") || u.Path == "." || u.Path == "./" {
					target = path.Join(target, "index.html")
				}
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q leads to %s, which was not built", page, href, target)
				continue
			}
			id, terms, err := splitFragment(u.EscapedFragment())
			if err != nil {
				t.Errorf("%s: link %q: %v", page, href, err)
			}
			if id != "" && !ids[target][id] {
				t.Errorf("%s: link %q: no element with id %q in %s", page, href, id, target)
			}
			for _, term := range terms {
				if !strings.Contains(texts[target], term) {
					t.Errorf("%s: link %q: the text fragment's %q is not in the text of %s", page, href, term, target)
				}
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no internal links checked")
	}
	// Every page must be reachable from the home page.
	seen := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		for _, href := range links[page] {
			u, _ := url.Parse(href)
			if u == nil || u.Scheme != "" || u.Path == "" {
				continue
			}
			target := path.Join(path.Dir(page), u.Path)
			if strings.HasSuffix(u.Path, "/") {
				target = path.Join(target, "index.html")
			}
			if !seen[target] && strings.HasSuffix(target, ".html") {
				seen[target] = true
				queue = append(queue, target)
			}
		}
	}
	for name := range ids {
		if !seen[name] && name != "404.html" { // shown by hosts for missing pages
			t.Errorf("%s cannot be reached from the home page", name)
		}
	}
}

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// splitFragment splits a URL's fragment, as escaped in the link, into
// the element id it names ("" for none) and the terms of a text fragment
// directive (#:~:text=start,end, or a whole term; "prefix-" and "-suffix"
// terms left out), unescaped.
func splitFragment(raw string) (id string, terms []string, err error) {
	rawID, directive, found := strings.Cut(raw, ":~:")
	if id, err = url.PathUnescape(rawID); err != nil || !found {
		return id, nil, err
	}
	for _, d := range strings.Split(directive, "&") {
		text, ok := strings.CutPrefix(d, "text=")
		if !ok {
			continue
		}
		for _, part := range strings.Split(text, ",") {
			if strings.HasSuffix(part, "-") || strings.HasPrefix(part, "-") {
				continue // context, not the text itself
			}
			term, err := url.PathUnescape(part)
			if err != nil {
				return id, nil, err
			}
			terms = append(terms, strings.Join(strings.Fields(term), " "))
		}
	}
	return id, terms, nil
}

// pageText is the text of a page's body, as a text fragment searches it:
// its text nodes outside scripts and styles, white space collapsed.
func pageText(doc *html.Node) string {
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "head") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	return strings.Join(strings.Fields(b.String()), " ")
}
