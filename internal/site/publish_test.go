package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

func siteFull(t *testing.T) fstest.MapFS {
	t.Helper()
	_, fsys := archive(t, "testdata/site-full.txtar")
	return fsys
}

func filesOf(t *testing.T, opts Options) (map[string][]byte, *Result) {
	t.Helper()
	res, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range res.Files {
		out[f.Path] = f.Data
	}
	return out, res
}

// TestDiscoveryFiles checks sitemap.xml, robots.txt and feed.xml of a site
// with a base URL under a sub-path: they parse, carry their required
// elements, and every URL is absolute and under the base.
func TestDiscoveryFiles(t *testing.T) {
	const base = "https://example.org/dossiers/mexico/"
	files, _ := filesOf(t, Options{Content: siteFull(t), Name: "content", BaseURL: base})

	var sitemap struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &sitemap); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	pages := 0
	for p := range files {
		if strings.HasSuffix(p, "index.html") {
			pages++
		}
	}
	if len(sitemap.URLs) != pages {
		t.Errorf("sitemap lists %d URLs for %d pages", len(sitemap.URLs), pages)
	}
	for _, u := range sitemap.URLs {
		if !strings.HasPrefix(u.Loc, base) {
			t.Errorf("sitemap URL %q is not under %s", u.Loc, base)
		}
	}
	if !bytes.Contains(files["robots.txt"], []byte("Sitemap: "+base+"sitemap.xml")) {
		t.Errorf("robots.txt does not point at the sitemap:\n%s", files["robots.txt"])
	}

	var feed struct {
		XMLName xml.Name `xml:"feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Links   []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(files["feed.xml"], &feed); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.ID == "" || feed.Title == "" || feed.Updated == "" {
		t.Errorf("feed lacks required elements: %+v", feed)
	}
	if len(feed.Entries) != 4 {
		t.Fatalf("feed has %d entries, want the 4 claims", len(feed.Entries))
	}
	// Newest first: the claims dated 2025-08-10, 2025-03, 2025.
	if !strings.Contains(feed.Entries[0].Link.Href, "claims/no-troops/") {
		t.Errorf("first entry %q, want the newest claim", feed.Entries[0].Link.Href)
	}
	for _, e := range feed.Entries {
		if !strings.HasPrefix(e.Link.Href, base) || e.ID == "" || e.Updated == "" || e.Title == "" {
			t.Errorf("entry %+v", e)
		}
	}
	if home := string(files["index.html"]); !strings.Contains(home, `<link rel="canonical" href="`+base+`">`) ||
		!strings.Contains(home, `type="application/atom+xml"`) {
		t.Error("the home page lacks its canonical URL or the feed link")
	}
}

// TestAnnotationsRoundTrip checks the W3C Web Annotation export against
// the sources: each TextQuoteSelector's exact text stands at its
// TextPositionSelector's offsets in the source's plain text.
func TestAnnotationsRoundTrip(t *testing.T) {
	files, res := filesOf(t, Options{Content: siteFull(t), Name: "content"})
	var coll struct {
		Total int `json:"total"`
		First struct {
			Items []struct {
				ID         string `json:"id"`
				Motivation string `json:"motivation"`
				Target     struct {
					Source   string            `json:"source"`
					Selector []json.RawMessage `json:"selector"`
				} `json:"target"`
			} `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(files["annotations.jsonld"], &coll); err != nil {
		t.Fatalf("annotations.jsonld: %v", err)
	}
	quotes := 0
	for _, c := range res.Dossier.Claims {
		quotes += len(c.Quotes)
	}
	if coll.Total != quotes || len(coll.First.Items) != quotes {
		t.Fatalf("%d annotations (total %d) for %d quotes", len(coll.First.Items), coll.Total, quotes)
	}
	for _, a := range coll.First.Items {
		var exact string
		start, end := -1, -1
		for _, raw := range a.Target.Selector {
			var sel struct {
				Type       string `json:"type"`
				Exact      string `json:"exact"`
				Start, End int
			}
			json.Unmarshal(raw, &sel)
			switch sel.Type {
			case "TextQuoteSelector":
				exact = sel.Exact
			case "TextPositionSelector":
				start, end = sel.Start, sel.End
			}
		}
		slug := a.Target.Source[strings.LastIndex(a.Target.Source, ":")+1:]
		src := res.Dossier.Source(slug)
		if src == nil {
			t.Errorf("%s: target %q names no source", a.ID, a.Target.Source)
			continue
		}
		runes := []rune(src.Plain)
		if start < 0 || end > len(runes) || string(runes[start:end]) != exact || !utf8.ValidString(exact) {
			t.Errorf("%s: exact %q is not at [%d, %d) of %s", a.ID, exact, start, end, slug)
		}
	}
}

