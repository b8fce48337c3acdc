package render

import (
	"bytes"
	"errors"
	"testing"

	theme "dossier"
	"dossier/internal/gen"
	"dossier/internal/jsonindent"
)

// TestWriteTo: what WriteTo writes is what File returns, for every file
// of a site, minified or not; the large data files go out in several
// writes, not one; and a writer's error is WriteTo's, with nothing
// written after it.
func TestWriteTo(t *testing.T) {
	for _, minify := range []bool{false, true} {
		d, md := claimPageDossier(t, gen.FS(gen.Generate(gen.Options{Sources: 90, Seed: 2})))
		d.Settings.BaseURL = "https://example.org/d/"
		s, err := New(d, md, Theme{Templates: theme.Templates(), Static: theme.Static()}, Options{Minify: minify})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Paths() {
			var out countingWriter
			if err := s.WriteTo(p, &out); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			want, ok, err := s.File(p)
			if !ok || err != nil {
				t.Fatalf("%s: File: %v, %v", p, ok, err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				at := diffAt(out.Bytes(), want)
				t.Errorf("%s (minify %v): at byte %d:\nwritten: %q\nFile:    %q", p, minify, at, around(out.Bytes(), at), around(want, at))
			}
			switch p {
			case "dossier.json", "annotations.jsonld", "search-index.js":
				if len(want) < 2*jsonindent.FlushSize {
					t.Errorf("%s: %d bytes, too few to test that it is written in pieces", p, len(want))
				}
				if many := out.writes > 1; many == minify {
					t.Errorf("%s (minify %v): %d writes", p, minify, out.writes)
				}
			case "claims/index.html":
				// A page larger than flushSize goes out in pieces too.
				if len(want) < 2*flushSize {
					t.Errorf("%s: %d bytes, too few to test that it is written in pieces", p, len(want))
				}
				if many := out.writes > 1; many == minify {
					t.Errorf("%s (minify %v): %d writes", p, minify, out.writes)
				}
			default:
				if len(want) < flushSize && out.writes != 1 {
					t.Errorf("%s (minify %v): %d bytes in %d writes, want one", p, minify, len(want), out.writes)
				}
			}
		}
		for _, p := range []string{"dossier.json", "annotations.jsonld", "search-index.js", "sitemap.xml", "feed.xml", "robots.txt", "index.html", "claims/index.html"} {
			n := 0
			full := errors.New("disk full")
			err := s.WriteTo(p, writerFunc(func(b []byte) (int, error) {
				n++
				return 0, full
			}))
			if !errors.Is(err, full) || n != 1 {
				t.Errorf("%s (minify %v), to a failing writer: %v after %d writes, want %v after 1", p, minify, err, n, full)
			}
		}
	}
	if err := (&Site{}).WriteTo("nothing", &bytes.Buffer{}); err == nil {
		t.Error("WriteTo of a file the site does not have: no error")
	}
}

type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestPreparedOnce: a prepared theme makes one site, and a second asks
// for an error instead of sharing the first one's renderer.
func TestPreparedOnce(t *testing.T) {
	d, md := claimPageDossier(t, gen.FS(gen.Generate(gen.Options{Sources: 3, Seed: 2})))
	p, err := Prepare(Theme{Templates: theme.Templates(), Static: theme.Static()}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Site(d, md); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Site(d, md); err == nil {
		t.Error("a second site from one prepared theme: no error")
	}
}
