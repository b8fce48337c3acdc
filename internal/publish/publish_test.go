package publish

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"dossier/internal/content"
	"dossier/internal/markdown"
	"dossier/internal/model"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want/ sections of testdata/dossier.txtar")

const (
	archive  = "testdata/dossier.txtar"
	testBase = "https://example.org/dossiers/mexico/" // as in the archive's dossier.yaml
)

// The files' modification times, which the caller of Feed gives.
var fileTimes = map[string]time.Time{
	"blog-says":   time.Date(2025, 8, 10, 8, 0, 0, 0, time.FixedZone("CEST", 2*3600)), // 06:00 UTC
	"cafe-owners": time.Date(2025, 9, 1, 12, 0, 0, 0, time.UTC),
}

func updated(c *model.Claim) time.Time { return fileTimes[c.ID] }

// load reads the test dossier: its content as a file system, and the archive.
func load(t *testing.T) (fstest.MapFS, *txtar.Archive) {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "content/"); ok {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys, ar
}

// build runs the real pipeline on a content folder.
func build(t *testing.T, fsys fstest.MapFS) *model.Dossier {
	t.Helper()
	c, errs := content.Read(fsys, "content")
	if len(errs) > 0 {
		t.Fatalf("content:\n%s", errs.Format())
	}
	d, errs := model.Build(c, markdown.New(), nil)
	if len(errs) > 0 {
		t.Fatalf("model:\n%s", errs.Format())
	}
	return d
}

func testDossier(t *testing.T) *model.Dossier {
	t.Helper()
	fsys, _ := load(t)
	return build(t, fsys)
}

func siteOf(d *model.Dossier) Site {
	s := d.Settings
	return Site{BaseURL: s.BaseURL, Title: s.Title, Description: s.Description, Language: s.Language, Author: s.Author}
}

func withBase(s Site, b string) Site { s.BaseURL = b; return s }

// pagesOf lists the pages of the site as the lead's build would, out of
// order, with a date on the claim and source pages.
func pagesOf(d *model.Dossier) []Page {
	day := time.Date(2025, 8, 20, 23, 30, 0, 0, time.FixedZone("PDT", -7*3600)) // 2025-08-21 in UTC
	pages := []Page{{Path: "timeline/"}, {Path: ""}, {Path: "conflicts/"}, {Path: "claims/"}, {Path: "sources/"}}
	for _, c := range d.Claims {
		pages = append(pages, Page{Path: "claims/" + c.ID + "/", LastMod: day})
	}
	for _, s := range d.Sources {
		pages = append(pages, Page{Path: "sources/" + s.Slug + "/", LastMod: day})
	}
	return pages
}

// outputs writes every file of the package for a dossier, by name.
func outputs(t *testing.T, d *model.Dossier, s Site) map[string][]byte {
	t.Helper()
	out := map[string][]byte{"robots.txt": Robots(s)}
	var err error
	if out["sitemap.xml"], err = Sitemap(s, pagesOf(d)); err != nil {
		t.Fatalf("Sitemap: %v", err)
	}
	if out["feed.xml"], err = Feed(s, d, updated); err != nil {
		t.Fatalf("Feed: %v", err)
	}
	if out["annotations.jsonld"], err = Annotations(s, d); err != nil {
		t.Fatalf("Annotations: %v", err)
	}
	for _, c := range d.Claims {
		b, err := ClaimReview(s, d, c, "")
		if err != nil {
			t.Fatalf("ClaimReview(%s): %v", c.ID, err)
		}
		if b != nil {
			out["claimreview/"+c.ID+".json"] = b
		}
		// The compact form, which claim pages carry, is the same JSON.
		compact, err := ClaimReviewCompact(s, d, c, "")
		if err != nil {
			t.Fatalf("ClaimReviewCompact(%s): %v", c.ID, err)
		}
		var want bytes.Buffer
		if b != nil {
			if err := json.Compact(&want, b); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(compact, want.Bytes()) {
			t.Errorf("ClaimReviewCompact(%s) = %s, want %s", c.ID, compact, want.Bytes())
		}
	}
	return out
}

// TestGolden compares every file written for the test dossier with the
// archive's want/ sections.
func TestGolden(t *testing.T) {
	fsys, ar := load(t)
	d := build(t, fsys)
	got := outputs(t, d, siteOf(d))
	if *update {
		var files []txtar.File
		for _, f := range ar.Files {
			if !strings.HasPrefix(f.Name, "want/") {
				files = append(files, f)
			}
		}
		var names []string
		for name := range got {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			files = append(files, txtar.File{Name: "want/" + name, Data: got[name]})
		}
		ar.Files = files
		if err := os.WriteFile(archive, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := map[string][]byte{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
			want[name] = f.Data
		}
	}
	for name, b := range got {
		if w, ok := want[name]; !ok {
			t.Errorf("%s: written but not in %s (run with -update)", name, archive)
		} else if !bytes.Equal(b, w) {
			t.Errorf("%s differs from %s (run with -update to accept):\n%s", name, archive, diffLines(string(w), string(b)))
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: in %s but not written", name, archive)
		}
	}
}

// diffLines shows the first line that differs.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant %q\n got %q", i+1, wl, gl)
		}
	}
	return "(same lines)"
}

