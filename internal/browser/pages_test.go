package browser

// Tests of the reading pages (claims, conflicts, figures, entities and the
// lists) as a reader meets them: no key of the content shown as words,
// targets big enough to tap, the verdict under a claim's headline, the
// claims filter, the measure of the prose.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"dossier/internal/model"
)

// allPages is every HTML page of the built site a reader reaches, sorted,
// with its kind: the first folder of its path ("claims", "sources"…), or
// "home" and "404".
func allPages(h *harness) []Page {
	var out []Page
	for f := range h.files {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		kind := "home"
		switch {
		case f == "404.html":
			kind = "404"
		case strings.Contains(f, "/"):
			kind = strings.SplitN(f, "/", 2)[0]
		}
		out = append(out, Page{Kind: kind, Path: f})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// contentKeys are the keys the content names its things by: figure keys,
// claim ids, source and entity slugs, each with what it is.
func contentKeys(d *model.Dossier) map[string]string {
	keys := map[string]string{}
	for _, g := range d.Figures {
		keys[g.Key] = "figure key"
	}
	for _, c := range d.Claims {
		keys[c.ID] = "claim id"
	}
	for _, s := range d.Sources {
		keys[s.Slug] = "source slug"
	}
	for _, e := range d.Entities {
		keys[e.Slug] = "entity slug"
	}
	for _, cf := range d.Conflicts {
		keys[cf.ID] = "conflict id"
	}
	return keys
}

// readerWords is every word the content itself gives readers, in lower
// case, joined by hyphens where the content joins them: the sources'
// text, the claims' titles and rationales, the names and descriptions. A
// key that is also one of these (a slug "mexico", a claim id that is a
// hyphenated word the sources use) may stand on a page as that word, so
// it cannot be told from a leaked key and is not looked for.
func readerWords(d *model.Dossier) map[string]bool {
	var texts []string
	for _, s := range d.Sources {
		texts = append(texts, s.Plain, s.Title, s.Outlet, s.Author, s.Short, s.Note)
	}
	for _, c := range d.Claims {
		texts = append(texts, c.Title, c.Rationale, string(c.Body.Markdown))
		texts = append(texts, c.Tags...)
	}
	for _, e := range d.Entities {
		texts = append(texts, e.Name, e.Description, string(e.Body.Markdown))
		texts = append(texts, e.Aliases...)
	}
	for _, g := range d.Figures {
		texts = append(texts, g.Label, g.Description, g.Unit, string(g.Body.Markdown))
	}
	for _, cf := range d.Conflicts {
		texts = append(texts, cf.Title, string(cf.Body.Markdown))
	}
	words := map[string]bool{}
	for _, t := range texts {
		t = linkTarget.ReplaceAllString(t, "]")
		for _, w := range strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
		}) {
			words[strings.Trim(w, "-")] = true
		}
	}
	return words
}

// linkTarget is a Markdown link's destination or reference definition,
// which names keys as paths, not as words.
var linkTarget = regexp.MustCompile(`\]\([^)]*\)|(?m)^\s*\[[^\]]+\]:.*$|\]\[[^\]]*\]`)

// visibleTextJS is the text a reader sees on the page: the body's
// innerText (which leaves out what is hidden) and the words drawn in SVG
// charts (their titles and descriptions are for screen readers, and are
// checked as part of the page's text too since they are read out).
const visibleTextJS = `(() => document.body.innerText + "\n" +
	[...document.querySelectorAll("svg text, svg title, svg desc")].map(t => t.textContent).join("\n"))()`

