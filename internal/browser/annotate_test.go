package browser

// The annotation panel of the preview: an editor selects a passage on a
// source page of `dossier serve`, writes a claim with the panel, and the
// page reloads with the passage highlighted. Each test runs its own
// preview over a copy of the project's dossier, in the shared browser.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"

	"dossier/internal/site"
)

// selectJS selects the n-th occurrence (from 0) of text in the source's
// text on the page, as a reader's drag would, and ends with a mouseup.
const selectJS = `(text, n) => {
  const root = document.querySelector(".source-text");
  const skip = ".ref, .note, .sidenote, .sidenotes, [data-dossier-ui]";
  const nodes = []; let all = "";
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {acceptNode: x =>
    x.parentElement.closest(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  for (let x = w.nextNode(); x; x = w.nextNode()) { nodes.push([x, all.length]); all += x.data; }
  let i = -1;
  for (let k = 0; k <= n; k++) { i = all.indexOf(text, i + 1); if (i < 0) return "not found " + (k + 1) + " times"; }
  const at = (o, end) => nodes.find(([x, s]) => end ? s < o && o <= s + x.data.length : s <= o && o < s + x.data.length);
  const [a, as] = at(i, false), [b, bs] = at(i + text.length, true);
  const r = document.createRange();
  r.setStart(a, i - as); r.setEnd(b, i + text.length - bs);
  const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r);
  r.startContainer.parentElement.scrollIntoView({block: "center"});
  document.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
  return "ok";
}`

type barState struct {
	Shown bool
	Mode  string
}

func (s barState) ok() bool { return s.Shown }

const barJS = `() => { const b = document.getElementById("dossier-annotate-bar"); return {shown: !!b && !b.hidden}; }`

type saved struct {
	Status string
	Mark   string // the text of the new passage's mark, once the page has reloaded with it
}

// savedJS reads the panel's status and, after the reload, the mark.
const savedJS = `(id) => {
  const m = document.getElementById(id);
  const s = document.querySelector("#dossier-annotate .da-status");
  return {status: s ? s.textContent : "", mark: m && m.matches("mark.hl") ? m.textContent : ""};
}`

// annotate selects a passage, opens the panel in mode, and returns the tab.
func annotateTab(t *testing.T, h *harness, p *Preview, vp Viewport, source, text string, n int, mode string) *tab {
	t.Helper()
	tb := h.newTab(t, vp)
	if err := Open(tb.ctx, p.URL+"/sources/"+source+"/"); err != nil {
		t.Fatal(err)
	}
	if got, err := call[string](tb, selectJS, text, n); err != nil || got != "ok" {
		t.Fatalf("selecting %q: %v %s", text, err, got)
	}
	if !poll[barState](tb, 5*time.Second, barJS).Shown {
		t.Fatal("selecting a passage of the source shows no toolbar (#dossier-annotate-bar)")
	}
	shot(t, tb, fmt.Sprintf("annotate-bar-%d.png", vp.W))
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`#dossier-annotate-bar button[data-mode="`+mode+`"]`))); err != nil {
		t.Fatal(err)
	}
	quote, err := eval[string](tb, `document.querySelector("#dossier-annotate .da-quote").textContent`)
	if err != nil || quote != text {
		t.Fatalf("the panel quotes %q (%v), not the selection %q", quote, err, text)
	}
	return tb
}

// shot saves a screenshot of the viewport to $DOSSIER_SHOTS, when set.
func shot(t *testing.T, tb *tab, name string) {
	dir := os.Getenv("DOSSIER_SHOTS")
	if dir == "" {
		return
	}
	img, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name), img, 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitSaved waits for the panel to report the save and the reloaded page
