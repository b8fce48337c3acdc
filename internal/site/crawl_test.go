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
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids[name] = map[string]bool{}
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
			if u.Fragment != "" && !ids[target][u.Fragment] {
				t.Errorf("%s: link %q: no element with id %q in %s", page, href, u.Fragment, target)
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
