// Package gen generates realistic dossiers of any size, for benchmarks and
// load tests of the build pipeline.
//
// A generated dossier tells one story (floods in a river valley) through
// news articles with datelines, attributed quotes, figures, headings, lists
// and block quotes, and annotates it as editors would: claims quoting one
// or several sources, quotes that overlap, figures that agree and figures
// that conflict, statements that contradict each other, entities with
// aliases, and commentary linking to all of them. It always builds without
// errors: every quote is checked against the source's plain text while it is
// generated (see [quoteSource]).
//
// Generation is deterministic: the same Options give byte-identical files,
// whatever the machine, since all randomness comes from one PCG generator
// seeded with Options.Seed and nothing depends on map iteration order.
package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
)

// Options say what to generate. Zero fields take their defaults.
type Options struct {
	Sources         int     // number of source articles (default 100)
	ClaimsPerSource float64 // average claims per source (default 5): Sources*ClaimsPerSource claims, see [Options.Claims]
	Entities        int     // people and organisations (default max(20, Sources/5), at least 4)
	Words           int     // words per source, roughly (default 800)
	Seed            uint64
}

// Defaults returns o with its zero fields set to their defaults.
func (o Options) Defaults() Options {
	if o.Sources <= 0 {
		o.Sources = 100
	}
	if o.ClaimsPerSource <= 0 {
		o.ClaimsPerSource = 5
	}
	if o.Entities <= 0 {
		o.Entities = max(20, o.Sources/5)
	}
	// Speakers of figures and statements come in pairs of different kinds.
	o.Entities = max(o.Entities, 4)
	if o.Words <= 0 {
		o.Words = 800
	}
	return o
}

// Claims is the number of claims Generate makes for o: Sources ×
// ClaimsPerSource, rounded, at least 1. A dossier of one or two sources
// asked for hundreds of claims per source makes fewer: each source holds
// only so many different sentences (about 400) for claims to quote.
func (o Options) Claims() int {
	o = o.Defaults()
	return max(1, int(math.Round(float64(o.Sources)*o.ClaimsPerSource)))
}

// Generate returns the files of a content folder, keyed by slash path
// relative to it: "dossier.yaml", "sources/s0001-….md", "claims/….md",
// "entities/….md".
func Generate(o Options) map[string][]byte {
	o = o.Defaults()
	g := newGen(o)
	g.world()
	g.planSources()
	g.planClaims()
	for _, s := range g.sources {
		g.layout(s)
	}
	g.commentary()
	return g.files()
}

// FS returns files (as Generate returns them) as an in-memory content
// folder, for building without touching the disk.
func FS(files map[string][]byte) fstest.MapFS {
	fsys := make(fstest.MapFS, len(files))
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// WriteDir writes files (as Generate returns them) under dir, creating
// folders as needed. It does not remove anything already in dir.
func WriteDir(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	made := map[string]bool{}
	for _, name := range names {
		if !isLocalSlashPath(name) {
			return fmt.Errorf("gen: refusing to write %q outside %s", name, dir)
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

func isLocalSlashPath(name string) bool {
	return name != "" && !strings.HasPrefix(name, "/") && path.Clean(name) == name && !strings.HasPrefix(name, "../") && name != ".."
}

// gen holds one generation's state. Everything random is drawn from rng in
// a fixed order, which is what makes the output a function of Options.
type gen struct {
	o   Options
	rng *rand.Rand

	entities []*entity
	persons  []*entity
	orgs     []*entity
	towns    []string
	taken    map[string]bool // every entity name and alias, so that none is shared

	sources []*source
	claims  []*claim
	keys    []*figKey

	// decks deal sources, persons and organisations evenly: each is a
	// shuffled list dealt from the front and reshuffled when it runs out.
	sourceDeck, personDeck, orgDeck deck
}

func newGen(o Options) *gen {
	// The second PCG word is a constant: one seed, one stream.
	rng := rand.New(rand.NewPCG(o.Seed, 0x646f7373696572)) // "dossier"
	return &gen{o: o, rng: rng, taken: map[string]bool{}}
}

// deck deals the integers [0, n) in shuffled rounds, so that every one is
// dealt about as often as the others.
type deck struct {
	n    int
	left []int
}

func (d *deck) deal(rng *rand.Rand) int {
	if len(d.left) == 0 {
		d.left = rng.Perm(d.n)
	}
	i := d.left[0]
	d.left = d.left[1:]
	return i
}

// pick returns a random element of list.
func pick[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }

// chance reports true with probability p.
func chance(rng *rand.Rand, p float64) bool { return rng.Float64() < p }

// expand replaces each {name} in tmpl with value(name), in order of
// appearance, so that random choices made by value happen in a fixed order.
func expand(tmpl string, value func(name string) string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		b.WriteString(value(tmpl[i+1 : i+j]))
		tmpl = tmpl[i+j+1:]
	}
}

// capFirst upper-cases the first letter of s when it is an ASCII lowercase
// letter (every sentence of the vocabulary starts with one, a quote mark or
// a capital).
func capFirst(s string) string {
	if s != "" && 'a' <= s[0] && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

func lowerFirst(s string) string {
	if s != "" && 'A' <= s[0] && s[0] <= 'Z' {
		return string(s[0]-'A'+'a') + s[1:]
	}
	return s
}

// slugify makes a slug of at most maxWords words of s: lowercase letters
// and digits, words joined by single hyphens. Apostrophes and thousands
// separators vanish ("310,000" → "310000", "town’s" → "towns").
func slugify(s string, maxWords int) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			w.WriteRune(r)
		case 'A' <= r && r <= 'Z':
			w.WriteRune(r - 'A' + 'a')
		case r == '’' || r == '\'' || r == ',':
		default:
			if folded, ok := asciiFold[r]; ok {
				w.WriteRune(folded)
				continue
			}
			flush()
		}
	}
	flush()
	if len(words) > maxWords {
		words = words[:maxWords]
	}
	return strings.Join(words, "-")
}

// asciiFold spells the accented letters of the vocabulary's names in ASCII,
// for slugs.
var asciiFold = map[rune]rune{'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u', 'ñ': 'n', 'ç': 'c', 'ø': 'o', 'å': 'a', 'ä': 'a', 'ö': 'o', 'ü': 'u'}
