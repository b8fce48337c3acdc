package browser

// Side notes on source pages: each claim's note beside its passages on
// wide screens, numbered in reading order, one keyboard stop per note, and
// on phones 24 px references that open the note after the paragraph.
// Every source page of the project's dossier is checked, and one dense
// generated source (dense, below) where most paragraphs carry several
// passages, so that notes must be pushed down and blocks collapsed.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The layout's rule, as dossier.js applies it and these tests check it:
// a margin note (or a block's "N notes" button) starts within noteNear px
// of its passage's top (the button: of the first folded note's passage)
// or directly below what is above it, noteGap px under it; a block's
// notes end at most noteSlack px below the block, and those that would
// end further down fold into the button (which the reader may open: its
// notes then follow it, one under the other).
const (
	noteNear  = 8
	noteGap   = 8
	noteSlack = 96
	layoutW   = 1400
)

// sourcePages are the source pages to check: every source of the
// project's dossier, and the dense one.
func sourcePages(t *testing.T, h *harness) []sitePage {
	t.Helper()
	var out []sitePage
	for _, s := range h.site.Dossier.Sources {
		out = append(out, sitePage{site: h.site, path: "sources/" + s.Slug + "/index.html", note: s.Note != ""})
	}
	d := denseSite(t)
	out = append(out, sitePage{site: d, path: "sources/dense/index.html", note: true})
	return out
}

// sitePage is a page of one of the built sites.
type sitePage struct {
	site *Site
	path string
	note bool // its source has an editors' note
}

func (p sitePage) name() string {
	return strings.TrimSuffix(strings.TrimPrefix(p.path, "sources/"), "/index.html")
}

// openOn loads a page of another site than the harness's.
func (tb *tab) openOn(p sitePage) {
	tb.t.Helper()
	if err := Open(tb.ctx, p.site.Addr(p.path)); err != nil {
		tb.t.Fatal(err)
	}
}

var dense struct {
	once sync.Once
	site *Site
	err  error
}

// denseSite builds the dense dossier (once for the package).
func denseSite(t *testing.T) *Site {
	t.Helper()
	dense.once.Do(func() {
		dir, err := os.MkdirTemp("", "dossier-dense-")
		if err != nil {
			dense.err = err
			return
		}
		defer os.RemoveAll(dir)
		if dense.err = writeDense(dir); dense.err != nil {
			return
		}
		dense.site, dense.err = BuildSite(dir, "")
	})
	if dense.err != nil {
		t.Fatalf("the dense dossier: %v", dense.err)
	}
	return dense.site
}

// closeDense stops the dense site, if it was built.
func closeDense() {
	if dense.site != nil {
		dense.site.Close()
	}
}