// to show the passage, marked for the claim, with id anchor.
func waitSaved(t *testing.T, tb *tab, anchor string) saved {
	t.Helper()
	var last saved
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		s, err := call[saved](tb, savedJS, anchor)
		if err != nil {
			continue // the page is reloading
		}
		if s.Status != "" {
			last.Status = s.Status
		}
		if strings.Contains(s.Status, "refused") || strings.HasPrefix(s.Status, "The preview server") {
			break
		}
		if s.Mark != "" {
			last.Mark = s.Mark
			return last
		}
	}
	t.Fatalf("no highlight #%s after saving; the panel said %q", anchor, last.Status)
	return last
}

func checkClean(t *testing.T, p *Preview) {
	t.Helper()
	if _, errs := site.Check(site.Options{Content: os.DirFS(p.Content), Name: "content"}); len(errs) > 0 {
		t.Fatalf("the dossier has errors after the save:\n%s", errs.Format())
	}
}

func TestAnnotateNewClaim(t *testing.T) {
	h := setup(t)
	p, err := StartPreview("../../content")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close) // after the tab's cleanup, which closes it first
	const passage = "abruptly pivoted to another reporter"
	tb := annotateTab(t, h, p, Viewport{W: 1400, H: 900}, "vance-no-next-question", passage, 0, "new")
	if err := chromedp.Do(tb.ctx,
		chromedp.SendKeys(chromedp.ID("dossier-f-title"), "Vance turned to another reporter, who asked about tariffs."),
		chromedp.SendKeys(chromedp.ID("dossier-f-speaker"), "jd-vance"),
		chromedp.SendKeys(chromedp.ID("dossier-f-tags"), "us-officials, press"),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := eval[bool](tb, `(() => { const v = document.getElementById("dossier-f-verdict"); v.value = "unverified"; v.dispatchEvent(new Event("change")); return true; })()`); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.ID("dossier-f-rationale"), "Only the column reports it.")); err != nil {
		t.Fatal(err)
	}
	id, _ := eval[string](tb, `document.getElementById("dossier-f-id").value`)
	if id != "vance-turned-to-another-reporter-who-asked-about-tariffs" {
		t.Errorf("the id proposed from the title is %q", id)
	}
	right, _ := eval[float64](tb, `document.getElementById("dossier-annotate").getBoundingClientRect().right`)
	if right != 1400 {
		t.Errorf("the panel ends at x=%v, not at the window's right edge", right)
	}
	shot(t, tb, "annotate-panel-1400.png")
	if os.Getenv("DOSSIER_SHOTS") != "" {
		// The figure part open, in the dark theme too.
		eval[bool](tb, `(() => { document.querySelector("#dossier-annotate .da-figure").open = true; document.getElementById("dossier-annotate").scrollTop = 1e6; return true; })()`)
		chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.ID("dossier-f-figure-key"), "new-key"))
		shot(t, tb, "annotate-figure-1400.png")
		SetScheme(tb.ctx, "dark")
		shot(t, tb, "annotate-figure-1400-dark.png")
		SetScheme(tb.ctx, "light")
		eval[bool](tb, `(() => { const k = document.getElementById("dossier-f-figure-key"); k.value = ""; k.dispatchEvent(new Event("input")); document.querySelector("#dossier-annotate .da-figure").open = false; return true; })()`)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS("#dossier-annotate .da-save"))); err != nil {
		t.Fatal(err)
	}
	s := waitSaved(t, tb, "q-"+id+"-1")
	if s.Mark != passage {
		t.Errorf("the new highlight reads %q, not %q", s.Mark, passage)
	}
	if got, _ := eval[string](tb, `location.pathname`); got != "/sources/vance-no-next-question/" {
		t.Errorf("after the save the browser is at %s, not on the source page", got)
	}
	text, err := os.ReadFile(filepath.Join(p.Content, "claims", id+".md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: Vance turned to another reporter, who asked about tariffs.\n", "verdict: unverified\n",
		"speaker: jd-vance", "tags: [us-officials, press]\n", `text: "` + passage + `"`} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the claim file lacks %s:\n%s", want, text)
		}
	}
	checkClean(t, p)
}

