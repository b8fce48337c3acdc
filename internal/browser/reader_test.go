package browser

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// describeJS returns a JavaScript function that names an element the way
// a failure message should: tag#id.class.
const describeJS = `(el) => {
	if (!el) return "nothing";
	let s = el.tagName.toLowerCase();
	if (el.id) s += "#" + el.id;
	for (const c of [...el.classList].slice(0, 3)) s += "." + c;
	return s;
}`

// box is what a reader can see of an element.
type box struct {
	X          float64 `json:"x"`
	Y          float64 `json:"y"`
	W          float64 `json:"w"`
	H          float64 `json:"h"`
	Display    string  `json:"display"`
	Visibility string  `json:"visibility"`
	Opacity    string  `json:"opacity"`
	Visible    bool    `json:"visible"` // Element.checkVisibility with opacity and visibility
	HTML       string  `json:"html"`
}

const boxJS = `(el) => {
	if (!el) return null;
	const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
	return {x: r.x, y: r.y, w: r.width, h: r.height,
		display: cs.display, visibility: cs.visibility, opacity: cs.opacity,
		visible: el.checkVisibility({opacityProperty: true, visibilityProperty: true}),
		html: el.outerHTML.slice(0, 200)};
}`

// shown reports whether a reader sees the element at all.
func (b *box) shown() bool { return b != nil && b.Visible && b.W > 0 && b.H > 0 }

// why says why a reader does not see the element.
func (b *box) why() string {
	switch {
	case b == nil:
		return "it does not exist"
	case b.Display == "none":
		return "it is display: none"
	case b.Visibility != "visible":
		return "it is visibility: " + b.Visibility
	case b.Opacity == "0":
		return "it is opacity: 0"
	case b.W == 0 || b.H == 0:
		return fmt.Sprintf("it is %g×%g px", b.W, b.H)
	case !b.Visible:
		return "an ancestor hides it"
	}
	return "it is visible"
}

// noteState is a passage, its note and the note's claim link.
type noteState struct {
	VW      float64 `json:"vw"`
	VH      float64 `json:"vh"`
	Focused bool    `json:"focused"` // the note's claim link has the focus
	Active  string  `json:"active"`  // what has the focus
	Lit     bool    `json:"lit"`     // the passage is lit up (class active)
	NoteID  string  `json:"noteID"`
	Mark    *box    `json:"mark"`
	Note    *box    `json:"note"`
	HasRef  bool    `json:"hasRef"` // an a.ref leads to the note
	Link    *struct {
		Href string `json:"href"`
		Text string `json:"text"`
	} `json:"link"`
}

func (s noteState) ok() bool { return s.Note.shown() && s.Link != nil }

// noteStateJS finds a passage's note: the .sidenote whose data-q names it.
const noteStateJS = `(id) => {
	const describe = ` + describeJS + `, box = ` + boxJS + `;
	const mark = document.getElementById(id);
	const note = [...document.querySelectorAll(".sidenote")].find((n) => n.dataset.q.split(/\s+/).includes(id));
	const link = note && note.querySelector("a.note-claim");
	return {vw: innerWidth, vh: innerHeight,
		focused: !!link && document.activeElement === link, active: describe(document.activeElement),
		lit: !!mark && mark.classList.contains("active"), noteID: note ? note.id : "",
		mark: box(mark), note: box(note),
		hasRef: !!note && !!document.querySelector('a.ref[data-note="' + note.id + '"]'),
		link: link && {href: link.getAttribute("href"), text: link.textContent.trim()}};
}`

// claimOf is the claim id of a passage id "q-<claim>-<n>".
func claimOf(passage string) string {
	s := strings.TrimPrefix(passage, "q-")
	if i := strings.LastIndexByte(s, '-'); i > 0 {
		return s[:i]
	}
	return s
}

// firstPassage opens the chosen source page and returns the id of its
// first highlighted passage.
func firstPassage(t *testing.T, tb *tab) (page, id string) {
	t.Helper()
	page = tb.h.page(t, "source").Path
	tb.open(page)
	id, err := eval[string](tb, `document.querySelector('main mark.hl[id^="q-"]')?.id ?? ""`)
	if err != nil {
		t.Fatal(err)
	}
	if id == "" {
		t.Fatalf("%s shows no highlighted passage (main mark.hl with an id q-…)", page)
	}
	return page, id
}

// focusNote gives the keyboard focus to the claim link of the passage's
// note, the passage's one stop for the keyboard on a wide screen, as a
// reader's Tab does.
func focusNote(t *testing.T, tb *tab, page, id string) {
	t.Helper()
	focused, err := call[bool](tb, `(id) => {
		const note = [...document.querySelectorAll(".sidenote")].find((n) => n.dataset.q.split(/\s+/).includes(id));
		const link = note && note.querySelector("a.note-claim");
		if (!link || link.tabIndex < 0) return false;
		link.focus();
		return document.activeElement === link;
	}`, id)
	if err != nil {
		t.Fatal(err)
	}
	if !focused {
		t.Fatalf("on %s the note of the passage #%s has no claim link that takes the keyboard focus", page, id)
	}
}

