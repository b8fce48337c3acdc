package anchor

import (
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	text := NewText(article)
	tests := []struct {
		name     string
		exact    string
		want     string  // the passage of article expected as closest
		min, max float64 // bounds on the similarity
	}{
		{"one-letter typo", "roughly 300,000 U.S. deaths anually", "roughly 300,000 U.S. deaths annually", 0.97, 0.98},
		{"one wrong letter", "The CDC’s estinate", "The CDC’s estimate", 0.94, 0.95},
		{"missing word", "closer to 100,000 is a third", "closer to 100,000 — is a third", 0.92, 0.94},
		{"extra word", "a third of all that", "a third of that", 0.78, 0.79},
		{"straight quote typed with a typo", `"the figure is 100.000"`, `"the figure is 100,000"`, 0.95, 0.96},
		{"across a line break", "come form drugs", "come from\ndrugs", 0.86, 0.87},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := text.Find(Quote{Exact: tc.exact})
			if got.Found || len(got.Occurrences) > 0 {
				t.Fatalf("Find(%q) = %+v, want no occurrence", tc.exact, got)
			}
			c := got.Closest
			if want := at(t, article, tc.want); c.Span != want || c.Text != tc.want {
				t.Errorf("Closest = %v %q, want %v %q", c.Span, c.Text, want, tc.want)
			}
			if c.Similarity < tc.min || c.Similarity > tc.max {
				t.Errorf("Similarity = %.3f, want in [%v, %v]", c.Similarity, tc.min, tc.max)
			}
		})
	}
}

func TestClosestWrongSource(t *testing.T) {
	other := "Los mercados cayeron el lunes tras el anuncio de nuevos aranceles sobre el acero."
	c := NewText(article).Find(Quote{Exact: other}).Closest
	if c.Similarity > 0.5 {
		t.Errorf("a quote from another source: similarity %.2f (%q), want low", c.Similarity, c.Text)
	}
	if c.Text == "" || !strings.Contains(article, c.Text) {
		t.Errorf("Closest.Text = %q, want a passage of the text", c.Text)
	}
}

func TestClosestEdges(t *testing.T) {
	t.Run("empty text", func(t *testing.T) {
		got := NewText("").Find(Quote{Exact: "anything"})
		if got.Found || got.Closest != (Near{}) {
			t.Errorf("Find in empty text = %+v, want nothing", got)
		}
	})
	t.Run("nothing in common", func(t *testing.T) {
		c := NewText("xyz").Find(Quote{Exact: "abcdefgh"}).Closest
		if c.Similarity != 0 {
			t.Errorf("Similarity = %v, want clamped at 0", c.Similarity)
		}
	})
	t.Run("white space never starts or ends the passage", func(t *testing.T) {
		// "Xtwo" aligns with " two" (X for the space) as well as with
		// "two" (X dropped); either way the passage is "two".
		c := NewText("one\n\n two").Find(Quote{Exact: "Xtwo"}).Closest
		if c.Text != "two" || c.Span != (Span{6, 9}) {
			t.Errorf("Closest = %v %q, want {6 9} \"two\"", c.Span, c.Text)
		}
	})
}

func TestParting(t *testing.T) {
	tests := []struct {
		quote, text string
		q, t        int
	}{
		{"roughly 300,000 Americans a year", "roughly 300,000 U.S. residents a year.", 16, 16},
		{"deaths anually", "deaths annually", 9, 9},
		// What editors cannot see does not part them.
		{"  the CDC’s  estinate", "the CDC's\nestimate", 17, 14},
		{"closer to 100,000 is", "closer to 100,000 — is a third", 18, 18},
		{"100,000 deaths a year", "100,000 deaths", 14, 14},
		{"Roughly", "roughly", 0, 0},
		{"a b", "a b", 3, 3},
		{"", "abc", 0, 0},
	}
	for _, tc := range tests {
		q, p := Parting(tc.quote, tc.text)
		if q != tc.q || p != tc.t {
			t.Errorf("Parting(%q, %q) = %d, %d, want %d, %d", tc.quote, tc.text, q, p, tc.q, tc.t)
		}
	}
}
