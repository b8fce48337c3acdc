package jsonindent

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"sort"
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
// SetIndent writes for it, empty objects and arrays and nulls included,
// whether built in memory or written out as it goes, in pieces of any
// size down to every element its own write.
func TestBuilder(t *testing.T) {
	build := func(w *Builder) {
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
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "\t")
	v := map[string]any{"a<b": []any{-3, map[string]any{}, []any{}, nil, map[string]any{"x": "\u2028&"}}, "b": append(append([]any{""}, floatsAny()...), true)}
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	w := NewBuilder(0, true, "\t")
	build(w)
	if got, err := w.Bytes(); err != nil || !bytes.Equal(got, want.Bytes()) {
		t.Errorf("built\n%s\nwant\n%s", got, want.Bytes())
	}
	for _, at := range []int{1, 7, 64, FlushSize} {
		got, writes := streamed(t, at, true, "\t", build)
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("written in pieces of %d bytes:\n%s\nwant\n%s", at, got, want.Bytes())
		}
		if at == 1 && writes < 20 {
			t.Errorf("written in pieces of %d bytes: %d writes, want one an element", at, writes)
		}
	}
}

// streamed builds with a Builder made by NewWriter that writes once it
// holds flushAt bytes, and returns what it wrote and in how many writes.
func streamed(t *testing.T, flushAt int, escapeHTML bool, indent string, build func(*Builder)) ([]byte, int) {
	t.Helper()
	var out countingWriter
	w := NewWriter(&out, escapeHTML, indent)
	w.flushAt = flushAt
	build(w)
	if err := w.Finish(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Bytes(); err == nil {
		t.Error("Bytes on a Builder that writes to a writer: no error")
	}
	return out.Bytes(), out.writes
}

type countingWriter struct {
	bytes.Buffer
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// TestBuilderValues: any JSON value, written by a Builder (members in
// the order encoding/json sorts them), is what the Encoder writes, in
// memory and in pieces of any size.
func TestBuilderValues(t *testing.T) {
	docs := []string{
		`{"a":[1,{"b":"c\"d\\"}],"e":{},"f":[],"g":null,"h":[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]}`,
		`[[],[{}],"",true,false,-0.5e+10,"<&>\u2028"]`,
		`{"x":{"y":[true,false,null,1e-7,123456789]},"z":"é\u0000"}`,
		`"alone"`, `[]`, `{}`, `null`,
	}
	for _, doc := range docs {
		var v any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatal(err)
		}
		for _, indent := range []string{"  ", "\t"} {
			for _, html := range []bool{true, false} {
				var want bytes.Buffer
				enc := json.NewEncoder(&want)
				enc.SetEscapeHTML(html)
				enc.SetIndent("", indent)
				if err := enc.Encode(v); err != nil {
					t.Fatal(err)
				}
				build := func(w *Builder) { buildValue(w, v) }
				w := NewBuilder(0, html, indent)
				build(w)
				if got, err := w.Bytes(); err != nil || !bytes.Equal(got, want.Bytes()) {
					t.Errorf("%s: built\n%s\nwant\n%s", doc, got, want.Bytes())
				}
				for _, at := range []int{1, 2, 5, 33, FlushSize} {
					if got, _ := streamed(t, at, html, indent, build); !bytes.Equal(got, want.Bytes()) {
						t.Errorf("%s, in pieces of %d bytes: written\n%s\nwant\n%s", doc, at, got, want.Bytes())
					}
				}
			}
		}
	}
}

// buildValue writes a value decoded by encoding/json.
func buildValue(w *Builder, v any) {
	switch v := v.(type) {
	case nil:
		w.Null()
	case bool:
		w.Bool(v)
	case float64:
		w.Float(v)
	case string:
		w.String(v)
	case []any:
		w.Open('[')
		for _, x := range v {
			w.Elem()
			buildValue(w, x)
		}
		w.Close(']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		w.Open('{')
		for _, k := range keys {
			w.Key(k)
			buildValue(w, v[k])
		}
		w.Close('}')
	}
}

// TestBuilderWriteError: the first error of the writer is Finish's, and
// nothing is written after it.
func TestBuilderWriteError(t *testing.T) {
	failing := &failingWriter{after: 3}
	w := NewWriter(failing, false, " ")
	w.flushAt = 1
	w.Open('[')
	for i := range 10 {
		w.Elem()
		w.Int(i)
	}
	w.Close(']')
	if err := w.Finish(); !errors.Is(err, errDiskFull) {
		t.Errorf("Finish: %v, want %v", err, errDiskFull)
	}
	if failing.writes != 4 {
		t.Errorf("%d writes, want 4: none after the failed one", failing.writes)
	}
	// A writer that fails on the last write only.
	failing = &failingWriter{after: 0}
	w = NewWriter(failing, false, " ")
	w.Open('{')
	w.Close('}')
	if err := w.Finish(); !errors.Is(err, errDiskFull) {
		t.Errorf("Finish of a small value: %v, want %v", err, errDiskFull)
	}
}

var errDiskFull = errors.New("disk full")

type failingWriter struct {
	after, writes int // fails from write after+1 on
}

func (w *failingWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes > w.after {
		return 0, errDiskFull
	}
	return len(p), nil
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
	// Written out, the error is Finish's, and what follows it is not
	// written.
	var out bytes.Buffer
	w = NewWriter(&out, false, " ")
	w.flushAt = 1
	w.Open('[')
	w.Elem()
	w.Int(1)
	w.Elem()
	w.Float(math.NaN())
	w.Elem()
	w.Int(2)
	w.Close(']')
	if err := w.Finish(); err == nil {
		t.Error("no error for NaN")
	}
	if strings.Contains(out.String(), "2") {
		t.Errorf("written after the NaN: %q", out.String())
	}
}
