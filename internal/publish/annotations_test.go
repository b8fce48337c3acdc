package publish

// The MUST assertions of the W3C Web Annotation Data Model test suite,
// ported from its JSON Schemas to Go, and checked against annotations.jsonld.
//
// The suite (github.com/w3c/web-annotation-tests, kept since in
// web-platform-tests/wpt under annotation-model/) runs each assertion, a
// JSON Schema, on one annotation, collection or page. Its MUST checks are
// listed by annotations/annotationMusts.test, bodiesTargets/bodyMusts.test,
// bodiesTargets/targetMusts.test, specificResource/specificResourceMusts.test,
// collections/collectionMusts.test and collections/pages/pageMusts.test;
// each check below names the assertion file it ports. The schemas' building
// blocks (definitions/*.json: what makes an object an External Web
// Resource, a Specific Resource, an Embedded Textual Body, a Choice or Set)
// are the detect* functions. Checks of features dossier never writes
// (state, refinedBy, SVG and range selectors, styleClass) are ported as far
// as telling an object that uses them wrongly.
//
// The annotations of annotations.jsonld are items of the collection's
// embedded page, so they take the collection's @context (JSON-LD passes a
// context down to embedded objects); the page's own MUSTs are checked the
// same way.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"dossier/internal/content"
	"dossier/internal/jsonindent"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

const annoContext = "http://www.w3.org/ns/anno.jsonld"

// violation is one failed MUST assertion.
type violation struct {
	assertion string // the suite's assertion file, e.g. "3.3.5-bodyEWRNoPurpose"
	where     string // which object, e.g. "items[3].body[2]"
	msg       string
}

func (v violation) String() string { return v.where + ": " + v.assertion + ": " + v.msg }

type checker struct{ out []violation }

func (c *checker) fail(assertion, where, format string, args ...any) {
	c.out = append(c.out, violation{assertion, where, fmt.Sprintf(format, args...)})
}

// decodeJSON parses JSON keeping numbers as json.Number, so that integers
// can be told from other numbers as JSON Schema does.
func decodeJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not a JSON object: %v", err)
	}
	return v
}

// --- JSON Schema formats and types (definitions/id.json and others) ---

var uriSchemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// isURI is JSON Schema's format "uri": an absolute URI (RFC 3986), a
// scheme followed by characters a URI may hold, or percent-encodings.
func isURI(v any) bool {
	s, ok := v.(string)
	if !ok || !uriSchemeRE.MatchString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case uriByte(c):
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			i += 2
		default:
			return false
		}
	}
	return true
}