// TestDeterministic: two calls, and two models of the same content, give
// the same bytes.
func TestDeterministic(t *testing.T) {
	fsys, _ := load(t)
	d1, d2 := build(t, fsys), build(t, fsys)
	for _, b := range []string{testBase, ""} {
		s := withBase(siteOf(d1), b)
		first, second, other := outputs0(t, d1, s), outputs0(t, d1, s), outputs0(t, d2, s)
		for name, x := range first {
			if !bytes.Equal(x, second[name]) {
				t.Errorf("base %q: %s differs between two calls", b, name)
			}
			if !bytes.Equal(x, other[name]) {
				t.Errorf("base %q: %s differs between two models of the same content", b, name)
			}
		}
	}
}

// outputs0 is outputs that also works without a base URL, leaving out the
// files that need one.
func outputs0(t *testing.T, d *model.Dossier, s Site) map[string][]byte {
	if s.BaseURL != "" {
		return outputs(t, d, s)
	}
	out := map[string][]byte{"robots.txt": Robots(s)}
	out["annotations.jsonld"], _ = Annotations(s, d)
	for _, c := range d.Claims {
		out["claimreview/"+c.ID], _ = ClaimReview(s, d, c, "claims/"+c.ID+"/")
	}
	return out
}

// wellFormed reads an XML document to its end with a strict decoder.
func wellFormed(t *testing.T, name string, b []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v\n%s", name, err, b)
		}
	}
}

// absUnder checks that u is an absolute http(s) URL under base.
func absUnder(t *testing.T, what, u, base string) {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil || !p.IsAbs() || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		t.Errorf("%s %q is not an absolute URL", what, u)
	}
	if !strings.HasPrefix(u, base) {
		t.Errorf("%s %q is not under the base URL %q", what, u, base)
	}
}

var bases = []string{testBase, "https://example.org/", "http://127.0.0.1:8080/a/b"}

// baseOf is the base URL as publish completes it.
func baseOf(b string) string {
	if !strings.HasSuffix(b, "/") {
		return b + "/"
	}
	return b
}

