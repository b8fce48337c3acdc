package coverage

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// TestGolden runs Source on the text section of every testdata/*.txtar
// and compares what it finds with the want section. In the text, ⟦ and ⟧
// mark the quoted ranges and are not part of the text. The want section
// lists each checkable sentence, "gap" or "covered", its kinds and its
// text, then the counts.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var in, want *txtar.File
			for i := range ar.Files {
				switch ar.Files[i].Name {
				case "text":
					in = &ar.Files[i]
				case "want":
					want = &ar.Files[i]
				}
			}
			if in == nil || want == nil {
				t.Fatal("want sections text and want")
			}
			plain, quoted := unmark(string(in.Data))
			got := describe(plain, quoted)
			if *update {
				want.Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != string(want.Data) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want.Data)
			}
		})
	}
}

// unmark removes the ⟦ ⟧ marks from s, returning the quoted ranges they
// marked in code points of the text left.
func unmark(s string) (string, [][2]int) {
	var b strings.Builder
	var quoted [][2]int
	n, open := 0, -1
	for _, r := range strings.TrimSuffix(s, "\n") {
		switch r {
		case '⟦':
			open = n
		case '⟧':
			quoted = append(quoted, [2]int{open, n})
		default:
			b.WriteRune(r)
			n++
		}
	}
	return b.String(), quoted
}

// describe lists every checkable sentence of plain.
func describe(plain string, quoted [][2]int) string {
	var b strings.Builder
	r := Source(plain, quoted)
	all := Source(plain, nil) // every checkable sentence is a gap here
	gaps := map[int]bool{}
	for _, g := range r.Gaps {
		gaps[g.Start] = true
	}
	for _, g := range all.Gaps {
		state := "covered"
		if gaps[g.Start] {
			state = "gap"
		}
		var ks []string
		for _, k := range g.Kinds {
			ks = append(ks, string(k))
		}
		fmt.Fprintf(&b, "%-7s %s: %s\n", state, strings.Join(ks, ","), g.Sentence)
	}
	fmt.Fprintf(&b, "%d of %d covered\n", r.Covered, r.Checkable)
	return b.String()
}

func TestGapOffsets(t *testing.T) {
	plain := "Nothing here.\n\nIt cost $5\nbillion in May. That was all."
	r := Source(plain, nil)
	if len(r.Gaps) != 1 {
		t.Fatalf("gaps = %+v, want one: a soft line break does not end a sentence", r.Gaps)
	}
	g := r.Gaps[0]
	if got := string([]rune(plain)[g.Start:g.End]); got != "It cost $5\nbillion in May." {
		t.Errorf("gap spans %q", got)
	}
	if g.Sentence != "It cost $5 billion in May." {
		t.Errorf("sentence = %q", g.Sentence)
	}
}

func TestShare(t *testing.T) {
	if s := (Result{}).Share(); s != 1 {
		t.Errorf("share of nothing checkable = %v, want 1", s)
	}
	if s := (Result{Checkable: 4, Covered: 1}).Share(); s != 0.25 {
		t.Errorf("share = %v", s)
	}
	// An empty quote range covers nothing; one character of overlap does.
	plain := "It rose by 40%. Then it fell 10%."
	if r := Source(plain, [][2]int{{3, 3}}); r.Covered != 0 {
		t.Errorf("empty range covered %d", r.Covered)
	}
	if r := Source(plain, [][2]int{{14, 17}}); r.Covered != 2 {
		t.Errorf("a range across two sentences covered %d, want 2", r.Covered)
	}
}
