package dossier

import (
	"crypto/sha256"
	"dossier/internal/content"
	"sync"

	"dossier/internal/anchor"
	"dossier/internal/markdown"
	"dossier/internal/mention"
)

// Cache keeps what the model derives from each Markdown body (plain text,
// the index that quotes are found with, internal links, entity mentions)
// keyed by the file it was read from, so that a rebuild after an edit
// analyses only the files that changed: a content.Reader returns the very
// same *content.File for a file that did not change. Entries not used by a
// build are dropped after it. Everything cached is immutable; a Cache is
// safe for concurrent use.
type Cache struct {
	mu         sync.Mutex
	prev, next map[cacheKey]any
}

// cacheKey names one analysis of one file. names is set for mentions,
// which depend on every entity's names too.
type cacheKey struct {
	what  analysis
	file  *content.File
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
	analysisBytes                    // []byte
)

// anchored is a quote found (or not) in its source, with the passage's
// text when found.
type anchored struct {
	result anchor.Result
	exact  string
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{prev: map[cacheKey]any{}, next: map[cacheKey]any{}}
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
	v, ok := c.next[key]
	if !ok {
		v, ok = c.prev[key]
		if ok {
			c.next[key] = v
		}
	}
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

// done ends a build: what it did not use is forgotten.
func (c *Cache) done() {
	c.mu.Lock()
	c.prev, c.next = c.next, make(map[cacheKey]any, len(c.next))
	c.mu.Unlock()
}

func (b *builder) analyseSource(body Body) *sourceAnalysis {
	return b.cache.get(cacheKey{what: analysisSource, file: body.File}, func() any {
		plain, links := b.md.Read(body.Markdown)
		return &sourceAnalysis{plain: plain, text: anchor.NewText(plain.Text), links: links}
	}).(*sourceAnalysis)
}

func (b *builder) bodyLinks(body *Body) []markdown.Link {
	return b.cache.get(cacheKey{what: analysisLinks, file: body.File}, func() any {
		return b.md.Links(body.Markdown)
	}).([]markdown.Link)
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

func analyseMentions(m *mention.Matcher, plain string) *mentionAnalysis {
	ma := &mentionAnalysis{matches: m.Find(plain)}
	if len(ma.matches) > 0 {
		runes := []rune(plain)
		for _, mt := range ma.matches {
			ma.sentences = append(ma.sentences, sentenceAround(runes, mt.Span.Start, mt.Span.End))
		}
	}
	return ma
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

// bodyBytes is a file's body as the bytes the Markdown parser takes, made
// once per file rather than once per build.
func (b *builder) bodyBytes(f *content.File) []byte {
	return b.cache.get(cacheKey{what: analysisBytes, file: f}, func() any { return []byte(f.Body) }).([]byte)
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
