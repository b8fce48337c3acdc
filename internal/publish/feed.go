package publish

import (
	"encoding/xml"
	"sort"
	"strings"
	"time"

	"dossier/internal/kind"
	"dossier/internal/model"
)

const atomTime = time.RFC3339

// epoch stands in for a date nobody knows: Atom requires one on the feed
// and on every entry, and inventing "now" would make builds differ.
var epoch = time.Unix(0, 0).UTC()

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Link       atomLink       `xml:"link"`
	Summary    atomText       `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// Feed writes feed.xml, an Atom 1.0 feed of the claims, newest first. A
// claim's date is its `date` (a month or year stands for its first day)
// when it has one, else updated(c), which the caller gives (the claim
// file's modification time); ties go by id. A claim with neither date is
// dated 1970-01-01, never the time of the build. An entry's id is the
// claim page's absolute URL; its summary, in plain text, the verdict's
// label and rationale and the quoted passages with their sources. The feed needs a base URL, since
// Atom links must be absolute.
func Feed(s Site, d *model.Dossier, updated func(*model.Claim) time.Time) ([]byte, error) {
	b, err := requireBase(s)
	if err != nil {
		return nil, err
	}
	type dated struct {
		c *model.Claim
		t time.Time
	}
	claims := make([]dated, 0, len(d.Claims))
	for _, c := range d.Claims {
		t, _, ok := dateSpan(c.Date)
		if !ok && updated != nil {
			t = updated(c)
		}
		if t.IsZero() {
			t = epoch
		}
		claims = append(claims, dated{c, t.UTC()})
	}
	sort.Slice(claims, func(i, j int) bool {
		if !claims[i].t.Equal(claims[j].t) {
			return claims[i].t.After(claims[j].t)
		}
		return claims[i].c.ID < claims[j].c.ID
	})

	feedURL := b + "feed.xml"
	f := atomFeed{
		Lang:     s.Language,
		ID:       feedURL,
		Title:    siteTitle(s),
		Subtitle: s.Description,
		Updated:  epoch.Format(atomTime),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: feedURL},
			{Rel: "alternate", Type: "text/html", Href: b},
		},
		Author: atomPerson{Name: siteTitle(s), URI: b},
	}
	if s.Author != "" {
		f.Author.Name = s.Author
	}
	if len(claims) > 0 {
		f.Updated = claims[0].t.Format(atomTime)
	}
	for _, x := range claims {
		c := x.c
		u := pageURL(b, kind.Claim, c.ID)
		e := atomEntry{
			ID:      u,
			Title:   c.Title,
			Updated: x.t.Format(atomTime),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: u},
			Summary: atomText{Type: "text", Text: summary(c)},
		}
		for _, tag := range c.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: tag})
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}

// summary is a claim's verdict (its label, as readers see it) with the
// rationale, and its quoted passages, as plain text:
//
//	Verdict: False. The CDC figure the same article cites is a third of it.
//	“roughly 300,000 U.S. deaths annually” (Trump Weighs Strikes, Reuters)
func summary(c *model.Claim) string {
	var lines []string
	if c.Verdict != nil {
		line := "Verdict: " + strings.TrimRight(c.Verdict.Label, ".") + "."
		if c.Rationale != "" {
			line += " " + c.Rationale
		}
		lines = append(lines, line)
	}
	for _, q := range c.Quotes {
		if !anchored(q) {
			continue
		}
		where := q.Source.Title
		if q.Source.Outlet != "" {
			where += ", " + q.Source.Outlet
		}
		lines = append(lines, "“"+q.Exact+"” ("+where+")")
	}
	return strings.Join(lines, "\n")
}