// writeDense writes a dossier with one source of 40 paragraphs (and a
// heading, a list and a block quote), most of them quoted 2 to 6 times by
// 60 claims, some claims quoting 2 to 4 passages, some passages
// overlapping or quoted twice over; claim titles of 6 to 34 words, so
// notes of one to four lines.
func writeDense(dir string) error {
	rng := rand.New(rand.NewPCG(7, 11))
	vocab := strings.Fields("river levee harbour council engineer flood pump station warning residents district " +
		"rainfall gauge bridge evacuation shelter budget report survey inspector mayor ministry barrier " +
		"channel dredging insurance farmland road culvert sandbag volunteer forecast tide storm drainage")
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	var body strings.Builder
	var passages [][]string // per paragraph, the sentences that may be quoted
	sentence := func(p, s int) string {
		text := fmt.Sprintf("Report %d says the %s", p*10+s, words(4+rng.IntN(10)))
		if rng.IntN(6) == 0 {
			text += " with the Harbour Board"
		}
		return text
	}
	for p := range 40 {
		switch p {
		case 10:
			body.WriteString("## Report 9001 heading on the levee\n\n")
			passages = append(passages, []string{"Report 9001 heading on the levee"})
		case 20:
			body.WriteString("- Report 9101 item on the pumps\n- Report 9102 item on the gauges\n\n")
			passages = append(passages, []string{"Report 9101 item on the pumps", "Report 9102 item on the gauges"})
		case 30:
			body.WriteString("> Report 9201 quoted in a block on the harbour. Report 9202 quoted on the barrier.\n\n")
			passages = append(passages, []string{"Report 9201 quoted in a block on the harbour", "Report 9202 quoted on the barrier"})
		}
		var ss []string
		for s := range 6 {
			text := sentence(p, s)
			if s > 0 {
				body.WriteString(" ")
			}
			body.WriteString(text + ".")
			ss = append(ss, text)
		}
		body.WriteString("\n\n")
		passages = append(passages, ss)
	}
	// Quote 2 to 6 sentences of most paragraphs, and every heading, item
	// and block quote.
	var quotes []string
	var paras []int // the paragraph of each quote
	for pi, ss := range passages {
		n := len(ss)
		if n == 6 {
			n = 2 + rng.IntN(5)
			if rng.IntN(8) == 0 {
				n = 0 // a paragraph without passages
			}
		}
		for _, i := range rng.Perm(len(ss))[:n] {
			quotes = append(quotes, ss[i])
			paras = append(paras, pi)
			switch rng.IntN(12) {
			case 0: // quoted twice over
				quotes = append(quotes, ss[i])
				paras = append(paras, pi)
			case 1: // a passage inside another
				quotes = append(quotes, strings.Join(strings.Fields(ss[i])[:4], " "))
				paras = append(paras, pi)
			}
		}
	}
	const claims = 60
	// Every claim quotes one passage; the other passages go to a claim at
	// random, or, one time in three, to the claim of the passage before
	// them in the same paragraph: a claim quoting several passages of
	// one block, which share its note there.
	byClaim := make([][]string, claims)
	claimOf := make([]int, len(quotes))
	first := rng.Perm(len(quotes))[:claims]
	taken := map[int]bool{}
	for c, qi := range first {
		byClaim[c] = append(byClaim[c], quotes[qi])
		claimOf[qi], taken[qi] = c, true
	}
	for qi, q := range quotes {
		if taken[qi] {
			continue
		}
		c := rng.IntN(claims)
		if qi > 0 && paras[qi-1] == paras[qi] && rng.IntN(3) == 0 {
			c = claimOf[qi-1]
		}
		for len(byClaim[c]) >= 4 || has(byClaim[c], q) {
			c = (c + 1) % claims
		}
		byClaim[c] = append(byClaim[c], q)
		claimOf[qi] = c
	}
	files := map[string]string{
		"sources/dense.md":          "---\ntitle: A dense report on the river\noutlet: The Valley Gazette\nnote: A generated article whose paragraphs most claims quote several times, to test notes that crowd.\n---\n" + body.String(),
		"entities/harbour-board.md": "---\nname: Harbour Board\nkind: organization\n---\n",
		"figures/levee-height.md":   "---\nlabel: Levee height\nunit: metres\n---\n",
	}
	verdicts := []string{"supported", "misleading", "disputed", "\"false\"", "unverified"}
	for c, qs := range byClaim {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Claim %d holds that the %s.\nverdict: %s\nrationale: Because.\nquotes:\n", c+1, words(6+rng.IntN(28)), verdicts[rng.IntN(len(verdicts))])
		for i, q := range qs {
			fmt.Fprintf(&b, "  - source: dense\n    text: %q\n", q)
			if c < 2 && i == 0 { // two values that disagree: a conflict
				fmt.Fprintf(&b, "    figure: {key: levee-height, value: %d}\n", 3+c*5)
			}
		}
		b.WriteString("---\n")
		files[fmt.Sprintf("claims/c%02d.md", c+1)] = b.String()
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// layoutState is where the margin notes of a source page are, in page
// coordinates.
type layoutState struct {
	VW            float64 `json:"vw"`
	TextRight     float64 `json:"textRight"`
	ArticleBottom float64 `json:"articleBottom"`
	On            bool    `json:"on"` // the script laid the notes out
	Groups        []struct {
		Block       string  `json:"block"`
		BlockTop    float64 `json:"blockTop"`
		BlockBottom float64 `json:"blockBottom"`
		Marker      *struct {
			Top    float64 `json:"top"`
			Bottom float64 `json:"bottom"`
			Open   bool    `json:"open"`
		} `json:"marker"`
		Notes []struct {
			ID     string  `json:"id"`
			Top    float64 `json:"top"`
			Bottom float64 `json:"bottom"`
			Left   float64 `json:"left"`
			Right  float64 `json:"right"`
			At     float64 `json:"at"` // its first passage's top
			Shown  bool    `json:"shown"`
			Folded bool    `json:"folded"` // hidden in the fold
			InFold bool    `json:"inFold"` // in the fold, open or not`
		} `json:"notes"`
	} `json:"groups"`
}

const layoutJS = `() => {
	const describe = ` + describeJS + `;
	const text = document.querySelector(".source-text"), Y = (v) => v + scrollY;
	const groups = [...text.querySelectorAll(".sidenotes")].map((box) => {
		const block = box.tagName === "DIV" ? box.previousElementSibling : box.parentElement;
		const br = block.getBoundingClientRect();
		const mk = box.querySelector(".sidenote-group");
		const mr = mk && !mk.hidden && mk.checkVisibility() ? mk.getBoundingClientRect() : null;
		return {block: describe(block), blockTop: Y(br.top), blockBottom: Y(br.bottom),
			marker: mr && {top: Y(mr.top), bottom: Y(mr.bottom), open: mk.getAttribute("aria-expanded") === "true"},
			notes: [...box.querySelectorAll(".sidenote")].map((n) => {
				const r = n.getBoundingClientRect();
				const first = document.getElementById(n.dataset.q.split(/\s+/)[0]);
				const m = first && (first.closest("mark") || first);
				const pr = m && (m.getClientRects()[0] || m.getBoundingClientRect());
				return {id: n.id, top: Y(r.top), bottom: Y(r.bottom), left: r.left, right: r.right, at: pr ? Y(pr.top) : -1,
					shown: n.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.height > 0,
					folded: n.classList.contains("folded"), inFold: n.classList.contains("in-fold")};
			})};
	});
	return {vw: innerWidth, textRight: text.getBoundingClientRect().right, on: text.classList.contains("sn-on"),
		articleBottom: Y(document.querySelector("article.source").getBoundingClientRect().bottom), groups};
}`

// checkLayout checks the margin notes against the layout's rule.
func checkLayout(t *testing.T, page string, s layoutState) (notes, collapsed int) {
	t.Helper()
	if !s.On {
		t.Fatalf("%s at %g px: the script did not lay the notes out in the margin (.source-text.sn-on)", page, s.VW)
	}
	prev := math.Inf(-1)
	place := func(what string, top, bottom, anchor float64) {
		switch {
		case math.Abs(top-anchor) <= noteNear:
		case math.Abs(top-(prev+noteGap)) <= 2:
		default:
			t.Errorf("%s: %s starts at y=%.0f: neither beside its anchor (y=%.0f, ±%d px) nor right below what is above it (y=%.0f + %d)",
				page, what, top, anchor, noteNear, prev, noteGap)
		}
		if top < prev+noteGap-2 {
			t.Errorf("%s: %s (y=%.0f) overlaps what is above it (its bottom at y=%.0f)", page, what, top, prev)
		}
		if top < anchor-noteNear {
			t.Errorf("%s: %s starts at y=%.0f, above its anchor at y=%.0f", page, what, top, anchor)
		}
		prev = bottom
	}
	for _, g := range s.Groups {
		open := g.Marker != nil && g.Marker.Open
		// In the margin: the notes before the fold, the button, and the
		// notes in the fold when it is open.
		markerDone := false
		for _, n := range g.Notes {
			notes++
			if n.InFold && !markerDone {
				markerDone = true
				if g.Marker == nil {
					t.Errorf("%s: note #%s is in a fold, but its block %s shows no button to open it", page, n.ID, g.Block)
				} else {
					collapsed++
					place("the button of "+g.Block+"'s notes", g.Marker.Top, g.Marker.Bottom, n.At)
				}
			}
			if n.Folded {
				continue
			}
			if !n.Shown {
				t.Errorf("%s: note #%s is hidden, neither shown nor folded into a button", page, n.ID)
				continue
			}
			place("note #"+n.ID, n.Top, n.Bottom, n.At)
			if n.Left < s.TextRight+noteGap || n.Right > s.VW {
				t.Errorf("%s: note #%s spans x=%.0f–%.0f: not in the margin between the text (right edge x=%.0f) and the window's edge (%g)",
					page, n.ID, n.Left, n.Right, s.TextRight, s.VW)
			}
			if !n.InFold && n.Bottom > g.BlockBottom+noteSlack+2 {
				t.Errorf("%s: note #%s ends at y=%.0f, %.0f px below its block %s (bottom y=%.0f): more than %d px, so it should be folded into a button",
					page, n.ID, n.Bottom, n.Bottom-g.BlockBottom, g.Block, g.BlockBottom, noteSlack)
			}
			if !open && n.Top > s.ArticleBottom+noteSlack {
				t.Errorf("%s: note #%s starts at y=%.0f, past the article's end (y=%.0f)", page, n.ID, n.Top, s.ArticleBottom)
			}
		}
		if g.Marker != nil && !markerDone {
			t.Errorf("%s: block %s shows a button but none of its notes is in a fold", page, g.Block)
		}
	}
	return notes, collapsed
}

// TestSideNotesBesidePassages: at 1400 px every margin note sits beside
// its passage or right under the note above it, and crowded blocks fold
// their notes into a button; opening one lays them out under it.
func TestSideNotesBesidePassages(t *testing.T) {
	h := setup(t)
	for _, p := range sourcePages(t, h) {
		t.Run(p.name(), func(t *testing.T) {
			tb := h.newTab(t, Viewport{W: layoutW, H: 900})
			tb.openOn(p)
			s, err := call[layoutState](tb, layoutJS)
			if err != nil {
				t.Fatal(err)
			}
			notes, collapsed := checkLayout(t, p.path, s)
			if notes == 0 {
				t.Fatalf("%s has no notes (.sidenote)", p.path)
			}
			folded := 0
			for _, g := range s.Groups {
				for _, n := range g.Notes {
					if n.Folded {
						folded++
					}
				}
			}
			t.Logf("%d notes in %d blocks; %d notes folded into buttons in %d blocks", notes, len(s.Groups), folded, collapsed)
			if collapsed == 0 {
				return
			}
			// Open the first folded block: its notes show under its button,
			// and the rest still follow the rule.
			if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`.sidenote-group:not([hidden])`))); err != nil {
				t.Fatalf("clicking a block's button: %v", err)
			}
			s, err = call[layoutState](tb, layoutJS)
			if err != nil {
				t.Fatal(err)
			}
			opened := false
			for _, g := range s.Groups {
				if g.Marker != nil && g.Marker.Open {
					opened = true
					for _, n := range g.Notes {
						if n.Folded || !n.Shown {
							t.Errorf("%s: after opening %s's notes, #%s is still hidden", p.path, g.Block, n.ID)
						}
					}
					break
				}
			}
			if !opened {
				t.Errorf("%s: clicking a block's button did not open it (aria-expanded=true)", p.path)
			}
			checkLayout(t, p.path+" (one block opened)", s)
		})
	}
}

