package diag

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFormatNotes(t *testing.T) {
	l := List{{
		Path: "content/entities/trump-organization.md", Line: 4, Col: 11,
		Msg:    `"Trump" is already a name of entity "donald-trump"`,
		Source: "aliases: [Trump]",
		Notes: []Note{{
			Path: "content/entities/donald-trump.md", Line: 4, Col: 11,
			Msg: `"donald-trump" has it here`, Source: "aliases:\t[Trump, the president]",
		}, {
			Path: "content/entities/other.md", Msg: "a note about a whole file",
		}},
	}}
	want := `content/entities/trump-organization.md:4:11: "Trump" is already a name of entity "donald-trump"
    aliases: [Trump]
              ^
  content/entities/donald-trump.md:4:11: note: "donald-trump" has it here
      aliases: [Trump, the president]
                ^
  content/entities/other.md: note: a note about a whole file
`
	if got := l.Format(); got != want {
		t.Errorf("Format:\n%s\nwant:\n%s", got, want)
	}
}

// TestSortKeepsNotes checks that errors differing only in their notes are
// both kept, and exact duplicates, notes and all, dropped.
func TestSortKeepsNotes(t *testing.T) {
	a := Error{Path: "a.md", Line: 1, Col: 1, Msg: "m", Notes: []Note{{Path: "b.md", Line: 2, Col: 1, Msg: "n"}}}
	b := a
	b.Notes = []Note{{Path: "c.md", Line: 2, Col: 1, Msg: "n"}}
	l := List{a, b, a}.Sort()
	if len(l) != 2 {
		t.Fatalf("Sort kept %d errors, want 2: %v", len(l), l)
	}
	if l[0].Notes[0].Path == l[1].Notes[0].Path {
		t.Errorf("Sort dropped the error with other notes: %v", l)
	}
}

// TestExcerpt checks that a long line is cut to a window around the column
// at its start, middle and end, with "…" on each side that was cut and the
// caret column pointing at the same character.
func TestExcerpt(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 200_000; i++ {
		fmt.Fprintf(&b, "w%d ", i)
	}
	long := b.String()
	runes := []rune(long)
	for _, tc := range []struct {
		name      string
		line      string
		col       int
		pre, post bool // "…" expected before, after
	}{
		{"start", long, 1, false, true},
		{"near start", long, 30, false, true},
		{"middle", long, len(runes) / 2, true, true},
		{"end", long, len(runes), true, false},
		{"past end", long, len(runes) + 1, true, false},
		{"col 0", long, 0, false, true},
	} {
		ex, caret := Excerpt(tc.line, tc.col)
		if w := pad(ex, len([]rune(ex))); w > Width {
			t.Errorf("%s: excerpt is %d cells wide, want at most %d", tc.name, w, Width)
		}
		if got := strings.HasPrefix(ex, "…"); got != tc.pre {
			t.Errorf("%s: starts with …: %v, want %v (%q)", tc.name, got, tc.pre, ex)
		}
		if got := strings.HasSuffix(ex, "…"); got != tc.post {
			t.Errorf("%s: ends with …: %v, want %v (%q)", tc.name, got, tc.post, ex)
		}
		exr := []rune(ex)
		col := max(tc.col, 1)
		switch {
		case col > len(runes):
			if caret != len(exr)+1 {
				t.Errorf("%s: caret %d, want just past the end (%d)", tc.name, caret, len(exr)+1)
			}
		case exr[caret-1] != runes[col-1]:
			t.Errorf("%s: caret at %q, want %q", tc.name, exr[caret-1], runes[col-1])
		default:
			// The characters around the caret are the line's own.
			lo := max(caret-1-10, 0)
			if tc.pre {
				lo = max(lo, 1)
			}
			want := string(runes[col-1-(caret-1-lo) : col])
			if got := string(exr[lo:caret]); got != want {
				t.Errorf("%s: text before the caret %q, want %q", tc.name, got, want)
			}
		}
	}
	if ex, caret := Excerpt("short line", 7); ex != "short line" || caret != 7 {
		t.Errorf("a short line: %q, %d", ex, caret)
	}
}

