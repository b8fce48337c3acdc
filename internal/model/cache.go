package model

import (
	"crypto/sha256"
	"slices"
	"sync"
	"unicode/utf8"
	"unsafe"

	"dossier/internal/anchor"
	"dossier/internal/content"
	"dossier/internal/markdown"
	"dossier/internal/mention"
)

// Cache keeps what the model derives from each Markdown body (plain text,
// the index that quotes are found with, internal links, entity mentions)
// keyed by the file it was read from, so that a rebuild after an edit
// analyses only the files that changed: a content.Reader returns the very
// same *content.File for a file that did not change. What a parse finds
// is kept under the body's text too, for a file read again with the same
// text, and for parses that a cancelled build left running (see flight).
// Entries not used by a complete build are dropped after it. Everything
// cached is immutable; a Cache is safe for concurrent use.
type Cache struct {
	mu         sync.Mutex
	prev, next map[cacheKey]any
	flights    map[cacheKey]*flight // parses running, by text
}

// cacheKey names one analysis of one file, or of one text (file nil).
// names is set for mentions, which depend on every entity's names too.
type cacheKey struct {
	what  analysis
	file  *content.File
	text  string
	names string
	// For a quote's anchoring: the source file it is found in, and its
	// place in the claim's quotes.
	other *content.File
	n     int
}

// analysis is what a cache entry holds.
type analysis uint8

const (
	analysisSource   analysis = iota // *sourceAnalysis
	analysisLinks                    // []markdown.Link
	analysisMentions                 // *mentionAnalysis
	analysisAnchor                   // *anchored
)

// anchored is a quote found (or not) in its source, with the passage's
// text when found.
type anchored struct {
	result anchor.Result
	exact  string
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{prev: map[cacheKey]any{}, next: map[cacheKey]any{}, flights: map[cacheKey]*flight{}}
}

type sourceAnalysis struct {
	plain *markdown.PlainText
	text  *anchor.Text
	links []markdown.Link
}

type mentionAnalysis struct {
	matches   []mention.Match
	sentences []string
}

// get returns the value under key, computing it when this cache has none.
// Two goroutines may compute the same key at once; both results are equal
// and either is kept.
func (c *Cache) get(key cacheKey, compute func() any) any {
	c.mu.Lock()
	v, ok := c.lookup(key)
	c.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	c.mu.Lock()
	c.next[key] = v
	c.mu.Unlock()
	return v
}

// lookup returns the value under key, keeping it for the next build. c.mu
// is held.
func (c *Cache) lookup(key cacheKey) (any, bool) {
	v, ok := c.next[key]
	if !ok {
		v, ok = c.prev[key]
		if ok {
			c.next[key] = v
		}
	}
	return v, ok
}

// done ends a complete build: what it did not use is forgotten. A
// cancelled build does not call it: what it did not come to is still
// needed.
func (c *Cache) done() {
	c.mu.Lock()
	c.prev, c.next = c.next, make(map[cacheKey]any, len(c.next))
	c.mu.Unlock()
}

// analyseSource parses a source's body for its plain text and links, and
// indexes the text for anchoring. It returns nil when the build is
// cancelled first.
func (b *builder) analyseSource(body Body) *sourceAnalysis {
	md := b.md
	v, err := b.parsed(analysisSource, body, func(src []byte) any {
		plain, links := md.Read(src)
		return &sourceAnalysis{plain: plain, text: anchor.NewText(plain.Text), links: links}
	})
	if err != nil {
		return nil
	}
	return v.(*sourceAnalysis)
}

// bodyLinks parses a body for its internal links. ok is false when the
// build is cancelled first.
func (b *builder) bodyLinks(body *Body) (links []markdown.Link, ok bool) {
	md := b.md
	v, err := b.parsed(analysisLinks, *body, func(src []byte) any { return md.Links(src) })
	if err != nil {
		return nil, false
	}
	return v.([]markdown.Link), true
}

// namesKey identifies a set of entity names: mentions found with other
// names are not reused.
func namesKey(names []mention.Name) string {
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n.Text))
		h.Write([]byte{0})
		h.Write([]byte(n.Entity))
		h.Write([]byte{0})
	}
	return string(h.Sum(nil))
}

func analyseMentions(m *mention.Matcher, plain string, pool *sync.Pool) *mentionAnalysis {
	ma := &mentionAnalysis{matches: m.Find(plain)}
	if len(ma.matches) > 0 {
		// The text's code points are needed only here: a buffer lent
		// from text to text, not a copy of every source.
		buf, _ := pool.Get().(*[]rune)
		if buf == nil {
			buf = new([]rune)
		}
		runes := appendRunes((*buf)[:0], plain)
		for _, mt := range ma.matches {
			ma.sentences = append(ma.sentences, sentenceAround(runes, mt.Span.Start, mt.Span.End))
		}
		*buf = runes
		pool.Put(buf)
	}
	return ma
}

// appendRunes appends the code points of s to rs, as []rune(s) makes them.
func appendRunes(rs []rune, s string) []rune {
	rs = slices.Grow(rs, utf8.RuneCountInString(s))
	for _, r := range s {
		rs = append(rs, r)
	}
	return rs
}

// anchorOf finds quote n of a claim file in a source, or returns what an
// earlier build found when neither file changed.
func (b *builder) anchorOf(claim *content.File, n int, s *Source, q anchor.Quote) *anchored {
	return b.cache.get(cacheKey{what: analysisAnchor, file: claim, other: s.Body.File, n: n}, func() any {
		a := &anchored{result: b.text[s].Find(q)}
		if a.result.Found {
			a.exact = runeSlice(s.Plain, a.result.Span.Start, a.result.Span.End)
		}
		return a
	}).(*anchored)
}

// bodyBytes is a file's body as the bytes the Markdown parser takes: the
// very bytes of f.Body, not a copy, which would double what a build holds
// of its content. Nothing writes to them (see Body.Markdown).
func (b *builder) bodyBytes(f *content.File) []byte {
	if f.Body == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(f.Body), len(f.Body))
}

// runeSlice returns s[start:end] counted in code points.
func runeSlice(s string, start, end int) string {
	from, n := len(s), 0
	for i := range s {
		if n == start {
			from = i
		}
		if n == end {
			return s[from:i]
		}
		n++
	}
	if n == start {
		from = len(s)
	}
	return s[from:]
}
