package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"dossier/internal/valid"
)

// A saved web page is imported as its article: go-readability finds the
// article and drops the site around it (navigation, ads, share buttons,
// related links, newsletter and cookie boxes, footers), and what is left
// is written as Markdown blocks — headings, paragraphs, lists, block
// quotes, figure captions — each block's text escaped by the same rules
// as a plain-text paragraph, so that the page shows it exactly. Inline
// formatting, links and images are dropped: a source keeps the text a
// reader sees, which quotes are anchored in. Inside a block, runs of white
// space are one space, as a browser shows them, and a line break (<br>) is
// a space.

// IsHTML reports whether a file is a saved web page: named .html or .htm,
// or starting, after any byte order mark, white space and comments, with
// an HTML doctype or an <html> tag.
func IsHTML(name string, data []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") {
		return true
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	// Comments before the doctype, such as the "<!-- saved from url=...
	// -->" a browser writes at the top of a saved page, are passed over.
	for bytes.HasPrefix(head, []byte("<!--")) {
		end := bytes.Index(head[4:], []byte("-->"))
		if end < 0 {
			return false
		}
		head = bytes.TrimLeft(head[4+end+3:], " \t\r\n")
	}
	head = bytes.ToLower(head[:min(len(head), 14)])
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// Page is what a saved web page gives a source.
type Page struct {
	Meta Meta   // Title, Author, Outlet, Published and URL, as far as the page gives them
	Body string // the article as Markdown
}

// ErrNoArticle is returned by ReadPage when no article can be told apart
// from the rest of the page.
var ErrNoArticle = errors.New("no article found in the page: save the page with its article text (not only its frame or a script that loads it), or copy the article's text into a plain-text file and import that with --title")

// ReadPage extracts the article and its metadata from a saved web page.
// The page is decoded from the character set it declares (a byte order
// mark, <meta charset> or <meta http-equiv="Content-Type">); a page that
// declares none is read as UTF-8 and must be valid UTF-8.
func ReadPage(page []byte) (Page, error) {
	text, err := decode(page)
	if err != nil {
		return Page{}, err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return Page{}, fmt.Errorf("the page is not HTML that can be read: %v", err)
	}
	meta := pageMeta(doc)
	prune(doc)

	art, err := readability.FromDocument(doc, nil)
	if err != nil || art.Node == nil {
		return Page{}, ErrNoArticle
	}
	var w blockWriter
	w.blocks(art.Node)
	if w.err != nil {
		return Page{}, w.err
	}
	body := w.String()
	if body == "" {
		return Page{}, ErrNoArticle
	}
	if meta.Title == "" {
		meta.Title = oneLine(art.Title())
	}
	if meta.Author == "" {
		meta.Author = byline(art.Byline())
	}
	if meta.Outlet == "" {
		meta.Outlet = oneLine(art.SiteName())
	}
	if meta.Published == "" {
		if t, err := art.PublishedTime(); err == nil {
			meta.Published = dateOf(t.Format(time.RFC3339))
		}
	}
	return Page{Meta: meta, Body: body}, nil
}

// decode returns the page as UTF-8 text: decoded from the encoding its
// byte order mark or a <meta> in its first kilobytes declares, else
// taken as UTF-8, which it must then be.
func decode(page []byte) (string, error) {
	enc, name, bom := charset.DetermineEncoding(page, "text/html")
	if !bom { // without a byte order mark, only a declared set counts
		enc, name = nil, ""
		if label := declaredCharset(page); label != "" {
			if enc, name = charset.Lookup(label); enc == nil {
				return "", fmt.Errorf("the page declares the character set %q, which is not one this program knows: convert the page to UTF-8", label)
			}
		}
	}
	if enc == nil || name == "utf-8" {
		// Nothing else declared: HTML's default would be windows-1252,
		// but a page saved today is UTF-8 or says what it is.
		if !utf8.Valid(page) && enc != nil {
			return "", fmt.Errorf("the page declares UTF-8 but is not valid UTF-8 (byte 0x%02x at offset %d): it was saved in another character set; fix its <meta charset> to name that one, or convert the page to UTF-8", page[firstBad(page)], firstBad(page))
		}
		if !utf8.Valid(page) {
			return "", errors.New("the page is not valid UTF-8 and declares no other character set: add <meta charset=\"...\"> naming its encoding to the page's <head>, or convert it to UTF-8")
		}
		return string(bytes.TrimPrefix(page, []byte("\uFEFF"))), nil
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(page)))
	if err != nil {
		return "", fmt.Errorf("the page cannot be decoded from its declared character set %s: %v; convert it to UTF-8", name, err)
	}
	return string(out), nil
}

