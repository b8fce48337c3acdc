package content

import (
	"testing"
	"testing/fstest"
)

// TestTextPosAt checks that a character of a quote's text is placed where
// it stands in the claim file, however the value is written.
func TestTextPosAt(t *testing.T) {
	tests := []struct {
		name  string
		quote string // the quote's lines in the claim file, from "    text:"
		i     int    // a code point of the text
		line  int    // of the file, where the front matter's "---" is 1
		col   int
	}{
		{"plain", "    text: roughly 300,000 Americans a year", 16, 5, 27},
		{"the first character", "    text: roughly 300,000", 0, 5, 11},
		{"double quotes", `    text: "roughly 300,000 Americans"`, 16, 5, 28},
		{"an escaped quote", `    text: "he said \"300,000\" deaths"`, 19, 5, 33},
		{"single quotes with an apostrophe", `    text: 'the CDC''s count is lower'`, 14, 5, 27},
		{"across lines, plain", "    text: roughly 300,000\n      Americans a year", 16, 6, 7},
		{"across lines, quoted", "    text: \"roughly\n      300,000 deaths anually\"", 23, 6, 22},
		{"folded block", "    text: >\n      roughly 300,000\n      Americans a year", 16, 7, 7},
		{"just past the end", "    text: roughly", 7, 5, 18},
		{"not followed: an escape", `    text: "caf\u00e9 au lait"`, 6, 5, 11},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := "---\ntitle: A claim.\nquotes:\n  - source: article\n" + tc.quote + "\n---\n"
			d, errs := Read(fstest.MapFS{"claims/c.md": {Data: []byte(text)}}, "content")
			if len(d.Claims) != 1 || len(d.Claims[0].Quotes) != 1 {
				t.Fatalf("test setup: %v", errs)
			}
			c := d.Claims[0]
			got := c.Quotes[0].TextPosAt(c.File, tc.i)
			if got != (Pos{tc.line, tc.col}) {
				t.Errorf("TextPosAt(%d) of %q = %v, want %d:%d", tc.i, c.Quotes[0].Text, got, tc.line, tc.col)
			}
		})
	}
}
