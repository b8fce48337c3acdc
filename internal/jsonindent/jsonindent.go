// Package jsonindent writes JSON indented as encoding/json's Encoder with
// SetIndent writes it, byte for byte, in less time: the Encoder checks
// its own compact output with a general JSON scanner, byte by byte, which
// costs more than encoding on the large data files of a site
// (dossier.json, annotations.jsonld).
package jsonindent

import (
	"bytes"
	"encoding/json"
)

// Encode encodes v as json.Encoder does with SetEscapeHTML(escapeHTML)
// and SetIndent("", indent): indented, ending in a newline.
func Encode(v any, escapeHTML bool, indent string) ([]byte, error) {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if indent == "" {
		return compact.Bytes(), nil // as the Encoder: no indentation at all
	}
	return Append(make([]byte, 0, compact.Len()*2), compact.Bytes(), indent), nil
}

// Append appends src, valid compact JSON as encoding/json writes it (no
// white space outside strings but after the value), indented as
// json.Indent indents it with no prefix: one element or member a line,
// a space after each colon, empty objects and arrays as {} and [].
func Append(dst, src []byte, indent string) []byte {
	depth := 0
	needIndent := false // after { or [: a newline, unless it is empty
	inString := false
	newline := func(depth int) {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if inString {
			// The run up to the next quote or backslash, as it is.
			j := i
			for j < len(src) && src[j] != '"' && src[j] != '\\' {
				j++
			}
			dst = append(dst, src[i:j]...)
			switch {
			case j == len(src):
				i = j
			case src[j] == '\\':
				// A backslash and the byte it escapes, even a quote.
				dst = append(dst, src[j:min(j+2, len(src))]...)
				i = j + 1
			default:
				dst = append(dst, '"')
				inString = false
				i = j
			}
			continue
		}
		if needIndent && c != '}' && c != ']' {
			needIndent = false
			depth++
			newline(depth)
		}
		switch c {
		case '"':
			inString = true
			dst = append(dst, c)
		case '{', '[':
			needIndent = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline(depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if needIndent {
				needIndent = false
			} else {
				depth--
				newline(depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