// numberState is what a source page numbers: its notes, references and
// the list of claims at its foot.
type numberState struct {
	Notes []struct {
		ID    string `json:"id"`
		N     string `json:"n"`
		Claim string `json:"claim"`
	} `json:"notes"`
	Refs []struct {
		Note  string `json:"note"`
		Label string `json:"label"`
	} `json:"refs"`
	Marks []string `json:"marks"` // the passages' ids, in the order they start
	Foot  []struct {
		ID       string   `json:"id"`
		Claim    string   `json:"claim"`
		Passages []string `json:"passages"`
	} `json:"foot"`
	EditorsNote *box `json:"editorsNote"`
}

const numberJS = `() => {
	const box = ` + boxJS + `;
	const text = document.querySelector(".source-text");
	const claimOf = (href) => (href.match(/claims\/([^/]+)\//) || [])[1] || "";
	return {
		notes: [...text.querySelectorAll(".sidenote")].filter((n) => !n.id.endsWith("-more")).map((n) => ({
			id: n.id, n: n.querySelector(".sidenote-n").textContent.trim(), claim: claimOf(n.querySelector("a.note-claim").getAttribute("href"))})),
		refs: [...text.querySelectorAll("a.ref[data-note]")].map((a) => ({note: a.dataset.note, label: a.textContent.trim()})),
		marks: [...text.querySelectorAll("mark.hl[id], .hl-also[id]")].map((m) => m.id),
		foot: [...document.querySelectorAll("ol.passages > li")].map((li) => ({id: li.id,
			claim: claimOf(li.querySelector("a.passages-claim")?.getAttribute("href") || ""),
			passages: [...li.querySelectorAll("a.passage-link")].map((a) => a.getAttribute("href").slice(1))})),
		editorsNote: box(document.querySelector("article.source header .editors-note"))};
}`

