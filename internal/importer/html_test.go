package importer

import (
	"flag"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"dossier/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite the golden source files of testdata/*.md")

// pages are the saved news pages of testdata, each imported into the
// source file testdata/NAME.md, with the class of the element holding the
// article in the page.
var pages = []struct{ name, body string }{
	{"harbour-ledger", "story-body"},
	{"valle-norte", "entry-content"},
}

// TestPageGolden imports each saved page with no flags given and compares
// the source file with its golden file.
func TestPageGolden(t *testing.T) {
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			page, err := os.ReadFile("testdata/" + p.name + ".html")
			if err != nil {
				t.Fatal(err)
			}
			got, err := PageSource(Meta{}, page)
			if err != nil {
				t.Fatal(err)
			}
			golden := "testdata/" + p.name + ".md"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestPageArticle checks, apart from the golden files, that the source
// holds every paragraph, heading, list item and quote of each page's
// article exactly as the page shows it (once Markdown is rendered), and
// none of the site's chrome.
func TestPageArticle(t *testing.T) {
	chromeText := []string{"Subscribe", "subscribe", "Related", "cookie", "Cookie", "Advertisement", "Share on",
		"Facebook", "WhatsApp", "Most read", "Latest news", "rights reserved", "Sign up", "newsletter", "Log in",
		"comments", "Privacy", "Read also", "Tags:", "Photo:", "Home", "Sport", "By Maren"}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			raw, err := os.ReadFile("testdata/" + p.name + ".html")
			if err != nil {
				t.Fatal(err)
			}
			src, err := PageSource(Meta{}, raw)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range chromeText {
				if strings.Contains(string(src), c) {
					t.Errorf("the source holds the page's chrome %q", c)
				}
			}
			body := string(src)[strings.Index(string(src), "\n---\n")+5:]
			plain := markdown.New().Plain([]byte(body)).Text
			blocks := map[string]bool{}
			for _, b := range strings.Split(plain, "\n\n") {
				for _, line := range strings.Split(b, "\n") { // a list's items are one block
					blocks[line] = true
				}
			}
			want := articleBlocks(t, raw, p.body)
			if len(want) < 8 {
				t.Fatalf("found only %d blocks in the fixture's article", len(want))
			}
			for _, w := range want {
				if !blocks[w] {
					t.Errorf("the article's block %q is not a block of the source's text:\n%s", w, plain)
				}
			}
		})
	}
}

// articleBlocks returns the text of every p, h2, h3 and li in the page's
// element of class bodyClass, white space collapsed, leaving out the
// elements the fixtures mark as not article (ads, promotions, newsletter
// boxes) and photo credits.
func articleBlocks(t *testing.T, raw []byte, bodyClass string) []string {
	text, err := decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		class := attr(n, "class")
		if strings.Contains(class, "ad ") || strings.Contains(class, "promo") || strings.Contains(class, "newsletter") || class == "credit" {
			return
		}
		if n.Type == html.ElementNode && in {
			switch n.Data {
			case "p", "h2", "h3", "li", "figcaption":
				out = append(out, collapse(textOfTest(n)))
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in || strings.Contains(class, bodyClass))
		}
	}
	walk(doc, false)
	return out
}

func textOfTest(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	if attr(n, "class") == "credit" {
		return ""
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOfTest(c))
	}
	return b.String()
}

// TestPageFlagsWin checks that fields given are kept and only the others
// are taken from the page, and that the note, after the editor's own,
// names just those.
func TestPageFlagsWin(t *testing.T) {
	raw, err := os.ReadFile("testdata/harbour-ledger.html")
	if err != nil {
		t.Fatal(err)
	}
	src, err := PageSource(Meta{Title: "My title", URL: "https://example.org/a", Note: "Cut the photo credit."}, raw)
	if err != nil {
		t.Fatal(err)
	}
	head := string(src)[:strings.Index(string(src), "\n---\n")]
	for _, want := range []string{"title: My title\n", "outlet: The Harbour Ledger\n", "author: Maren Oduya\n",
		"published: \"2025-03-14\"\n", "url: https://example.org/a\n",
		"note: Cut the photo credit. Author, outlet and date taken from the page's metadata."} {
		if !strings.Contains(head, want) {
			t.Errorf("front matter lacks %q:\n%s", want, head)
		}
	}
}

// TestPageEscapes checks that text which would be Markdown syntax at the
// start of a block, or in a heading, is shown as written.
func TestPageEscapes(t *testing.T) {
	texts := []string{"# not a heading", "1. not a list", "- not an item", "> not a quote", "*not emphasis*",
		"a [link](x) and <b>tag</b>", "www.example.org and https://example.org", "a & b &amp; c", "ends with #",
		"C# and F#", "== setext", "   "}
	var page strings.Builder
	page.WriteString("<!DOCTYPE html><html><head><title>T</title></head><body><article>")
	for _, s := range texts {
		page.WriteString("<p>" + html.EscapeString(s) + " — and enough words to be taken for the article's text.</p>")
		page.WriteString("<h2>" + html.EscapeString(s) + "</h2>")
	}
	page.WriteString("<ul><li>1. item</li><li># item</li></ul><blockquote><p># quoted</p><p>second</p></blockquote></article></body></html>")
	p, err := ReadPage([]byte(page.String()))
	if err != nil {
		t.Fatal(err)
	}
	plain := markdown.New().Plain([]byte(p.Body)).Text
	var want []string
	for _, s := range texts {
		if strings.TrimSpace(s) == "" {
			want = append(want, " — and enough words to be taken for the article's text."[1:])
			continue
		}
		want = append(want, s+" — and enough words to be taken for the article's text.", s)
	}
	want = append(want, "1. item", "# item", "# quoted", "second")
	if got := strings.Split(plain, "\n\n"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("plain text:\n%q\nwant:\n%q\nbody:\n%s", got, want, p.Body)
	}
}

