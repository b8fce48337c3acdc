package publish

import (
	"encoding/json"

	"dossier/internal/jsonindent"
	"dossier/internal/kind"
	"dossier/internal/model"
)

type claimReview struct {
	Context       string     `json:"@context"`
	Type          string     `json:"@type"`
	URL           string     `json:"url,omitempty"`
	ClaimReviewed string     `json:"claimReviewed"`
	ReviewBody    string     `json:"reviewBody,omitempty"`
	DatePublished string     `json:"datePublished,omitempty"`
	Author        *thing     `json:"author,omitempty"`
	ReviewRating  rating     `json:"reviewRating"`
	ItemReviewed  claimThing `json:"itemReviewed"`
}

type rating struct {
	Type          string `json:"@type"`
	RatingValue   int    `json:"ratingValue,omitempty"`
	BestRating    int    `json:"bestRating,omitempty"`
	WorstRating   int    `json:"worstRating,omitempty"`
	AlternateName string `json:"alternateName"`
}

type claimThing struct {
	Type            string         `json:"@type"`
	Author          *thing         `json:"author,omitempty"`
	DatePublished   string         `json:"datePublished,omitempty"`
	Appearance      []creativeWork `json:"appearance,omitempty"`
	FirstAppearance *creativeWork  `json:"firstAppearance,omitempty"`
}

type thing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type creativeWork struct {
	Type          string `json:"@type"`
	URL           string `json:"url,omitempty"`
	Headline      string `json:"headline"`
	DatePublished string `json:"datePublished,omitempty"`
	Publisher     *thing `json:"publisher,omitempty"`
}

// ClaimReview writes the schema.org ClaimReview of a claim as JSON-LD, the
// content of a <script type="application/ld+json"> element on the claim's
// page at claimURL (when "", the page's URL under the base URL, if any).
// A claim without a verdict has no review: the result is nil.
//
// What is reviewed is the claim's title (claimReviewed), why the verdict
// is its rationale (reviewBody). The review is dated when the editors
// reviewed the claim (its "reviewed"), else when the dossier was published
// (dossier.yaml's "published"), else not at all: the claim's own date is
// when it was made, so it dates the claim (itemReviewed.datePublished) and
// never the review. The rating is the verdict's on the dossier's scale
// (see reviewRating). The claim's appearances are the distinct sources of
// its quotes, in the order of the quotes, and its first appearance the one
// published before all others, when their dates tell. The output never
// holds <, > or & (they are written \u003c, \u003e, \u0026), so no title
// can end the script element.
func ClaimReview(s Site, d *model.Dossier, c *model.Claim, claimURL string) ([]byte, error) {
	r, err := newClaimReview(s, d, c, claimURL)
	if r == nil || err != nil {
		return nil, err
	}
	return marshalJSON(r)
}

// ClaimReviewCompact is ClaimReview without indentation or a final
// newline: encoding/json's compact form, as a page's script element
// carries it (html/template compacts it there anyway; made compact, it is
// not indented only to be compacted again, on each of thousands of pages).
func ClaimReviewCompact(s Site, d *model.Dossier, c *model.Claim, claimURL string) ([]byte, error) {
	r, err := newClaimReview(s, d, c, claimURL)
	if r == nil || err != nil {
		return nil, err
	}
	return json.Marshal(r)
}

func newClaimReview(s Site, d *model.Dossier, c *model.Claim, claimURL string) (*claimReview, error) {
	if c.Verdict == nil {
		return nil, nil
	}
	b, err := base(s)
	if err != nil {
		return nil, err
	}
	if claimURL == "" && b != "" {
		claimURL = pageURL(b, kind.Claim, c.ID)
	}
	r := claimReview{
		Context:       "https://schema.org",
		Type:          "ClaimReview",
		URL:           claimURL,
		ClaimReviewed: c.Title,
		ReviewBody:    c.Rationale,
		DatePublished: reviewDate(d, c),
		ReviewRating:  reviewRating(d.Verdicts, c.Verdict),
		ItemReviewed:  claimThing{Type: "Claim", DatePublished: c.Date},
	}
	if name := authorName(s); name != "" {
		r.Author = &thing{Type: "Organization", Name: name, URL: b}
	}
	if e := c.Speaker; e != nil {
		a := &thing{Type: "Organization", Name: e.Name}
		if e.Kind == kind.Person {
			a.Type = "Person"
		}
		if b != "" {
			a.URL = pageURL(b, kind.Entity, e.Slug)
		}
		r.ItemReviewed.Author = a
	}
	var sources []*model.Source
	seen := make(map[*model.Source]bool)
	for _, q := range c.Quotes {
		if anchored(q) && !seen[q.Source] {
			seen[q.Source] = true
			sources = append(sources, q.Source)
		}
	}
	for _, src := range sources {
		r.ItemReviewed.Appearance = append(r.ItemReviewed.Appearance, appearance(src))
	}
	if first := firstPublished(sources); first != nil {
		a := appearance(first)
		r.ItemReviewed.FirstAppearance = &a
	}
	return &r, nil
}

// reviewDate is when the review was published: the day the editors
// reviewed the claim, else the day the dossier was published, else ""
// (left out). Never the claim's date, which is when the claim was made.
func reviewDate(d *model.Dossier, c *model.Claim) string {
	if c.Reviewed != "" {
		return c.Reviewed
	}
	return d.Settings.Published
}

// reviewRating is a verdict as a schema.org Rating. Its label is always
// there (alternateName: the text that search engines show, and the one
// field of the Rating that Google's fact-check markup requires). The
// numbers are there only when they mean what Google's documentation says
// they mean: the verdict has a rating (a neutral verdict such as
// "unverified" has none, and gets no number rather than an invented one),
// and the scale's worst and best ratings make a scale from worst to best
// (worstRating at least 1, bestRating greater than it). A scale whose
// ratings start at 0 or below, or that rates only one verdict, gives its
// verdicts by label alone.
func reviewRating(scale model.Scale, v *model.Verdict) rating {
	r := rating{Type: "Rating", AlternateName: v.Label}
	if worst, best, ok := scale.Ratings(); ok && v.Rating != nil && worst >= 1 && best > worst {
		r.RatingValue, r.BestRating, r.WorstRating = *v.Rating, best, worst
	}
	return r
}

func appearance(src *model.Source) creativeWork {
	w := creativeWork{Type: "CreativeWork", URL: src.URL, Headline: src.Title, DatePublished: src.Published}
	if src.Outlet != "" {
		w.Publisher = &thing{Type: "Organization", Name: src.Outlet}
	}
	return w
}

// firstPublished returns the source published before every other one, or
// nil when the dates do not tell: one has none, or two share a day (or a
// month or year given alone overlaps another date). A lone source is the
// first appearance known.
func firstPublished(sources []*model.Source) *model.Source {
	if len(sources) == 1 {
		return sources[0]
	}
	var first *model.Source
	for _, a := range sources {
		_, aEnd, ok := dateSpan(a.Published)
		if !ok {
			return nil
		}
		earliest := true
		for _, b := range sources {
			if b == a {
				continue
			}
			bStart, _, ok := dateSpan(b.Published)
			if !ok {
				return nil
			}
			if aEnd.After(bStart) {
				earliest = false
				break
			}
		}
		if earliest {
			first = a
		}
	}
	return first
}

// marshalJSON writes v as indented JSON ending in a newline, with <, > and
// & escaped so that it can stand inside a <script> element.
func marshalJSON(v any) ([]byte, error) { return jsonindent.Encode(v, true, "  ") }
