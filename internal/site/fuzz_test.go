package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"dossier/internal/diag"

	"golang.org/x/tools/txtar"
)

// FuzzBuild builds a dossier given as a txtar archive, its files under
// content/ as in the golden tests (other sections are ignored, and so are
// the dossier's own templates/ and static/, whose errors are the theme's).
//
// Invariants: no panic; the build gives either a site, every file of it at
// a clean relative path given once, or content errors, every one of them
// naming a file or folder of the dossier and, when it is about a position,
// a line within that file (after a byte order mark and CRLF or CR line
// ends are taken out) and a column from 1 to one past the line's end, with
// that line shown under it, and the same of every note.
func FuzzBuild(f *testing.F) {
	archives, _ := filepath.Glob("testdata/*.txtar")
	archives = append(archives, "../publish/testdata/dossier.txtar")
	for _, name := range archives {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			t.Skip() // a dossier of this size builds in tens of milliseconds; the fuzzer wants many
		}
		fsys := fstest.MapFS{}
		texts := map[string][]byte{} // by the path errors name them with
		for _, file := range txtar.Parse(data).Files {
			name, ok := strings.CutPrefix(file.Name, "content/")
			if !ok || !fs.ValidPath(name) || name == "." ||
				strings.HasPrefix(name, "templates/") || strings.HasPrefix(name, "static/") {
				continue
			}
			fsys[name] = &fstest.MapFile{Data: file.Data}
			texts["content/"+name] = file.Data
		}
		// A real folder cannot also be a file.
		for name := range fsys {
			for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
				if _, ok := fsys[dir]; ok {
					t.Skip()
				}
			}
		}
		res, err := Build(Options{Content: fsys, Name: "content"})
		var ce *ContentError
		switch {
		case errors.As(err, &ce):
			if len(ce.List) == 0 {
				t.Fatalf("a content error with no errors in it\n%s", data)
			}
			for _, e := range ce.List {
				if msg := checkError(e, fsys, texts); msg != "" {
					t.Fatalf("%s\n%s\n--- archive ---\n%s", msg, ce.List.Format(), data)
				}
			}
		case err != nil:
			t.Fatalf("build: %v\n--- archive ---\n%s", err, data)
		default:
			if res == nil || len(res.Files) == 0 {
				t.Fatalf("no error and no site\n%s", data)
			}
			seen := map[string]bool{}
			for _, file := range res.Files {
				if !fs.ValidPath(file.Path) || file.Path == "." || seen[file.Path] {
					t.Fatalf("output file %q: not a clean relative path, or given twice\n%s", file.Path, data)
				}
				seen[file.Path] = true
			}
		}
	})
}