func TestPageErrors(t *testing.T) {
	for _, tc := range []struct {
		name, page, want string
	}{
		{"no article", `<!DOCTYPE html><html><head><title>Loading</title></head><body><nav><a href="/">Home</a></nav><div id="app"></div><script>load()</script></body></html>`,
			"no article found in the page"},
		{"not UTF-8, no charset", "<html><body><p>caf\xe9 cr\xe8me br\xfbl\xe9e is served</p></body></html>",
			`not valid UTF-8 and declares no other character set: add <meta charset="...">`},
		{"unknown charset", `<html><head><meta charset="klingon"></head><body><p>x</p></body></html>`,
			`declares the character set "klingon", which is not one this program knows`},
		{"no title", "<html><body><article><p>" + strings.Repeat("A paragraph long enough to be the article. ", 5) + "</p></article></body></html>",
			"the page gives no title: pass --title"},
	} {
		_, err := PageSource(Meta{}, []byte(tc.page))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestPageCharset checks that a page declaring its character set in a
// <meta charset> is decoded from it.
func TestPageCharset(t *testing.T) {
	page := "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><article><p>" +
		strings.Repeat("Le caf\xe9 cr\xe8me co\xfbte deux euros. ", 6) + "</p></article></body></html>"
	p, err := ReadPage([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if p.Meta.Title != "Café" || !strings.HasPrefix(p.Body, "Le café crème coûte deux euros.") {
		t.Errorf("title %q, body %q", p.Meta.Title, p.Body)
	}
}

func TestIsHTML(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       bool
	}{
		{"a.html", "text", true}, {"A.HTM", "", true}, {"a.txt", "\uFEFF \n<!doctype HTML>\n<html>", true},
		{"-", "<html lang=en>", true}, {"a.txt", "Plain text about <html> tags.", false},
		{"a.txt", "<p>a paragraph</p>", false}, {"a.md", "", false},
		{"-", "<!-- saved from url=(0040)https://example.com/ -->\n<html><head>", true},
		{"-", "\uFEFF<!-- a -->  <!-- b --> <!DOCTYPE html>", true},
		{"-", "<!-- not closed <html>", false}, {"-", "<!-- a comment --> then text", false},
	} {
		if got := IsHTML(tc.name, []byte(tc.data)); got != tc.want {
			t.Errorf("IsHTML(%q, %q) = %v", tc.name, tc.data, got)
		}
	}
}

// TestPageByline checks that a page without author metadata gives the
// byline it prints, without "By".
func TestPageByline(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Floods close the coast road</title></head><body>
<article><h1>Floods close the coast road</h1><p class="byline">By  <a href="/s/ana">Ana Reyes</a></p>
<p>` + strings.Repeat("The coast road was closed on Sunday after two days of rain flooded its lower stretch. ", 4) + `</p></article></body></html>`
	p, err := ReadPage([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if p.Meta.Author != "Ana Reyes" || strings.Contains(p.Body, "Ana Reyes") || p.Meta.Title != "Floods close the coast road" {
		t.Errorf("meta %+v, body %q", p.Meta, p.Body)
	}
}

// TestPageBaseURL checks that a relative canonical URL or og:url is read
// against the page's <base href>, as a browser reads it, and left out
// when the page has no absolute base to read it against.
func TestPageBaseURL(t *testing.T) {
	article := `<article><h1>Base page</h1><p>` + strings.Repeat("The army sent 300 troops to the border in March, officials said on Tuesday. ", 4) + `</p></article>`
	for _, c := range []struct{ head, want string }{
		{`<base href="https://example.com/news/"><link rel="canonical" href="story.html">`, "https://example.com/news/story.html"},
		{`<base href="https://example.com/news/"><meta property="og:url" content="/2025/story">`, "https://example.com/2025/story"},
		{`<base href="https://example.com/news/"><link rel="canonical" href="https://other.org/a">`, "https://other.org/a"},
		{`<base href="/news/"><link rel="canonical" href="story.html">`, ""},
		{`<link rel="canonical" href="story.html">`, ""},
	} {
		page := `<!DOCTYPE html><html><head><title>Base page</title>` + c.head + `</head><body>` + article + `</body></html>`
		p, err := ReadPage([]byte(page))
		if err != nil {
			t.Fatal(err)
		}
		if p.Meta.URL != c.want {
			t.Errorf("%s: URL %q, want %q", c.head, p.Meta.URL, c.want)
		}
	}
}

// A page that declares UTF-8 but was saved in another character set is
// refused with what is wrong, not told that it declares none.
func TestPageDeclaredUTF8Invalid(t *testing.T) {
	page := "<html><head><meta charset=\"utf-8\"><title>Caf\xe9</title></head><body><article><p>" +
		strings.Repeat("Le caf\xe9 co\xfbte deux euros. ", 6) + "</p></article></body></html>"
	_, err := ReadPage([]byte(page))
	if err == nil || !strings.Contains(err.Error(), "declares UTF-8 but is not valid UTF-8 (byte 0xe9 at offset 44)") {
		t.Errorf("error %v", err)
	}
	_, err = ReadPage([]byte(strings.Replace(page, `<meta charset="utf-8">`, "", 1)))
	if err == nil || !strings.Contains(err.Error(), "declares no other character set") {
		t.Errorf("no charset: error %v", err)
	}
}