// TestNoKeysAsText: no page shows a figure key, claim id, source or entity
// slug, or conflict id as text, where a reader expects a label, a title or
// a name. Links and ids use them; words never do.
func TestNoKeysAsText(t *testing.T) {
	h := setup(t)
	d := h.site.Dossier
	keys := contentKeys(d)
	words := readerWords(d)
	var look []string
	var skipped []string
	for k := range keys {
		if words[k] {
			skipped = append(skipped, k)
			continue
		}
		look = append(look, k)
	}
	sort.Strings(look)
	sort.Strings(skipped)
	if len(skipped) > 0 {
		t.Logf("not looked for, as the content itself uses them as words: %s", strings.Join(skipped, ", "))
	}
	// A key counts where it stands alone: not inside a longer word or key.
	alt := make([]string, len(look))
	for i, k := range look {
		alt[i] = regexp.QuoteMeta(k)
	}
	sort.Slice(alt, func(i, j int) bool { return len(alt[i]) > len(alt[j]) })
	re := regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}_-])(` + strings.Join(alt, "|") + `)(?:[^\p{L}\p{N}_-]|$)`)

	byKind := map[string][]Page{}
	for _, p := range allPages(h) {
		byKind[p.Kind] = append(byKind[p.Kind], p)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			tb := h.newTab(t, wide)
			for _, p := range byKind[kind] {
				tb.open(p.Path)
				text, err := eval[string](tb, visibleTextJS)
				if err != nil {
					t.Fatal(err)
				}
				for _, line := range strings.Split(text, "\n") {
					for _, m := range re.FindAllStringSubmatch(line, -1) {
						t.Errorf("%s shows the %s %q as text: %q", p.Path, keys[m[1]], m[1], strings.TrimSpace(line))
					}
				}
			}
		})
	}
}

// targetJS measures every interactive target of a page, and decides
// whether it may be under 24×24 px by WCAG 2.5.8's exceptions:
//
//   - inline: a link whose display is inline and whose nearest block
//     ancestor holds text outside any target (the link is a word in a
//     sentence or a line of text, sized by its line height);
//   - spacing: a 24 px circle centred on it meets no other target's box
//     (the box of each line, for a link that wraps) and no other
//     undersized target's circle.
//
// Targets are a[href], button, input (not hidden), select, textarea,
// summary and elements with a tabindex of 0 or more, that a reader sees
// (checkVisibility, a box larger than 0). It returns the failures.
const targetJS = `(() => {
	const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
	const all = [...document.querySelectorAll(sel)].filter(el =>
		el.checkVisibility({opacityProperty: true, visibilityProperty: true}) &&
		el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0);
	const describe = ` + describeJS + `;
	const isTarget = n => n.nodeType === 1 && n.matches(sel);
	// inline reports whether el is inline in running text.
	const inline = el => {
		if (getComputedStyle(el).display !== "inline") return false;
		let block = el.parentElement;
		while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
		if (!block) return false;
		const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			if (!/[\p{L}\p{N}]/u.test(n.data)) continue;
			let inTarget = false;
			for (let p = n.parentElement; p && p !== block; p = p.parentElement) {
				if (isTarget(p)) { inTarget = true; break; }
			}
			if (!inTarget) return true;
		}
		return false;
	};
	// A link that wraps is a box on each line it spans (getClientRects);
	// its bounding box would take in the lines' empty ends too.
	const boxes = all.map(el => {
		const r = el.getBoundingClientRect();
		return {el, r, rects: [...el.getClientRects()], cx: r.x + r.width / 2, cy: r.y + r.height / 2,
			small: r.width < 24 - 0.01 || r.height < 24 - 0.01};
	});
	const circleMeetsRect = (b, r) => {
		const x = Math.max(r.x, Math.min(b.cx, r.x + r.width)), y = Math.max(r.y, Math.min(b.cy, r.y + r.height));
		return (x - b.cx) ** 2 + (y - b.cy) ** 2 < 12 * 12;
	};
	const related = (a, b) => a.contains(b) || b.contains(a);
	const fails = [];
	for (const b of boxes) {
		if (!b.small || inline(b.el)) continue;
		const near = boxes.find(o => o !== b && !related(o.el, b.el) &&
			(o.rects.some(r => circleMeetsRect(b, r)) || (o.small && !inline(o.el) && Math.hypot(o.cx - b.cx, o.cy - b.cy) < 24)));
		if (near) {
			fails.push(describe(b.el) + " " + JSON.stringify((b.el.textContent || b.el.value || "").trim().slice(0, 40)) +
				" is " + b.r.width.toFixed(1) + "×" + b.r.height.toFixed(1) + " px, and its 24 px circle meets " +
				describe(near.el) + " " + JSON.stringify((near.el.textContent || "").trim().slice(0, 40)));
		}
	}
	return fails;
})()`

// TestTargetSize: on a 375 px phone, every target a reader taps is at
// least 24×24 px, or spaced so that a 24 px circle around it meets no
// other, or a link inside a line of text (WCAG 2.5.8, Target Size
// (Minimum), with its spacing and inline exceptions).
func TestTargetSize(t *testing.T) {
	h := setup(t)
	pages := append(slices.Clone(h.pages), ListPages(h.files)...)
	for _, p := range pages {
		t.Run(p.Kind, func(t *testing.T) {
			tb := h.newTab(t, narrow)
			tb.open(p.Path)
			fails, err := eval[[]string](tb, targetJS)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fails {
				t.Errorf("%s: %s", p.Path, f)
			}
		})
	}
}

// ratedClaim returns a claim whose verdict takes a side and that gives
// its rationale.
func ratedClaim(t *testing.T, d *model.Dossier) *model.Claim {
	t.Helper()
	for _, c := range d.Claims {
		if c.Verdict != nil && c.Verdict.Rating != nil && c.Rationale != "" {
			return c
		}
	}
	t.Skip("the dossier has no claim with a rated verdict and a rationale")
	return nil
}

type verdictBox struct {
	Exists      bool    `json:"exists"`
	Visible     bool    `json:"visible"`
	AfterH1     bool    `json:"afterH1"`     // it follows the headline, with nothing but header text between
	Gap         float64 `json:"gap"`         // px from the headline's bottom to its top
	Text        string  `json:"text"`        // what it says
	Href        string  `json:"href"`        // its link to the verdicts page, resolved
	TargetFound bool    `json:"targetFound"` // (filled in from the verdicts page)
}

const verdictBoxJS = `(() => {
	const h1 = document.querySelector("main h1"), box = document.querySelector(".verdict-box");
	if (!box) return {exists: false};
	const a = box.querySelector('a[href*="verdicts/"]');
	return {exists: true,
		visible: box.checkVisibility({opacityProperty: true, visibilityProperty: true}),
		afterH1: !!h1 && h1.nextElementSibling === box,
		gap: box.getBoundingClientRect().top - h1.getBoundingClientRect().bottom,
		text: box.innerText, href: a ? a.href : ""};
})()`

// TestClaimVerdictBox: right under a rated claim's headline, a box says
// the verdict, why, and links to the verdict's definition.
func TestClaimVerdictBox(t *testing.T) {
	h := setup(t)
	c := ratedClaim(t, h.site.Dossier)
	for _, vp := range []Viewport{wide, narrow} {
		t.Run(fmt.Sprint(vp.W), func(t *testing.T) {
			tb := h.newTab(t, vp)
			path := "claims/" + c.ID + "/index.html"
			tb.open(path)
			b, err := eval[verdictBox](tb, verdictBoxJS)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case !b.Exists:
				t.Fatalf("%s: no .verdict-box for the verdict %q", path, c.Verdict.Name)
			case !b.Visible:
				t.Fatalf("%s: the verdict box is not visible", path)
			case !b.AfterH1:
				t.Errorf("%s: the verdict box does not come right after the headline", path)
			case b.Gap < 0 || b.Gap > 80:
				t.Errorf("%s: the verdict box is %g px under the headline, not right under it", path, b.Gap)
			}
			if !strings.Contains(b.Text, c.Verdict.Label) {
				t.Errorf("%s: the verdict box says %q, not the verdict %q", path, b.Text, c.Verdict.Label)
			}
			if !strings.Contains(strings.Join(strings.Fields(b.Text), " "), strings.Join(strings.Fields(c.Rationale), " ")) {
				t.Errorf("%s: the verdict box does not give the rationale %q; it says %q", path, c.Rationale, b.Text)
			}
			if b.Href == "" {
				t.Fatalf("%s: the verdict box has no link to the verdicts page", path)
			}
			frag := b.Href[strings.LastIndex(b.Href, "#")+1:]
			if !strings.Contains(b.Href, "#") || frag == "" {
				t.Fatalf("%s: the verdict box links to %s, not to the verdict's definition", path, b.Href)
			}
			tb.open(strings.TrimPrefix(b.Href[:strings.Index(b.Href, "#")], h.site.URL+"/"))
			found, err := call[bool](tb, `(id) => { const el = document.getElementById(id); return !!el && el.innerText.toLowerCase().includes(`+"`"+strings.ToLower(c.Verdict.Label)+"`"+`); }`, frag)
			if err != nil {
				t.Fatal(err)
			}
			if !found {
				t.Errorf("%s: the verdict box links to #%s, which the verdicts page does not have with the verdict %q", path, frag, c.Verdict.Label)
			}
		})
	}
}

type filterState struct {
	Form    bool   `json:"form"` // the filter form is shown
	Rows    int    `json:"rows"` // claims in the list
	Shown   int    `json:"shown"`
	Status  string `json:"status"`
	Grouped bool   `json:"grouped"` // every visible group has a visible claim
}

const filterStateJS = `(() => {
	const form = document.querySelector("form.claims-filter");
	const rows = [...document.querySelectorAll("#by-verdict li.claim-row")];
	const shown = rows.filter(r => r.checkVisibility());
	const groups = [...document.querySelectorAll("#by-verdict .claim-group")].filter(g => g.checkVisibility());
	return {form: !!form && form.checkVisibility(), rows: rows.length, shown: shown.length,
		status: form ? form.querySelector(".claims-count").textContent : "",
		grouped: groups.every(g => [...g.querySelectorAll("li.claim-row")].some(r => r.checkVisibility()))};
})()`

// TestClaimsFilter: the claims page lists every claim grouped by verdict,
// by speaker and by source in its HTML; with the script, choosing a
// speaker and a verdict narrows the list to their claims and says how
// many are shown.
func TestClaimsFilter(t *testing.T) {
	h := setup(t)
	d := h.site.Dossier
	const path = "claims/index.html"

	// Without a script: the page's HTML has the groups.
	b, err := os.ReadFile(filepath.Join(h.site.Dir, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	speakers := map[*model.Entity]int{}
	verdicts := map[string]int{}
	for _, c := range d.Claims {
		if c.Speaker != nil {
			speakers[c.Speaker]++
		}
		if c.Verdict != nil {
			verdicts[c.Verdict.Name]++
		}
	}
	for v := range verdicts {
		if !strings.Contains(html, `<section class="claim-group" id="verdict-`+v+`"`) {
			t.Errorf("%s: no section of the claims with the verdict %q", path, v)
		}
	}
	for e := range speakers {
		if !strings.Contains(html, `id="speaker-`+e.Slug+`"`) {
			t.Errorf("%s: no group of the claims %s made", path, e.Name)
		}
	}
	for _, s := range d.Sources {
		if len(s.Quotes) > 0 && !strings.Contains(html, `id="source-`+s.Slug+`"`) {
			t.Errorf("%s: no group of the claims quoting %s", path, s.Slug)
		}
	}
	if n := strings.Count(html, `<li class="claim-row`); n != len(d.Claims) {
		t.Errorf("%s: the list by verdict has %d claims, want every one of %d", path, n, len(d.Claims))
	}

	// With the script.
	var who *model.Entity
	for e, n := range speakers {
		if who == nil || n > speakers[who] || n == speakers[who] && e.Slug < who.Slug {
			who = e
		}
	}
	if who == nil {
		t.Skip("no claim names its speaker")
	}
	tb := h.newTab(t, wide)
	tb.open(path)
	s, err := eval[filterState](tb, filterStateJS)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Form {
		t.Fatalf("%s: the filter is not shown where the script runs", path)
	}
	if s.Shown != len(d.Claims) {
		t.Errorf("%s: %d of %d claims shown before filtering", path, s.Shown, len(d.Claims))
	}
	choose := func(name, value string) filterState {
		t.Helper()
		s, err := call[filterState](tb, `(name, value) => {
			const sel = document.querySelector("form.claims-filter select[name=" + name + "]");
			sel.value = value;
			sel.dispatchEvent(new Event("change", {bubbles: true}));
			return `+filterStateJS+`;
		}`, name, value)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s = choose("speaker", who.Slug)
	if s.Shown != speakers[who] {
		t.Errorf("%s: choosing %s shows %d claims, want the %d they made", path, who.Name, s.Shown, speakers[who])
	}
	if !strings.Contains(s.Status, fmt.Sprint(s.Shown)) {
		t.Errorf("%s: choosing %s, the count says %q, not %d", path, who.Name, s.Status, s.Shown)
	}
	if !s.Grouped {
		t.Errorf("%s: a verdict's heading stays shown with none of its claims", path)
	}
	// And a verdict of theirs.
	var want int
	var name string
	for _, c := range d.Claims {
		if c.Speaker == who && c.Verdict != nil && name == "" {
			name = c.Verdict.Name
		}
	}
	for _, c := range d.Claims {
		if c.Speaker == who && c.Verdict != nil && c.Verdict.Name == name {
			want++
		}
	}
	if name != "" {
		s = choose("verdict", name)
		if s.Shown != want {
			t.Errorf("%s: %s's claims rated %q: %d shown, want %d", path, who.Name, name, s.Shown, want)
		}
	}
	// Every source's claims.
	choose("verdict", "")
	choose("speaker", "")
	for _, src := range d.Sources {
		claims := map[*model.Claim]bool{}
		for _, q := range src.Quotes {
			claims[q.Claim] = true
		}
		if s = choose("source", src.Slug); len(claims) > 0 && s.Shown != len(claims) {
			t.Errorf("%s: choosing the source %s shows %d claims, want the %d that quote it", path, src.Slug, s.Shown, len(claims))
		}
	}
}