// TestFingerprints checks that a stylesheet's published name changes
// exactly when its content does, and that --minify makes smaller pages
// that still carry the same links.
func TestFingerprints(t *testing.T) {
	fsys := siteFull(t)
	names := func(files map[string][]byte) map[string]bool {
		out := map[string]bool{}
		for p := range files {
			if strings.HasSuffix(p, ".css") {
				out[p] = true
			}
		}
		return out
	}
	before, _ := filesOf(t, Options{Content: fsys, Name: "content"})
	fsys["static/style.css"] = &fstest.MapFile{Data: []byte("body { color: teal; }\n")}
	after, _ := filesOf(t, Options{Content: fsys, Name: "content"})
	changed, kept := 0, 0
	for name := range names(before) {
		if names(after)[name] {
			kept++ // chroma.css did not change
		} else {
			changed++
		}
	}
	if changed != 1 || kept != 1 {
		t.Errorf("%d stylesheet names changed and %d kept; want 1 and 1 (%v -> %v)", changed, kept, names(before), names(after))
	}
	for name := range names(after) {
		if !bytes.Contains(after["index.html"], []byte(`href="`+name+`"`)) {
			t.Errorf("the home page does not link to %s", name)
		}
	}

	min, _ := filesOf(t, Options{Content: fsys, Name: "content", Minify: true})
	page := "sources/report/index.html"
	if len(min[page]) >= len(after[page]) {
		t.Errorf("minified %s is %d bytes, not smaller than %d", page, len(min[page]), len(after[page]))
	}
	for _, want := range []string{`id="q-no-troops-1"`, `href="../../claims/no-troops/index.html"`} {
		if !bytes.Contains(min[page], []byte(want)) {
			t.Errorf("minified %s lacks %s", page, want)
		}
	}
}

// TestClaimReviewInPages checks the JSON-LD that claim pages with a
// verdict carry: one script element whose text parses as a ClaimReview
// with the fields fact-check aggregators require.
func TestClaimReviewInPages(t *testing.T) {
	fsys := siteFull(t)
	fsys["claims/eight.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Eight cartels are designated.\nverdict: disputed\nrationale: The sources count differently.\ndate: 2025\n" +
		"quotes:\n  - source: report\n    text: naming eight cartels\n    figure: {key: designated-cartels, value: 8, unit: organizations}\n---\n")}
	files, _ := filesOf(t, Options{Content: fsys, Name: "content", BaseURL: "https://example.org/d/"})
	page := string(files["claims/eight/index.html"])
	const open = `<script type="application/ld+json">`
	i := strings.Index(page, open)
	if i < 0 {
		t.Fatal("no JSON-LD on a claim page with a verdict")
	}
	text := page[i+len(open):]
	text = text[:strings.Index(text, "</script>")]
	var review struct {
		Context       string `json:"@context"`
		Type          string `json:"@type"`
		ClaimReviewed string `json:"claimReviewed"`
		ReviewBody    string `json:"reviewBody"`
		DatePublished string `json:"datePublished"`
		URL           string `json:"url"`
		Author        struct {
			Name string `json:"name"`
		} `json:"author"`
		ReviewRating struct {
			RatingValue   int    `json:"ratingValue"`
			AlternateName string `json:"alternateName"`
		} `json:"reviewRating"`
		ItemReviewed struct {
			Type          string `json:"@type"`
			DatePublished string `json:"datePublished"`
			Appearance    []struct {
				Headline string `json:"headline"`
			} `json:"appearance"`
		} `json:"itemReviewed"`
	}
	if err := json.Unmarshal([]byte(text), &review); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, text)
	}
	if review.Type != "ClaimReview" || review.ClaimReviewed != "Eight cartels are designated." ||
		review.ReviewRating.AlternateName != "Disputed" || review.ReviewRating.RatingValue != 3 ||
		review.ItemReviewed.Type != "Claim" || len(review.ItemReviewed.Appearance) != 1 ||
		review.URL != "https://example.org/d/claims/eight/" || review.Author.Name == "" {
		t.Errorf("ClaimReview = %+v", review)
	}
	// The claim's date dates the claim; the review has no date, since
	// neither the claim's "reviewed" nor dossier.yaml's "published" gives one.
	if review.ReviewBody != "The sources count differently." || review.DatePublished != "" || review.ItemReviewed.DatePublished != "2025" {
		t.Errorf("ClaimReview: reviewBody %q, datePublished %q, itemReviewed.datePublished %q; want the rationale, none, the claim's date",
			review.ReviewBody, review.DatePublished, review.ItemReviewed.DatePublished)
	}
	if strings.Contains(string(files["claims/no-troops/index.html"]), open) {
		t.Error("a claim without a verdict carries a ClaimReview")
	}
}
