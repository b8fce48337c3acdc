package markdown

import (
	"strings"
	"testing"
)

// TestImageLinks checks that an image whose address is a page of the
// dossier is found as a link marked Image, at its "!", with its text, and
// that Problem says to write it as a link; links stay links.
func TestImageLinks(t *testing.T) {
	src := []byte("See ![Donald *Trump*](entity:donald-trump), [the claim](claim:c) and\n![](source:s) ![chart](figure:f).\n![photo](https://example.org/a.jpg)")
	links := New().Links(src)
	type want struct {
		target string
		at     string // src from Offset on
		image  bool
		alt    string
	}
	wants := []want{
		{"entity:donald-trump", "![Donald", true, "Donald Trump"},
		{"claim:c", "[the claim]", false, ""},
		{"source:s", "![](source:s)", true, ""},
		{"figure:f", "![chart]", true, "chart"},
	}
	if len(links) != len(wants) {
		t.Fatalf("links = %+v", links)
	}
	for i, w := range wants {
		l := links[i]
		if got := string(l.Target.Kind) + ":" + l.Target.ID; got != w.target || !strings.HasPrefix(string(src[l.Offset:]), w.at) || l.Image != w.image || l.Alt != w.alt {
			t.Errorf("link %d = %+v at %.12q, want %+v", i, l, src[l.Offset:], w)
		}
	}
	for l, msg := range map[*Link]string{
		&links[0]: "an image cannot show a page: write [Donald Trump](entity:donald-trump) for a link",
		&links[1]: "",
		&links[2]: "an image cannot show a page: write [text](source:s) for a link",
		&links[3]: "an image cannot show a page: write [chart](figure:f) for a link",
		{Target: Target{"claim", "x"}, Image: true, Alt: strings.Repeat("long ", 20)}: "an image cannot show a page: write [" + strings.Repeat("long ", 7) + "long…](claim:x) for a link",
	} {
		if got := l.Problem(); got != msg {
			t.Errorf("Problem() = %q, want %q", got, msg)
		}
	}
}

// TestImageLinkRender checks that an image of a page never becomes an
// <img> pointing at the page, even when the page exists: its text stays,
// as words. An image of a web address stays an image.
func TestImageLinkRender(t *testing.T) {
	src := []byte("![Donald Trump](entity:donald-trump) said it. ![photo](https://example.org/a.jpg)")
	html, err := New().RenderString(src, Options{Resolve: func(t Target) (string, bool) {
		return "../" + string(t.Kind) + "/" + t.ID + "/", true
	}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html, "donald-trump") || !strings.Contains(html, "Donald Trump said it.") {
		t.Errorf("an image of a page rendered as:\n%s", html)
	}
	if !strings.Contains(html, `<img src="https://example.org/a.jpg" alt="photo"`) {
		t.Errorf("an image of a web address is gone:\n%s", html)
	}
}

// TestEmptyLinkOffset checks that a link with no text is found at its
// own "[", not at the start of its paragraph.
func TestEmptyLinkOffset(t *testing.T) {
	src := []byte("Some text [a](claim:a) more [](claim:b) and [`c`](claim:c).")
	links := New().Links(src)
	var got []string
	for _, l := range links {
		got = append(got, string(src[l.Offset:l.Offset+3]))
	}
	if strings.Join(got, "|") != "[a]|[](|[`c" {
		t.Errorf("links at %q", got)
	}
}