func TestSitemap(t *testing.T) {
	d := testDossier(t)
	for _, b := range bases {
		t.Run(b, func(t *testing.T) {
			out, err := Sitemap(withBase(siteOf(d), b), pagesOf(d))
			if err != nil {
				t.Fatal(err)
			}
			wellFormed(t, "sitemap.xml", out)
			var set struct {
				XMLName xml.Name
				URLs    []struct {
					Loc     string `xml:"loc"`
					LastMod string `xml:"lastmod"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal(out, &set); err != nil {
				t.Fatal(err)
			}
			if set.XMLName != (xml.Name{Space: "http://www.sitemaps.org/schemas/sitemap/0.9", Local: "urlset"}) {
				t.Errorf("root element %v, want urlset in the sitemaps.org namespace", set.XMLName)
			}
			if want := len(pagesOf(d)); len(set.URLs) != want {
				t.Errorf("%d URLs, want %d", len(set.URLs), want)
			}
			var locs []string
			for _, u := range set.URLs {
				absUnder(t, "loc", u.Loc, baseOf(b))
				locs = append(locs, u.Loc)
				switch {
				case strings.HasPrefix(u.Loc, baseOf(b)+"claims/") && u.Loc != baseOf(b)+"claims/":
					if u.LastMod != "2025-08-21" {
						t.Errorf("%s: lastmod %q, want 2025-08-21 (the date in UTC)", u.Loc, u.LastMod)
					}
				case u.Loc == baseOf(b):
					if u.LastMod != "" {
						t.Errorf("home: lastmod %q without a date", u.LastMod)
					}
				}
			}
			if !sort.StringsAreSorted(locs) {
				t.Errorf("URLs not sorted: %q", locs)
			}
			if locs[0] != baseOf(b) {
				t.Errorf("first URL %q, want the home page %q", locs[0], baseOf(b))
			}
		})
	}
}

func TestSitemapPaths(t *testing.T) {
	s := Site{BaseURL: "https://example.org/sub/"}
	out, err := Sitemap(s, []Page{
		{Path: "b/"},
		{Path: "/a/"}, // a leading slash is relative to the base all the same
		{Path: "b/", LastMod: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}, // twice: the later date
		{Path: "x y/&</"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url>
    <loc>https://example.org/sub/a/</loc>
  </url>
  <url>
    <loc>https://example.org/sub/b/</loc>
    <lastmod>2024-01-02</lastmod>
  </url>
  <url>
    <loc>https://example.org/sub/x%20y/&amp;%3C/</loc>
  </url>
</urlset>
`
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	for _, tc := range []struct {
		base, path string
	}{
		{"", "a/"},
		{"example.org/", "a/"},
		{"ftp://example.org/", "a/"},
		{"https://example.org/?q=1", "a/"},
		{"https://example.org/", "../a/"},
		{"https://example.org/", "a/./b/"},
	} {
		if _, err := Sitemap(Site{BaseURL: tc.base}, []Page{{Path: tc.path}}); err == nil {
			t.Errorf("Sitemap with base %q and path %q: no error", tc.base, tc.path)
		}
	}
}

func TestRobots(t *testing.T) {
	for _, tc := range []struct{ base, want string }{
		{"", "User-agent: *\nAllow: /\n"},
		{"https://example.org/", "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"},
		{"https://example.org/dossiers/mexico/", "User-agent: *\nAllow: /\nSitemap: https://example.org/dossiers/mexico/sitemap.xml\n"},
		{"https://example.org/dossiers/mexico", "User-agent: *\nAllow: /\nSitemap: https://example.org/dossiers/mexico/sitemap.xml\n"},
		{"not a url", "User-agent: *\nAllow: /\n"},
	} {
		if got := string(Robots(Site{BaseURL: tc.base})); got != tc.want {
			t.Errorf("Robots(%q) = %q, want %q", tc.base, got, tc.want)
		}
	}
}

// atom is what a feed reader needs of a feed.
type atom struct {
	XMLName xml.Name
	Lang    string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Author  *struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID      string     `xml:"id"`
		Title   string     `xml:"title"`
		Updated string     `xml:"updated"`
		Links   []atomLink `xml:"link"`
		Summary *atomText  `xml:"summary"`
	} `xml:"entry"`
}

func parseFeed(t *testing.T, out []byte) atom {
	t.Helper()
	wellFormed(t, "feed.xml", out)
	var f atom
	if err := xml.Unmarshal(out, &f); err != nil {
		t.Fatal(err)
	}
	if f.XMLName != (xml.Name{Space: "http://www.w3.org/2005/Atom", Local: "feed"}) {
		t.Fatalf("root element %v, want feed in the Atom namespace", f.XMLName)
	}
	return f
}

func TestFeed(t *testing.T) {
	d := testDossier(t)
	for _, b := range bases {
		t.Run(b, func(t *testing.T) {
			out, err := Feed(withBase(siteOf(d), b), d, updated)
			if err != nil {
				t.Fatal(err)
			}
			f := parseFeed(t, out)
			base := baseOf(b)
			if f.ID == "" || f.Title == "" || f.Author == nil || f.Author.Name == "" || f.Lang != "en" {
				t.Errorf("feed lacks id, title, author or xml:lang: %+v", f)
			}
			absUnder(t, "feed id", f.ID, base)
			var self bool
			for _, l := range f.Links {
				absUnder(t, "feed link", l.Href, base)
				self = self || (l.Rel == "self" && l.Href == base+"feed.xml")
			}
			if !self {
				t.Errorf("no link rel=self to %sfeed.xml: %+v", base, f.Links)
			}
			if len(f.Entries) != len(d.Claims) {
				t.Fatalf("%d entries, want one per claim (%d)", len(f.Entries), len(d.Claims))
			}
			if f.Updated != f.Entries[0].Updated {
				t.Errorf("feed updated %s, want the newest entry's %s", f.Updated, f.Entries[0].Updated)
			}
			var ids []string
			for i, e := range f.Entries {
				if e.ID == "" || e.Title == "" || e.Updated == "" || e.Summary == nil || e.Summary.Text == "" || len(e.Links) == 0 {
					t.Errorf("entry %d lacks a required element: %+v", i, e)
					continue
				}
				absUnder(t, "entry id", e.ID, base)
				for _, l := range e.Links {
					absUnder(t, "entry link", l.Href, base)
				}
				ts, err := time.Parse(time.RFC3339, e.Updated)
				if err != nil {
					t.Errorf("entry %s: updated %q is not RFC 3339", e.ID, e.Updated)
				}
				if i > 0 {
					prev, _ := time.Parse(time.RFC3339, f.Entries[i-1].Updated)
					if ts.After(prev) || (ts.Equal(prev) && e.ID < f.Entries[i-1].ID) {
						t.Errorf("entry %s is out of order (newest first, then by id)", e.ID)
					}
				}
				ids = append(ids, strings.TrimPrefix(e.ID, base+"claims/"))
			}
			// The order the dates give: dates first, then file times.
			want := []string{
				"cafe-owners/",     // no date: its file, 2025-09-01 12:00
				"blog-says/",       // no date: its file, 2025-08-10 06:00 UTC
				"cdc-100000/",      // 2025-08-10 (00:00), before mexico-rejects by id
				"mexico-rejects/",  // 2025-08-10
				"trump-300000/",    // 2025-03 → 2025-03-01
				"experts-dispute/", // 2025 → 2025-01-01
			}
			if strings.Join(ids, " ") != strings.Join(want, " ") {
				t.Errorf("entries\n%q, want\n%q", ids, want)
			}
		})
	}
	if _, err := Feed(withBase(siteOf(d), ""), d, updated); err == nil {
		t.Error("Feed without a base URL: no error")
	}
}

func TestFeedDates(t *testing.T) {
	file := time.Date(2020, 5, 6, 7, 8, 9, 0, time.UTC)
	for _, tc := range []struct {
		date string
		file time.Time
		want string
	}{
		{"2025-03-04", file, "2025-03-04T00:00:00Z"},
		{"2025-03", file, "2025-03-01T00:00:00Z"},
		{"2025", file, "2025-01-01T00:00:00Z"},
		{"", file, "2020-05-06T07:08:09Z"},
		{"", file.In(time.FixedZone("X", -5*3600)), "2020-05-06T07:08:09Z"},
		{"", time.Time{}, "1970-01-01T00:00:00Z"}, // never the time of the build
	} {
		d := &model.Dossier{Claims: []*model.Claim{{ID: "c", Title: "T", Date: tc.date}}}
		out, err := Feed(Site{BaseURL: "https://example.org/"}, d, func(*model.Claim) time.Time { return tc.file })
		if err != nil {
			t.Fatal(err)
		}
		f := parseFeed(t, out)
		if got := f.Entries[0].Updated; got != tc.want {
			t.Errorf("date %q, file %v: updated %s, want %s", tc.date, tc.file, got, tc.want)
		}
	}
	// No claims: a valid feed all the same.
	out, err := Feed(Site{BaseURL: "https://example.org/"}, &model.Dossier{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f := parseFeed(t, out); f.Updated != "1970-01-01T00:00:00Z" || f.Title != "Dossier" {
		t.Errorf("empty feed: updated %q, title %q", f.Updated, f.Title)
	}
}

func TestDateSpan(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		in         string
		start, end time.Time
		ok         bool
	}{
		{"2025-03-04", day(2025, 3, 4), day(2025, 3, 5), true},
		{"2025-12", day(2025, 12, 1), day(2026, 1, 1), true},
		{"2024", day(2024, 1, 1), day(2025, 1, 1), true},
		{"", time.Time{}, time.Time{}, false},
		{"2025-13", time.Time{}, time.Time{}, false},
		{"March 2025", time.Time{}, time.Time{}, false},
	} {
		start, end, ok := dateSpan(tc.in)
		if ok != tc.ok || !start.Equal(tc.start) || !end.Equal(tc.end) {
			t.Errorf("dateSpan(%q) = %v, %v, %v; want %v, %v, %v", tc.in, start, end, ok, tc.start, tc.end, tc.ok)
		}
	}
}

// jsonOf parses JSON into generic values.
func jsonOf(t *testing.T, what string, b []byte) map[string]any {
	t.Helper()
	var v map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s is not JSON: %v\n%s", what, err, b)
	}
	if dec.More() {
		t.Fatalf("%s holds more than one JSON value", what)
	}
	return v
}

// get walks a path of keys and indexes through parsed JSON.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func TestClaimReview(t *testing.T) {
	d := testDossier(t)
	s := siteOf(d)
	for _, tc := range []struct {
		claim       string
		rating      any // float64, or nil when there is no number
		name        string
		speaker     any // the speaker's @type
		appearances int
		first       any // the first appearance's headline
	}{
		{"trump-300000", 1.0, "False", "Person", 2, nil}, // the blog has no date
		{"blog-says", 2.0, "Misleading", nil, 1, "A blog post"},
		{"mexico-rejects", 3.0, "Disputed", nil, 1, "Trump Weighs Military Strikes Against Mexican Cartels"},
		{"cdc-100000", 5.0, "Supported", "Organization", 2, "Overdose deaths fall"}, // 2025-07 before 2025-08-10
		{"experts-dispute", nil, "Unverified", nil, 1, "Trump Weighs Military Strikes Against Mexican Cartels"},
	} {
		t.Run(tc.claim, func(t *testing.T) {
			c := d.Claim(tc.claim)
			u := "https://example.org/dossiers/mexico/claims/" + c.ID + "/"
			out, err := ClaimReview(s, d, c, u)
			if err != nil {
				t.Fatal(err)
			}
			r := jsonOf(t, "ClaimReview", out)
			for _, f := range []struct {
				path []any
				want any
			}{
				{[]any{"@context"}, "https://schema.org"},
				{[]any{"@type"}, "ClaimReview"},
				{[]any{"url"}, u},
				{[]any{"claimReviewed"}, c.Title},
				{[]any{"author", "@type"}, "Organization"},
				{[]any{"author", "name"}, "The research desk"},
				{[]any{"reviewRating", "@type"}, "Rating"},
				{[]any{"reviewRating", "alternateName"}, tc.name},
				{[]any{"reviewRating", "ratingValue"}, tc.rating},
				{[]any{"itemReviewed", "@type"}, "Claim"},
				{[]any{"itemReviewed", "author", "@type"}, tc.speaker},
				{[]any{"itemReviewed", "firstAppearance", "headline"}, tc.first},
			} {
				if got := get(r, f.path...); got != f.want {
					t.Errorf("%v = %#v, want %#v", f.path, got, f.want)
				}
			}
			for _, path := range [][]any{{"url"}, {"author", "url"}, {"itemReviewed", "author", "url"}} {
				if u, ok := get(r, path...).(string); ok {
					absUnder(t, fmt.Sprint(path), u, testBase)
				}
			}
			if tc.rating != nil && (get(r, "reviewRating", "bestRating") != 5.0 || get(r, "reviewRating", "worstRating") != 1.0) {
				t.Errorf("reviewRating: want bestRating 5 and worstRating 1: %v", get(r, "reviewRating"))
			}
			// The review is dated by "reviewed", else the dossier's
			// "published"; the claim's date dates the claim only.
			wantReview := c.Reviewed
			if wantReview == "" {
				wantReview = "2025-09-01"
			}
			if get(r, "datePublished") != wantReview {
				t.Errorf("datePublished = %v, want %q: %s", get(r, "datePublished"), wantReview, out)
			}
			if c.Date != "" && get(r, "itemReviewed", "datePublished") != c.Date {
				t.Errorf("itemReviewed.datePublished: want the claim's date %q: %s", c.Date, out)
			}
			if c.Date == "" && get(r, "itemReviewed", "datePublished") != nil {
				t.Errorf("itemReviewed.datePublished without a claim date: %s", out)
			}
			if get(r, "reviewBody") != c.Rationale || c.Rationale == "" {
				t.Errorf("reviewBody = %v, want the rationale %q", get(r, "reviewBody"), c.Rationale)
			}
			apps, _ := get(r, "itemReviewed", "appearance").([]any)
			if len(apps) != tc.appearances {
				t.Errorf("%d appearances, want %d", len(apps), tc.appearances)
			}
			for i, q := range c.Quotes {
				if i < len(apps) && (get(apps[i], "headline") != q.Source.Title || get(apps[i], "@type") != "CreativeWork") {
					t.Errorf("appearance %d = %v, want source %s", i, apps[i], q.Source.Slug)
				}
			}
		})
	}
	if out, err := ClaimReview(s, d, d.Claim("cafe-owners"), ""); out != nil || err != nil {
		t.Errorf("a claim without a verdict: %s, %v; want nothing", out, err)
	}
}

func TestFirstPublished(t *testing.T) {
	src := func(slug, published string) *model.Source { return &model.Source{Slug: slug, Published: published} }
	for _, tc := range []struct {
		published []string
		want      string // slug, or "" for none
	}{
		{[]string{""}, "a"}, // alone, it is the first known
		{[]string{"2025-08-10", "2025-08-09"}, "b"},
		{[]string{"2025-07", "2025-08-01"}, "a"},
		{[]string{"2025-08", "2025-08-10"}, ""}, // August may be later than the 10th
		{[]string{"2025-08-10", "2025-08-10"}, ""},
		{[]string{"2024", "2025-01-01", "2025-06"}, "a"},
		{[]string{"2024", ""}, ""},
	} {
		var sources []*model.Source
		for i, p := range tc.published {
			sources = append(sources, src(string(rune('a'+i)), p))
		}
		got := ""
		if f := firstPublished(sources); f != nil {
			got = f.Slug
		}
		if got != tc.want {
			t.Errorf("firstPublished(%q) = %q, want %q", tc.published, got, tc.want)
		}
	}
}

type annotationsDoc struct {
	Context string `json:"@context"`
	ID      string `json:"id"`
	Type    string `json:"type"`
	Total   int    `json:"total"`
	First   *struct {
		Type  string `json:"type"`
		Items []struct {
			ID         string `json:"id"`
			Type       string `json:"type"`
			Motivation string `json:"motivation"`
			Body       []struct {
				ID, Type, Value, Purpose, Source string
			} `json:"body"`
			Target struct {
				Source   string `json:"source"`
				Selector []struct {
					Type, Exact, Prefix, Suffix string
					Start, End                  *int
				} `json:"selector"`
			} `json:"target"`
		} `json:"items"`
	} `json:"first"`
}

func TestAnnotations(t *testing.T) {
	d := testDossier(t)
	var quotes []*model.Quote
	for _, c := range d.Claims {
		quotes = append(quotes, c.Quotes...)
	}
	for _, b := range append(bases, "") {
		t.Run(b, func(t *testing.T) {
			out, err := Annotations(withBase(siteOf(d), b), d)
			if err != nil {
				t.Fatal(err)
			}
			jsonOf(t, "annotations", out)
			var doc annotationsDoc
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Context != "http://www.w3.org/ns/anno.jsonld" || doc.Type != "AnnotationCollection" || doc.ID == "" || doc.First == nil || doc.First.Type != "AnnotationPage" {
				t.Fatalf("not an AnnotationCollection with a first AnnotationPage: %.300s", out)
			}
			items := doc.First.Items
			if doc.Total != len(quotes) || len(items) != len(quotes) {
				t.Fatalf("total %d, %d items; want one per quote (%d)", doc.Total, len(items), len(quotes))
			}
			for i, a := range items {
				q := quotes[i]
				c, src := q.Claim, q.Source
				wantID := "urn:dossier:q-" + c.ID + "-" + fmt.Sprint(q.N)
				if b != "" {
					wantID = baseOf(b) + "claims/" + c.ID + "/#q-" + c.ID + "-" + fmt.Sprint(q.N)
				}
				if a.ID != wantID || a.Type != "Annotation" {
					t.Errorf("annotation %d: id %q type %q, want %q Annotation", i, a.ID, a.Type, wantID)
				}
				wantMotivation, wantBodies := "commenting", 1
				if c.Verdict != nil {
					wantMotivation, wantBodies = "assessing", 2
				}
				if b != "" {
					wantBodies++ // the link to the claim page
				}
				if a.Motivation != wantMotivation {
					t.Errorf("%s: motivation %q, want %q", a.ID, a.Motivation, wantMotivation)
				}
				if len(a.Body) != wantBodies || a.Body[0].Type != "TextualBody" || a.Body[0].Value != c.Title {
					t.Errorf("%s: bodies %+v, want %d beginning with the claim's title", a.ID, a.Body, wantBodies)
				} else if c.Verdict != nil && (a.Body[1].Value != c.Verdict.Label || a.Body[1].Purpose != "assessing") {
					t.Errorf("%s: second body %+v, want the verdict's label %q, purpose assessing", a.ID, a.Body[1], c.Verdict.Label)
				}
				if b != "" {
					link := a.Body[len(a.Body)-1]
					if link.Type != "SpecificResource" || link.Source != baseOf(b)+"claims/"+c.ID+"/" || link.Purpose != "linking" || link.ID != "" {
						t.Errorf("%s: link body %+v, want a SpecificResource whose source is the claim's page, purpose linking", a.ID, link)
					}
				}
				switch {
				case src.URL != "":
					if a.Target.Source != src.URL {
						t.Errorf("%s: target %q, want the source's url %q", a.ID, a.Target.Source, src.URL)
					}
				case b != "":
					if a.Target.Source != baseOf(b)+"sources/"+src.Slug+"/" {
						t.Errorf("%s: target %q, want the source's page", a.ID, a.Target.Source)
					}
				default:
					if a.Target.Source != "urn:dossier:source:"+src.Slug {
						t.Errorf("%s: target %q, want urn:dossier:source:%s", a.ID, a.Target.Source, src.Slug)
					}
				}
				if b != "" && strings.HasPrefix(a.Target.Source, "urn:") || b == "" && strings.HasPrefix(a.Target.Source, "https://example.org") {
					t.Errorf("%s: target %q", a.ID, a.Target.Source)
				}
				// The round trip: the selectors find the passage in the source's plain text.
				sel := a.Target.Selector
				if len(sel) != 2 || sel[0].Type != "TextQuoteSelector" || sel[1].Type != "TextPositionSelector" || sel[1].Start == nil || sel[1].End == nil {
					t.Errorf("%s: selectors %+v, want a TextQuoteSelector and a TextPositionSelector", a.ID, sel)
					continue
				}
				text := []rune(d.Source(src.Slug).Plain)
				start, end := *sel[1].Start, *sel[1].End
				if start < 0 || start >= end || end > len(text) {
					t.Errorf("%s: positions %d-%d outside the source's %d code points", a.ID, start, end, len(text))
					continue
				}
				if got := string(text[start:end]); sel[0].Exact != got || got == "" {
					t.Errorf("%s: exact %q, but the text at %d-%d is %q", a.ID, sel[0].Exact, start, end, got)
				}
				if want := string(text[max(0, start-32):start]); sel[0].Prefix != want {
					t.Errorf("%s: prefix %q, want %q", a.ID, sel[0].Prefix, want)
				}
				if want := string(text[end:min(len(text), end+32)]); sel[0].Suffix != want {
					t.Errorf("%s: suffix %q, want %q", a.ID, sel[0].Suffix, want)
				}
				if n := utf8.RuneCountInString(sel[0].Prefix); n > 32 || (n < 32 && n != start) {
					t.Errorf("%s: prefix of %d code points at %d", a.ID, n, start)
				}
			}
		})
	}
	if _, err := Annotations(Site{BaseURL: "no-scheme/"}, d); err == nil {
		t.Error("a base URL that is not absolute: no error")
	}
}

// TestAnnotationsEdges checks the context of passages at a source's very
// beginning and end, and code points beyond the BMP.
func TestAnnotationsEdges(t *testing.T) {
	d := testDossier(t)
	out, err := Annotations(siteOf(d), d)
	if err != nil {
		t.Fatal(err)
	}
	var doc annotationsDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	byID := map[string]int{}
	for i, a := range doc.First.Items {
		byID[a.ID[strings.LastIndex(a.ID, "#")+1:]] = i
	}
	for _, tc := range []struct{ anchor, prefix, suffix string }{
		{"q-cafe-owners-2", "", " drugs cause roughly 300,000 U.S"}, // the source's first words
		{"q-cafe-owners-1", "t 100,000 deaths in the year. 😀 ", ""}, // its last, after an emoji: 32 code points, not bytes
	} {
		sel := doc.First.Items[byID[tc.anchor]].Target.Selector[0]
		if sel.Prefix != tc.prefix || sel.Suffix != tc.suffix {
			t.Errorf("%s: prefix %q suffix %q, want %q %q", tc.anchor, sel.Prefix, sel.Suffix, tc.prefix, tc.suffix)
		}
	}
}

// hostile is a dossier whose every string tries to break out of the file
// it ends up in.
const hostile = "</script><script>alert(1)</script> ]]> & <!-- \"'"

func hostileDossier(t *testing.T) *model.Dossier {
	t.Helper()
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // a YAML double-quoted string
	fsys := fstest.MapFS{
		"dossier.yaml": {Data: []byte("title: " + q(hostile+"\x01\u2028") + "\ndescription: " + q(hostile) +
			"\nauthor: " + q(hostile+"\x1b") + "\nlanguage: en\nbaseURL: https://example.org/a&b/\n")},
		"sources/evil.md": {Data: []byte("---\ntitle: " + q(hostile) + "\noutlet: " + q(hostile) +
			"\npublished: 2025-01-02\nurl: https://evil.example/x?a=1&b=]]\n---\nBefore. Text with \\]]> and & and \\<b> and a bell \x07 here. After.\n")},
		"entities/att.md": {Data: []byte("---\nname: " + q("AT&T </script>") + "\nkind: organization\n---\n")},
		"claims/evil.md": {Data: []byte("---\ntitle: " + q(hostile+"\x00") + "\nverdict: false\nrationale: " + q(hostile) + "\nspeaker: att\ndate: 2025-01\ntags: [" + q(hostile) + "]\nquotes:\n  - source: evil\n    text: " +
			q("Text with ]]> and & and <b> and a bell \x07 here.") + "\n---\n")},
	}
	return build(t, fsys)
}

func TestHostileStrings(t *testing.T) {
	d := hostileDossier(t)
	s := siteOf(d)
	c := d.Claim("evil")
	if !strings.Contains(c.Title, "</script>") || !strings.Contains(c.Quotes[0].Exact, "]]>") || !strings.Contains(c.Quotes[0].Exact, "\x07") {
		t.Fatalf("the hostile strings did not reach the model: %q, %q", c.Title, c.Quotes[0].Exact)
	}

	// XML: well-formed, and the strings come back as they were, but for
	// the characters XML cannot hold.
	xmlSafe := strings.NewReplacer("\x00", "\uFFFD", "\x01", "\uFFFD", "\x07", "\uFFFD", "\x1b", "\uFFFD")
	feed, err := Feed(s, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := parseFeed(t, feed)
	if f.Entries[0].Title != xmlSafe.Replace(c.Title) || f.Title != xmlSafe.Replace(s.Title) {
		t.Errorf("titles did not survive: %q, %q", f.Entries[0].Title, f.Title)
	}
	if !strings.Contains(f.Entries[0].Summary.Text, xmlSafe.Replace(c.Quotes[0].Exact)) {
		t.Errorf("summary %q lacks the passage %q", f.Entries[0].Summary.Text, c.Quotes[0].Exact)
	}
	sitemap, err := Sitemap(s, []Page{{Path: "claims/" + c.ID + "/"}, {Path: hostile}})
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, "sitemap.xml", sitemap)
	for name, b := range map[string][]byte{"feed.xml": feed, "sitemap.xml": sitemap} {
		if bytes.Contains(b, []byte("<script")) || bytes.Contains(b, []byte("]]>")) || bytes.ContainsAny(b, "\x00\x01\x07\x1b") {
			t.Errorf("%s holds raw hostile text:\n%s", name, b)
		}
	}

	// JSON: valid, with nothing that could end a <script> element or a line of JavaScript.
	review, err := ClaimReview(s, d, c, "https://example.org/a&b/claims/evil/")
	if err != nil {
		t.Fatal(err)
	}
	annotations, err := Annotations(s, d)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"ClaimReview": review, "annotations": annotations} {
		v := jsonOf(t, name, b)
		if bytes.ContainsAny(b, "<>&\u2028\u2029\x00\x01\x07\x1b") {
			t.Errorf("%s holds a raw <, >, &, line separator or control character:\n%s", name, b)
		}
		if name == "ClaimReview" && (get(v, "claimReviewed") != c.Title || get(v, "author", "name") != s.Author) {
			t.Errorf("%s: strings did not survive: %q", name, get(v, "claimReviewed"))
		}
		if name == "annotations" && get(v, "first", "items", 0, "target", "selector", 0, "exact") != c.Quotes[0].Exact {
			t.Errorf("%s: exact did not survive", name)
		}
	}

	// Embedded as the lead will, the ClaimReview is the script's whole text.
	page := `<!DOCTYPE html><html><head><script type="application/ld+json">` + string(review) + `</script></head><body><p>after</p></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			text := ""
			if n.FirstChild != nil {
				text = n.FirstChild.Data
			}
			scripts = append(scripts, text)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(doc)
	if len(scripts) != 1 || scripts[0] != string(review) {
		t.Errorf("embedded in a page, the ClaimReview gives %d scripts: %q", len(scripts), scripts)
	}
}

// small builds a dossier of one source and the claims given (file name →
// front matter lines), with dossier.yaml's lines.
func small(t *testing.T, settings string, claims map[string]string) *model.Dossier {
	t.Helper()
	fsys := fstest.MapFS{
		"dossier.yaml":       {Data: []byte("title: Small\nbaseURL: https://example.org/\n" + settings)},
		"sources/article.md": {Data: []byte("---\ntitle: The article\npublished: 2025-08-10\n---\nTrump said drugs kill 300,000 a year. The CDC says 100,000. Nobody knows.\n")},
	}
	for id, fm := range claims {
		fsys["claims/"+id+".md"] = &fstest.MapFile{Data: []byte("---\n" + fm + "quotes:\n  - source: article\n    text: Nobody knows.\n---\n")}
	}
	return build(t, fsys)
}

// TestClaimReviewDates checks what dates a ClaimReview: the review's
// datePublished is the claim's "reviewed", else dossier.yaml's
// "published", else absent, and never the claim's own date, which dates
// the claim (itemReviewed) only.
func TestClaimReviewDates(t *testing.T) {
	claims := map[string]string{
		"reviewed":    "title: Reviewed.\nverdict: false\nrationale: Why.\nreviewed: 2025-08-12\ndate: 2025-03\n",
		"not-yet":     "title: Not reviewed.\nverdict: false\nrationale: Why.\ndate: 2025-03-04\n",
		"no-date":     "title: No date at all.\nverdict: supported\nrationale: Why.\n",
		"only-review": "title: Reviewed, never dated.\nverdict: supported\nrationale: Why.\nreviewed: 2025-07-01\n",
	}
	for _, tc := range []struct {
		published string // dossier.yaml's, or ""
		want      map[string]any
	}{
		{"2025-09-01", map[string]any{"reviewed": "2025-08-12", "not-yet": "2025-09-01", "no-date": "2025-09-01", "only-review": "2025-07-01"}},
		{"", map[string]any{"reviewed": "2025-08-12", "not-yet": nil, "no-date": nil, "only-review": "2025-07-01"}},
	} {
		settings := ""
		if tc.published != "" {
			settings = "published: " + tc.published + "\n"
		}
		d := small(t, settings, claims)
		for id, want := range tc.want {
			c := d.Claim(id)
			out, err := ClaimReview(siteOf(d), d, c, "")
			if err != nil {
				t.Fatal(err)
			}
			r := jsonOf(t, id, out)
			if got := get(r, "datePublished"); got != want {
				t.Errorf("published %q, claim %s: datePublished = %#v, want %#v", tc.published, id, got, want)
			}
			if c.Date != "" && get(r, "datePublished") == c.Date {
				t.Errorf("claim %s: the review is dated by the claim's date %q", id, c.Date)
			}
			var wantClaim any
			if c.Date != "" {
				wantClaim = c.Date
			}
			if got := get(r, "itemReviewed", "datePublished"); got != wantClaim {
				t.Errorf("claim %s: itemReviewed.datePublished = %#v, want the claim's date %#v", id, got, wantClaim)
			}
		}
	}
}

// TestClaimReviewScale checks the ratings of a custom scale: the value is
// the verdict's rating, the worst and best are the scale's, the label is
// alternateName; a neutral verdict, and every verdict of a scale that is
// no scale from worst ≥ 1 to a better best, has its label alone.
func TestClaimReviewScale(t *testing.T) {
	verdict := func(name, label, rating string) string {
		s := "  - name: " + name + "\n    label: " + label + "\n"
		if rating != "" {
			s += "    rating: " + rating + "\n"
		}
		return s + "    means: It means " + name + ".\n"
	}
	claim := func(v string) string { return "title: A claim.\nverdict: " + v + "\nrationale: Because.\n" }
	for _, tc := range []struct {
		name   string
		scale  string
		claims map[string]string // id → verdict
		want   map[string][]any  // id → ratingValue, worstRating, bestRating, alternateName
	}{
		{"seven-point", "verdicts:\n" + verdict("pants-on-fire", "Pants on fire", "1") + verdict("wrong", "Wrong", "2") +
			verdict("half-true", "Half true", "4") + verdict("right", "Right", "7") + verdict("open", "Open question", ""),
			map[string]string{"a": "pants-on-fire", "b": "half-true", "c": "right", "d": "open"},
			map[string][]any{
				"a": {1.0, 1.0, 7.0, "Pants on fire"},
				"b": {4.0, 1.0, 7.0, "Half true"},
				"c": {7.0, 1.0, 7.0, "Right"},
				"d": {nil, nil, nil, "Open question"},
			}},
		{"starts-at-zero", "verdicts:\n" + verdict("no", "No", "0") + verdict("yes", "Yes", "1"),
			map[string]string{"a": "no", "b": "yes"},
			map[string][]any{"a": {nil, nil, nil, "No"}, "b": {nil, nil, nil, "Yes"}}},
		{"one-rating", "verdicts:\n" + verdict("ok", "OK", "3") + verdict("unsure", "Unsure", ""),
			map[string]string{"a": "ok", "b": "unsure"},
			map[string][]any{"a": {nil, nil, nil, "OK"}, "b": {nil, nil, nil, "Unsure"}}},
		{"default", "",
			map[string]string{"a": "misleading", "b": "unverified"},
			map[string][]any{"a": {2.0, 1.0, 5.0, "Misleading"}, "b": {nil, nil, nil, "Unverified"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for id, v := range tc.claims {
				files[id] = claim(v)
			}
			d := small(t, tc.scale, files)
			for id, want := range tc.want {
				out, err := ClaimReview(siteOf(d), d, d.Claim(id), "")
				if err != nil {
					t.Fatal(err)
				}
				r := jsonOf(t, id, out)
				for i, key := range []string{"ratingValue", "worstRating", "bestRating", "alternateName"} {
					if got := get(r, "reviewRating", key); got != want[i] {
						t.Errorf("claim %s: reviewRating.%s = %#v, want %#v", id, key, got, want[i])
					}
				}
			}
		})
	}
}

// TestFeedVerdict checks that each entry with a verdict shows the
// verdict's label, as readers see it, and the rationale.
func TestFeedVerdict(t *testing.T) {
	d := small(t, "verdicts:\n  - name: wrong\n    label: Not so\n    rating: 1\n    means: It is not so.\n  - name: right\n    label: Right\n    rating: 2\n    means: It is so.\n",
		map[string]string{
			"a": "title: A claim.\nverdict: wrong\nrationale: The CDC counts a third of it.\n",
			"b": "title: No verdict.\n",
		})
	out, err := Feed(siteOf(d), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := parseFeed(t, out)
	summaries := map[string]string{}
	for _, e := range f.Entries {
		summaries[strings.TrimSuffix(strings.TrimPrefix(e.ID, "https://example.org/claims/"), "/")] = e.Summary.Text
	}
	if got, want := summaries["a"], "Verdict: Not so. The CDC counts a third of it.\n“Nobody knows.” (The article)"; got != want {
		t.Errorf("summary of a claim with a verdict:\n%q, want\n%q", got, want)
	}
	if got := summaries["b"]; strings.Contains(got, "Verdict") {
		t.Errorf("summary of a claim without a verdict: %q", got)
	}
	// In the test dossier, every claim with a verdict.
	d = testDossier(t)
	out, err = Feed(siteOf(d), d, updated)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range parseFeed(t, out).Entries {
		c := d.Claim(strings.TrimSuffix(strings.TrimPrefix(e.ID, testBase+"claims/"), "/"))
		if c.Verdict != nil && !strings.HasPrefix(e.Summary.Text, "Verdict: "+c.Verdict.Label+". "+c.Rationale+"\n") {
			t.Errorf("%s: summary %q lacks the verdict's label %q and the rationale", c.ID, e.Summary.Text, c.Verdict.Label)
		}
	}
}
