package content

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"dossier/internal/diag"

	"golang.org/x/tools/txtar"
)

// fuzzPaths are where FuzzRead puts the file, by kind.
var fuzzPaths = []string{"sources/s.md", "claims/c.md", "entities/e.md", "dossier.yaml", "index.md"}

// FuzzRead reads one file's bytes, as a source, a claim, an entity,
// dossier.yaml or index.md (kind modulo 5), through the reader.
//
// Invariants: no panic; every error is about that file; an error about a
// position has a line within the file (after a byte order mark and CRLF
// line ends are taken out) and a column from 1 to one past the line's end,
// and shows that line; an error about the whole file has no column; a note
// obeys the same rules; a file read without errors gives its value (a
// source, claim or entity whose body is the text after the front matter);
// and reading is deterministic.
func FuzzRead(f *testing.F) {
	// Every content file of the site's golden tests.
	archives, _ := filepath.Glob("../site/testdata/*.txtar")
	for _, name := range archives {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			p, ok := strings.CutPrefix(file.Name, "content/")
			if !ok {
				continue
			}
			for k, fp := range fuzzPaths {
				if p == fp || (strings.HasSuffix(fp, ".md") && filepath.Dir(p) == filepath.Dir(fp) && strings.HasSuffix(p, ".md")) {
					f.Add(uint8(k), file.Data)
				}
			}
		}
	}
	// And those of the unit tests.
	f.Add(uint8(1), []byte("\uFEFF---\r\ntitle: T\r\nverdict: nope\r\nquotes:\r\n  - source: s\r\n    text: x\r\n---\r\nBody\r\n"))
	f.Add(uint8(0), []byte("---\ntitle: Bad\n---\nok line\nbad \xff byte\n"))
	f.Add(uint8(0), []byte("not front matter"))
	f.Add(uint8(0), []byte("---\ntitle: A\n---\nText a.\n"))
	f.Add(uint8(1), []byte("---\ntitle: C\nquotes:\n  - source: a\n    text: Text a\n---\n"))
	f.Add(uint8(1), []byte("---\ntitle: C\nquotes: &q\n  - source: a\n    text: *q\n---\n"))
	f.Add(uint8(1), []byte("---\ntitle: x\rverdict: nope\n---\n"))
	f.Add(uint8(3), []byte("title: T\nfigures:\n  tolerance: 1.5\nbaseURL: ftp://x\n"))
	f.Add(uint8(2), []byte("---\nname: N\naliases: [a, [b], c]\nkind: thing\n---"))
	f.Add(uint8(4), []byte("---"))
	f.Add(uint8(1), []byte("---")) // crashed the reader (TestFrontMatterDashesOnly)
	f.Add(uint8(3), []byte("---")) // an error past the end (TestSettingsDashesOnly)
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		name := fuzzPaths[int(kind)%len(fuzzPaths)]
		fsys := fstest.MapFS{name: {Data: data}}
		d, errs := Read(fsys, "content")
		path := "content/" + name
		checkErrors(t, errs, map[string][]byte{path: data})

		if _, again := Read(fsys, "content"); !reflect.DeepEqual(errs, again) {
			t.Fatalf("%s: two reads gave different errors:\n%v\n%v", path, errs, again)
		}

		var file *File
		switch {
		case len(d.Sources) > 0:
			file = d.Sources[0].File
		case len(d.Claims) > 0:
			file = d.Claims[0].File
			for _, q := range d.Claims[0].Quotes {
				if q == nil {
					t.Fatalf("%s: a nil quote", path)
				}
				if g := q.Figure; g != nil && g.Value == nil && g.Min == nil && g.Max == nil {
					t.Fatalf("%s: a figure with neither value nor bound: %+v", path, g)
				}
			}
		case len(d.Entities) > 0:
			file = d.Entities[0].File
		case d.Intro != nil:
			file = d.Intro
		}
		if len(errs) == 0 && name != "dossier.yaml" && file == nil {
			t.Fatalf("%s: read without errors, but no value", path)
		}
		if file != nil {
			if file.BodyOffset < 0 || file.BodyOffset > len(file.Text) || file.Text[file.BodyOffset:] != file.Body {
				t.Fatalf("%s: body at %d is %q, not the rest of %q", path, file.BodyOffset, file.Body, file.Text)
			}
		}
	})
}