var refLabel = regexp.MustCompile(`^(\d+)([a-z]*)$`)

// TestNotesNumberedInReadingOrder: claims are numbered 1…n in the order
// their first passage comes; a claim's references carry its number (with
// a, b… when it quotes several passages) and the list at the foot has
// the same numbers; the editors' note on the source shows.
func TestNotesNumberedInReadingOrder(t *testing.T) {
	h := setup(t)
	for _, p := range sourcePages(t, h) {
		t.Run(p.name(), func(t *testing.T) {
			tb := h.newTab(t, Viewport{W: layoutW, H: 900})
			tb.openOn(p)
			s, err := call[numberState](tb, numberJS)
			if err != nil {
				t.Fatal(err)
			}
			if p.note && !s.EditorsNote.shown() {
				t.Errorf("%s: the source's editors' note (header .editors-note) is not shown: %s", p.path, s.EditorsNote.why())
			}
			claimNum := map[string]string{}
			noteNum := map[string]string{}
			next := 1
			for _, n := range s.Notes {
				noteNum[n.ID] = n.N
				if prev, ok := claimNum[n.Claim]; ok {
					if prev != n.N {
						t.Errorf("%s: claim %s is numbered %s and %s", p.path, n.Claim, prev, n.N)
					}
					continue
				}
				if n.N != strconv.Itoa(next) {
					t.Errorf("%s: the %s new claim in the notes' order (%s) is numbered %s", p.path, ordinal(next), n.Claim, n.N)
				}
				claimNum[n.Claim] = n.N
				next++
			}
			// The passages' marks open in reading order: their claims first
			// appear in the numbers' order.
			seen := map[string]bool{}
			want := 1
			for _, id := range s.Marks {
				c := claimOf(id)
				if seen[c] || claimNum[c] == "" {
					continue
				}
				seen[c] = true
				if claimNum[c] != strconv.Itoa(want) {
					t.Errorf("%s: claim %s is the %s to appear in the text, but is numbered %s", p.path, c, ordinal(want), claimNum[c])
					break
				}
				want++
			}
			letters := map[string][]string{}
			for _, r := range s.Refs {
				if strings.HasPrefix(r.Label, "+") {
					continue
				}
				m := refLabel.FindStringSubmatch(r.Label)
				if m == nil {
					t.Errorf("%s: a reference is labelled %q, not a number with a letter or none", p.path, r.Label)
					continue
				}
				if m[1] != noteNum[r.Note] {
					t.Errorf("%s: reference %q leads to #%s, numbered %q", p.path, r.Label, r.Note, noteNum[r.Note])
				}
				letters[m[1]] = append(letters[m[1]], m[2])
			}
			for n, ls := range letters {
				if len(ls) == 1 && ls[0] == "" {
					continue // one passage: the number alone
				}
				want := "abcdefghijklmnopqrstuvwxyz"
				if len(ls) > len(want) || strings.Join(ls, "") != want[:len(ls)] {
					t.Errorf("%s: claim %s's references are lettered %q in the text's order, not a, b, c…", p.path, n, ls)
				}
			}
			if len(s.Foot) != len(claimNum) {
				t.Errorf("%s: the list at the foot has %d claims, the notes %d", p.path, len(s.Foot), len(claimNum))
			}
			for i, f := range s.Foot {
				num := strconv.Itoa(i + 1)
				if claimNum[f.Claim] != num {
					t.Errorf("%s: the foot's item %d is claim %s, numbered %q in the text", p.path, i+1, f.Claim, claimNum[f.Claim])
				}
				if f.ID != "claim-"+num {
					t.Errorf("%s: the foot's item %d has the id %q", p.path, i+1, f.ID)
				}
				if len(f.Passages) == 0 {
					t.Errorf("%s: the foot's item %d links to none of its passages", p.path, i+1)
				}
			}
			t.Logf("%d claims, %d notes, %d references", len(claimNum), len(s.Notes), len(s.Refs))
		})
	}
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return strconv.Itoa(n) + "th"
	case n%10 == 1:
		return strconv.Itoa(n) + "st"
	case n%10 == 2:
		return strconv.Itoa(n) + "nd"
	case n%10 == 3:
		return strconv.Itoa(n) + "rd"
	}
	return strconv.Itoa(n) + "th"
}

