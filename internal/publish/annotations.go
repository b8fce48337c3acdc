package publish

import (
	"bytes"
	"io"
	"iter"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"dossier/internal/jsonindent"
	"dossier/internal/kind"
	"dossier/internal/model"
)

// contextChars is how many code points of the source's text around a
// passage its TextQuoteSelector gives as prefix and suffix.
const contextChars = 32

// motivations of annotations (W3C Web Annotation Vocabulary §3.3.5). A
// quote of a claim with a verdict is "assessing"; one without is
// "commenting", not "highlighting", because every annotation carries a body
// (the claim the passage makes) and tools show a commenting annotation's
// body where they may show a highlight bare.
const (
	motivationVerdict   = "assessing"
	motivationNoVerdict = "commenting"
)

type annoCollection struct {
	Context string    `json:"@context"`
	ID      string    `json:"id"`
	Type    string    `json:"type"`
	Label   string    `json:"label,omitempty"`
	Total   int       `json:"total"`
	First   *annoPage `json:"first,omitempty"`
	Last    string    `json:"last,omitempty"`
}

type annoPage struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	PartOf     string       `json:"partOf"`
	StartIndex int          `json:"startIndex"`
	Items      []annotation `json:"items"`
}

type annotation struct {
	ID         string     `json:"id"`
	Type       string     `json:"type"`
	Motivation string     `json:"motivation"`
	Creator    *annoAgent `json:"creator,omitempty"`
	Body       []annoBody `json:"body"`
	Target     annoTarget `json:"target"`
}

type annoAgent struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

// annoBody is a body of an annotation: an Embedded Textual Body (Type
// "TextualBody", with Value) or a Specific Resource (Type
// "SpecificResource", with Source). A link is a Specific Resource whose
// source is the linked page, never an External Web Resource: the model
// gives purpose only to Specific Resources and Textual Bodies (§3.3.5).
type annoBody struct {
	Type     string `json:"type"`
	Source   string `json:"source,omitempty"`
	Value    string `json:"value,omitempty"`
	Format   string `json:"format,omitempty"`
	Language string `json:"language,omitempty"`
	Purpose  string `json:"purpose,omitempty"`
}

type annoTarget struct {
	Source   string `json:"source"`
	Selector []any  `json:"selector"`
}

type textQuoteSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