// FuzzQuote builds a dossier of one source, whose Markdown body is given,
// one claim quoting it with the given text, prefix and suffix, and one
// entity of the given name: the whole pipeline (reading, anchoring,
// mentions, highlighting, rendering) on inputs that get past the reader
// far more often than a mutated archive does.
//
// Invariants: those of FuzzBuild; and, when it builds, the source page
// carries the passage's anchor exactly once, since the claim's page links
// to it.
func FuzzQuote(f *testing.F) {
	f.Add("Trump said drugs kill roughly 300,000 U.S. residents a year.\n\nThe CDC puts the number closer to 100,000.\n",
		"roughly 300,000 U.S. residents", "", "", "Trump")
	f.Add("The minister said: “We’re not going—ever.”\n\nIt was a 2010–2015 programme, \\*officially\\*.\n",
		`"We're not going-ever."`, "", "", "The minister")
	f.Add("The report was *very* clear\nabout the **numbers**.\n", "The report   was very clear about the numbers.", "", "", "")
	f.Add("Run `make all` to build, then `go\ntest` to test.\n", "make all to build", "Run", "then", "Run")
	f.Add("See <https://example.org/x> and www.example.com now.\n", "example.org/x", "", "", "See")
	f.Add("A [link to *x*](https://x.org) and ![an image](i.png) here.\n", "to x and", "", "", "link")
	f.Add("| a | b |\n|---|---|\n| one | two |\n\n- [ ] task one\n- [x] task two\n", "one two", "", "", "task")
	f.Add("the figure is 100,000; the figure is disputed.\n", "the figure is", "", "disputed", "figure")
	f.Add("> quoted\n> text\n\n1. one\n2. two\n\n# Heading\n\n---\n\ntext &amp; more\n", "Heading text & more", "", "", "Heading")
	f.Fuzz(func(t *testing.T, body, text, prefix, suffix, name string) {
		for _, s := range []string{body, text, prefix, suffix, name} {
			if !utf8.ValidString(s) || len(s) > 1<<12 {
				t.Skip() // the reader refuses invalid UTF-8
			}
		}
		q := strconv.Quote // a Go string literal of valid UTF-8 is a YAML double-quoted one
		claim := "---\ntitle: A claim.\nquotes:\n  - source: s\n    text: " + q(text) + "\n"
		if prefix != "" {
			claim += "    prefix: " + q(prefix) + "\n"
		}
		if suffix != "" {
			claim += "    suffix: " + q(suffix) + "\n"
		}
		claim += "---\n"
		fsys := fstest.MapFS{
			"sources/s.md": {Data: []byte("---\ntitle: A source\n---\n" + body)},
			"claims/c.md":  {Data: []byte(claim)},
		}
		if name != "" {
			fsys["entities/e.md"] = &fstest.MapFile{Data: []byte("---\nname: " + q(name) + "\n---\n")}
		}
		texts := map[string][]byte{}
		for name, file := range fsys {
			texts["content/"+name] = file.Data
		}
		res, err := Build(Options{Content: fsys, Name: "content"})
		var ce *ContentError
		switch {
		case errors.As(err, &ce):
			for _, e := range ce.List {
				if msg := checkError(e, fsys, texts); msg != "" {
					t.Fatalf("%s\n%s\n--- claim ---\n%s--- source body ---\n%s", msg, ce.List.Format(), claim, body)
				}
			}
		case err != nil:
			t.Fatalf("build: %v", err)
		default:
			for _, file := range res.Files {
				if file.Path == "sources/s/index.html" {
					if n := strings.Count(string(file.Data), ` id="q-c-1"`); n != 1 {
						t.Fatalf("the passage's anchor is on the source page %d times; want once\n--- claim ---\n%s--- source body ---\n%s\n--- page ---\n%s", n, claim, body, file.Data)
					}
				}
			}
		}
	})
}

// checkError says what is wrong with where e points, or "" when nothing.
func checkError(e diag.Error, fsys fstest.MapFS, texts map[string][]byte) string {
	if msg := checkPlace("an error", e.Path, e.Line, e.Col, e.Source, e.SourceCol, fsys, texts); msg != "" {
		return msg + ": " + e.Error()
	}
	for _, n := range e.Notes {
		if msg := checkPlace("a note", n.Path, n.Line, n.Col, n.Source, n.SourceCol, fsys, texts); msg != "" {
			return msg + ": " + n.String()
		}
	}
	return ""
}

func checkPlace(what, p string, line, col int, src string, srcCol int, fsys fstest.MapFS, texts map[string][]byte) string {
	if p == "" {
		return what + " with no path"
	}
	data, isFile := texts[p]
	if !isFile {
		// A folder that cannot be listed, or a file it names.
		name, ok := strings.CutPrefix(p, "content/")
		if !ok {
			return fmt.Sprintf("%s about %q, outside the dossier", what, p)
		}
		if _, err := fs.Stat(fsys, name); err != nil {
			return fmt.Sprintf("%s about %q, which the dossier does not have", what, p)
		}
		if line != 0 || col != 0 {
			return fmt.Sprintf("%s at %d:%d of %q, which is not a file", what, line, col, p)
		}
		return ""
	}
	if line == 0 {
		if col != 0 {
			return fmt.Sprintf("%s about the whole file, with column %d", what, col)
		}
		return ""
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	if line < 1 || line > len(lines) {
		return fmt.Sprintf("%s at line %d of a file of %d lines", what, line, len(lines))
	}
	l := lines[line-1]
	if n := utf8.RuneCountInString(l); col < 1 || col > n+1 {
		return fmt.Sprintf("%s at column %d of line %d, %q, of %d characters", what, col, line, l, n)
	}
	if src == "" || src == l && srcCol == 0 {
		return ""
	}
	// A long line is shown cut to a window around the column.
	if ex, c := diag.Excerpt(l, col); src != ex || srcCol != c {
		return fmt.Sprintf("%s shows %q (column %d) as line %d, which is %q", what, src, srcCol, line, l)
	}
	return ""
}