// stopState counts the keyboard's stops in a source's text.
type stopState struct {
	Stops  int      `json:"stops"`
	Notes  int      `json:"notes"`
	Marks  int      `json:"marks"` // marks with a tabindex
	Sample []string `json:"sample"`
}

const stopsJS = `() => {
	const describe = ` + describeJS + `;
	const text = document.querySelector(".source-text");
	const stops = [...text.querySelectorAll("a[href], button, [tabindex]")].filter((el) =>
		el.tabIndex >= 0 && !el.disabled && el.checkVisibility() && !el.matches("a.mention") &&
		(el.closest(".sidenotes") || el.matches("a.ref, mark")));
	return {stops: stops.length, notes: text.querySelectorAll(".sidenote").length,
		marks: text.querySelectorAll("mark[tabindex]").length, sample: stops.slice(0, 6).map(describe)};
}`

// TestOneStopPerNote: the keyboard stops once per note (a claim's
// passages in one block), on wide screens and on phones; no mark is a
// stop.
func TestOneStopPerNote(t *testing.T) {
	h := setup(t)
	for _, vp := range []Viewport{{W: layoutW, H: 900}, narrow} {
		for _, p := range sourcePages(t, h) {
			t.Run(fmt.Sprintf("%s-%d", p.name(), vp.W), func(t *testing.T) {
				tb := h.newTab(t, vp)
				tb.openOn(p)
				s, err := call[stopState](tb, stopsJS)
				if err != nil {
					t.Fatal(err)
				}
				if s.Stops != s.Notes {
					t.Errorf("%s at %d px: %d keyboard stops among the passages, references and notes, for %d notes; the first: %s",
						p.path, vp.W, s.Stops, s.Notes, strings.Join(s.Sample, ", "))
				}
				if s.Marks > 0 {
					t.Errorf("%s: %d marks have a tabindex: the note is the passage's stop", p.path, s.Marks)
				}
			})
		}
	}
}

