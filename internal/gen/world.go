package gen

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// entity is a person or organisation of the story.
type entity struct {
	slug, name, kind, description string
	aliases                       []string
	org                           bool // named with "the": "the Northern Water Authority"
	// next is the alias a later mention in filler uses; it cycles, so that
	// every alias occurs somewhere in the sources.
	next     int
	home     *source // a source that mentions it
	linkHome bool    // its notes link to home
}

// form returns a random way of naming e: the full name or one of its
// aliases, with "the" before an organisation.
func (e *entity) form(g *gen) string {
	forms := append([]string{e.name}, e.aliases...)
	return e.the(pick(g.rng, forms))
}

// firstForm names e in full; laterForm names it by its aliases in turn, as
// an article does after the first mention.
func (e *entity) firstForm() string { return e.the(e.name) }

func (e *entity) laterForm() string {
	if len(e.aliases) == 0 {
		return e.the(e.name)
	}
	a := e.aliases[e.next%len(e.aliases)]
	e.next++
	return e.the(a)
}

func (e *entity) the(name string) string {
	if e.org {
		return "the " + name
	}
	return name
}

// source is one generated article.
type source struct {
	n                                                 int // 1-based
	slug, title, outlet, author, published, url, note string
	date                                              time.Time
	town                                              string   // the dateline's
	towns                                             []string // the towns it reports on, town first
	persons, orgs                                     []*entity
	passages                                          []*passage // claimed sentences to place in the text
	// used holds the (template, town) pairs of its claimed sentences, so that
	// no two of them say the same thing and each stays unique in the text.
	used map[string]bool
	seen map[*entity]bool // entities already named in the text
	// fillers deals filler sentences, so that none repeats before all
	// have been used.
	fillers deck
	body    string // the Markdown body, once laid out
}

// world makes the towns and the entities.
func (g *gen) world() {
	for _, p := range townPrefix {
		for _, s := range townSuffix {
			g.towns = append(g.towns, p+s)
		}
	}
	g.rng.Shuffle(len(g.towns), func(i, j int) { g.towns[i], g.towns[j] = g.towns[j], g.towns[i] })
	// A story is about a limited set of towns; bigger dossiers cover more.
	g.towns = g.towns[:min(len(g.towns), max(6, g.o.Sources/4))]
	for _, t := range g.towns {
		g.taken[t] = true
	}

	// About a third organisations: the authorities, unions and agencies.
	nOrg := min(max(2, g.o.Entities*35/100), 150)
	g.makeOrgs(nOrg)
	g.makePersons(g.o.Entities - len(g.orgs))
	g.entities = append(append([]*entity{}, g.orgs...), g.persons...)
	slugs := map[string]bool{}
	for _, e := range g.entities {
		base, n := e.slug, 2
		for slugs[e.slug] {
			e.slug = fmt.Sprintf("%s-%d", base, n)
			n++
		}
		slugs[e.slug] = true
	}
	g.personDeck = deck{n: len(g.persons)}
	g.orgDeck = deck{n: len(g.orgs)}
}

// claim takes a name for one entity; it reports false when another has it.
func (g *gen) claimName(names ...string) bool {
	for _, n := range names {
		if g.taken[n] {
			return false
		}
	}
	for _, n := range names {
		g.taken[n] = true
	}
	return true
}

var domainWhat = map[string]string{
	"Water": "the valley’s water supply", "Flood Defence": "flood defences", "Emergency": "emergency response",
	"Housing": "social housing", "Farmers": "the interests of farmers", "Insurance": "insurance",
	"Energy": "energy supply", "Rail": "rail services", "Health": "public health",
	"Transport": "roads and transport", "Environment": "the environment", "Relief": "relief work",
	"Building": "building standards", "River": "the river and its banks",
}

// wellKnown are acronyms of real bodies, which a made-up one must not use.
var wellKnown = map[string]bool{"CIA": true, "FBI": true, "NSA": true, "WHO": true, "FDA": true, "EPA": true, "CDC": true, "IRS": true, "NRA": true, "BBC": true, "CNN": true, "NHS": true, "RAF": true, "UN": true, "EU": true, "NFL": true, "NBA": true, "FEMA": true}