// waitNote waits up to 3 s for the passage's note to show, and checks
// what it holds. how says what the reader did.
func waitNote(t *testing.T, tb *tab, page, id, how string) noteState {
	t.Helper()
	s := poll[noteState](tb, 3*time.Second, noteStateJS, id)
	if s.Note == nil {
		t.Fatalf("on %s the passage #%s has no note: no .sidenote whose data-q names it", page, id)
	}
	if !s.Note.shown() {
		t.Fatalf("on %s at %g px wide, after %s #%s its note stays hidden: %s (focus is on %s)\nnote: %s",
			page, s.VW, how, id, s.Note.why(), s.Active, s.Note.HTML)
	}
	if s.Link == nil {
		t.Fatalf("on %s the note of #%s holds no link to its claim (a.note-claim)\nnote: %s", page, id, s.Note.HTML)
	}
	if want := "claims/" + claimOf(id) + "/"; !strings.Contains(s.Link.Href, want) {
		t.Errorf("on %s the note of #%s links to %q, not to its claim's page (%s…)", page, id, s.Link.Href, want)
	}
	if s.Link.Text == "" {
		t.Errorf("on %s the claim link in the note of #%s has no text: the reader cannot tell which claim it is", page, id)
	}
	if !s.HasRef {
		t.Errorf("on %s the passage #%s has no reference a.ref[data-note=\"%s\"]: without it a phone reader cannot open the note", page, id, s.NoteID)
	}
	return s
}

// TestSourceNoteOnFocus: on a desktop screen, a reader who tabs to a
// passage's note sees it beside the passage, and the passage lights up.
func TestSourceNoteOnFocus(t *testing.T) {
	h := setup(t)
	tb := h.newTab(t, wide)
	page, id := firstPassage(t, tb)
	focusNote(t, tb, page, id)
	s := waitNote(t, tb, page, id, "focusing the note of")
	if !s.Lit {
		t.Errorf("on %s focusing the note of #%s does not light the passage up (class active on its mark)", page, id)
	}
	if s.Mark != nil && (s.Note.X < s.Mark.X+s.Mark.W || math.Abs(s.Note.Y-s.Mark.Y) > 8) {
		t.Errorf("on %s the note of #%s is at (%g, %g), not beside its passage at (%g, %g)–(%g, …)", page, id, s.Note.X, s.Note.Y, s.Mark.X, s.Mark.Y, s.Mark.X+s.Mark.W)
	}
	t.Logf("#%s: note %g×%g px at (%g, %g), claim link %q → %s", id, s.Note.W, s.Note.H, s.Note.X, s.Note.Y, s.Link.Text, s.Link.Href)
}

// TestNoteLinksToClaim: the note's claim link opens the claim's page.
func TestNoteLinksToClaim(t *testing.T) {
	h := setup(t)
	tb := h.newTab(t, wide)
	page, id := firstPassage(t, tb)
	focusNote(t, tb, page, id)
	s := waitNote(t, tb, page, id, "focusing the note of")

	clickAndLoad(tb, chromedp.CSS("#"+s.NoteID+" a.note-claim"), "the claim link in the note of #"+id)
	claim := claimOf(id)
	want := "claims/" + claim + "/index.html"
	if got := tb.path(); got != want && got != strings.TrimSuffix(want, "index.html") {
		t.Fatalf("the claim link in the note of #%s on %s led to /%s, not to the claim's page /%s", id, page, got, want)
	}
	back, err := call[bool](tb, `(id) => !!document.querySelector('figure.quote a[href$="#' + id + '"]')`, id)
	if err != nil {
		t.Fatal(err)
	}
	if !back {
		t.Errorf("the claim page /%s has no quote linking back to the passage #%s (figure.quote a[href$=\"#%s\"])", want, id, id)
	}
}

// targetState is the passage a link led to.
type targetState struct {
	VW       float64 `json:"vw"`
	VH       float64 `json:"vh"`
	Exists   bool    `json:"exists"`
	Target   string  `json:"target"`   // what :target matches
	IsTarget bool    `json:"isTarget"` // :target is the passage
	Box      *box    `json:"box"`
	Outline  string  `json:"outline"`
	Shadow   string  `json:"shadow"`
	AtCentre string  `json:"atCentre"` // the element a reader sees at the passage's centre
	Covered  bool    `json:"covered"`  // that element is not the passage
}