type measure struct {
	Paragraphs int      `json:"paragraphs"` // measured: body text of three lines or more
	Min        float64  `json:"min"`        // the lowest and highest mean characters a full line
	Max        float64  `json:"max"`
	Worst      string   `json:"worst"` // the paragraph furthest from the range
	All        []string `json:"all"`   // each paragraph's mean, for the log
}

// measureJS measures the characters a line of body text holds: for every
// paragraph of main in the body's font size with three lines or more,
// the mean length of its lines but the last (which ends where the
// paragraph does).
const measureJS = `(() => {
	const size = getComputedStyle(document.body).fontSize;
	let min = Infinity, max = 0, n = 0, worst = "", far = -1, all = [];
	for (const p of document.querySelectorAll("main p, main .prose li")) {
		if (getComputedStyle(p).fontSize !== size || !p.checkVisibility() || p.closest("nav, figure, .conflict-side, table")) continue;
		// Prose: running text, not a list of links or a line of labels.
		const linked = [...p.querySelectorAll("a")].reduce((n, a) => n + a.textContent.length, 0);
		if (linked > p.textContent.length / 2 || p.querySelector("br, div, ul, ol, p")) continue;
		const lines = new Map();
		const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
		const range = document.createRange();
		for (let t = walker.nextNode(); t; t = walker.nextNode()) {
			// A source's notes and their numbers are not its text.
			if (t.parentElement.closest(".sidenotes, .ref")) continue;
			for (let i = 0; i < t.data.length; i++) {
				range.setStart(t, i); range.setEnd(t, i + 1);
				const r = range.getClientRects()[0];
				if (!r) continue;
				const top = Math.round(r.top + r.height / 2);
				let key = [...lines.keys()].find(k => Math.abs(k - top) < 6);
				if (key === undefined) { key = top; lines.set(key, 0); }
				lines.set(key, lines.get(key) + 1);
			}
		}
		const counts = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(e => e[1]);
		if (counts.length < 3) continue;
		const full = counts.slice(0, -1);
		const mean = full.reduce((a, b) => a + b, 0) / full.length;
		n++;
		min = Math.min(min, mean); max = Math.max(max, mean);
		const off = Math.max(60 - mean, mean - 75);
		if (off > far) { far = off; worst = mean.toFixed(1) + ": " + p.textContent.trim().slice(0, 60); }
		all.push(mean.toFixed(1) + " " + p.className + ": " + p.textContent.trim().slice(0, 40));
	}
	return {paragraphs: n, min: n ? min : 0, max, worst, all};
})()`

