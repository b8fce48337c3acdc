package markdown

import (
	"strings"
	"testing"
)

func TestPlain(t *testing.T) {
	m := New()
	for _, tc := range []struct{ in, want string }{
		{"Hello *big*\nworld.", "Hello big\nworld."},
		{"One.\n\nTwo.", "One.\n\nTwo."},
		{"Hard  \nbreak", "Hard\nbreak"},
		{`\*not emphasis\* \[x\] \# 1\. &amp; &copy;`, "*not emphasis* [x] # 1. & ©"},
		{"A `code span` here", "A code span here"},
		{"# Heading\n\n- one\n- two", "Heading\n\none\n\ntwo"},
		{"Before\n\n```go\nfunc x() {}\n```\n\nAfter", "Before\n\nAfter"},
		{"See <https://example.org> and www.example.com now", "See https://example.org and www.example.com now"},
		{"![alt text](x.png) caption", " caption"},
		{"[link text](claim:x) end", "link text end"},
		{"<b>raw</b> html", "raw html"},
		{"Café — “quoted”", "Café — “quoted”"},
	} {
		if got := m.Plain([]byte(tc.in)).Text; got != tc.want {
			t.Errorf("Plain(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.org":            true,
		"http://example.org/a:b":         true,
		"mailto:desk@example.org":        true,
		"../claims/x/":                   true,
		"#q-x-1":                         true,
		"a/b:c":                          true,
		"javascript:alert(1)":            false,
		"JavaScript:alert(1)":            false,
		" javascript:alert(1)":           false,
		"java\tscript:alert(1)":          false,
		"java%09script:alert(1)":         false,
		"jav&#x09;ascript:alert(1)":      false, // undecoded entities never pass as a scheme either
		"vbscript:msgbox(1)":             false,
		"data:text/html;base64,PHNjcmlw": false,
		"file:///etc/passwd":             false,
	} {
		if got := SafeURL(u); got != want {
			t.Errorf("SafeURL(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestLinksAndResolution(t *testing.T) {
	m := New()
	src := []byte("See [a](claim:one), [b](source:two)\nand [c](entity:three), [d](figure:four), [e](https://x.org).\n[bad](javascript:alert(1)) ![img](javascript:x)")
	links := m.Links(src)
	var got []string
	for _, l := range links {
		got = append(got, string(l.Target.Kind)+":"+l.Target.ID+"@"+string(src[l.Offset]))
	}
	if strings.Join(got, " ") != "claim:one@[ source:two@[ entity:three@[ figure:four@[" {
		t.Errorf("links = %v", got)
	}
	html, err := m.RenderString(src, Options{Resolve: func(t Target) (string, bool) {
		return "../" + string(t.Kind) + "/" + t.ID + "/", t.ID != "four"
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="../claim/one/">a</a>`, `<a href="../source/two/">b</a>`, `<a href="../entity/three/">c</a>`, ` d, `, `<a href="https://x.org">e</a>`, "bad "} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered HTML lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(strings.ToLower(html), "javascript") {
		t.Errorf("a javascript: URL reached the output:\n%s", html)
	}
}

func TestHighlightAcrossFormatting(t *testing.T) {
	m := New()
	src := []byte("Some *emphasised\ntext* and [a link](https://x.org) here.")
	plain := m.Plain(src).Text // "Some emphasised\ntext and a link here."
	start := strings.Index(plain, "emphasised")
	end := strings.Index(plain, " here")
	html, err := m.RenderString(src, Options{Highlights: &Highlights{Passages: []Passage{{
		Start: start, End: end, ID: "q-c-1", Claim: "c", RefHref: "../c/", RefLabel: "1",
	}}, Note: testNote, Ref: testRef}})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>Some <em><mark id="q-c-1" class="hl" data-claim="c" data-q="q-c-1">emphasised</mark>` + "\n" +
		`<mark class="hl" data-claim="c" data-q="q-c-1">text</mark></em><mark class="hl" data-claim="c" data-q="q-c-1"> and </mark>` +
		`<a href="https://x.org"><mark class="hl" data-claim="c" data-q="q-c-1">a link</mark></a>` +
		`<a class="ref" href="#note-q-c-1" tabindex="-1" data-first="" aria-label="Note 1">1</a> here.` +
		`<span class="sidenotes"><span class="sidenote" id="note-q-c-1" role="note" data-q="q-c-1">` +
		`<span class="sidenote-n">1</span> <a class="note-claim" href="../c/"></a></span></span></p>` + "\n"
	if html != want {
		t.Errorf("got\n%s\nwant\n%s", html, want)
	}
}