// isDateTime is JSON Schema's format "date-time" (RFC 3339).
func isDateTime(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// isNonNegativeInteger is {"type": "integer", "minimum": 0}.
func isNonNegativeInteger(v any) bool {
	n, ok := v.(json.Number)
	if !ok || strings.ContainsAny(n.String(), ".eE") {
		return false
	}
	i, err := strconv.ParseInt(n.String(), 10, 64)
	return err == nil && i >= 0
}

func isString(v any) bool { _, ok := v.(string); return ok }

func asObject(v any) (map[string]any, bool) { o, ok := v.(map[string]any); return o, ok }

// single is a value given once: itself, or an array of exactly one item
// (the suite's "arraySingle..." and "...Singular" definitions).
func single(v any, ok func(any) bool) bool {
	if a, isArray := v.([]any); isArray {
		return len(a) == 1 && ok(a[0])
	}
	return ok(v)
}

// oneOrMore is a value, or a non-empty array of values, each ok.
func oneOrMore(v any, ok func(any) bool) bool {
	a, isArray := v.([]any)
	if !isArray {
		return ok(v)
	}
	if len(a) == 0 {
		return false
	}
	for _, x := range a {
		if !ok(x) {
			return false
		}
	}
	return true
}

// hasType reports whether an object's type is name, or an array holding it.
func hasType(o map[string]any, name string) bool {
	switch t := o["type"].(type) {
	case string:
		return t == name
	case []any:
		for _, x := range t {
			if x == name {
				return true
			}
		}
	}
	return false
}

// items returns a value as a list: an array's items, or the value alone.
func itemsOf(v any) []any {
	if a, ok := v.([]any); ok {
		return a
	}
	return []any{v}
}

// --- detection (definitions/bodyTarget.json, specificResource.json, choiceSet.json) ---

// motivations are the model's motivations and purposes (§3.3.5;
// definitions/annotations.json#/definitions/motivationList).
var motivations = map[string]bool{"assessing": true, "bookmarking": true, "classifying": true, "commenting": true,
	"describing": true, "editing": true, "highlighting": true, "identifying": true, "linking": true,
	"moderating": true, "questioning": true, "replying": true, "tagging": true}

func isMotivation(v any) bool { s, ok := v.(string); return ok && motivations[s] }

// detectEWR is externalWebResourceDetected: an object with an id of
// format uri and none of value, source, target.
func detectEWR(v any) bool {
	o, ok := asObject(v)
	if !ok || !isURI(o["id"]) {
		return false
	}
	_, value := o["value"]
	_, source := o["source"]
	_, target := o["target"]
	return !value && !source && !target
}

// detectTextualBody is textualBodyFound: an object whose value is a string.
func detectTextualBody(v any) bool {
	o, ok := asObject(v)
	return ok && isString(o["value"])
}

// detectSpecificResource is specificeResourceDetected: one source (a URI
// or an External Web Resource) and at least one of a recognised purpose,
// a selector, state, styleClass, renderedVia or scope.
func detectSpecificResource(v any) bool {
	o, ok := asObject(v)
	if !ok {
		return false
	}
	src, has := o["source"]
	if !has || !(isURI(src) || detectEWR(src)) {
		return false
	}
	if p, has := o["purpose"]; has && oneOrMore(p, isMotivation) {
		return true
	}
	for _, k := range []string{"selector", "state", "styleClass", "renderedVia", "scope"} {
		if _, has := o[k]; has {
			return true
		}
	}
	return false
}

// detectChoiceSet is choiceDetected, compositeDetected,
// independentsDetected and listDetected: a Choice or Set, with items.
func detectChoiceSet(v any) bool {
	o, ok := asObject(v)
	if !ok {
		return false
	}
	_, items := o["items"].([]any)
	for _, t := range []string{"Choice", "Composite", "List", "Independents"} {
		if hasType(o, t) && items {
			return true
		}
	}
	return false
}

// countKinds counts how many kinds of resource a value is; a body or
// target must be exactly one (the schemas' "oneOf").
func countKinds(v any, body bool) int {
	n := 0
	for _, f := range []func(any) bool{isURI, detectChoiceSet, detectSpecificResource, detectEWR} {
		if f(v) {
			n++
		}
	}
	if body && detectTextualBody(v) {
		n++
	}
	return n
}

// --- the checks ---

// checkCollection checks annotations.jsonld: the collection
// (collectionMusts.test), its embedded first page (pageMusts.test) and
// every annotation of the page (annotationMusts, bodyMusts, targetMusts,
// specificResourceMusts).
func checkCollection(doc map[string]any) []violation {
	c := &checker{}
	ctx := doc["@context"]
	if !isAnnoContext(ctx) {
		c.fail("5.1-collectionContextValidated", "collection", "@context %v is not, and does not hold, %s", ctx, annoContext)
	}
	if !isURI(doc["id"]) {
		c.fail("5.1-collectionIdValidated", "collection", "id %v is not a URI", doc["id"])
	}
	if !hasType(doc, "AnnotationCollection") {
		c.fail("5.1-collectionTypeValidated", "collection", "type %v is not AnnotationCollection", doc["type"])
	}
	if l, has := doc["label"]; has && !oneOrMore(l, isString) {
		c.fail("5.1-collectionLabelValidated", "collection", "label %v is not text", l)
	}
	total, hasTotal := doc["total"]
	if hasTotal && !single(total, isNonNegativeInteger) {
		c.fail("5.1-collectionTotalValidated", "collection", "total %v is not a whole number ≥ 0", total)
	}
	first, hasFirst := doc["first"]
	isPage := func(v any) bool { o, ok := asObject(v); return ok && hasType(o, "AnnotationPage") }
	if hasFirst && !single(first, func(v any) bool { return isURI(v) || isPage(v) }) {
		c.fail("5.1-collectionFirstValidated", "collection", "first is neither a URI nor an AnnotationPage")
	}
	if n, ok := total.(json.Number); ok && n.String() != "0" && !hasFirst {
		c.fail("5.1-collectionFirstValidated", "collection", "total %v but no first page", n)
	}
	if l, has := doc["last"]; has && !single(l, isURI) {
		c.fail("5.1-collectionLastValidated", "collection", "last %v is not a URI", l)
	}
	c.common(doc, "collection", "collection")
	if p, ok := asObject(first); ok {
		c.page(p, ctx)
	}
	return c.out
}

func isAnnoContext(v any) bool {
	if a, ok := v.([]any); ok {
		for _, x := range a {
			if x == annoContext {
				return true
			}
		}
		return false
	}
	return v == annoContext
}

// common checks the keys every object of the model may have
// (3.3.1 created, modified, generated; 3.3.6 rights; 3.3.7 canonical, via).
func (c *checker) common(o map[string]any, kind, where string) {
	for _, k := range []string{"created", "modified", "generated"} {
		if v, has := o[k]; has && !single(v, isDateTime) {
			c.fail("3.3.1-"+kind+strings.ToUpper(k[:1])+k[1:]+"Validated", where, "%s %v is not a date-time", k, v)
		}
	}
	if v, has := o["rights"]; has && !oneOrMore(v, isURI) {
		c.fail("3.3.6-"+kind+"RightsValidated", where, "rights %v is not a URI", v)
	}
	if v, has := o["canonical"]; has && !single(v, isURI) {
		c.fail("3.3.7-"+kind+"CanonicalValidated", where, "canonical %v is not one URI", v)
	}
	if v, has := o["via"]; has && !oneOrMore(v, isURI) {
		c.fail("3.3.7-"+kind+"ViaValidated", where, "via %v is not a URI", v)
	}
}

// page checks an Annotation Page (collections/pages/pageMusts.test) and
// its annotations, which take ctx, the collection's @context.
func (c *checker) page(p map[string]any, ctx any) {
	const where = "first"
	if own, has := p["@context"]; has {
		ctx = own
	}
	if !isAnnoContext(ctx) {
		c.fail("5.2-pageContextValidated", where, "no @context holding %s", annoContext)
	}
	if !isURI(p["id"]) {
		c.fail("5.2-pageIdValidated", where, "id %v is not a URI", p["id"])
	}
	if !hasType(p, "AnnotationPage") {
		c.fail("5.2-pageTypeValidated", where, "type %v is not AnnotationPage", p["type"])
	}
	items, ok := p["items"].([]any)
	if !ok {
		c.fail("5.2-pageItemsValidated", where, "items is not a list")
	}
	if v, has := p["startIndex"]; has && !single(v, isNonNegativeInteger) {
		c.fail("5.2-pageStartIndexValidated", where, "startIndex %v is not a whole number ≥ 0", v)
	}
	for _, k := range []string{"partOf", "next", "prev"} {
		if v, has := p[k]; has && !single(v, func(v any) bool {
			o, ok := asObject(v)
			return isURI(v) || k == "partOf" && ok && hasType(o, "AnnotationCollection")
		}) {
			c.fail("5.2-page"+strings.ToUpper(k[:1])+k[1:]+"Validated", where, "%s %v is not a URI", k, v)
		}
	}
	if v, has := p["total"]; has && !single(v, isNonNegativeInteger) {
		c.fail("5.2-pageTotalValidated", where, "total %v is not a whole number ≥ 0", v)
	}
	c.common(p, "page", where)
	for i, it := range items {
		w := fmt.Sprintf("items[%d]", i)
		if isURI(it) {
			continue
		}
		a, ok := asObject(it)
		if !ok || !hasType(a, "Annotation") {
			c.fail("5.2-pageItemsValidated", w, "an item is neither a URI nor an Annotation")
		}
		if ok {
			c.annotation(a, ctx, w)
		}
	}
}

// annotation checks one annotation (annotationMusts.test) and its bodies
// and targets.
func (c *checker) annotation(a map[string]any, ctx any, where string) {
	if own, has := a["@context"]; has {
		ctx = own
	}
	if !isAnnoContext(ctx) {
		c.fail("3.1-annotationContextValidated", where, "no @context holding %s", annoContext)
	}
	if !isURI(a["id"]) {
		c.fail("3.1-annotationIdValidated", where, "id %v is not a URI", a["id"])
	}
	if !hasType(a, "Annotation") {
		c.fail("3.1-annotationTypeValidated", where, "type %v is not Annotation", a["type"])
	}
	target, hasTarget := a["target"]
	if !hasTarget {
		c.fail("3.1-targetKeyFound", where, "no target")
	}
	body, hasBody := a["body"]
	if bv, has := a["bodyValue"]; has {
		if hasBody {
			c.fail("3.2.5-notBodyBodyValue", where, "both body and bodyValue")
		}
		if !single(bv, isString) {
			c.fail("3.2.5-bodyValueValidated", where, "bodyValue %v is not one string", bv)
		}
	}
	if m, has := a["motivation"]; has && !oneOrMore(m, isMotivation) {
		c.fail("3.3.5-annotationMotivation (should)", where, "motivation %v is not one of the model's", m)
	}
	c.common(a, "annotation", where)
	if hasBody {
		for i, b := range itemsOf(body) {
			w := where + ".body"
			if _, isArray := body.([]any); isArray {
				w += fmt.Sprintf("[%d]", i)
			}
			c.resource(b, true, w)
		}
	}
	if hasTarget {
		for i, t := range itemsOf(target) {
			w := where + ".target"
			if _, isArray := target.([]any); isArray {
				w += fmt.Sprintf("[%d]", i)
			}
			c.resource(t, false, w)
		}
	}
}

// resource checks a body (bodyMusts.test) or a target (targetMusts.test),
// and, when it is a Specific Resource, specificResourceMusts.test.
func (c *checker) resource(v any, body bool, where string) {
	kind, recognized := "targ", "3.2-targetObjectsRecognized"
	if body {
		kind, recognized = "body", "3.2-bodyObjectsRecognized"
	}
	if n := countKinds(v, body); n != 1 {
		c.fail(recognized, where, "is %d kinds of resource at once, want exactly one (URI, External Web Resource, Specific Resource, Choice or Set%s)", n,
			map[bool]string{true: ", Embedded Textual Body"}[body])
	}
	o, ok := asObject(v)
	if !ok {
		return
	}
	has := func(k string) bool { _, ok := o[k]; return ok }
	if d, ok := o["textDirection"]; ok && !single(d, func(v any) bool { return v == "ltr" || v == "rtl" || v == "auto" }) {
		c.fail("3.2.1-"+kind+"TextDirectionValidated", where, "textDirection %v is not ltr, rtl or auto", d)
	}
	c.common(o, kind, where)
	switch {
	case detectEWR(o):
		if has("items") {
			c.fail("3.2.7-"+kind+"EWRNoItems", where, "an External Web Resource has items")
		}
		if has("purpose") {
			c.fail("3.3.5-"+kind+"EWRNoPurpose", where, "an External Web Resource has a purpose: only Specific Resources and Embedded Textual Bodies may (make it a SpecificResource with this as its source)")
		}
	case detectChoiceSet(o):
		if has("value") {
			c.fail("3.2.4-"+kind+"ChoiceSetNoValue", where, "a Choice or Set has a value")
		}
		if has("source") {
			c.fail("4-"+kind+"ChoiceSetNoSource", where, "a Choice or Set has a source")
		}
		if has("purpose") {
			c.fail("3.3.5-"+kind+"ChoiceSetNoPurpose", where, "a Choice or Set has a purpose")
		}
	}
	if body && detectTextualBody(o) {
		if has("items") {
			c.fail("3.2.7-bodyEmbeddedTextualNoItems", where, "an Embedded Textual Body has items")
		}
		if has("source") {
			c.fail("4-bodyEmbeddedTextualNoSource", where, "an Embedded Textual Body has a source")
		}
	}
	if !body && hasType(o, "TextualBody") {
		c.fail("3.2.4-targNoTypeTextualBody", where, "a target of type TextualBody")
	}
	if detectSpecificResource(o) {
		if has("items") {
			c.fail("3.2.7-"+kind+"SpecificResourceNoItems", where, "a Specific Resource has items")
		}
		if has("value") {
			c.fail("4-"+kind+"SpecificResourceNoValue", where, "a Specific Resource has a value")
		}
		c.specificResource(o, where)
	}
}

// specificResource checks specificResourceMusts.test.
func (c *checker) specificResource(o map[string]any, where string) {
	if s, has := o["selector"]; has {
		for i, sel := range itemsOf(s) {
			w := fmt.Sprintf("%s.selector[%d]", where, i)
			if isURI(sel) {
				continue
			}
			so, ok := asObject(sel)
			if !ok || !c.selector(so, w) {
				c.fail("4.2-selectorValidIfPresent", w, "not a selector of the model")
			}
		}
		if a, ok := s.([]any); ok && len(a) == 0 {
			c.fail("4.2-selectorValidIfPresent", where, "an empty list of selectors")
		}
	}
	if st, has := o["state"]; has && !oneOrMore(st, func(v any) bool {
		so, ok := asObject(v)
		return isURI(v) || ok && (isURI(so["id"]) || hasType(so, "TimeState") || hasType(so, "HttpRequestState") && isString(so["value"]))
	}) {
		c.fail("4.3-stateValidIfPresent", where, "state %v is not a state of the model", st)
	}
	if sc, has := o["styleClass"]; has && !isString(sc) {
		c.fail("4.4-styleClassValidIfPresent", where, "styleClass %v is not text", sc)
	}
}

// selector checks one selector object, reporting whether it is a selector
// of the model at all (4.2-selectorValidIfPresent) and checking the MUSTs
// of its kind.
func (c *checker) selector(s map[string]any, where string) bool {
	valid := true
	switch {
	case hasType(s, "TextQuoteSelector"):
		if !isString(s["exact"]) {
			c.fail("4.2.4-textQuoteSelectorValid", where, "exact %v is not text", s["exact"])
			valid = false
		}
		for _, k := range []string{"prefix", "suffix"} {
			if v, has := s[k]; has && !isString(v) {
				c.fail("4.2.4-textQuoteSelectorValid", where, "%s %v is not text", k, v)
				valid = false
			}
		}
	case hasType(s, "TextPositionSelector"), hasType(s, "DataPositionSelector"):
		for _, k := range []string{"start", "end"} {
			if !isNonNegativeInteger(s[k]) {
				c.fail("4.2-TextDataPositionSelectorValid", where, "%s %v is not a whole number ≥ 0", k, s[k])
				valid = false
			}
		}
	case hasType(s, "FragmentSelector"), hasType(s, "CssSelector"), hasType(s, "XPathSelector"):
		if !isString(s["value"]) {
			c.fail("4.2-fragmentCssXPathSelectorValid", where, "value %v is not text", s["value"])
			valid = false
		}
	case hasType(s, "SvgSelector"):
		if isString(s["value"]) == isURI(s["id"]) {
			c.fail("4.2.7-svgSelectorValid", where, "an SvgSelector needs one of value and id")
			valid = false
		}
	case hasType(s, "RangeSelector"):
		for _, k := range []string{"startSelector", "endSelector"} {
			o, ok := asObject(s[k])
			if !ok || !c.selector(o, where+"."+k) {
				c.fail("4.2.8-rangeSelectorValid", where, "%s is not a selector", k)
				valid = false
			}
		}
	default:
		return isURI(s["id"])
	}
	if r, has := s["refinedBy"]; has {
		o, ok := asObject(r)
		if !ok || !c.selector(o, where+".refinedBy") {
			c.fail("4.3.3-refinedByValidated", where, "refinedBy is not a selector")
			valid = false
		}
	}
	return valid
}

// mustPass checks a file of annotations against every MUST.
func mustPass(t *testing.T, what string, b []byte) {
	t.Helper()
	doc := decodeJSON(t, b)
	for _, v := range checkCollection(doc) {
		t.Errorf("%s: %s", what, v)
	}
	first, _ := asObject(doc["first"])
	if items, _ := first["items"].([]any); len(items) == 0 {
		t.Errorf("%s: no annotations to check", what)
	}
}

// TestAnnotationsMusts checks annotations.jsonld against the MUSTs of the
// W3C test suite: for the test dossier with and without a base URL, for a
// dossier of hostile strings, for one whose addresses hold letters beyond
// ASCII and whose language is no language tag, and for the project's own
// dossier.
func TestAnnotationsMusts(t *testing.T) {
	d := testDossier(t)
	for _, b := range append(bases, "") {
		out, err := Annotations(withBase(siteOf(d), b), d)
		if err != nil {
			t.Fatal(err)
		}
		mustPass(t, "test dossier, base "+strconvQuote(b), out)
	}

	out, err := Annotations(siteOf(hostileDossier(t)), hostileDossier(t))
	if err != nil {
		t.Fatal(err)
	}
	mustPass(t, "hostile dossier", out)

	iri := build(t, fstest.MapFS{
		"dossier.yaml": {Data: []byte("title: Ñandú\nlanguage: Español\nbaseURL: https://example.org/dossiers/méxico/\n")},
		"sources/a.md": {Data: []byte("---\ntitle: A\nurl: https://es.example.org/wiki/Ciudad_de_México?q=a%20b&r=ñ\n---\nLa Ciudad de México dice que no.\n")},
		"claims/c.md":  {Data: []byte("---\ntitle: México dice que no.\nverdict: false\nrationale: Porque.\nquotes:\n  - source: a\n    text: dice que no\n---\n")},
	})
	out, err = Annotations(siteOf(iri), iri)
	if err != nil {
		t.Fatal(err)
	}
	mustPass(t, "IRIs", out)
	doc := jsonOf(t, "IRIs", out)
	if got := get(doc, "first", "items", 0, "target", "source"); got != "https://es.example.org/wiki/Ciudad_de_M%C3%A9xico?q=a%20b&r=%C3%B1" {
		t.Errorf("an IRI with an é and an ñ: target source %v", got)
	}
	if got := get(doc, "first", "items", 0, "id"); got != "https://example.org/dossiers/m%C3%A9xico/claims/c/#q-c-1" {
		t.Errorf("an annotation under a base URL with an é: id %v", got)
	}
	if got := get(doc, "first", "items", 0, "body", 0, "language"); got != nil {
		t.Errorf("language %v from dossier.yaml's \"Español\", which is no language tag", got)
	}

	own := ownDossier(t)
	for _, b := range []string{"", "https://example.org/mexico/"} {
		out, err := Annotations(withBase(siteOf(own), b), own)
		if err != nil {
			t.Fatal(err)
		}
		mustPass(t, "the project's dossier, base "+strconvQuote(b), out)
	}
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// TestAnnotationMustsCatch checks the checks: annotations that break a MUST
// are caught, each by the assertion it breaks, and the model's own
// examples pass.
func TestAnnotationMustsCatch(t *testing.T) {
	wrap := func(annotation string) string {
		return `{"@context": "` + annoContext + `", "id": "https://example.org/c", "type": "AnnotationCollection", "total": 1,
			"first": {"id": "https://example.org/c#1", "type": "AnnotationPage", "partOf": "https://example.org/c", "startIndex": 0,
			"items": [` + annotation + `]}}`
	}
	const target = `"target": {"source": "https://example.org/a", "selector": [{"type": "TextQuoteSelector", "exact": "x"}, {"type": "TextPositionSelector", "start": 0, "end": 1}]}`
	for _, tc := range []struct {
		name, doc string
		want      string // the assertion that must fail, "" for none
	}{
		{"the v1 link body", wrap(`{"id": "urn:x:1", "type": "Annotation", "body": [{"id": "https://example.org/claims/a/", "type": "Text", "format": "text/html", "purpose": "linking"}], ` + target + `}`),
			"3.3.5-bodyEWRNoPurpose"},
		{"the v2 link body", wrap(`{"id": "urn:x:1", "type": "Annotation", "body": [{"type": "SpecificResource", "source": "https://example.org/claims/a/", "purpose": "linking"}], ` + target + `}`), ""},
		{"model example 1", wrap(`{"id": "http://example.org/anno1", "type": "Annotation", "body": "http://example.post/post1", "target": "http://example.com/page1"}`), ""},
		{"model example with a textual body", wrap(`{"id": "http://example.org/anno5", "type": "Annotation", "body": {"type": "TextualBody", "value": "<p>j'adore !</p>", "format": "text/html", "language": "fr"}, "target": "http://example.org/photo1"}`), ""},
		{"no @context", strings.Replace(wrap(`{"id": "urn:x:1", "type": "Annotation", `+target+`}`), `"@context": "`+annoContext+`", `, "", 1), "3.1-annotationContextValidated"},
		{"an id that is no URI", wrap(`{"id": "anno 1", "type": "Annotation", ` + target + `}`), "3.1-annotationIdValidated"},
		{"no type", wrap(`{"id": "urn:x:1", "type": "Note", ` + target + `}`), "3.1-annotationTypeValidated"},
		{"no target", wrap(`{"id": "urn:x:1", "type": "Annotation", "body": "https://example.org/b"}`), "3.1-targetKeyFound"},
		{"body and bodyValue", wrap(`{"id": "urn:x:1", "type": "Annotation", "body": "https://example.org/b", "bodyValue": "x", ` + target + `}`), "3.2.5-notBodyBodyValue"},
		{"a body that is nothing", wrap(`{"id": "urn:x:1", "type": "Annotation", "body": {"type": "Text"}, ` + target + `}`), "3.2-bodyObjectsRecognized"},
		{"a textual target", wrap(`{"id": "urn:x:1", "type": "Annotation", "target": {"type": "TextualBody", "value": "x"}}`), "3.2.4-targNoTypeTextualBody"},
		{"a specific resource with a value", wrap(`{"id": "urn:x:1", "type": "Annotation", "body": {"source": "https://example.org/b", "purpose": "linking", "value": "x"}, ` + target + `}`), "4-bodySpecificResourceNoValue"},
		{"a textual body with a source", wrap(`{"id": "urn:x:1", "type": "Annotation", "body": {"type": "TextualBody", "value": "x", "source": "https://example.org/b"}, ` + target + `}`), "4-bodyEmbeddedTextualNoSource"},
		{"a quote selector without exact", wrap(`{"id": "urn:x:1", "type": "Annotation", "target": {"source": "https://example.org/a", "selector": {"type": "TextQuoteSelector", "prefix": "x"}}}`), "4.2.4-textQuoteSelectorValid"},
		{"a negative position", wrap(`{"id": "urn:x:1", "type": "Annotation", "target": {"source": "https://example.org/a", "selector": {"type": "TextPositionSelector", "start": -1, "end": 2}}}`), "4.2-TextDataPositionSelectorValid"},
		{"a fractional position", wrap(`{"id": "urn:x:1", "type": "Annotation", "target": {"source": "https://example.org/a", "selector": {"type": "TextPositionSelector", "start": 1.5, "end": 2}}}`), "4.2-TextDataPositionSelectorValid"},
		{"a created date that is no date-time", wrap(`{"id": "urn:x:1", "type": "Annotation", "created": "2025-08-10", ` + target + `}`), "3.3.1-annotationCreatedValidated"},
		{"a collection of one without its page", `{"@context": "` + annoContext + `", "id": "https://example.org/c", "type": "AnnotationCollection", "total": 1}`, "5.1-collectionFirstValidated"},
		{"a page of things", `{"@context": "` + annoContext + `", "id": "https://example.org/c", "type": "AnnotationCollection", "total": 1, "first": {"id": "https://example.org/c#1", "type": "AnnotationPage", "items": [{"type": "Note"}]}}`, "5.2-pageItemsValidated"},
	} {
		var got []string
		for _, v := range checkCollection(decodeJSON(t, []byte(tc.doc))) {
			got = append(got, v.assertion)
		}
		switch {
		case tc.want == "" && len(got) > 0:
			t.Errorf("%s: valid, but failed %v", tc.name, got)
		case tc.want != "" && !strings.Contains(" "+strings.Join(got, " ")+" ", " "+tc.want+" "):
			t.Errorf("%s: want %s to fail, failed %v", tc.name, tc.want, got)
		}
	}
}

// TestAnnotationsWritten: annotations.jsonld, written by hand, is what
// encoding/json writes for the collection, for the test dossier with and
// without a base URL, the hostile one and the project's own, and for an
// empty collection.
func TestAnnotationsWritten(t *testing.T) {
	check := func(name string, s Site, d *model.Dossier) {
		t.Helper()
		coll, err := annotations(s, d)
		if err != nil {
			t.Fatal(err)
		}
		want, err := marshalJSON(coll)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := written(coll); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: written\n%s\nwant\n%s", name, got, want)
		}
		// Written out as it is made, from the dossier.
		var out bytes.Buffer
		if err := WriteAnnotations(&out, s, d); err != nil || !bytes.Equal(out.Bytes(), want) {
			t.Errorf("%s: written out (%v)\n%s\nwant\n%s", name, err, out.Bytes(), want)
		}
	}
	d := testDossier(t)
	for _, b := range append(bases, "") {
		check("test dossier, base "+strconvQuote(b), withBase(siteOf(d), b), d)
	}
	h := hostileDossier(t)
	check("hostile dossier", siteOf(h), h)
	check("no annotations", Site{Title: "T"}, &model.Dossier{})
	own := ownDossier(t)
	check("the project's dossier", withBase(siteOf(own), "https://example.org/x/"), own)
	// Nil lists, which no collection made has, as null.
	coll := annoCollection{ID: "x", First: &annoPage{Items: []annotation{{}}}}
	want, _ := marshalJSON(coll)
	if got, err := written(coll); err != nil || !bytes.Equal(got, want) {
		t.Errorf("nil lists: written\n%s\nwant\n%s", got, want)
	}
	coll.First.Items = nil
	want, _ = marshalJSON(coll)
	if got, err := written(coll); err != nil || !bytes.Equal(got, want) {
		t.Errorf("nil items: written\n%s\nwant\n%s", got, want)
	}
}

// ownDossier is the model of the project's dossier.
func ownDossier(t *testing.T) *model.Dossier {
	t.Helper()
	c, errs := content.Read(os.DirFS("../../content"), "content")
	if len(errs) > 0 {
		t.Fatalf("the project's dossier:\n%s", errs.Format())
	}
	own, errs := model.Build(c, markdown.New(), nil)
	if len(errs) > 0 {
		t.Fatalf("the project's dossier:\n%s", errs.Format())
	}
	return own
}

// written is the collection written by writeAnnotations, in memory, its
// page's items its own.
func written(coll annoCollection) ([]byte, error) {
	w := jsonindent.NewBuilder(0, true, "  ")
	var items iter.Seq[annotation]
	if coll.First != nil && coll.First.Items != nil {
		items = slices.Values(coll.First.Items)
	}
	writeAnnotations(w, coll, items)
	return w.Bytes()
}

// TestWriteAnnotationsError: the writer's error is WriteAnnotations',
// and nothing is written after it.
func TestWriteAnnotationsError(t *testing.T) {
	own := ownDossier(t)
	var n int
	full := errors.New("disk full")
	w := writerFunc(func(p []byte) (int, error) {
		n++
		return 0, full
	})
	if err := WriteAnnotations(w, withBase(siteOf(own), "https://example.org/x/"), own); !errors.Is(err, full) {
		t.Errorf("WriteAnnotations: %v, want %v", err, full)
	}
	if n != 1 {
		t.Errorf("%d writes, want 1: none after the failed one", n)
	}
}

type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