func (g *gen) makeOrgs(n int) {
	for tries := 0; len(g.orgs) < n && tries < 20*n+100; tries++ {
		place, domain, typ := pick(g.rng, orgPlace), pick(g.rng, orgDomain), pick(g.rng, orgType)
		name := place + " " + domain + " " + typ
		if !g.claimName(name) {
			continue
		}
		var aliases []string
		var acronym strings.Builder
		for _, w := range strings.Fields(name) {
			acronym.WriteByte(w[0])
		}
		if !wellKnown[acronym.String()] && g.claimName(acronym.String()) {
			aliases = append(aliases, acronym.String())
		}
		if short := domain + " " + typ; g.claimName(short) {
			aliases = append(aliases, short)
		}
		if len(aliases) == 0 {
			continue // the full name stays taken; it is simply not used
		}
		g.orgs = append(g.orgs, &entity{
			slug: slugify(name, 8), name: name, kind: "organization", org: true, aliases: aliases,
			description: fmt.Sprintf("%s %s concerned with %s.", articleFor(typ), strings.ToLower(typ), domainWhat[domain]),
		})
	}
}

func articleFor(word string) string {
	if strings.ContainsRune("AEIO", rune(word[0])) { // "a union", "an agency"
		return "An"
	}
	return "A"
}

func (g *gen) makePersons(n int) {
	// Surnames are dealt without repeating; when they run out, double-barrelled
	// ones ("Halvorsen-Okafor") give as many more as needed.
	surnames := slices.Clone(personLast)
	g.rng.Shuffle(len(surnames), func(i, j int) { surnames[i], surnames[j] = surnames[j], surnames[i] })
	next := 0
	surname := func() string {
		if next < len(surnames) {
			next++
			return surnames[next-1]
		}
		return pick(g.rng, personLast) + "-" + pick(g.rng, personLast)
	}
	for tries := 0; len(g.persons) < n && tries < 50*n+100; tries++ {
		last := surname()
		name := pick(g.rng, personFirst) + " " + last
		role := pick(g.rng, roles)
		aliases := []string{last}
		if role.title != "" && chance(g.rng, 0.7) {
			aliases = append(aliases, role.title+" "+last)
		}
		if !g.claimName(append([]string{name}, aliases...)...) {
			continue
		}
		town := pick(g.rng, g.towns)
		g.persons = append(g.persons, &entity{
			slug: slugify(name, 8), name: name, kind: "person", aliases: aliases,
			description: expand(role.what, func(string) string { return town }) + ".",
		})
	}
}

// planSources dates, titles and casts every source.
func (g *gen) planSources() {
	start := time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)
	days := make([]int, g.o.Sources)
	for i := range days {
		days[i] = g.rng.IntN(365)
	}
	slices.Sort(days) // s0001 is the oldest, as an archive is numbered
	g.sourceDeck = deck{n: g.o.Sources}
	for i := range g.o.Sources {
		s := &source{n: i + 1, date: start.AddDate(0, 0, days[i]), used: map[string]bool{}, seen: map[*entity]bool{},
			fillers: deck{n: len(fillers)}}
		s.published = s.date.Format("2006-01-02")
		s.town = pick(g.rng, g.towns)
		s.towns = []string{s.town}
		for len(s.towns) < min(3, len(g.towns)) {
			if t := pick(g.rng, g.towns); !slices.Contains(s.towns, t) {
				s.towns = append(s.towns, t)
			}
		}
		s.persons = g.cast(&g.personDeck, g.persons, 2+g.rng.IntN(2))
		s.orgs = g.cast(&g.orgDeck, g.orgs, 1+g.rng.IntN(2))
		for _, e := range append(slices.Clone(s.persons), s.orgs...) {
			if e.home == nil {
				e.home = s
				e.linkHome = chance(g.rng, 0.5)
			}
		}
		lead := s.persons[0]
		s.title = capFirst(expand(pick(g.rng, headlines), func(name string) string {
			switch name {
			case "Town", "town":
				return s.town
			case "Surname":
				return lead.aliases[0]
			case "Org":
				return "The " + s.orgs[0].name
			}
			return name
		}))
		s.slug = fmt.Sprintf("s%04d-%s", s.n, slugify(s.title, 6))
		s.outlet = pick(g.rng, outlets)
		s.author = pick(g.rng, authorFirst) + " " + pick(g.rng, authorLast)
		s.url = fmt.Sprintf("https://example.org/%s/%s/%s", slugify(s.outlet, 4), s.date.Format("2006/01"), slugify(s.title, 10))
		if chance(g.rng, 0.05) {
			s.note = "Updated after publication to correct a figure."
		}
		g.sources = append(g.sources, s)
	}
}

// cast deals n different entities of a kind.
func (g *gen) cast(d *deck, all []*entity, n int) []*entity {
	n = min(n, len(all))
	var out []*entity
	for len(out) < n {
		if e := all[d.deal(g.rng)]; !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}