// phoneState is the references' sizes and an opened note on a phone.
type phoneState struct {
	Small    []string `json:"small"`    // references under 24×24 px
	Orphaned []string `json:"orphaned"` // punctuation after a reference wrapped onto the next line
	Refs     int      `json:"refs"`
	Note     *box     `json:"note"`
	LastLine float64  `json:"lastLine"` // the bottom of the paragraph's last line of text
	Block    string   `json:"block"`
	VW       float64  `json:"vw"`
}

func (s phoneState) ok() bool { return s.Note.shown() }

const phoneJS = `(noteID) => {
	const describe = ` + describeJS + `, box = ` + boxJS + `;
	const text = document.querySelector(".source-text");
	const refs = [...text.querySelectorAll("a.ref")];
	const small = refs.filter((a) => { const r = a.getBoundingClientRect(); return r.width < 24 || r.height < 24; })
		.slice(0, 5).map((a) => a.textContent + " " + Math.round(a.getBoundingClientRect().width) + "×" + Math.round(a.getBoundingClientRect().height));
	const orphaned = [];
	for (const a of refs) {
		const t = a.nextSibling;
		if (!t || t.nodeType !== 3 || !/^[.,;:!?”’)]/.test(t.textContent)) continue;
		const range = document.createRange();
		range.setStart(t, 0);
		range.setEnd(t, 1);
		const c = range.getBoundingClientRect(), r = a.getClientRects()[a.getClientRects().length - 1];
		if (c.top >= r.bottom || c.bottom <= r.top) orphaned.push(a.textContent + " then " + JSON.stringify(t.textContent.slice(0, 12)));
	}
	const note = noteID && document.getElementById(noteID);
	let lastLine = 0, block = "";
	if (note) {
		const wrap = note.closest(".sidenotes");
		const b = wrap.tagName === "DIV" ? wrap.previousElementSibling : wrap.parentElement;
		block = describe(b);
		const range = document.createRange();
		range.setStart(b, 0);
		if (wrap.parentElement === b) range.setEndBefore(wrap); else range.setEnd(b, b.childNodes.length);
		for (const r of range.getClientRects()) if (r.height > 0) lastLine = Math.max(lastLine, r.bottom);
	}
	return {small, orphaned: orphaned.slice(0, 5), refs: refs.length, note: box(note), lastLine, block, vw: innerWidth};
}`

// TestPhoneReferences: on a phone every reference is a 24×24 px target,
// notes are closed, and tapping a reference in mid-paragraph opens its
// note after the paragraph, never inside its sentence; Escape closes it.
func TestPhoneReferences(t *testing.T) {
	h := setup(t)
	for _, p := range sourcePages(t, h) {
		t.Run(p.name(), func(t *testing.T) {
			tb := h.newTab(t, narrow)
			tb.openOn(p)
			s, err := call[phoneState](tb, phoneJS, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Small) > 0 {
				t.Errorf("%s at %d px: references smaller than 24×24 px: %s", p.path, narrowW, strings.Join(s.Small, ", "))
			}
			if len(s.Orphaned) > 0 {
				t.Errorf("%s at %d px: the punctuation after a reference starts the next line: %s", p.path, narrowW, strings.Join(s.Orphaned, "; "))
			}
			// A reference followed by more of its paragraph's text.
			note, err := eval[string](tb, `(() => {
				const a = [...document.querySelectorAll(".source-text a.ref[data-first]")].find((a) => {
					const after = a.nextSibling; return after && after.nodeType === 3 && after.textContent.trim().length > 20;
				}) || document.querySelector(".source-text a.ref[data-first]");
				if (!a) return "";
				a.setAttribute("data-test-tap", "");
				a.scrollIntoView({block: "center"});
				return a.dataset.note;
			})()`)
			if err != nil {
				t.Fatal(err)
			}
			if note == "" {
				t.Fatalf("%s has no reference (a.ref[data-first])", p.path)
			}
			before, err := call[phoneState](tb, phoneJS, note)
			if err != nil {
				t.Fatal(err)
			}
			if before.Note.shown() {
				t.Errorf("%s at %d px: note #%s shows before its reference is tapped", p.path, narrowW, note)
			}
			if err := chromedp.Do(tb.ctx, chromedp.Tap(chromedp.CSS(`a.ref[data-test-tap]`))); err != nil {
				t.Fatalf("tapping the reference to #%s: %v", note, err)
			}
			s = poll[phoneState](tb, 3*time.Second, phoneJS, note)
			if !s.Note.shown() {
				t.Fatalf("%s at %d px: tapping the reference to #%s left the note hidden: %s", p.path, narrowW, note, s.Note.why())
			}
			if s.Note.Y < s.LastLine-0.5 {
				t.Errorf("%s: the note #%s opens at y=%.0f, inside its paragraph %s, whose last line ends at y=%.0f", p.path, note, s.Note.Y, s.Block, s.LastLine)
			}
			if s.Note.X < -0.5 || s.Note.X+s.Note.W > s.VW+0.5 {
				t.Errorf("%s: the open note #%s spans x=%.0f–%.0f on a %g px screen", p.path, note, s.Note.X, s.Note.X+s.Note.W, s.VW)
			}
			if err := chromedp.Do(tb.ctx, chromedp.KeyEvent("\x1b")); err != nil { // Escape
				t.Fatal(err)
			}
			after, err := call[phoneState](tb, phoneJS, note)
			if err != nil {
				t.Fatal(err)
			}
			if after.Note.shown() {
				t.Errorf("%s: Escape did not close the note #%s", p.path, note)
			}
		})
	}
}

