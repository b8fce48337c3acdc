package sentence

import (
	"strings"
	"testing"
)

func TestBounds(t *testing.T) {
	for _, tc := range []struct {
		text, passage, want string
	}{
		{"First one. The U.S. military said no. Last one.", "military", "The U.S. military said no."},
		{"Before. Vice President J. D. Vance said “No.” Then more.", "Vance", "Vice President J. D. Vance said “No.”"},
		{"Gen. Smith spoke. Mr. Jones left early.", "Jones", "Mr. Jones left early."},
		{"It was roughly 300,000 a year. and a lower-case word goes on.", "300,000", "It was roughly 300,000 a year. and a lower-case word goes on."},
		{"Read No. 5 again. Then stop.", "Read", "Read No. 5 again."},
		{"Line one\nline two with name\nline three", "name", "line two with name"},
		{"Did he? Yes! He did.", "Yes", "Yes!"},
	} {
		runes := []rune(tc.text)
		start := indexRunes(runes, []rune(tc.passage))
		if start < 0 {
			t.Fatalf("test setup: %q not in %q", tc.passage, tc.text)
		}
		lo, hi := Bounds(runes, start, start+len([]rune(tc.passage)), 200)
		if got := string(runes[lo:hi]); got != tc.want && got != tc.want+" " {
			t.Errorf("sentence of %q in %q = %q, want %q", tc.passage, tc.text, got, tc.want)
		}
	}
}

func TestBoundsLimit(t *testing.T) {
	runes := []rune("a b c d e f g h i j k l m n o p")
	lo, hi := Bounds(runes, 14, 15, 4) // "h", no sentence ends at all
	if lo != 10 || hi != 19 {
		t.Errorf("Bounds with limit 4 = [%d, %d), want [10, 19)", lo, hi)
	}
}

func indexRunes(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if string(s[i:i+len(sub)]) == string(sub) {
			return i
		}
	}
	return -1
}

func TestSnippet(t *testing.T) {
	// show writes parts as text, marked parts in [brackets].
	show := func(parts []Part) string {
		s := ""
		for _, p := range parts {
			if p.Mark {
				s += "[" + p.Text + "]"
			} else {
				s += p.Text
			}
		}
		return s
	}
	long := "one two three four five six seven Trump eight nine ten eleven twelve thirteen"
	for _, tc := range []struct {
		name, text string
		names      []string
		limit      int
		want       string
	}{
		{"a whole sentence", "Before. Then President Trump said no. After.", []string{"Trump"}, 200, "Then President [Trump] said no."},
		{"two mentions in one sentence", "Trump met Trump’s aides. Next.", []string{"Trump", "Trump"}, 200, "[Trump] met [Trump]’s aides."},
		// A limit of 12 cuts "five" and "ten" in the middle: the snippet
		// drops the partial words and says it was cut.
		{"cut at whole words", long, []string{"Trump"}, 12, "…six seven [Trump] eight nine…"},
		{"cut beside the name", "abcdefgh Trump ijklmnop", []string{"Trump"}, 3, "…[Trump]…"},
	} {
		runes := []rune(tc.text)
		var spans [][2]int
		from := 0
		for _, n := range tc.names {
			i := indexRunes(runes[from:], []rune(n)) + from
			spans = append(spans, [2]int{i, i + len([]rune(n))})
			from = i + len([]rune(n))
		}
		lo, _ := Bounds(runes, spans[0][0], spans[0][1], tc.limit)
		_, hi := Bounds(runes, spans[len(spans)-1][0], spans[len(spans)-1][1], tc.limit)
		parts, whole := Snippet(runes, lo, hi, spans)
		if got := show(parts); got != tc.want {
			t.Errorf("%s: snippet = %q, want %q", tc.name, got, tc.want)
		}
		if strings.ContainsAny(whole, "[]…") || !strings.Contains(tc.text, whole) {
			t.Errorf("%s: whole = %q, not a piece of the text", tc.name, whole)
		}
	}
}

// FuzzAroundString: AroundString, which skips the ASCII before the
// window without decoding it, gives what decoding every code point gave
// (aroundByRunes).
func FuzzAroundString(f *testing.F) {
	for _, s := range []string{
		"", "One. Two three. Four.", "Plain ASCII text. Then “curly” quotes — and é. The end.",
		"ééé. ààà bbb. ccc", "A sentence\n\nAnother paragraph. Last one here.", "\xff bad. byte",
	} {
		f.Add(s, 0, 3, 5)
		f.Add(s, 4, 9, 2)
		f.Add(s, 10, 12, 40)
	}
	f.Fuzz(func(t *testing.T, text string, start, end, limit int) {
		if limit < 0 || limit > 1000 {
			return
		}
		got, gotOK := AroundString(text, start, end, limit)
		was, wasOK := aroundByRunes(text, start, end, limit)
		if gotOK != wasOK || got != was {
			t.Errorf("AroundString(%q, %d, %d, %d) = %#v, %v; decoding it all gave %#v, %v", text, start, end, limit, got, gotOK, was, wasOK)
		}
	})
}

// aroundByRunes is AroundString as it was, finding the window by
// decoding every code point before it.
func aroundByRunes(text string, start, end, limit int) (Context, bool) {
	if start < 0 || start > end {
		return Context{}, false
	}
	const pad = 16
	wlo, whi := max(0, start-limit-pad), end+limit+pad
	b0, b1, n := -1, len(text), 0
	for i := range text {
		if n == wlo {
			b0 = i
		}
		if n == whi {
			b1 = i
			break
		}
		n++
	}
	if b0 < 0 {
		return Context{}, false
	}
	return Around([]rune(text[b0:b1]), start-wlo, end-wlo, limit)
}
