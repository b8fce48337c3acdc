package markdown

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// withLinkify is a Markdown that parses every body with GFM's linkify
// parser: what New did before it learnt to leave that parser out.
func withLinkify() *Markdown {
	m := New()
	m.plain = m.gm.Parser()
	return m
}

// TestMayAutolink holds mayAutolink to what the linkify parser links: each
// kind of autolink is seen, and text that only looks close to one is not.
func TestMayAutolink(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"See https://example.org now.", true},
		{"See http://example.org now.", true},
		{"An ftp://files.example.org mirror.", true},
		{"Visit www.example.org today.", true},
		{"Write to desk@example.org.", true},
		{"(www.example.org)", true},
		{"*https://example.org*", true},
		{"A plain sentence, with (brackets), *stars* and _lines_ ~~struck~~.", false},
		{"http:/example.org and WWW-EXAMPLE and wwwexample.org", false},
		{"[a link](../sources/x.md) and [another](claim:y)", false},
	} {
		if got := mayAutolink([]byte(tc.src)); got != tc.want {
			t.Errorf("mayAutolink(%q) = %v, want %v", tc.src, got, tc.want)
		}
		linked := false
		doc := withLinkify().parse([]byte(tc.src), nil)
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if _, ok := n.(*ast.AutoLink); ok && entering {
				linked = true
			}
			return ast.WalkContinue, nil
		})
		if linked != tc.want {
			t.Errorf("linkify links %q: %v; the table says %v", tc.src, linked, tc.want)
		}
	}
	// The parser without linkify keeps the rest of GFM.
	doc := New().parse([]byte("| a |\n|---|\n| b |\n\n- [x] ~~done~~"), nil)
	kinds := map[ast.NodeKind]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		kinds[n.Kind()] = true
		return ast.WalkContinue, nil
	})
	for _, k := range []ast.NodeKind{east.KindTable, east.KindTaskCheckBox, east.KindStrikethrough} {
		if !kinds[k] {
			t.Errorf("the parser without linkify makes no %v node", k)
		}
	}
}

// sameWithoutLinkify checks that src, parsed without the linkify parser
// as New does when mayAutolink is false, gives what it gives with it:
// the same plain text, the same line for each of its positions, and the
// same HTML, bare and with passages, mentions and notes marked. It
// reports false for a body that New parses with linkify.
func sameWithoutLinkify(t *testing.T, name, src string, at []int) bool {
	t.Helper()
	if mayAutolink([]byte(src)) {
		return false
	}
	got, want := New(), withLinkify()
	gp, wp := got.Plain([]byte(src)), want.Plain([]byte(src))
	if gp.Text != wp.Text {
		t.Fatalf("%s: plain text without linkify\n%q\nwith it\n%q", name, gp.Text, wp.Text)
	}
	n := utf8.RuneCountInString(gp.Text)
	line := func(p *PlainText, pos int) int { return strings.Count(src[:p.SourceOffset(pos)], "\n") }
	for pos := 0; pos <= n; pos++ {
		if a, b := line(gp, pos), line(wp, pos); a != b {
			t.Fatalf("%s: plain position %d is on line %d without linkify, %d with it", name, pos, a+1, b+1)
		}
	}

	h := &Highlights{Note: testNote, Ref: testRef}
	for i := 0; i+1 < len(at); i += 2 {
		a, b := at[i]%(n+1), at[i+1]%(n+1)
		if a > b {
			a, b = b, a
		}
		if i%4 == 0 {
			k := strconv.Itoa(len(h.Passages) + 1)
			h.Passages = append(h.Passages, Passage{Start: a, End: b, ID: "q-c-" + k, Claim: "c" + k,
				Number: k, RefHref: "../claims/c/", RefLabel: k, RefTitle: "A <claim>", Verdict: "false"})
		} else if len(h.Mentions) == 0 || h.Mentions[len(h.Mentions)-1].End <= a {
			h.Mentions = append(h.Mentions, Mention{Start: a, End: b, Href: "../e/", Entity: "e"})
		}
	}
	resolve := func(t Target) (string, bool) { return "../" + string(t.Kind) + "/" + t.ID + "/", true }
	for _, opts := range []Options{{Resolve: resolve}, {Resolve: resolve, Highlights: h}} {
		a, err := got.RenderString([]byte(src), opts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, err := want.RenderString([]byte(src), opts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if a != b {
			t.Fatalf("%s: HTML without linkify\n%s\nwith it\n%s", name, a, b)
		}
	}
	return true
}

// TestWithoutLinkifyContent parses every Markdown file of the project's
// own dossier both ways.
func TestWithoutLinkifyContent(t *testing.T) {
	files, compared := 0, 0
	err := filepath.WalkDir("../../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		// Passages and mentions every few dozen characters, overlapping.
		var at []int
		for i := 0; i < 40; i++ {
			at = append(at, i*37, i*37+50)
		}
		if sameWithoutLinkify(t, path, string(b), at) {
			compared++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 || compared < files/2 {
		t.Fatalf("compared %d of %d Markdown files in ../../content", compared, files)
	}
	t.Logf("compared %d of %d Markdown files", compared, files)
}

// FuzzWithoutLinkify holds the parser without linkify to the one with it,
// on any body in which mayAutolink finds nothing.
func FuzzWithoutLinkify(f *testing.F) {
	for _, src := range []string{
		"Some *emphasised\ntext* and [a link](../x.md) here.",
		"Trailing space \nand two  \nhard\\\nbreaks",
		"Escaped\\ space, \\*stars\\* and \\(brackets\\) \\_x\\_",
		"(brackets (nested) here) ~~struck ~text~~ *a* _b_ **c** __d__",
		"| a | b (c) |\n|---|---|\n| *d* e | ~~f~~ |\n\n- [ ] task one\n- [x] done",
		"> quoted **strong _nested_ text**\n>\n> more\n\n1. one\n2. two",
		"# Heading (one)\n\nText `code span with spaces` and &amp; &copy; &#64;",
		"WWW.EXAMPLE.ORG and HTTP:/x and mailto: nobody",
		"Café — “quoted” (à la carte) ‘single’ …",
		"Line one\r\nLine two  \r\nLine three\\\r\nend",
		"\tIndented code\n\nand ```fenced```\n\n```\nblock (x) *y*\n```",
		"![an image](x.png) and [ref][1]\n\n[1]: ../y.md \"title (t)\"",
	} {
		f.Add(src, []byte{3, 40, 7, 12, 0, 90, 25, 26})
	}
	f.Fuzz(func(t *testing.T, src string, spans []byte) {
		if len(src) > 1<<12 || len(spans) > 64 || !utf8.ValidString(src) {
			t.Skip()
		}
		at := make([]int, len(spans))
		for i, b := range spans {
			at[i] = int(b)
		}
		sameWithoutLinkify(t, "Markdown "+strconv.Quote(src), src, at)
	})
}