// TestNotesWithoutScript: without JavaScript every note is readable, on
// a wide screen and on a phone, and no reference leads to a hidden one.
func TestNotesWithoutScript(t *testing.T) {
	h := setup(t)
	type hidden struct {
		Notes  int      `json:"notes"`
		Hidden []string `json:"hidden"`
	}
	for _, vp := range []Viewport{{W: layoutW, H: 900}, narrow} {
		for _, p := range sourcePages(t, h) {
			t.Run(fmt.Sprintf("%s-%d", p.name(), vp.W), func(t *testing.T) {
				tb := h.newTab(t, vp)
				if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
					t.Fatal(err)
				}
				tb.openOn(p)
				s, err := eval[hidden](tb, `(() => { const notes = [...document.querySelectorAll(".source-text .sidenote")];
					return {notes: notes.length, hidden: notes.filter((n) => !n.checkVisibility({opacityProperty: true, visibilityProperty: true}) ||
						n.getBoundingClientRect().height === 0).slice(0, 5).map((n) => n.id)}; })()`)
				if err != nil {
					t.Fatal(err)
				}
				if s.Notes == 0 {
					t.Fatalf("%s has no notes", p.path)
				}
				if len(s.Hidden) > 0 {
					t.Errorf("%s at %d px without JavaScript: notes are hidden: %s", p.path, vp.W, strings.Join(s.Hidden, ", "))
				}
			})
		}
	}
}

