package jsonindent

import (
	"bytes"
	"encoding/json"
	"math"
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
	// Each byte that needs a look, at each place of two runs of eight.
	for c := 0; c < 256; c++ {
		for at := range 17 {
			b := []byte("abcdefghijklmnopq")
			b[at] = byte(c)
			cases = append(cases, string(b), string(b[:at+1]))
		}
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
	for _, f := range floats {
		w.Elem()
		w.Float(f)
	}
	w.Elem()
	w.Bool(true)
	w.Close(']')
	w.Close('}')
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "\t")
	v := map[string]any{"a<b": []any{-3, map[string]any{}, []any{}, nil, map[string]any{"x": "\u2028&"}}, "b": append(append([]any{""}, floatsAny()...), true)}
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if got, err := w.Bytes(); err != nil || !bytes.Equal(got, want.Bytes()) {
		t.Errorf("built\n%s\nwant\n%s", got, want.Bytes())
	}
}

var floats = []float64{0, math.Copysign(0, -1), 1, -1.5, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 1e20, 1e21, 1.23e21, 1e100, -2e-300, 300000, 0.1 + 0.2, 5e-324}

func floatsAny() []any {
	var out []any
	for _, f := range floats {
		out = append(out, f)
	}
	return out
}

// TestBuilderFloatError: a number JSON cannot hold is an error, as to
// encoding/json.
func TestBuilderFloatError(t *testing.T) {
	w := NewBuilder(0, false, " ")
	w.Float(math.Inf(1))
	if _, err := w.Bytes(); err == nil {
		t.Error("no error for +Inf")
	}
}
