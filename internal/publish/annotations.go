package publish

import (
	"dossier/internal/dossier"
)

// contextChars is how many code points of the source's text around a
// passage its TextQuoteSelector gives as prefix and suffix.
const contextChars = 32

// motivations of annotations (W3C Web Annotation Vocabulary §3.3.5). A
// quote of a claim with a verdict is "assessing"; one without is
// "commenting", not "highlighting", because every annotation carries a body
// (the claim the passage makes) and tools show a commenting annotation's
// body where they may show a highlight bare.
const (
	motivationVerdict   = "assessing"
	motivationNoVerdict = "commenting"
)

type annoCollection struct {
	Context string    `json:"@context"`
	ID      string    `json:"id"`
	Type    string    `json:"type"`
	Label   string    `json:"label,omitempty"`
	Total   int       `json:"total"`
	First   *annoPage `json:"first,omitempty"`
}

type annoPage struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	PartOf     string       `json:"partOf"`
	StartIndex int          `json:"startIndex"`
	Items      []annotation `json:"items"`
}

type annotation struct {
	ID         string     `json:"id"`
	Type       string     `json:"type"`
	Motivation string     `json:"motivation"`
	Creator    *annoAgent `json:"creator,omitempty"`
	Body       []annoBody `json:"body"`
	Target     annoTarget `json:"target"`
}

type annoAgent struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

type annoBody struct {
	ID       string `json:"id,omitempty"`
	Type     string `json:"type"`
	Value    string `json:"value,omitempty"`
	Format   string `json:"format,omitempty"`
	Language string `json:"language,omitempty"`
	Purpose  string `json:"purpose,omitempty"`
}

type annoTarget struct {
	Source   string `json:"source"`
	Selector []any  `json:"selector"`
}

type textQuoteSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

type textPositionSelector struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Annotations writes annotations.jsonld: the dossier as a W3C Web
// Annotation collection, one annotation per quote, by claim and quote
// number, so that annotation tools can show the editors' claims on the
// original articles.
//
// An annotation's target is the source's url when it has one, else its
// page on this site, else urn:dossier:source:<slug>; its selectors are a
// TextQuoteSelector (the passage, with up to 32 code points of the
// source's text before and after it) and a TextPositionSelector (code
// points of the source's plain text, which a copy of the original with
// other furniture may not share: tools should prefer the quote). Its body
// is the claim's title, the verdict (purpose "assessing") when there is one,
// and a link to the claim's page when there is a base URL.
func Annotations(s Site, d *dossier.Dossier) ([]byte, error) {
	b, err := base(s)
	if err != nil {
		return nil, err
	}
	coll := annoCollection{
		Context: "http://www.w3.org/ns/anno.jsonld",
		ID:      "urn:dossier:annotations",
		Type:    "AnnotationCollection",
		Label:   s.Title,
	}
	if b != "" {
		coll.ID = b + "annotations.jsonld"
	}
	var creator *annoAgent
	if name := authorName(s); name != "" {
		creator = &annoAgent{Type: "Organization", Name: name}
	}
	runes := make(map[*dossier.Source][]rune)
	var items []annotation
	for _, c := range d.Claims {
		for _, q := range c.Quotes {
			if !anchored(q) {
				continue
			}
			text, ok := runes[q.Source]
			if !ok {
				text = []rune(q.Source.Plain)
				runes[q.Source] = text
			}
			items = append(items, annotate(s, b, creator, q, text))
		}
	}
	coll.Total = len(items)
	if len(items) > 0 {
		coll.First = &annoPage{ID: coll.ID + "#page-1", Type: "AnnotationPage", PartOf: coll.ID, Items: items}
	}
	return marshalJSON(coll)
}

func annotate(s Site, b string, creator *annoAgent, q *dossier.Quote, text []rune) annotation {
	c := q.Claim
	a := annotation{
		ID:         "urn:dossier:" + q.Anchor(),
		Type:       "Annotation",
		Motivation: motivationNoVerdict,
		Creator:    creator,
		Body:       []annoBody{{Type: "TextualBody", Value: c.Title, Format: "text/plain", Language: s.Language, Purpose: "commenting"}},
	}
	if c.Verdict != nil {
		a.Motivation = motivationVerdict
		a.Body = append(a.Body, annoBody{Type: "TextualBody", Value: c.Verdict.Name, Format: "text/plain", Language: "en", Purpose: "assessing"})
	}
	if b != "" {
		page := pageURL(b, "claims", c.ID)
		a.ID = page + "#" + q.Anchor()
		a.Body = append(a.Body, annoBody{ID: page, Type: "Text", Format: "text/html", Purpose: "linking"})
	}
	src := q.Source
	switch {
	case src.URL != "":
		a.Target.Source = src.URL
	case b != "":
		a.Target.Source = pageURL(b, "sources", src.Slug)
	default:
		a.Target.Source = "urn:dossier:source:" + src.Slug
	}
	start, end := clamp(q.Start, 0, len(text)), clamp(q.End, 0, len(text))
	a.Target.Selector = []any{
		textQuoteSelector{
			Type:   "TextQuoteSelector",
			Exact:  q.Exact,
			Prefix: string(text[max(0, start-contextChars):start]),
			Suffix: string(text[end:min(len(text), end+contextChars)]),
		},
		textPositionSelector{Type: "TextPositionSelector", Start: q.Start, End: q.End},
	}
	return a
}

func clamp(x, lo, hi int) int { return max(lo, min(x, hi)) }