// checkErrors checks the positions of errs against files, by the path
// errors name them with (their raw bytes).
func checkErrors(t *testing.T, errs diag.List, files map[string][]byte) {
	t.Helper()
	check := func(what, path string, line, col int, src string, srcCol int) error {
		data, ok := files[path]
		if !ok {
			return fmt.Errorf("%s about %q, which is not a file of the dossier", what, path)
		}
		if line == 0 {
			if col != 0 {
				return fmt.Errorf("%s about the whole file has column %d", what, col)
			}
			return nil
		}
		text := strings.TrimPrefix(string(data), "\uFEFF")
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n") // a line end to YAML, Markdown and editors
		lines := strings.Split(text, "\n")
		if line < 1 || line > len(lines) {
			return fmt.Errorf("%s at line %d; the file has %d", what, line, len(lines))
		}
		l := lines[line-1]
		if col < 1 || col > utf8.RuneCountInString(l)+1 {
			return fmt.Errorf("%s at column %d of line %d, %q (%d characters)", what, col, line, l, utf8.RuneCountInString(l))
		}
		if src == "" || src == l && srcCol == 0 {
			return nil
		}
		// A long line is shown cut to a window around the column.
		if ex, c := diag.Excerpt(l, col); src != ex || srcCol != c {
			return fmt.Errorf("%s shows %q (column %d) as line %d, which is %q", what, src, srcCol, line, l)
		}
		return nil
	}
	for _, e := range errs {
		if err := check("an error", e.Path, e.Line, e.Col, e.Source, e.SourceCol); err != nil {
			t.Fatalf("%v\n%s\n%s", err, e.Error(), dump(files))
		}
		for _, n := range e.Notes {
			if err := check("a note", n.Path, n.Line, n.Col, n.Source, n.SourceCol); err != nil {
				t.Fatalf("%v\n%s\n%s\n%s", err, e.Error(), n.String(), dump(files))
			}
		}
	}
}

func dump(files map[string][]byte) string {
	var b strings.Builder
	for p, d := range files {
		fmt.Fprintf(&b, "-- %s --\n%q\n", p, d)
	}
	return b.String()
}

// TestFrontMatterDashesOnly: a file of "---" alone, no line end after it,
// crashed the reader (found by FuzzRead). Its front matter is not closed.
func TestFrontMatterDashesOnly(t *testing.T) {
	for _, name := range []string{"sources/s.md", "claims/c.md", "entities/e.md"} {
		_, errs := Read(fstest.MapFS{name: {Data: []byte("---")}}, "content")
		want := "content/" + name + `:1:1: front matter is not closed: add a line "---" after its last field`
		if len(errs) != 1 || errs[0].Error() != want {
			t.Errorf("%s of \"---\": errors %v, want %s", name, errs, want)
		}
	}
}

// TestLoneCRLineEnds: YAML and Markdown take a lone CR (old Mac line
// ends) as a line end, so the reader does too, or an error's line and the
// text shown under it would not be the line YAML meant (found by FuzzRead).
func TestLoneCRLineEnds(t *testing.T) {
	claim := "---\rtitle: T\rverdict: nope\rquotes:\r  - source: s\r    text: x\r---\rBody\r"
	d, errs := Read(fstest.MapFS{"claims/c.md": {Data: []byte(claim)}}, "content")
	if len(errs) != 1 {
		t.Fatalf("errors: %v", errs)
	}
	if e := errs[0]; e.Line != 3 || e.Col != 10 || e.Source != "verdict: nope" {
		t.Errorf("error at %d:%d (%q), want 3:10 (\"verdict: nope\")", e.Line, e.Col, e.Source)
	}
	if got := d.Claims[0].File.Body; got != "Body\n" {
		t.Errorf("body = %q, want \"Body\\n\"", got)
	}
}

// TestSettingsDashesOnly: a dossier.yaml of a "---" line alone is empty,
// not an error about a line after the end of the file (found by FuzzRead).
func TestSettingsDashesOnly(t *testing.T) {
	for _, text := range []string{"---", "---\n", "--- # settings\n"} {
		d, errs := Read(fstest.MapFS{"dossier.yaml": {Data: []byte(text)}}, "content")
		if len(errs) != 0 || d.Settings.Tolerance != DefaultTolerance {
			t.Errorf("dossier.yaml %q: errors %v, tolerance %v", text, errs, d.Settings.Tolerance)
		}
	}
}

// TestYAMLErrorPastEnd: YAML may place a syntax error on the line after
// the last of a file with no line end at its end; the error is then on the
// last line, which the editor has (found by FuzzRead).
func TestYAMLErrorPastEnd(t *testing.T) {
	_, errs := Read(fstest.MapFS{"dossier.yaml": {Data: []byte("---\n&")}}, "content")
	if len(errs) != 1 || errs[0].Line != 2 || errs[0].Col != 1 || errs[0].Source != "&" {
		t.Errorf("errors %v, want one at 2:1 showing \"&\"", errs)
	}
}
