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

// TestBuilder: a value built member by member is what the Encoder with
// SetIndent writes for it, empty objects and arrays and nulls included.
func TestBuilder(t *testing.T) {
	w := NewBuilder(0, true, "\t")
	w.Open('{')
	w.Key("a<b")
	w.Open('[')
	w.Elem()
	w.Int(-3)
	w.Elem()
	w.Open('{')
	w.Close('}')
	w.Elem()
	w.Open('[')
	w.Close(']')
	w.Elem()
	w.Null()
	w.Elem()
	w.Open('{')
	w.Key("x")
	w.String("\u2028&")
	w.Close('}')
	w.Close(']')
	w.Key("b")
	w.Open('[')
	w.Elem()
	w.String("")
	w.Close(']')
	w.Close('}')
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "\t")
	v := map[string]any{"a<b": []any{-3, map[string]any{}, []any{}, nil, map[string]any{"x": "\u2028&"}}, "b": []string{""}}
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if got := w.Bytes(); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("built\n%s\nwant\n%s", got, want.Bytes())
	}
}