func TestAnnotateRepeatedPassage(t *testing.T) {
	h := setup(t)
	p, err := StartPreview("../../content")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close) // after the tab's cleanup, which closes it first
	const passage, claim = "military strikes in Mexico", "us-strike-in-mexico-likely"
	tb := annotateTab(t, h, p, Viewport{W: 375, H: 812, Phone: true}, "vance-no-next-question", passage, 1, "add")
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.ID("dossier-f-claim-search"), "strike in Mexico is likely")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`#dossier-annotate input[value="`+claim+`"]`))); err != nil {
		t.Fatal(err)
	}
	shot(t, tb, "annotate-panel-375.png")
	if os.Getenv("DOSSIER_SHOTS") != "" {
		SetScheme(tb.ctx, "dark")
		shot(t, tb, "annotate-panel-375-dark.png")
		SetScheme(tb.ctx, "light")
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS("#dossier-annotate .da-save"))); err != nil {
		t.Fatal(err)
	}
	s := waitSaved(t, tb, "q-"+claim+"-3")
	if s.Mark != passage {
		t.Errorf("the new highlight reads %q, not %q", s.Mark, passage)
	}
	text, _ := os.ReadFile(filepath.Join(p.Content, "claims", claim+".md"))
	if !strings.Contains(string(text), "prefix: ") && !strings.Contains(string(text), "suffix: ") {
		t.Errorf("a passage that occurs twice was written without prefix or suffix:\n%s", text)
	}
	checkClean(t, p)
	// The quote anchors the occurrence selected: the second.
	d, _ := site.Check(site.Options{Content: os.DirFS(p.Content), Name: "content"})
	plain := d.Source("vance-no-next-question").Plain
	first := strings.Index(plain, passage)
	second := first + 1 + strings.Index(plain[first+1:], passage)
	want := utf8.RuneCountInString(plain[:second])
	q := d.Claim(claim).Quotes[2]
	if q.Start != want || q.End != want+utf8.RuneCountInString(passage) {
		t.Errorf("the new quote anchors at %d–%d, not at the second occurrence, %d", q.Start, q.End, want)
	}
}

type mapped struct {
	Q          string
	Start, End int
	Exact      string
	Unmapped   bool
	SourceSlug string
	PageQuotes int
}

// marksJS maps every highlighted passage of the page (its pieces, from
// the first's start to the last's end) back to the plain text with the
// panel's own mapping.
const marksJS = `() => {
  const out = [], seen = new Set();
  document.querySelectorAll(".source-text mark.hl[data-q]").forEach(m => {
    const q = m.dataset.q;
    if (seen.has(q)) return;
    seen.add(q);
    const pieces = document.querySelectorAll('.source-text mark.hl[data-q="' + q + '"]');
    const r = document.createRange();
    r.setStartBefore(pieces[0]); r.setEndAfter(pieces[pieces.length - 1]);
    const p = window.dossierAnnotate.passage(r);
    out.push(p ? {q, start: p.start, end: p.end, exact: p.exact} : {q, unmapped: true});
  });
  return out;
}`

// The panel maps the page's text to the source's plain text: every
// highlighted passage of every source page, of the project's dossier and
// of a source that uses every kind of Markdown (a code block the plain
// text leaves out, a table, a list, escapes, soft and hard breaks), maps
// to the very start, end and text the model anchored it at.
func TestAnnotateMapsEveryHighlight(t *testing.T) {
	h := setup(t)
	for _, tc := range []struct {
		content string
		min     int
	}{{"../../content", 100}, {"testdata/annotate", 8}} {
		t.Run(tc.content, func(t *testing.T) { checkHighlights(t, h, tc.content, tc.min) })
	}
}

