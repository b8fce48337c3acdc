package jsonindent

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAppendString: AppendString writes what encoding/json writes for
// strings of every kind of byte and code point it escapes.
func TestAppendString(t *testing.T) {
	pieces := []string{"a", "Z9 ", "\"", "\\", "<", ">", "&", "\b", "\f", "\n", "\r", "\t", "\x00", "\x1f", "\x7f",
		"é", "—", "\u2028", "\u2029", "\xff", "\xe2\x80", "😀", "+", "'", "/"}
	r := rand.New(rand.NewPCG(3, 4))
	cases := append([]string{""}, pieces...)
	for range 3000 {
		var b strings.Builder
		for range r.IntN(20) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		for _, html := range []bool{true, false} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			got := AppendString([]byte("x"), s, html)
			if string(got) != "x"+strings.TrimSuffix(want.String(), "\n") {
				t.Fatalf("AppendString(%q, %v) = %s; want %s", s, html, got[1:], want.Bytes())
			}
		}
	}
}
