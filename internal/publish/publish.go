// Package publish writes the files through which other tools find and reuse
// a dossier: sitemap.xml and robots.txt for search engines, an Atom feed for
// feed readers, schema.org ClaimReview for fact-check aggregators and W3C Web
// Annotations for annotation tools. Each is a pure function of the model, so
// that two builds of the same content give the same bytes.
package publish

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"dossier/internal/kind"
	"dossier/internal/model"
	"dossier/internal/valid"
)

// Site is what every file needs to know about the site.
type Site struct {
	BaseURL                              string // absolute, ends with "/", e.g. "https://example.org/dossiers/mexico/"; "" when unknown
	Title, Description, Language, Author string
}

// Page is one HTML page of the site, for the sitemap.
type Page struct {
	Path    string    // relative URL path of the page, e.g. "claims/x/" ("" for home)
	LastMod time.Time // zero when unknown
}

// errNoBase is returned by the files that must hold absolute URLs.
var errNoBase = errors.New("no base URL: set baseURL in dossier.yaml or pass --base-url, e.g. https://example.org/dossier/")

// base returns the site's base URL ending in "/", or "" when there is none.
// A base URL that is not an absolute http(s) address is an error, since
// every URL made from it would be wrong.
func base(s Site) (string, error) {
	if s.BaseURL == "" {
		return "", nil
	}
	b, err := valid.BaseURL(s.BaseURL)
	if err != nil {
		return "", fmt.Errorf("base URL %w", err)
	}
	return b, nil
}

// requireBase is base for the files that cannot do without one.
func requireBase(s Site) (string, error) {
	b, err := base(s)
	if err == nil && b == "" {
		err = errNoBase
	}
	return b, err
}

// join makes the absolute URL of a relative path under base, escaping each
// segment. A path that would climb out of base is an error.
func join(base, rel string) (string, error) {
	rel = strings.TrimPrefix(rel, "/")
	if rel == "" {
		return base, nil
	}
	segs := strings.Split(rel, "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." {
			return "", fmt.Errorf("path %q leads out of the base URL", rel)
		}
		segs[i] = url.PathEscape(seg)
	}
	return base + strings.Join(segs, "/"), nil
}

// pageURL is the absolute URL of the page of a source, claim, entity or
// figure.
func pageURL(base string, k kind.TargetKind, slug string) string {
	return base + k.Folder() + "/" + url.PathEscape(slug) + "/"
}

// authorName names who publishes the dossier: its author, else its title.
func authorName(s Site) string {
	if s.Author != "" {
		return s.Author
	}
	return s.Title
}

// siteTitle is the title shown for the site, as the pages show it.
func siteTitle(s Site) string {
	if s.Title != "" {
		return s.Title
	}
	return "Dossier"
}

// dateSpan returns the first day a date written YYYY-MM-DD, YYYY-MM or YYYY
// stands for, and the day after its last, in UTC.
func dateSpan(s string) (start, end time.Time, ok bool) {
	first, last, ok := valid.Days(s)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	return first, last.AddDate(0, 0, 1), true
}

// anchored reports whether a quote was found in its source; only those are
// published (a model with unanchored quotes has errors and is not built).
func anchored(q *model.Quote) bool { return q.Source != nil && q.End > q.Start }