func checkHighlights(t *testing.T, h *harness, content string, min int) {
	p, err := StartPreview(content)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	d, errs := site.Check(site.Options{Content: os.DirFS(p.Content), Name: "content"})
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	want := map[string][3]any{}
	for _, c := range d.Claims {
		for _, q := range c.Quotes {
			want[q.Anchor()] = [3]any{q.Start, q.End, q.Exact}
		}
	}
	tb := h.newTab(t, wide)
	checked := 0
	for _, s := range d.Sources {
		if err := Open(tb.ctx, p.URL+"/sources/"+s.Slug+"/"); err != nil {
			t.Fatal(err)
		}
		got, err := eval[[]mapped](tb, "("+marksJS+")()")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range got {
			w, ok := want[m.Q]
			switch {
			case !ok:
				t.Errorf("%s: mark %s is no quote", s.Slug, m.Q)
			case m.Unmapped:
				t.Errorf("%s: mark %s maps to no passage of the plain text", s.Slug, m.Q)
			case m.Start != w[0] || m.End != w[1] || m.Exact != w[2]:
				t.Errorf("%s: mark %s maps to %d–%d %q, the model anchored it at %d–%d %q", s.Slug, m.Q, m.Start, m.End, m.Exact, w[0], w[1], w[2])
			}
			checked++
		}
	}
	if checked < min {
		t.Errorf("only %d highlights checked", checked)
	}
	t.Logf("%d highlights in %d sources map to their passages", checked, len(d.Sources))
}

type coverageState struct {
	Loaded        bool // the page (reloaded after a save) has its data
	Gaps, Buttons int
	First         string // the first gap's sentence, as the plain text has it
	Pressed       string
}

func (s coverageState) ok() bool { return s.Loaded && s.Buttons > 0 }

const coverageJS = `() => {
  const data = document.getElementById("dossier-annotate-data");
  if (!data) return {loaded: false}; // between a reload's start and its end
  const d = JSON.parse(data.textContent);
  const cps = Array.from(d.plain), g = d.gaps[0];
  const t = document.getElementById("dossier-coverage-toggle");
  return {loaded: true, gaps: d.gaps.length, buttons: document.querySelectorAll(".source-text button.da-gap").length,
    first: g ? cps.slice(g.start, g.end).join("").trim() : "", pressed: t ? t.getAttribute("aria-pressed") : ""};
}`

// The coverage toggle marks the sentences with a figure, a date or a
// quotation that no claim quotes; the button by one opens the panel for
// it, and the claim saved quotes it.
func TestAnnotateCoverage(t *testing.T) {
	h := setup(t)
	p, err := StartPreview("../../content")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	for _, vp := range []Viewport{{W: 1400, H: 900}, {W: 375, H: 812, Phone: true}} {
		tb := h.newTab(t, vp)
		if err := Open(tb.ctx, p.URL+"/sources/vance-no-next-question/"); err != nil {
			t.Fatal(err)
		}
		before := poll[coverageState](tb, time.Second, coverageJS)
		if before.Gaps == 0 || before.Buttons != 0 || before.Pressed != "false" {
			t.Fatalf("before the toggle: %+v", before)
		}
		if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("dossier-coverage-toggle"))); err != nil {
			t.Fatal(err)
		}
		on := poll[coverageState](tb, 5*time.Second, coverageJS)
		if on.Buttons != on.Gaps || on.Pressed != "true" {
			t.Fatalf("with the toggle on, %d buttons for %d sentences (pressed %s)", on.Buttons, on.Gaps, on.Pressed)
		}
		eval[bool](tb, `(() => { document.querySelector(".source-text button.da-gap").scrollIntoView({block: "center"}); return true; })()`)
		shot(t, tb, fmt.Sprintf("annotate-coverage-%d.png", vp.W))
		if vp.W == 375 {
			break // the save is tested once
		}
		if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(".source-text button.da-gap"))); err != nil {
			t.Fatal(err)
		}
		quote, _ := eval[string](tb, `document.querySelector("#dossier-annotate .da-quote").textContent`)
		if quote != on.First {
			t.Fatalf("the panel quotes %q, not the sentence %q", quote, on.First)
		}
		if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.ID("dossier-f-title"), "A sentence the coverage toggle found.")); err != nil {
			t.Fatal(err)
		}
		id, _ := eval[string](tb, `document.getElementById("dossier-f-id").value`)
		if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS("#dossier-annotate .da-save"))); err != nil {
			t.Fatal(err)
		}
		s := waitSaved(t, tb, "q-"+id+"-1")
		if s.Mark != on.First {
			t.Errorf("the new highlight reads %q, not the sentence %q", s.Mark, on.First)
		}
		// The reload after the save, and the toggle put back on after it,
		// may still be on their way.
		var after coverageState
		for deadline := time.Now().Add(5 * time.Second); ; {
			after = poll[coverageState](tb, 5*time.Second, coverageJS)
			if after.Gaps == on.Gaps-1 && after.Buttons == after.Gaps || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if after.Pressed != "true" || after.Gaps != on.Gaps-1 || after.Buttons != after.Gaps {
			t.Errorf("after the save: %+v, want the toggle still on and one sentence fewer than %d", after, on.Gaps)
		}
		checkClean(t, p)
	}
}