// TestProseMeasure: at 1400 px, a line of body text holds 60 to 75
// characters, on the pages of prose, a source's page (its text beside the
// notes in its margin) among them.
func TestProseMeasure(t *testing.T) {
	h := setup(t)
	vp := Viewport{W: 1400, H: 900}
	for _, kind := range []string{"home", "source", "claim", "entity", "figure", "conflicts"} {
		t.Run(kind, func(t *testing.T) {
			p := h.page(t, kind)
			tb := h.newTab(t, vp)
			tb.open(p.Path)
			m, err := eval[measure](tb, measureJS)
			if err != nil {
				t.Fatal(err)
			}
			if m.Paragraphs == 0 {
				t.Skipf("%s has no paragraph of body text three lines long", p.Path)
			}
			t.Logf("%s: %d paragraphs, %.1f to %.1f characters a line", p.Path, m.Paragraphs, m.Min, m.Max)
			if testing.Verbose() {
				t.Logf("each paragraph's mean:\n\t%s", strings.Join(m.All, "\n\t"))
			}
			if m.Min < 60 || m.Max > 75 {
				t.Errorf("%s: lines of body text hold %.1f to %.1f characters at 1400 px, want 60 to 75; furthest: %s", p.Path, m.Min, m.Max, m.Worst)
			}
		})
	}
}
