package publish

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
)

// maxSitemapURLs is the most URLs one sitemap file may list (sitemaps.org).
const maxSitemapURLs = 50000

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemap writes sitemap.xml (sitemaps.org protocol 0.9): one <url> per
// page, sorted by path, its <loc> absolute under the base URL and its
// <lastmod> the page's date (YYYY-MM-DD, UTC) when known. A path given
// twice is listed once, with the later date. It needs a base URL, since a
// sitemap's addresses must be absolute.
func Sitemap(s Site, pages []Page) ([]byte, error) {
	b, err := requireBase(s)
	if err != nil {
		return nil, err
	}
	byLoc := make(map[string]Page, len(pages))
	for _, p := range pages {
		loc, err := join(b, p.Path)
		if err != nil {
			return nil, fmt.Errorf("sitemap: %w", err)
		}
		if prev, ok := byLoc[loc]; !ok || p.LastMod.After(prev.LastMod) {
			byLoc[loc] = p
		}
	}
	if len(byLoc) > maxSitemapURLs {
		return nil, fmt.Errorf("sitemap: %d pages, over the %d one sitemap may list", len(byLoc), maxSitemapURLs)
	}
	set := urlset{URLs: make([]sitemapURL, 0, len(byLoc))}
	for loc, p := range byLoc {
		u := sitemapURL{Loc: loc}
		if !p.LastMod.IsZero() {
			u.LastMod = p.LastMod.UTC().Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	sort.Slice(set.URLs, func(i, j int) bool { return set.URLs[i].Loc < set.URLs[j].Loc })
	return marshalXML(set)
}

// Robots writes robots.txt: everything may be crawled, and the sitemap is
// named when there is a base URL to make its address absolute. (Crawlers
// read robots.txt only at a host's root, so under a sub-path the file
// serves as a copy for the host's own robots.txt.)
func Robots(s Site) []byte {
	out := "User-agent: *\nAllow: /\n"
	if b, err := base(s); err == nil && b != "" {
		out += "Sitemap: " + b + "sitemap.xml\n"
	}
	return []byte(out)
}

// marshalXML writes v as an indented XML document ending in a newline.
// encoding/xml escapes every string and replaces characters that XML 1.0
// cannot hold (most control characters) with U+FFFD.
func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
