package diag

import (
	"testing"
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