// TestExcerptWide checks lines of wide characters: cut by the cells they
// take, and the caret under the right one in Format.
func TestExcerptWide(t *testing.T) {
	line := strings.Repeat("東京都", 100) + "X" + strings.Repeat("大阪府", 100)
	col := 301 // the X
	ex, caret := Excerpt(line, col)
	if w := pad(ex, len([]rune(ex))); w > Width || w < Width-4 {
		t.Errorf("excerpt is %d cells wide, want about %d: %q", w, Width, ex)
	}
	if r := []rune(ex)[caret-1]; r != 'X' {
		t.Errorf("caret at %q, want X", r)
	}
	got := List{{Path: "a.md", Line: 1, Col: col, Msg: "m", Source: line}}.Sort().Format()
	lines := strings.Split(got, "\n")
	shown, mark := lines[1], lines[2]
	// The caret's cell is the X's cell: count cells in both lines.
	xCell := pad(shown, utf8.RuneCountInString(shown[:strings.Index(shown, "X")]))
	if cell := len(mark) - 1; cell != xCell || !strings.HasSuffix(mark, "^") {
		t.Errorf("caret in cell %d, X in cell %d:\n%s", cell, xCell, got)
	}

	// A short line with wide characters and a combining mark is not cut,
	// and the caret counts two cells for each wide character.
	l := List{{Path: "a.md", Line: 1, Col: 6, Msg: "m", Source: "名前: e\u0301x"}}
	want := "a.md:1:6: m\n    名前: e\u0301x\n           ^\n"
	if got := l.Format(); got != want {
		t.Errorf("Format:\n%s\nwant:\n%s", got, want)
	}
}

// TestSortCutsSource checks that Sort cuts long lines of errors and notes
// once, for every printer, that Format and JSON then show the cut line
// with the caret in place, and that a note shared with another list is
// not changed under it.
func TestSortCutsSource(t *testing.T) {
	line := strings.Repeat("a", 100_000) + "B" + strings.Repeat("c", 100_000)
	notes := []Note{{Path: "b.md", Line: 1, Col: 100_001, Msg: "n", Source: line}}
	l := List{{Path: "a.md", Line: 1, Col: 100_001, Msg: "m", Source: line, Notes: notes}}.Sort()
	e := l[0]
	if len(e.Source) > 3*Width || e.SourceCol == 0 || []rune(e.Source)[e.SourceCol-1] != 'B' {
		t.Fatalf("Sort left Source %d bytes, SourceCol %d", len(e.Source), e.SourceCol)
	}
	if n := e.Notes[0]; len(n.Source) > 3*Width || []rune(n.Source)[n.SourceCol-1] != 'B' {
		t.Errorf("Sort left the note's Source %d bytes, SourceCol %d", len(n.Source), n.SourceCol)
	}
	if notes[0].Source != line {
		t.Error("Sort changed a note shared with the caller")
	}
	again := append(List(nil), l...).Sort()
	if again[0].Source != e.Source || again[0].SourceCol != e.SourceCol {
		t.Error("a second Sort cut the line again")
	}
	out := l.Format()
	if len(out) > 1000 {
		t.Errorf("Format wrote %d bytes", len(out))
	}
	lines := strings.Split(out, "\n")
	if i := strings.Index(lines[1], "B"); i < 0 || len(lines[2]) != utf8.RuneCountInString(lines[1][:i])+1 {
		t.Errorf("caret not under B:\n%s", out)
	}
	// JSON of a note never carries the whole line, sorted or not.
	for _, n := range []Note{notes[0], e.Notes[0]} {
		j, err := json.Marshal(n)
		if err != nil || len(j) > 1000 || !strings.Contains(string(j), `"sourceCol":`) {
			t.Errorf("note JSON: %d bytes, %v: %.200s", len(j), err, j)
		}
	}
	if j, _ := json.Marshal(Note{Path: "a.md", Line: 1, Col: 1, Msg: "m", Source: "short"}); strings.Contains(string(j), "sourceCol") {
		t.Errorf("a short line's note has a sourceCol: %s", j)
	}
}
