package render

import (
	"encoding/json"
	"io"
	"path"
	"strings"
	"time"

	"dossier/internal/content"
	"dossier/internal/model"
	"dossier/internal/publish"
)

// publishSite is what package publish needs to know of the site.
func (r *renderer) publishSite() publish.Site {
	info := r.site()
	return publish.Site{BaseURL: r.links.base, Title: info.Title, Description: info.Description,
		Language: info.Language, Author: r.d.Settings.Author}
}

// addPublishing adds the files that search engines, feed readers and
// annotation tools read: robots.txt and annotations.jsonld always, and,
// when the site knows its address, sitemap.xml and the Atom feed of claims.
// Like dossier.json they are made on first use.
func (s *Site) addPublishing() error {
	r := s.r
	ps := r.publishSite()
	// data adds a file made whole, in memory: the small ones, and those
	// package publish writes with encoding/xml.
	data := func(name string, f func() ([]byte, error)) {
		s.jobs[name] = job{path: name, stream: func(w io.Writer) error {
			b, err := f()
			if err != nil {
				return err
			}
			_, err = w.Write(b)
			return err
		}}
	}
	data("robots.txt", func() ([]byte, error) { return publish.Robots(ps), nil })
	s.jobs["annotations.jsonld"] = job{path: "annotations.jsonld", stream: func(w io.Writer) error {
		return publish.WriteAnnotations(w, ps, r.d)
	}}
	if ps.BaseURL == "" {
		return nil
	}
	data("feed.xml", func() ([]byte, error) {
		return publish.Feed(ps, r.d, func(c *model.Claim) time.Time { return modTime(c.Body.File) })
	})
	data("sitemap.xml", func() ([]byte, error) {
		newest := time.Time{}
		for _, f := range r.files() {
			if t := modTime(f); t.After(newest) {
				newest = t
			}
		}
		var pages []publish.Page
		for p, j := range s.jobs {
			if j.page == nil || !strings.HasSuffix(p, "index.html") {
				continue // data files, and 404.html
			}
			pages = append(pages, publish.Page{Path: strings.TrimSuffix(p, "index.html"), LastMod: r.lastMod(j.page, newest)})
		}
		return publish.Sitemap(ps, pages)
	})
	return nil
}

// lastMod is when what a page shows last changed: its own file (for a
// claim, also the conflict files that title its conflicts; for a figure,
// also the claims that give its values and its conflict's file), or, for
// the lists and the home page, the newest file of the dossier.
func (r *renderer) lastMod(p *Page, newest time.Time) time.Time {
	switch {
	case p.source != nil:
		return modTime(p.source.Body.File)
	case p.claim != nil:
		t := modTime(p.claim.Body.File)
		for _, cf := range p.claim.Conflicts {
			t = later(t, modTime(cf.Body.File))
		}
		return t
	case p.figure != nil:
		t := modTime(p.figure.Body.File)
		for _, v := range p.figure.Values {
			t = later(t, modTime(v.Quote.Claim.Body.File))
		}
		if cf := p.figure.Conflict; cf != nil {
			t = later(t, modTime(cf.Body.File))
		}
		return t
	case p.entity != nil:
		return modTime(p.entity.Body.File)
	}
	return newest
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// files are the dossier's files whose changes the sitemap dates: its
// settings (the title and the scale show on every page), the home page's
// Markdown, sources, claims,
// figures, conflicts and entities.
func (r *renderer) files() []*content.File {
	var out []*content.File
	if f := r.d.Settings.File; f != nil {
		out = append(out, f)
	}
	if r.d.Intro != nil && r.d.Intro.File != nil {
		out = append(out, r.d.Intro.File)
	}
	for _, s := range r.d.Sources {
		out = append(out, s.Body.File)
	}
	for _, c := range r.d.Claims {
		out = append(out, c.Body.File)
	}
	for _, g := range r.d.Figures {
		out = append(out, g.Body.File)
	}
	for _, cf := range r.d.Conflicts {
		if cf.Body.File != nil { // a figure's conflict that no file explains
			out = append(out, cf.Body.File)
		}
	}
	for _, e := range r.d.Entities {
		out = append(out, e.Body.File)
	}
	return out
}

func modTime(f *content.File) time.Time {
	if f == nil {
		return time.Time{}
	}
	return f.ModTime
}

// ClaimReview is the claim page's schema.org ClaimReview, for search
// engines and fact-check aggregators, when the claim has a verdict. It is
// JSON that html/template writes into its <script> element as it is,
// characters that could end the element escaped by encoding/json.
func (p *Page) ClaimReview() (json.RawMessage, error) {
	if p.claim == nil || p.claim.Verdict == nil {
		return nil, nil
	}
	url := ""
	if p.links.base != "" {
		url = p.links.base + path.Join("claims", p.claim.ID) + "/"
	}
	b, err := publish.ClaimReviewCompact(p.r.publishSite(), p.d, p.claim, url)
	return json.RawMessage(b), err
}

// Feed links to the Atom feed of claims, when there is one.
func (p *Page) Feed() string {
	if p.links.base == "" {
		return ""
	}
	return p.Root() + "feed.xml"
}
