package render

import (
	"strings"
	"testing"
	"testing/fstest"
)

// showParts writes a mention's snippet as text, marked names in [brackets].
func showParts(l MentionLine) string {
	var b strings.Builder
	for _, p := range l.Parts {
		if p.Mark {
			b.WriteString("[" + p.Text + "]")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// TestMentionLines: an entity page lists each sentence naming the entity
// once, its names marked, linked to the claim's passage when the name is
// in one and else to the sentence as a text fragment; a sentence longer
// than the snippet's reach is cut at whole words.
func TestMentionLines(t *testing.T) {
	long := strings.Repeat("word ", 60)
	fsys := fstest.MapFS{
		"sources/s.md": {Data: []byte("---\ntitle: S\n---\nFirst, Rubio met Marco Rubio's aides. " +
			"Then Rubio spoke, and the room listened. Rubio " + long + "ends-here.\n")},
		"claims/c.md":             {Data: []byte("---\ntitle: Rubio spoke.\nquotes:\n  - source: s\n    text: Then Rubio spoke\n---\n")},
		"entities/marco-rubio.md": {Data: []byte("---\nname: Marco Rubio\nkind: person\naliases: [Rubio]\n---\n")},
	}
	var groups []MentionGroup
	for _, j := range testPages(t, fsys) {
		if j.page.Entity != nil {
			groups = j.page.MentionGroups()
		}
	}
	if len(groups) != 1 {
		t.Fatalf("%d groups of mentions, want 1", len(groups))
	}
	lines := groups[0].Lines
	var got []string
	for _, l := range lines {
		got = append(got, showParts(l))
	}
	want := []string{
		"First, [Rubio] met [Marco Rubio]'s aides.",
		"Then [Rubio] spoke, and the room listened.",
		"[Rubio] " + strings.Repeat("word ", 39) + "word…",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("mentions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if h := lines[0].Href; h != "../../sources/s/index.html#:~:text=First%2C%20Rubio%20met%20Marco%20Rubio%27s%20aides." {
		t.Errorf("first sentence links to %s", h)
	}
	if h := lines[1].Href; h != "../../sources/s/index.html#q-c-1" || lines[1].Quote == nil {
		t.Errorf("the quoted sentence links to %s (quote %v), want its passage #q-c-1", h, lines[1].Quote)
	}
	if h := lines[2].Href; !strings.Contains(h, "#:~:text=Rubio%20word%20word%20word,word%20word%20word%20word") {
		t.Errorf("the long sentence links to %s, want a start,end text fragment of what the snippet shows", h)
	}
}

// TestClaimIndex: the claims page lists claims in reading order (the
// older source first, then where each is quoted), grouped by verdict in
// the scale's order with the unrated last, by speaker and by source.
func TestClaimIndex(t *testing.T) {
	fsys := fstest.MapFS{
		"sources/a-new.md": {Data: []byte("---\ntitle: New\npublished: 2025-08-01\n---\nNew one. New two.\n")},
		"sources/z-old.md": {Data: []byte("---\ntitle: Old\npublished: 2025-01-01\n---\nOld one. Old two.\n")},
		"entities/ann.md":  {Data: []byte("---\nname: Ann\nkind: person\n---\n")},
		"claims/a.md":      {Data: []byte("---\ntitle: A.\nverdict: false\nrationale: Why.\nspeaker: ann\nquotes:\n  - source: a-new\n    text: New two.\n---\n")},
		"claims/b.md":      {Data: []byte("---\ntitle: B.\nquotes:\n  - source: a-new\n    text: New one.\n---\n")},
		"claims/c.md":      {Data: []byte("---\ntitle: C.\nverdict: supported\nrationale: Why.\nspeaker: ann\nquotes:\n  - source: z-old\n    text: Old two.\n  - source: a-new\n    text: New two.\n---\n")},
	}
	var x *ClaimIndex
	for _, j := range testPages(t, fsys) {
		if j.template == "claims" {
			x = j.page.ClaimIndex()
		}
	}
	if x == nil {
		t.Fatal("no claims page")
	}
	ids := func(cs []*ClaimView) string {
		var s []string
		for _, c := range cs {
			s = append(s, c.ID)
		}
		return strings.Join(s, " ")
	}
	if got := ids(x.Claims); got != "c b a" {
		t.Errorf("reading order: %s, want c b a", got)
	}
	var groups []string
	for _, g := range x.ByVerdict {
		groups = append(groups, g.ID+":"+ids(g.Claims))
	}
	if got := strings.Join(groups, ", "); got != "verdict-supported:c, verdict-false:a, verdict-none:b" {
		t.Errorf("by verdict: %s", got)
	}
	if len(x.BySpeaker) != 1 || x.BySpeaker[0].ID != "speaker-ann" || ids(x.BySpeaker[0].Claims) != "c a" {
		t.Errorf("by speaker: %+v", x.BySpeaker)
	}
	groups = nil
	for _, g := range x.BySource {
		groups = append(groups, g.ID+":"+ids(g.Claims))
	}
	if got := strings.Join(groups, ", "); got != "source-z-old:c, source-a-new:c b a" {
		t.Errorf("by source: %s", got)
	}
}

// TestSideSpeakers: a conflict's side names each speaker once, with their
// claims under them, in the order they first come.
func TestSideSpeakers(t *testing.T) {
	fsys := fstest.MapFS{
		"sources/s.md":    {Data: []byte("---\ntitle: S\n---\nOne. Two. Three. Four.\n")},
		"entities/ann.md": {Data: []byte("---\nname: Ann\nkind: person\n---\n")},
		"entities/bob.md": {Data: []byte("---\nname: Bob\nkind: person\n---\n")},
		"claims/a.md":     {Data: []byte("---\ntitle: A.\nspeaker: ann\nquotes:\n  - source: s\n    text: One.\n---\n")},
		"claims/b.md":     {Data: []byte("---\ntitle: B.\nspeaker: bob\nquotes:\n  - source: s\n    text: Two.\n---\n")},
		"claims/c.md":     {Data: []byte("---\ntitle: C.\nspeaker: ann\nquotes:\n  - source: s\n    text: Three.\n---\n")},
		"claims/d.md":     {Data: []byte("---\ntitle: D.\nquotes:\n  - source: s\n    text: Four.\n---\n")},
		"conflicts/x.md":  {Data: []byte("---\ntitle: X\nkind: tension\nsides: [[a, b, c], [d]]\n---\n")},
	}
	for _, j := range testPages(t, fsys) {
		if j.template != "conflicts" {
			continue
		}
		cards := j.page.ConflictCards()
		if len(cards) != 1 || len(cards[0].Sides) != 2 {
			t.Fatalf("cards: %+v", cards)
		}
		var got []string
		for _, side := range cards[0].Sides {
			var s []string
			for _, g := range side.Speakers {
				name := "-"
				if g.Speaker != nil {
					name = g.Speaker.Name
				}
				var ids []string
				for _, c := range g.Claims {
					ids = append(ids, c.Claim.ID)
				}
				s = append(s, name+":"+strings.Join(ids, ","))
			}
			got = append(got, strings.Join(s, " "))
		}
		if g := strings.Join(got, " | "); g != "Ann:a,c Bob:b | -:d" {
			t.Errorf("sides by speaker: %s, want Ann:a,c Bob:b | -:d", g)
		}
		return
	}
	t.Fatal("no conflicts page")
}
