package jsonindent

import (
	"bytes"
	"encoding/json"
	"testing"
)

// encoderIndent is what Encode must write: encoding/json's own.
func encoderIndent(t testing.TB, v any, escapeHTML bool, indent string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestEncode(t *testing.T) {
	type inner struct {
		A string            `json:"a"`
		B []int             `json:"b"`
		C map[string]any    `json:"c"`
		D *inner            `json:"d,omitempty"`
		E []string          `json:"e"`
		F map[string]string `json:"f"`
		G float64           `json:"g"`
	}
	values := []any{
		nil, true, 0, -1.5e-300, "", `a "quoted" \ back\slash`, "<b>&amp;</b> \u2028 \x00 é",
		[]any{}, map[string]any{}, []any{[]any{}, map[string]any{}, []any{1, []any{2}}},
		inner{A: `{"not": [json]}`, B: []int{}, C: map[string]any{"k": []any{}, "l": map[string]any{"m": nil}}, E: nil,
			D: &inner{A: "\\\"", B: []int{1, 2, 3}, F: map[string]string{`":,{}[]`: `\`}}},
		[]inner{{}, {A: "x"}},
	}
	for _, v := range values {
		for _, esc := range []bool{true, false} {
			for _, indent := range []string{"  ", "\t", ""} {
				got, err := Encode(v, esc, indent)
				if err != nil {
					t.Fatal(err)
				}
				if want := encoderIndent(t, v, esc, indent); !bytes.Equal(got, want) {
					t.Errorf("%#v (escape %v, indent %q):\n got %q\nwant %q", v, esc, indent, got, want)
				}
			}
		}
	}
}

// FuzzAppend: any JSON value, made compact by encoding/json, is indented
// as json.Indent indents it.
func FuzzAppend(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":"c\"d\\"}],"e":{}}`, `[[],[{}],""]`, `"\u003c"`, `{"x":{"y":[true,false,null,-0.5e+10]}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(s)); err != nil {
			return
		}
		compact.WriteByte('\n')
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := Append(nil, compact.Bytes(), "  "); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%q:\n got %q\nwant %q", s, got, want.Bytes())
		}
	})
}