// firstBad returns the offset of the first byte of b that is not valid
// UTF-8, or len(b).
func firstBad(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// declaredCharset returns the character set a <meta charset> or <meta
// http-equiv="Content-Type"> in the first 4096 bytes of page names, or "".
func declaredCharset(page []byte) string {
	z := html.NewTokenizer(bytes.NewReader(page[:min(len(page), 4096)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if t.DataAtom == atom.Body {
				return ""
			}
			if t.DataAtom != atom.Meta {
				continue
			}
			var cs, equiv, content string
			for _, a := range t.Attr {
				switch strings.ToLower(a.Key) {
				case "charset":
					cs = a.Val
				case "http-equiv":
					equiv = a.Val
				case "content":
					content = a.Val
				}
			}
			if cs != "" {
				return strings.TrimSpace(cs)
			}
			if strings.EqualFold(strings.TrimSpace(equiv), "content-type") {
				if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
					return params["charset"]
				}
			}
		}
	}
}

// pageMeta reads what the page's own metadata says: the canonical URL
// (<link rel="canonical">, else og:url, read against <base href>), the
// publication date (article:published_time, JSON-LD datePublished, else
// the first <time datetime>), the title (og:title, JSON-LD headline), the
// author (JSON-LD author, <meta name="author">, else the text of the
// first element of class "byline", rel or itemprop "author") and the
// outlet (og:site_name, JSON-LD publisher). Values that are not well
// formed are left out.
func pageMeta(doc *html.Node) Meta {
	var (
		m                                   Meta
		canonical, ogURL, published, timeEl string
		base                                string
		ogTitle, ogSite, author, bylineEl   string
		ld                                  ldArticle
	)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if bylineEl == "" && n.DataAtom != atom.Meta && n.DataAtom != atom.Link &&
				(hasToken(attr(n, "class"), "byline") || hasToken(attr(n, "rel"), "author") || hasToken(attr(n, "itemprop"), "author")) {
				bylineEl = byline(text(n))
			}
			switch n.DataAtom {
			case atom.Base:
				if base == "" {
					base = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Meta:
				key := strings.ToLower(strings.TrimSpace(attr(n, "property") + attr(n, "name")))
				val := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:url":
					ogURL = val
				case "article:published_time":
					published = val
				case "og:title":
					ogTitle = val
				case "og:site_name":
					ogSite = val
				case "author":
					author = val
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					ld.read(n.FirstChild.Data)
				}
			case atom.Time:
				if timeEl == "" {
					timeEl = strings.TrimSpace(attr(n, "datetime"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	for _, u := range []string{canonical, ogURL} {
		u = resolve(base, u)
		if u != "" && valid.WebURL(u) == nil && fieldText(u, false) == nil {
			m.URL = u
			break
		}
	}
	for _, d := range []string{published, ld.DatePublished, timeEl} {
		if m.Published = dateOf(d); m.Published != "" {
			break
		}
	}
	m.Title = oneLine(strOr(ogTitle, ld.Headline))
	m.Author = oneLine(strOr(ld.author(), author, bylineEl))
	m.Outlet = oneLine(strOr(ogSite, ld.Publisher.Name))
	return m
}

// resolve returns ref, a URL the page gives, made absolute against the
// page's <base href> when it is relative ("story.html", "/news/story"),
// as a browser reads it. A saved page has no address of its own, so a
// relative URL with no absolute base is returned as it is (and then left
// out, as it is no web address).
func resolve(base, ref string) string {
	if ref == "" || base == "" {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil || r.IsAbs() {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return ref
	}
	return b.ResolveReference(r).String()
}

// ldArticle is what pageMeta reads of a JSON-LD article.
type ldArticle struct {
	Headline      string          `json:"headline"`
	DatePublished string          `json:"datePublished"`
	Author        json.RawMessage `json:"author"`
	Publisher     struct {
		Name string `json:"name"`
	} `json:"publisher"`
}

// read takes from a JSON-LD script the first article's fields not yet
// known; a script that is not an object (or a list or @graph of them)
// with such fields is ignored.
func (a *ldArticle) read(script string) {
	var raw any
	if json.Unmarshal([]byte(script), &raw) != nil {
		return
	}
	var objects []any
	switch v := raw.(type) {
	case []any:
		objects = v
	case map[string]any:
		objects = []any{v}
		if g, ok := v["@graph"].([]any); ok {
			objects = append(objects, g...)
		}
	}
	for _, o := range objects {
		obj, ok := o.(map[string]any)
		if !ok || (obj["headline"] == nil && obj["datePublished"] == nil) {
			continue
		}
		b, _ := json.Marshal(obj)
		var x ldArticle
		if json.Unmarshal(b, &x) != nil {
			continue
		}
		a.Headline = strOr(a.Headline, x.Headline)
		a.DatePublished = strOr(a.DatePublished, x.DatePublished)
		if a.Author == nil {
			a.Author = x.Author
		}
		a.Publisher.Name = strOr(a.Publisher.Name, x.Publisher.Name)
	}
}

// author is the JSON-LD author: a name, a person, or a list of them
// joined with commas.
func (a ldArticle) author() string {
	type person struct {
		Name string `json:"name"`
	}
	var one person
	if json.Unmarshal(a.Author, &one) == nil && one.Name != "" {
		return one.Name
	}
	var many []person
	if json.Unmarshal(a.Author, &many) == nil {
		var names []string
		for _, p := range many {
			if p.Name != "" {
				names = append(names, p.Name)
			}
		}
		return strings.Join(names, ", ")
	}
	var name string
	if json.Unmarshal(a.Author, &name) == nil {
		return name
	}
	return ""
}

var dateRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:$|[T ])`)

// dateOf returns the YYYY-MM-DD date that an ISO 8601 date or time
// starts with, as the page wrote it (the day in the page's own time zone),
// or "" if it is no real date.
func dateOf(s string) string {
	m := dateRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || valid.Date(m[1]) != nil {
		return ""
	}
	return m[1]
}

// byline is the author as the page prints it, without a leading "By".
func byline(s string) string {
	s = oneLine(s)
	if rest, ok := cutPrefixFold(s, "by "); ok {
		s = strings.TrimSpace(rest)
	}
	return s
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// oneLine collapses white space into single spaces, so that a field from
// the page is one line of text; it drops a field holding characters a
// source's front matter may not.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if fieldText(s, false) != nil {
		return ""
	}
	return s
}

func strOr(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, t := range strings.Fields(strings.ToLower(list)) {
		if t == tok {
			return true
		}
	}
	return false
}

// PageSource returns the source file for a saved web page: the article
// from [ReadPage] as the body, and meta as front matter, where each field
// left empty is filled from the page when it gives one (the fields given
// win). The note, after meta's own, names the fields taken from the page:
// "Title, author, outlet, date and URL taken from the page's metadata."
func PageSource(meta Meta, page []byte) ([]byte, error) {
	p, err := ReadPage(page)
	if err != nil {
		return nil, err
	}
	var filled []string
	for _, f := range []struct {
		name     string
		into     *string
		fromPage string
	}{
		{"title", &meta.Title, p.Meta.Title}, {"author", &meta.Author, p.Meta.Author},
		{"outlet", &meta.Outlet, p.Meta.Outlet}, {"date", &meta.Published, p.Meta.Published},
		{"URL", &meta.URL, p.Meta.URL},
	} {
		if *f.into == "" && f.fromPage != "" {
			*f.into = f.fromPage
			filled = append(filled, f.name)
		}
	}
	if meta.Title == "" {
		return nil, errors.New("the page gives no title: pass --title")
	}
	if len(filled) > 0 {
		meta.Note = strings.TrimSpace(meta.Note + " " + filledNote(filled))
	}
	if err := meta.Validate(); err != nil {
		return nil, err
	}
	return file(meta, p.Body)
}

// filledNote says which fields were taken from the page.
func filledNote(fields []string) string {
	list := fields[0]
	if n := len(fields); n > 1 {
		list = strings.Join(fields[:n-1], ", ") + " and " + fields[n-1]
	}
	return strings.ToUpper(list[:1]) + list[1:] + " taken from the page's metadata."
}