type textPositionSelector struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Annotations writes annotations.jsonld: the dossier as a W3C Web
// Annotation collection, one annotation per quote, by claim and quote
// number, so that annotation tools can show the editors' claims on the
// original articles.
//
// An annotation's target is a Specific Resource: its source is the
// source's url when it has one, else its page on this site, else
// urn:dossier:source:<slug>; its selectors are a TextQuoteSelector (the
// passage, with up to 32 code points of the source's text before and after
// it) and a TextPositionSelector (code points of the source's plain text,
// which a copy of the original with other furniture may not share: tools
// should prefer the quote). Its bodies are the claim's title (a
// TextualBody, purpose "commenting"), the verdict's label (a TextualBody,
// purpose "assessing") when there is one, and, when there is a base URL, a
// link to the claim's page (a SpecificResource whose source is the page,
// purpose "linking").
//
// The output meets every MUST of the W3C Web Annotation Data Model that
// the W3C's test suite checks (see annotations_test.go): every IRI is an
// absolute URI (an IRI with other characters is percent-encoded), a
// language is given only when it is a language tag, and the items of the
// collection's one page take their @context from the collection.
func Annotations(s Site, d *model.Dossier) ([]byte, error) {
	var b bytes.Buffer
	if err := WriteAnnotations(&b, s, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteAnnotations writes what Annotations returns to out, each
// annotation as it is made, in pieces of about jsonindent.FlushSize
// bytes: at 10,000 sources the file runs to some 90 MB, which is then
// never whole in memory, nor are its annotations. It returns the first
// error of out.
func WriteAnnotations(out io.Writer, s Site, d *model.Dossier) error {
	coll, items, err := collection(s, d)
	if err != nil {
		return err
	}
	w := jsonindent.NewWriter(out, true, "  ")
	writeAnnotations(w, coll, items)
	return w.Finish()
}

// annotations is the collection that Annotations writes, whole.
func annotations(s Site, d *model.Dossier) (annoCollection, error) {
	coll, items, err := collection(s, d)
	if err == nil && coll.First != nil {
		coll.First.Items = slices.Collect(items)
	}
	return coll, err
}

// collection is the collection that Annotations writes, but for the
// items of its page, which items makes one by one, in their order.
func collection(s Site, d *model.Dossier) (annoCollection, iter.Seq[annotation], error) {
	b, err := base(s)
	if err != nil {
		return annoCollection{}, nil, err
	}
	coll := annoCollection{
		Context: "http://www.w3.org/ns/anno.jsonld",
		ID:      "urn:dossier:annotations",
		Type:    "AnnotationCollection",
		Label:   s.Title,
	}
	if b != "" {
		coll.ID = toURI(b + "annotations.jsonld")
	}
	var creator *annoAgent
	if name := authorName(s); name != "" {
		creator = &annoAgent{Type: "Organization", Name: name}
	}
	lang := languageTag(s.Language)
	// The verdicts' labels are in the dossier's language, but for the
	// default scale's, which are English.
	verdictLang := lang
	if d.Settings.Verdicts == nil {
		verdictLang = "en"
	}
	for _, c := range d.Claims {
		for _, q := range c.Quotes {
			if anchored(q) {
				coll.Total++
			}
		}
	}
	if coll.Total == 0 {
		return coll, nil, nil
	}
	coll.First = &annoPage{ID: coll.ID + "#page-1", Type: "AnnotationPage", PartOf: coll.ID}
	coll.Last = coll.First.ID
	items := func(yield func(annotation) bool) {
		// Quotes are placed in code points; each source's text gets an
		// index of where its code points start, a few bytes per 64 of
		// them, rather than a copy as []rune, four bytes per code point.
		texts := make(map[*model.Source]*runeText)
		for _, c := range d.Claims {
			for _, q := range c.Quotes {
				if !anchored(q) {
					continue
				}
				text, ok := texts[q.Source]
				if !ok {
					text = newRuneText(q.Source.Plain)
					texts[q.Source] = text
				}
				if !yield(annotate(b, lang, verdictLang, creator, q, text)) {
					return
				}
			}
		}
	}
	return coll, items, nil
}

// writeAnnotations writes the collection as marshalJSON would, by hand
// (by reflection, encoding took longer than making it), the items of its
// page those of items (null when items is nil), not its own.
func writeAnnotations(w *jsonindent.Builder, coll annoCollection, items iter.Seq[annotation]) {
	str := func(k, v string, omitEmpty bool) {
		if v != "" || !omitEmpty {
			w.Key(k)
			w.String(v)
		}
	}
	w.Open('{')
	str("@context", coll.Context, false)
	str("id", coll.ID, false)
	str("type", coll.Type, false)
	str("label", coll.Label, true)
	w.Key("total")
	w.Int(coll.Total)
	if p := coll.First; p != nil {
		w.Key("first")
		w.Open('{')
		str("id", p.ID, false)
		str("type", p.Type, false)
		str("partOf", p.PartOf, false)
		w.Key("startIndex")
		w.Int(p.StartIndex)
		w.Key("items")
		if items == nil {
			w.Null()
		} else {
			w.Open('[')
			for a := range items {
				w.Elem()
				writeAnnotation(w, a, str)
			}
			w.Close(']')
		}
		w.Close('}')
	}
	str("last", coll.Last, true)
	w.Close('}')
}

func writeAnnotation(w *jsonindent.Builder, a annotation, str func(k, v string, omitEmpty bool)) {
	w.Open('{')
	str("id", a.ID, false)
	str("type", a.Type, false)
	str("motivation", a.Motivation, false)
	if a.Creator != nil {
		w.Key("creator")
		w.Open('{')
		str("type", a.Creator.Type, false)
		str("name", a.Creator.Name, false)
		w.Close('}')
	}
	w.Key("body")
	if a.Body == nil {
		w.Null()
	} else {
		writeBodies(w, a.Body, str)
	}
	w.Key("target")
	w.Open('{')
	str("source", a.Target.Source, false)
	w.Key("selector")
	if a.Target.Selector == nil {
		w.Null()
	} else {
		writeSelectors(w, a.Target.Selector, str)
	}
	w.Close('}')
	w.Close('}')
}

func writeBodies(w *jsonindent.Builder, bodies []annoBody, str func(k, v string, omitEmpty bool)) {
	w.Open('[')
	for _, b := range bodies {
		w.Elem()
		w.Open('{')
		str("type", b.Type, false)
		str("source", b.Source, true)
		str("value", b.Value, true)
		str("format", b.Format, true)
		str("language", b.Language, true)
		str("purpose", b.Purpose, true)
		w.Close('}')
	}
	w.Close(']')
}

func writeSelectors(w *jsonindent.Builder, selectors []any, str func(k, v string, omitEmpty bool)) {
	w.Open('[')
	for _, x := range selectors {
		w.Elem()
		w.Open('{')
		switch x := x.(type) {
		case textQuoteSelector:
			str("type", x.Type, false)
			str("exact", x.Exact, false)
			str("prefix", x.Prefix, true)
			str("suffix", x.Suffix, true)
		case textPositionSelector:
			str("type", x.Type, false)
			w.Key("start")
			w.Int(x.Start)
			w.Key("end")
			w.Int(x.End)
		}
		w.Close('}')
	}
	w.Close(']')
}

func annotate(b, lang, verdictLang string, creator *annoAgent, q *model.Quote, text *runeText) annotation {
	c := q.Claim
	a := annotation{
		ID:         "urn:dossier:" + q.Anchor(),
		Type:       "Annotation",
		Motivation: motivationNoVerdict,
		Creator:    creator,
		Body:       []annoBody{{Type: "TextualBody", Value: c.Title, Format: "text/plain", Language: lang, Purpose: "commenting"}},
	}
	if c.Verdict != nil {
		a.Motivation = motivationVerdict
		a.Body = append(a.Body, annoBody{Type: "TextualBody", Value: c.Verdict.Label, Format: "text/plain", Language: verdictLang, Purpose: "assessing"})
	}
	if b != "" {
		page := toURI(pageURL(b, kind.Claim, c.ID))
		a.ID = page + "#" + q.Anchor()
		a.Body = append(a.Body, annoBody{Type: "SpecificResource", Source: page, Purpose: "linking"})
	}
	src := q.Source
	switch {
	case src.URL != "":
		a.Target.Source = toURI(src.URL)
	case b != "":
		a.Target.Source = toURI(pageURL(b, kind.Source, src.Slug))
	default:
		a.Target.Source = "urn:dossier:source:" + src.Slug
	}
	start, end := clamp(q.Start, 0, text.n), clamp(q.End, 0, text.n)
	a.Target.Selector = []any{
		textQuoteSelector{
			Type:   "TextQuoteSelector",
			Exact:  q.Exact,
			Prefix: text.slice(max(0, start-contextChars), start),
			Suffix: text.slice(end, min(text.n, end+contextChars)),
		},
		textPositionSelector{Type: "TextPositionSelector", Start: q.Start, End: q.End},
	}
	return a
}

func clamp(x, lo, hi int) int { return max(lo, min(x, hi)) }

// runeText is a text sliced by code points. Where the text is not valid
// UTF-8 it is held as []rune, so that invalid bytes read as U+FFFD as a
// conversion to []rune reads them.
type runeText struct {
	s     string
	n     int     // code points
	every []int32 // byte offset of code point i*runeStep
	runes []rune  // the text, when it is not valid UTF-8
}

// runeStep is how many code points apart runeText notes byte offsets.
const runeStep = 64

func newRuneText(s string) *runeText {
	if !utf8.ValidString(s) {
		r := []rune(s)
		return &runeText{n: len(r), runes: r}
	}
	t := &runeText{s: s}
	for i := range s {
		if t.n%runeStep == 0 {
			t.every = append(t.every, int32(i))
		}
		t.n++
	}
	return t
}

// offset returns the byte offset of code point i, 0 <= i <= t.n.
func (t *runeText) offset(i int) int {
	if i >= t.n {
		return len(t.s)
	}
	off := int(t.every[i/runeStep])
	for k := i % runeStep; k > 0; k-- {
		_, size := utf8.DecodeRuneInString(t.s[off:])
		off += size
	}
	return off
}

// slice returns code points [from, to) of the text.
func (t *runeText) slice(from, to int) string {
	if t.runes != nil {
		return string(t.runes[from:to])
	}
	return t.s[t.offset(from):t.offset(to)]
}

// languageTagRE matches a BCP 47 language tag as the annotation model's
// test suite reads one: a primary language subtag of two or three letters,
// then subtags.
var languageTagRE = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{1,8})*$`)

// languageTag returns dossier.yaml's language as a language tag for a
// TextualBody (lowercase, as tags compare without regard to case), or ""
// when it is not one ("English"), so that no body says something wrong
// about its language.
func languageTag(s string) string {
	t := strings.ToLower(strings.TrimSpace(s))
	if !languageTagRE.MatchString(t) {
		return ""
	}
	return t
}

// toURI writes an IRI as a URI (RFC 3987 §3.1): every byte that a URI may
// not hold as it is, such as a space or the bytes of a letter beyond
// ASCII, is percent-encoded. A URI, and every "%XX" already in s, is left
// as it is.
func toURI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case uriByte(c):
			b.WriteByte(c)
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		default:
			b.WriteString("%" + strings.ToUpper(hex2(c)))
		}
	}
	return b.String()
}

// uriByte reports whether c may stand in a URI as it is (RFC 3986 §2:
// the unreserved and reserved characters).
func uriByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}
