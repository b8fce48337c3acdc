package render

import (
	"strconv"
	"strings"
)

// The escaping html/template applies, for pages written in Go (the
// compiled claim page): the same bytes out for the same strings in, so
// that a page written either way is identical. They follow the standard
// library's escapers (html/template's html.go and url.go), which are
// unexported; the claim page's equivalence test holds them to it.

// pageWriter writes a page, escaping as html/template does in each
// context.
type pageWriter struct{ *pageBuffer }

// raw writes template text or trusted HTML as it is.
func (w pageWriter) raw(s string) { w.WriteString(s) }

// text writes a string in HTML text or in a quoted attribute's value
// (htmlEscaper and attrEscaper, which share their table).
func (w pageWriter) text(s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		if !textEscaped[s[i]] {
			continue
		}
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.WriteString(s[written:i])
		w.WriteString(repl)
		written = i + 1
	}
	w.WriteString(s[written:])
}

// textEscaped marks the bytes that text replaces.
var textEscaped = [256]bool{0: true, '"': true, '&': true, '\'': true, '+': true, '<': true, '>': true}

// int writes a number as html/template prints one.
func (w pageWriter) int(n int) {
	var b [20]byte
	w.Write(strconv.AppendInt(b[:0], int64(n), 10))
}

// url writes a string that starts a URL attribute's value (href="{{.}}"):
// urlFilter, urlNormalizer, then attrEscaper.
func (w pageWriter) url(s string) {
	if !safeURL(s) {
		s = "#ZgotmplZ"
	}
	w.text(processURL(s, true))
}

// urlPart writes a string in a URL attribute after its query or fragment
// began (href="{{.}}#{{.Name}}"): urlEscaper, then attrEscaper.
func (w pageWriter) urlPart(s string) { w.text(processURL(s, false)) }

// safeURL is html/template's isSafeURL: a scheme, when there is one, is
// http, https or mailto.
func safeURL(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '/':
			return true
		case ':':
			p := s[:i]
			return strings.EqualFold(p, "http") || strings.EqualFold(p, "https") || strings.EqualFold(p, "mailto")
		}
	}
	return true
}

// processURL percent-encodes the bytes of s that a URL may not hold as
// they are (html/template's processURLOnto): with norm, the reserved
// characters and valid escapes stay, as in a whole URL; without it, only
// the unreserved ones, as in a part of one.
func processURL(s string, norm bool) string {
	kept := &urlKept[0]
	if norm {
		kept = &urlKept[1]
	}
	var b []byte
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if kept[c] {
			continue
		}
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		const hex = "0123456789abcdef"
		b = append(b, s[written:i]...)
		b = append(b, '%', hex[c>>4], hex[c&15])
		written = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[written:]...))
}

// urlKept marks the bytes that processURL keeps as they are, without
// ([0]) and with ([1]) norm; a '%' before two hex digits aside.
var urlKept = func() (t [2][256]bool) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		unreserved := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte("-._~", b) >= 0
		t[0][c] = unreserved
		t[1][c] = unreserved || strings.IndexByte("!#$&*+,/:;=?@[]", b) >= 0
	}
	return t
}()

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// link writes p.URL(folder, id) as url would write it, without making the
// string. Normalising it part by part is normalising it whole: the
// normaliser goes byte by byte, and no escape ("%41") spans two parts,
// each of which but the root starts after a "/". The URL needs no
// filter: it starts with the root ("", "../" or "/…/") and a folder, so
// a "/" comes before any ":".
func (w pageWriter) link(p *Page, folder, id string) {
	w.urlText(p.root)
	w.urlText(folder)
	w.raw("/")
	w.urlText(id)
	w.raw("/")
	w.urlText(p.links.index)
}

// quoteLink writes p.QuoteURL(q) as url would write it, as link does.
func (w pageWriter) quoteLink(p *Page, q *QuoteView) {
	w.link(p, "sources", q.Source.Slug)
	w.raw("#")
	w.urlText(q.Anchor)
}

// urlText writes part of a URL normalised and escaped, as url does.
func (w pageWriter) urlText(s string) { w.text(processURL(s, true)) }