// TestSideNoteScreenshots writes screenshots of the dense source and the
// project's chosen source at 1400 and 375 px, light and dark, to
// $DOSSIER_SHOTS, for people to look at; it skips without it.
func TestSideNoteScreenshots(t *testing.T) {
	out := os.Getenv("DOSSIER_SHOTS")
	if out == "" {
		t.Skip("set DOSSIER_SHOTS to a folder to write the screenshots to")
	}
	h := setup(t)
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := []sitePage{{site: denseSite(t), path: "sources/dense/index.html"}, {site: h.site, path: h.page(t, "source").Path}}
	// Arrived at a passage from its claim.
	for _, vp := range []Viewport{{W: layoutW, H: 1000}, narrow} {
		tb := h.newTab(t, vp)
		claim := h.page(t, "claim").Path
		tb.open(claim)
		clickAndLoad(tb, chromedp.CSS(`figure.quote a[href*="#q-"]`), "the quote's link")
		time.Sleep(1500 * time.Millisecond) // the arrival's animation
		img, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("arrived-%d.png", vp.W)), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// As printed.
	{
		tb := h.newTab(t, Viewport{W: 800, H: 1100})
		if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		tb.openOn(pages[1])
		for i, y := range []int{0, 1800} {
			if _, err := eval[chromedp.Void](tb, fmt.Sprintf("window.scrollTo(0, %d)", y)); err != nil {
				t.Fatal(err)
			}
			img, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("%s-print-%d.png", pages[1].name(), i)), img, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, vp := range []Viewport{{W: layoutW, H: 1000}, narrow} {
		tb := h.newTab(t, vp)
		if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		tb.openOn(pages[1])
		if _, err := eval[chromedp.Void](tb, "window.scrollTo(0, 1800)"); err != nil {
			t.Fatal(err)
		}
		img, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("%s-%d-noscript.png", pages[1].name(), vp.W)), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range pages {
		for _, vp := range []Viewport{{W: layoutW, H: 1000}, narrow} {
			for _, scheme := range []string{"light", "dark"} {
				tb := h.newTab(t, vp)
				if err := SetScheme(tb.ctx, scheme); err != nil {
					t.Fatal(err)
				}
				tb.openOn(p)
				// Slices of the page: the top, and further down.
				for i, y := range []int{0, 1800, 3600} {
					if _, err := eval[chromedp.Void](tb, fmt.Sprintf("window.scrollTo(0, %d)", y)); err != nil {
						t.Fatal(err)
					}
					if vp.W < 600 && i == 1 {
						if _, err := eval[chromedp.Void](tb, `(() => { const a = [...document.querySelectorAll(".source-text a.ref[data-first]")].find(a => a.getBoundingClientRect().top > 200); if (a) a.click(); })()`); err != nil {
							t.Fatal(err)
						}
					}
					img, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
					if err != nil {
						t.Fatal(err)
					}
					name := fmt.Sprintf("%s-%d-%s-%d.png", p.name(), vp.W, scheme, i)
					if err := os.WriteFile(filepath.Join(out, name), img, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}

// highlightState is how the passages of a source page look.
type highlightState struct {
	Quiet, Lit, Conflict string // backgrounds: a passage at rest, one lit up; a conflict's underline
	AllOn                string // a passage at rest with every annotation shown
	Pressed              string // the button's aria-pressed
	Button               *box   `json:"button"`
	Neutral              int    // verdict badges for a neutral verdict
}

const highlightJS = `() => {
	const box = ` + boxJS + `;
	const text = document.querySelector(".source-text");
	const marks = [...text.querySelectorAll("mark.hl:not(.conflict)")].filter((m) => !m.classList.contains("active") && !m.closest("mark.hl.conflict"));
	const m = marks[0], c = text.querySelector("mark.hl.conflict"), b = document.querySelector("button.show-all");
	const bg = (el) => el ? getComputedStyle(el).backgroundColor : "";
	const quiet = bg(m);
	m.classList.add("active");
	const lit = bg(m);
	m.classList.remove("active");
	return {Quiet: quiet, Lit: lit, Conflict: c ? getComputedStyle(c).boxShadow : "", AllOn: text.classList.contains("show-all") ? bg(m) : "",
		Pressed: b ? b.getAttribute("aria-pressed") : "", button: box(b), Neutral: text.querySelectorAll(".verdict-unverified").length};
}`

// TestQuietHighlights: passages are quiet at rest and filled in when lit
// up; conflicts keep their red line; "Show all annotations" fills them
// all, says so with aria-pressed and is remembered; a neutral verdict
// gets no badge in the notes.
func TestQuietHighlights(t *testing.T) {
	h := setup(t)
	p := sitePage{site: denseSite(t), path: "sources/dense/index.html"}
	tb := h.newTab(t, Viewport{W: layoutW, H: 900})
	tb.openOn(p)
	s, err := call[highlightState](tb, highlightJS)
	if err != nil {
		t.Fatal(err)
	}
	if s.Quiet == s.Lit {
		t.Errorf("a passage at rest looks as one lit up (background %s)", s.Quiet)
	}
	if !strings.Contains(s.Conflict, "inset") {
		t.Errorf("a passage in conflict has no underline at rest (box-shadow %q)", s.Conflict)
	}
	if s.Neutral > 0 {
		t.Errorf("%d notes show a badge for a neutral verdict (.verdict-unverified)", s.Neutral)
	}
	if !s.Button.shown() || s.Pressed != "false" {
		t.Fatalf("the Show all annotations button: %s, aria-pressed=%q", s.Button.why(), s.Pressed)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS("button.show-all"))); err != nil {
		t.Fatal(err)
	}
	tb.openOn(p) // again: the choice is remembered
	s, err = call[highlightState](tb, highlightJS)
	if err != nil {
		t.Fatal(err)
	}
	if s.Pressed != "true" || s.AllOn != s.Lit {
		t.Errorf("after Show all annotations and a reload: aria-pressed=%q, a passage at rest has background %s, one lit up %s", s.Pressed, s.AllOn, s.Lit)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS("button.show-all"))); err != nil {
		t.Fatal(err)
	}
}