// inView reports whether the passage's top is on the screen (give or take
// a pixel of rounding: a passage scrolled to the top can sit at y=-0.1).
func (s targetState) inView() bool {
	return s.Box != nil && s.Box.Y >= -1 && s.Box.Y < s.VH && s.Box.X >= -1 && s.Box.X < s.VW
}

func (s targetState) ok() bool { return s.Exists && s.inView() && !s.Covered }

const targetStateJS = `(id) => {
	const describe = ` + describeJS + `, box = ` + boxJS + `;
	const el = document.getElementById(id), target = document.querySelector(":target");
	if (!el) return {vw: innerWidth, vh: innerHeight, exists: false, target: describe(target)};
	const cs = getComputedStyle(el), r = el.getClientRects()[0] || el.getBoundingClientRect();
	const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
	return {vw: innerWidth, vh: innerHeight, exists: true, target: describe(target), isTarget: target === el, box: box(el),
		outline: cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor, shadow: cs.boxShadow,
		atCentre: describe(at), covered: !at || !(at === el || el.contains(at) || at.contains(el))};
}`

// TestQuoteLinksBackToPassage: from a claim, a quote's link opens the
// source with the passage scrolled into view and marked.
func TestQuoteLinksBackToPassage(t *testing.T) {
	h := setup(t)
	tb := h.newTab(t, wide)
	claimPage := h.page(t, "claim").Path
	tb.open(claimPage)
	type quoteLink struct {
		Href string `json:"href"` // as written
		Path string `json:"path"` // resolved, without the leading slash
		ID   string `json:"id"`
	}
	link, err := eval[quoteLink](tb, `(() => {
		const a = document.querySelector('figure.quote a[href*="#q-"]');
		if (!a) return {href: "", path: "", id: ""};
		const u = new URL(a.href);
		return {href: a.getAttribute("href"), path: u.pathname.slice(1), id: decodeURIComponent(u.hash.slice(1))};
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if link.Href == "" {
		t.Fatalf("the claim page %s shows no quote linking to its passage (figure.quote a[href*=\"#q-\"])", claimPage)
	}
	if !strings.HasPrefix(link.Href, "../../sources/") {
		t.Errorf("the quote link on %s is %q, not a relative link ../../sources/<slug>/index.html#q-…", claimPage, link.Href)
	}

	clickAndLoad(tb, chromedp.CSS(`figure.quote a[href*="#q-"]`), "the quote's source link on "+claimPage)
	if got := tb.path(); got != link.Path {
		t.Fatalf("the quote link %q on %s led to /%s, not to /%s", link.Href, claimPage, got, link.Path)
	}
	s := poll[targetState](tb, 3*time.Second, targetStateJS, link.ID)
	switch {
	case !s.Exists:
		t.Fatalf("following %q from %s: the source page has no passage #%s", link.Href, claimPage, link.ID)
	case !s.inView():
		t.Fatalf("following %q from %s: the passage #%s is not in view: its box is %g×%g at (%g, %g) in a %g×%g window",
			link.Href, claimPage, link.ID, s.Box.W, s.Box.H, s.Box.X, s.Box.Y, s.VW, s.VH)
	case s.Covered:
		t.Errorf("following %q from %s: the passage #%s is scrolled to but hidden under %s", link.Href, claimPage, link.ID, s.AtCentre)
	}
	if !s.IsTarget {
		t.Errorf("following %q from %s: :target is %s, not the passage #%s", link.Href, claimPage, s.Target, link.ID)
	}
	outlined := !strings.HasPrefix(s.Outline, "none") && !strings.Contains(s.Outline, " 0px ")
	if !outlined && s.Shadow == "none" {
		t.Errorf("following %q from %s: the passage #%s is in view but not marked as the one linked to: no outline or shadow on :target (outline: %s)",
			link.Href, claimPage, link.ID, s.Outline)
	}
	// A bar at the top of the text leads back to the claim.
	type backBar struct {
		Bar   *box   `json:"bar"`
		Href  string `json:"href"`
		Title string `json:"title"`
	}
	back, err := eval[backBar](tb, `(() => { const box = `+boxJS+`; const bar = document.querySelector(".back-bar"), a = bar && bar.querySelector("a");
		return {bar: box(bar), href: a ? a.getAttribute("href") : "", title: a ? a.textContent.trim() : ""}; })()`)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Bar.shown() {
		t.Errorf("arriving at #%s from %s: no bar leads back to the claim (.back-bar): %s", link.ID, claimPage, back.Bar.why())
	} else if want := "claims/" + claimOf(link.ID) + "/"; !strings.Contains(back.Href, want) || back.Title == "" {
		t.Errorf("arriving at #%s from %s: the bar back says %q and links to %q, not to %s…", link.ID, claimPage, back.Title, back.Href, want)
	}
	t.Logf("#%s in view at y=%g of %g, outline %s, shadow %s; back: %q", link.ID, s.Box.Y, s.VH, s.Outline, s.Shadow, back.Title)
}

// TestPhoneNote: on a phone a passage's note stays closed until the reader
// taps its reference (or the passage), or tabs to it and presses Enter,
// then opens after the paragraph, within the screen.
func TestPhoneNote(t *testing.T) {
	h := setup(t)
	for name, how := range map[string]string{"enter": "pressing Enter on", "tap": "tapping", "tap-passage": "tapping the passage instead of"} {
		t.Run(name, func(t *testing.T) {
			tb := h.newTab(t, narrow)
			page, id := firstPassage(t, tb)
			before, err := call[noteState](tb, noteStateJS, id)
			if err != nil {
				t.Fatal(err)
			}
			if before.Note.shown() {
				t.Errorf("on %s at %d px wide the note of #%s is open before the reader asks for it: on a phone notes should stay closed until their reference is tapped", page, narrowW, id)
			}
			ref := chromedp.CSS(`a.ref[data-first][data-note="` + before.NoteID + `"]`)
			if how == "tapping the passage instead of" {
				if err := chromedp.Do(tb.ctx, chromedp.Tap(chromedp.ID(id))); err != nil {
					t.Fatalf("tapping the passage #%s: %v", id, err)
				}
			} else if how == "tapping" {
				if err := chromedp.Do(tb.ctx, chromedp.Tap(ref)); err != nil {
					t.Fatalf("tapping the reference to the note of #%s: %v", id, err)
				}
			} else {
				focused, err := call[bool](tb, `(id) => { const a = document.querySelector('a.ref[data-first][data-note="' + id + '"]'); if (!a || a.tabIndex < 0) return false; a.focus(); return document.activeElement === a; }`, before.NoteID)
				if err != nil {
					t.Fatal(err)
				}
				if !focused {
					t.Fatalf("on %s at %d px the reference to the note of #%s is no stop for the keyboard", page, narrowW, id)
				}
				if err := chromedp.Do(tb.ctx, chromedp.KeyEvent("\r")); err != nil {
					t.Fatal(err)
				}
			}
			s := waitNote(t, tb, page, id, how+" the reference of")
			if right := s.Note.X + s.Note.W; s.Note.X < -0.5 || right > s.VW+0.5 {
				t.Errorf("on %s the open note of #%s sticks out of the %g px screen: it spans x=%g to %g", page, id, s.VW, s.Note.X, right)
			}
			if s.Mark != nil && s.Note.Y < s.Mark.Y+s.Mark.H {
				t.Errorf("on %s the note of #%s opens at y=%g, not after its passage (which ends at y=%g)", page, id, s.Note.Y, s.Mark.Y+s.Mark.H)
			}
		})
	}
}

// overflowState says whether a page scrolls sideways, and what sticks out.
type overflowState struct {
	ScrollWidth float64  `json:"scrollWidth"`
	InnerWidth  float64  `json:"innerWidth"`
	Over        []string `json:"over"`
}

const overflowJS = `(limit) => {
	const describe = ` + describeJS + `;
	const vw = Math.min(innerWidth, limit), de = document.documentElement, over = [];
	const clipped = (el) => {
		for (let p = el.parentElement; p && p !== document.body && p !== de; p = p.parentElement)
			if (getComputedStyle(p).overflowX !== "visible") return true;
		return false;
	};
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.right <= vw + 0.5 || (r.width === 0 && r.height === 0) || clipped(el)) continue;
		const p = el.parentElement;
		if (p !== document.body && p.getBoundingClientRect().right > vw + 0.5) continue; // report where it starts
		over.push(describe(el) + " reaches x=" + Math.round(r.right));
		if (over.length === 5) break;
	}
	return {scrollWidth: de.scrollWidth, innerWidth, over};
}`

// TestPhoneNoHorizontalScroll: no main page scrolls sideways on a phone.
func TestPhoneNoHorizontalScroll(t *testing.T) {
	h := setup(t)
	for _, p := range h.pages {
		t.Run(p.Kind, func(t *testing.T) {
			tb := h.newTab(t, narrow)
			tb.open(p.Path)
			s, err := call[overflowState](tb, overflowJS, narrowW)
			if err != nil {
				t.Fatal(err)
			}
			if limit := min(s.InnerWidth, narrowW); s.ScrollWidth > limit {
				t.Errorf("%s (%s) scrolls sideways on a %d px phone: the page is %g px wide; sticking out:\n\t%s",
					p.Path, p.Kind, narrowW, s.ScrollWidth, strings.Join(s.Over, "\n\t"))
			}
		})
	}
}