// The panel, the toolbar and the coverage toggle pass axe in both themes.
func TestAnnotateAccessibility(t *testing.T) {
	h := setup(t)
	src, err := axeSource()
	if err != nil {
		t.Fatal(err)
	}
	p, err := StartPreview("../../content")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			tb := annotateTab(t, h, p, wide, "vance-no-next-question", "abruptly pivoted to another reporter", 0, "new")
			if err := SetScheme(tb.ctx, scheme); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("dossier-coverage-toggle"))); err != nil {
				t.Fatal(err)
			}
			eval[bool](tb, `(() => { document.querySelector("#dossier-annotate .da-figure").open = true;
			  const k = document.getElementById("dossier-f-figure-key"); k.value = "a-new-key"; k.dispatchEvent(new Event("input"));
			  const v = document.getElementById("dossier-f-verdict"); v.value = "false"; v.dispatchEvent(new Event("change")); return true; })()`)
			if _, err := eval[chromedp.Void](tb, src); err != nil {
				t.Fatal(err)
			}
			run := strings.Replace(axeRunJS, "axe.run(document,", `axe.run({include: [["#dossier-annotate"], ["#dossier-coverage-toggle"], [".source-text button.da-gap"]]},`, 1)
			violations, err := eval[[]axeViolation](tb, run)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range violations {
				first := ""
				if len(v.Nodes) > 0 {
					first = strings.Join(v.Nodes[0].Target, " ") + " " + v.Nodes[0].HTML + " " + strings.Join(strings.Fields(v.Nodes[0].Summary), " ")
				}
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s [%s] %s: %s", v.Impact, v.ID, v.Help, first)
				} else {
					t.Logf("%s [%s] %s: %s", v.Impact, v.ID, v.Help, first)
				}
			}
		})
	}
}

// The id proposed from a title is never empty for a title given: a title
// in another script proposes "claim", a first word over 60 letters its
// first 60.
func TestAnnotateProposedID(t *testing.T) {
	h := setup(t)
	p, err := StartPreview("../../content")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	tb := annotateTab(t, h, p, Viewport{W: 1400, H: 900}, "vance-no-next-question", "abruptly pivoted to another reporter", 0, "new")
	long := strings.Repeat("x", 70)
	for _, tc := range []struct{ title, id string }{
		{"Вэнс сказал «нет»", "claim"},
		{long + " and more", strings.Repeat("x", 60)},
		{"Café — 300 “troops”", "cafe-300-troops"},
	} {
		if _, err := eval[bool](tb, `(() => { const t = document.getElementById("dossier-f-title"); t.value = ""; t.dispatchEvent(new Event("input")); return true; })()`); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.ID("dossier-f-title"), tc.title)); err != nil {
			t.Fatal(err)
		}
		if id, _ := eval[string](tb, `document.getElementById("dossier-f-id").value`); id != tc.id {
			t.Errorf("title %q proposes id %q, want %q", tc.title, id, tc.id)
		}
	}
}
