package site

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestCrawlUnderSubPath publishes a dossier with a base URL under a
// sub-path, serves it there from a test server as a static host would, and
// follows every link from the home page: each must answer 200, each
// #fragment must name an element, and each canonical URL must be absolute
// under the base.
func TestCrawlUnderSubPath(t *testing.T) {
	_, fsys := archive(t, "testdata/site-full.txtar")
	const prefix = "/dossiers/mexico/"
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base := srv.URL + prefix
	res, err := Build(Options{Content: fsys, Name: "content", BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(res.Files, out); err != nil {
		t.Fatal(err)
	}
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(out))))

	type page struct{ ids map[string]bool }
	pages := map[string]*page{} // by URL without fragment
	var fetch func(u string) *page
	get := func(u string) (int, []byte, string) {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b, resp.Header.Get("Content-Type")
	}
	var queue []string
	fetch = func(u string) *page {
		if p, ok := pages[u]; ok {
			return p
		}
		code, body, ctype := get(u)
		if code != 200 {
			t.Errorf("GET %s: %d", u, code)
			pages[u] = &page{}
			return pages[u]
		}
		p := &page{ids: map[string]bool{}}
		pages[u] = p
		if !strings.HasPrefix(ctype, "text/html") {
			return p
		}
		doc, err := html.Parse(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		walk(doc, func(n *html.Node) {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			if id, ok := attr["id"]; ok {
				p.ids[id] = true
			}
			if n.Data == "link" && attr["rel"] == "canonical" && !strings.HasPrefix(attr["href"], base) {
				t.Errorf("%s: canonical %q is not under %s", u, attr["href"], base)
			}
			for _, k := range []string{"href", "src"} {
				if v, ok := attr[k]; ok {
					queue = append(queue, u+"\x00"+v)
				}
			}
		})
		return p
	}
	fetch(base)
	checked := 0
	for len(queue) > 0 {
		item := queue[0]
		queue = queue[1:]
		from, href, _ := strings.Cut(item, "\x00")
		pu, _ := url.Parse(from)
		ref, err := url.Parse(href)
		if err != nil {
			t.Errorf("%s: bad link %q", from, href)
			continue
		}
		target := pu.ResolveReference(ref)
		if target.Host != pu.Host {
			continue
		}
		if !strings.HasPrefix(target.Path, prefix) {
			t.Errorf("%s: link %q leaves the site's path %s", from, href, prefix)
			continue
		}
		frag, _, _ := splitFragment(target.EscapedFragment()) // the element id; crawl checks text fragments
		target.Fragment, target.RawFragment = "", ""
		p := fetch(target.String())
		if frag != "" && p.ids != nil && !p.ids[frag] {
			t.Errorf("%s: link %q: no element with id %q", from, href, frag)
		}
		checked++
	}
	if checked < 50 {
		t.Errorf("only %d links followed", checked)
	}
	// The not-found page works at any depth: its links are absolute.
	nf, err := os.ReadFile(filepath.Join(out, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(nf, []byte(`href="`+prefix+`sources/"`)) {
		t.Errorf("404.html does not link to the sources under %s", prefix)
	}
}
