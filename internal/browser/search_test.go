package browser

// The search box: what it finds, how its results open over the page, and
// that its index loads only when a reader turns to it.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// sheinbaum is the entity the search test looks for
// (content/entities/claudia-sheinbaum.md).
const sheinbaum = "claudia-sheinbaum"

// searchState is the search box and its results.
type searchState struct {
	HasBox  bool   `json:"hasBox"`
	Type    string `json:"type"`
	Value   string `json:"value"`
	Results []struct {
		Text string `json:"text"`
		Path string `json:"path"` // resolved, without the leading slash
	} `json:"results"`
	Want string `json:"want"` // the path of the first result that is the wanted page
}

func (s searchState) ok() bool { return s.Want != "" }

const searchStateJS = `(prefix) => {
	const box = document.querySelector("input#search");
	const results = [...document.querySelectorAll("#search-results a")].map(a => ({
		text: a.textContent.trim().replace(/\s+/g, " ").slice(0, 80), path: new URL(a.href).pathname.slice(1)}));
	const want = results.find(r => r.path.startsWith(prefix));
	return {hasBox: !!box, type: box ? box.type : "", value: box ? box.value : "", results, want: want ? want.path : ""};
}`

// TestSearchFindsSheinbaum: typing a name in the search box on the home
// page offers her page, and the result opens it.
func TestSearchFindsSheinbaum(t *testing.T) {
	h := setup(t)
	want := "entities/" + sheinbaum + "/"
	if !h.files[want+"index.html"] {
		t.Fatalf("the build has no page %sindex.html: is content/entities/%s.md gone?", want, sheinbaum)
	}
	tb := h.newTab(t, wide)
	tb.open("index.html")
	s, err := call[searchState](tb, searchStateJS, want)
	if err != nil {
		t.Fatal(err)
	}
	if !s.HasBox {
		t.Fatal("the home page has no search box (input#search)")
	}
	if s.Type != "search" {
		t.Errorf("the search box is an input of type %q, not type=search", s.Type)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("search")), chromedp.SendKeys(chromedp.ID("search"), "Sheinbaum")); err != nil {
		t.Fatalf("typing into the search box: %v", err)
	}
	s = poll[searchState](tb, 5*time.Second, searchStateJS, want)
	if !s.ok() {
		var shown []string
		for _, r := range s.Results {
			shown = append(shown, fmt.Sprintf("%q → /%s", r.Text, r.Path))
		}
		if len(shown) == 0 {
			shown = []string{"no results (#search-results a)"}
		}
		t.Fatalf("after typing %q into the search box, no result links to /%s; the results show:\n\t%s", s.Value, want, strings.Join(shown, "\n\t"))
	}
	// The results' kinds are in the template's words (the form's data-kind-*).
	kinds, err := eval[[]string](tb, `[...document.querySelectorAll("#search-results .kind")].map(k => k.textContent)`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(kinds, "Person or organisation") {
		t.Errorf("the results' kinds are %q, none of them \"Person or organisation\" (base.html's data-kind-entity)", kinds)
	}
	clickAndLoad(tb, chromedp.JSPath(fmt.Sprintf(`[...document.querySelectorAll("#search-results a")].find(a => new URL(a.href).pathname.slice(1) === %q)`, s.Want)),
		"the search result for Sheinbaum")
	if got := tb.path(); got != want && got != want+"index.html" {
		t.Fatalf("the search result for Sheinbaum led to /%s, not to /%s", got, want)
	}
	h1, err := eval[string](tb, `document.querySelector("h1")?.textContent ?? ""`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h1, "Sheinbaum") {
		t.Errorf("Sheinbaum's page is headed %q", strings.TrimSpace(h1))
	}
}

// overdoseClaim is the claim of roughly 300,000 deaths a year
// (content/claims/trump-overdose-deaths-300000.md), which a search for
// the number must find however it is written.
const overdoseClaim = "claims/trump-overdose-deaths-300000/"

// bodyPhrase is words that only a source's text holds, quoted by no claim
// (content/sources/cartel-strategy-latest.md), and bodySource its page.
const (
	bodyPhrase = "public awareness of cartel violence"
	bodySource = "sources/cartel-strategy-latest/"
)

// resultsState is the open results of the search box.
type resultsState struct {
	Expanded string         `json:"expanded"` // the box's aria-expanded
	Active   string         `json:"active"`   // the box's aria-activedescendant
	Shown    bool           `json:"shown"`    // the listbox is visible
	Status   string         `json:"status"`
	Results  []searchResult `json:"results"`
}

// searchResult is one option of the results.
type searchResult struct {
	ID       string   `json:"id"`
	Role     string   `json:"role"`
	Selected string   `json:"selected"`
	Path     string   `json:"path"` // resolved, without the leading slash
	Hash     string   `json:"hash"`
	Kind     string   `json:"kind"`
	Title    string   `json:"title"`
	Snippet  string   `json:"snippet"`
	Verdict  string   `json:"verdict"`
	Marks    []string `json:"marks"`
}

func (s resultsState) ok() bool { return s.Shown && len(s.Results) > 0 }

const resultsStateJS = `() => {
	const box = document.getElementById("search"), list = document.getElementById("search-results");
	const text = (el) => el ? el.textContent.trim().replace(/\s+/g, " ") : "";
	return {expanded: box.getAttribute("aria-expanded") || "", active: box.getAttribute("aria-activedescendant") || "",
		shown: !!list && list.checkVisibility(), status: text(document.querySelector(".search-status")),
		results: [...list.querySelectorAll("a")].map(a => ({id: a.id, role: a.getAttribute("role") || "",
			selected: a.getAttribute("aria-selected") || "", path: new URL(a.href).pathname.slice(1), hash: new URL(a.href).hash,
			kind: text(a.querySelector(".kind")), title: text(a.querySelector(".title")), snippet: text(a.querySelector(".snippet")),
			verdict: text(a.querySelector(".verdict")), marks: [...a.querySelectorAll("mark")].map(text)}))};
}`

// searchFor types q into the search box of the page the tab shows and
// waits up to 5 s for results.
func searchFor(t *testing.T, tb *tab, q string) resultsState {
	t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("search")), chromedp.Evaluate[chromedp.Void](`document.getElementById("search").value = ""`),
		chromedp.SendKeys(chromedp.ID("search"), q)); err != nil {
		t.Fatalf("typing %q into the search box: %v", q, err)
	}
	s := poll[resultsState](tb, 5*time.Second, resultsStateJS)
	if !s.ok() {
		t.Fatalf("after typing %q into the search box, no results are shown (status: %q, aria-expanded=%q)", q, s.Status, s.Expanded)
	}
	return s
}

// describeResults lists results for a failure message.
func describeResults(s resultsState) string {
	var out []string
	for i, r := range s.Results {
		out = append(out, fmt.Sprintf("%d. [%s] %q → /%s%s", i+1, r.Kind, r.Title, r.Path, r.Hash))
	}
	return strings.Join(out, "\n\t")
}

// TestSearchNumbers: a number finds what writes it, however either writes
// it: "300,000" and "300000" both list the claim of 300,000 deaths first,
// with its verdict and the number marked, and "3,000" does not find it.
func TestSearchNumbers(t *testing.T) {
	h := setup(t)
	if !h.files[overdoseClaim+"index.html"] {
		t.Fatalf("the build has no page %sindex.html: is content/%s.md gone?", overdoseClaim, strings.TrimSuffix(overdoseClaim, "/"))
	}
	tb := h.newTab(t, wide)
	tb.open("index.html")
	for _, q := range []string{"300,000", "300000", "300 000"} {
		s := searchFor(t, tb, q)
		first := s.Results[0]
		if first.Path != overdoseClaim && first.Path != overdoseClaim+"index.html" {
			t.Errorf("searching %q lists first /%s, not the claim /%s; the results:\n\t%s", q, first.Path, overdoseClaim, describeResults(s))
			continue
		}
		if first.Verdict == "" {
			t.Errorf("searching %q: the claim's result shows no verdict", q)
		}
		if !slices.Contains(first.Marks, "300,000") {
			t.Errorf("searching %q: the claim's result marks %q, not 300,000 (title %q, snippet %q)", q, first.Marks, first.Title, first.Snippet)
		}
	}
	s := searchFor(t, tb, "3,000")
	for _, r := range s.Results {
		if strings.HasPrefix(r.Path, overdoseClaim) {
			t.Errorf("searching \"3,000\" lists the claim of 300,000 deaths:\n\t%s", describeResults(s))
		}
	}
}

// TestSearchFindsEvidence: words that only a source's text holds find
// that passage; the arrow keys move through the results as a listbox's
// options, and Enter opens the passage, in view on its source's page.
func TestSearchFindsEvidence(t *testing.T) {
	h := setup(t)
	claims, err := filepath.Glob("../../content/claims/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range claims {
		b, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(string(b)), bodyPhrase) {
			t.Fatalf("%s quotes %q: the test needs words only a source holds", c, bodyPhrase)
		}
	}
	tb := h.newTab(t, wide)
	tb.open("index.html")
	s := searchFor(t, tb, bodyPhrase)
	at := slices.IndexFunc(s.Results, func(r searchResult) bool {
		return strings.HasPrefix(r.Path, bodySource) && r.Hash != ""
	})
	if at != 0 {
		t.Fatalf("searching %q does not list the passage of /%s first; the results:\n\t%s", bodyPhrase, bodySource, describeResults(s))
	}
	r := s.Results[0]
	if !strings.Contains(strings.ToLower(r.Snippet), "awareness") || !slices.Contains(r.Marks, "awareness") {
		t.Errorf("the passage's result shows %q, marking %q: not the words searched for", r.Snippet, r.Marks)
	}
	for _, r := range s.Results {
		if r.Role != "option" || r.ID == "" {
			t.Errorf("a result (%q) has role %q and id %q: the results must be a listbox's options with ids", r.Title, r.Role, r.ID)
		}
	}
	if s.Expanded != "true" {
		t.Errorf("with its results open, the search box has aria-expanded=%q", s.Expanded)
	}

	// ArrowDown selects the first, ArrowUp from the first wraps to the
	// last, ArrowDown from the last wraps to the first.
	n := len(s.Results)
	for i, step := range []struct {
		key  string
		want int
	}{{kb.ArrowDown, 0}, {kb.ArrowUp, n - 1}, {kb.ArrowDown, 0}} {
		if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(step.key)); err != nil {
			t.Fatal(err)
		}
		s, err = call[resultsState](tb, resultsStateJS)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Results) != n {
			t.Fatalf("key %d: the results changed from %d to %d", i+1, n, len(s.Results))
		}
		want := s.Results[step.want]
		if s.Active != want.ID || want.Selected != "true" {
			t.Errorf("key %d: aria-activedescendant is %q and option %s has aria-selected=%q; want option %d (%s) selected",
				i+1, s.Active, want.ID, want.Selected, step.want+1, want.ID)
		}
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter))); err != nil {
		t.Fatalf("Enter on the selected result opened no page: %v", err)
	}
	if got := tb.path(); !strings.HasPrefix(got, bodySource) {
		t.Fatalf("Enter on the passage's result led to /%s, not to /%s", got, bodySource)
	}
	type passage struct {
		Found bool    `json:"found"`
		Top   float64 `json:"top"`
		VH    float64 `json:"vh"`
		Y     float64 `json:"y"`
	}
	const passageJS = `(phrase) => {
		const el = [...document.querySelectorAll("main p, main li")].find(p => p.textContent.toLowerCase().includes(phrase));
		if (!el) return {found: false};
		return {found: true, top: el.getBoundingClientRect().top, vh: innerHeight, y: scrollY};
	}`

	var p passage
	defer func() {
		t.Logf("the passage is at y=%g of a %g-pixel window, the page scrolled by %g", p.Top, p.VH, p.Y)
	}()
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		p, err = call[passage](tb, passageJS, bodyPhrase)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Found || (p.Top >= 0 && p.Top < p.VH) || time.Now().After(deadline) {
			break
		}
	}
	switch {
	case !p.Found:
		t.Fatalf("/%s has no paragraph holding %q", bodySource, bodyPhrase)
	case p.Top < 0 || p.Top >= p.VH:
		t.Errorf("the passage's result opened /%s at y=%g, with the passage at %g of a %g-pixel window: not in view", bodySource, p.Y, p.Top, p.VH)
	}
}

// TestSearchOverlay: the results open over the page, moving nothing, pass
// axe, and Escape closes them; with DOSSIER_SEARCH_SHOTS set to a folder, the open
// results are photographed there, wide and narrow, light and dark.
func TestSearchOverlay(t *testing.T) {
	h := setup(t)
	shots := os.Getenv("DOSSIER_SEARCH_SHOTS")
	for _, vp := range []Viewport{{W: 1400, H: 900}, narrow} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(fmt.Sprintf("%d-%s", vp.W, scheme), func(t *testing.T) {
				tb := h.newTab(t, vp)
				if err := SetScheme(tb.ctx, scheme); err != nil {
					t.Fatal(err)
				}
				tb.open("index.html")
				const topJS = `document.querySelector("main h1, main").getBoundingClientRect().top`
				before, err := eval[float64](tb, topJS)
				if err != nil {
					t.Fatal(err)
				}
				s := searchFor(t, tb, "Sheinbaum")
				after, err := eval[float64](tb, topJS)
				if err != nil {
					t.Fatal(err)
				}
				if before != after {
					t.Errorf("opening the results moved the page's heading from y=%g to y=%g", before, after)
				}
				// The results are on top: what a reader sees at the middle
				// of the first result is that result.
				onTop, err := eval[bool](tb, `(() => {
					const a = document.querySelector("#search-results a"), r = a.getBoundingClientRect();
					const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
					return !!at && a.contains(at);
				})()`)
				if err != nil {
					t.Fatal(err)
				}
				if !onTop {
					t.Errorf("the first result is hidden under something else")
				}
				if shots != "" {
					img, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot()) // the window, not the whole page
					if err != nil {
						t.Fatal(err)
					}
					name := filepath.Join(shots, fmt.Sprintf("search-%d-%s.png", vp.W, scheme))
					if err := os.WriteFile(name, img, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				// The open results pass axe as the pages do (TestAccessibility).
				src, err := axeSource()
				if err != nil {
					t.Fatal(err)
				}
				if _, err := eval[chromedp.Void](tb, src); err != nil {
					t.Fatalf("injecting axe-core: %v", err)
				}
				violations, err := eval[[]axeViolation](tb, axeRunJS)
				if err != nil {
					t.Fatalf("running axe: %v", err)
				}
				for _, v := range violations {
					var where []string
					for _, n := range v.Nodes {
						where = append(where, strings.Join(n.Target, " "))
					}
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Errorf("with the results open: %s [%s] %s: %s", v.Impact, v.ID, v.Help, strings.Join(where, ", "))
					} else {
						t.Logf("with the results open: %s [%s] %s: %s", v.Impact, v.ID, v.Help, strings.Join(where, ", "))
					}
				}
				if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
					t.Fatal(err)
				}
				s, err = call[resultsState](tb, resultsStateJS)
				if err != nil {
					t.Fatal(err)
				}
				if s.Shown || s.Expanded != "false" {
					t.Errorf("after Escape the results are still shown (visible: %v, aria-expanded=%q)", s.Shown, s.Expanded)
				}
				value, err := eval[string](tb, `document.getElementById("search").value`)
				if err != nil {
					t.Fatal(err)
				}
				if value != "Sheinbaum" {
					t.Errorf("the first Escape closed the results but also changed the query to %q", value)
				}
			})
		}
	}
}

// TestSearchIndexOnFocus: a page loads neither the search index nor the
// search library until the reader turns to the search box.
func TestSearchIndexOnFocus(t *testing.T) {
	h := setup(t)
	tb := h.newTab(t, wide)
	tb.open("claims/index.html")
	const loadedJS = `() => {
		const names = performance.getEntriesByType("resource").map(e => e.name)
			.concat([...document.scripts].map(s => s.src));
		return {index: names.some(n => n.includes("search-index")), library: names.some(n => n.includes("minisearch")),
			form: document.querySelector("form.search").checkVisibility()};
	}`
	// A moment for anything the page would load after its load event.
	time.Sleep(300 * time.Millisecond)
	l, err := call[loadedState](tb, loadedJS)
	if err != nil {
		t.Fatal(err)
	}
	if !l.Form {
		t.Fatal("the search form is not shown")
	}
	if l.Index || l.Library {
		t.Errorf("before the search box has the focus, the page loaded the index (%v) or the library (%v)", l.Index, l.Library)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Focus(chromedp.ID("search"))); err != nil {
		t.Fatal(err)
	}
	l = poll[loadedState](tb, 5*time.Second, `() => { const l = (`+loadedJS+`)(); return {...l, ready: l.index && l.library}; }`)
	if !l.Ready {
		t.Errorf("after the search box got the focus, the page did not load the index (%v) and the library (%v)", l.Index, l.Library)
	}
}

// loadedState is what TestSearchIndexOnFocus polls for.
type loadedState struct {
	Index   bool `json:"index"`
	Library bool `json:"library"`
	Ready   bool `json:"ready"`
	Form    bool `json:"form"`
}

func (l loadedState) ok() bool { return l.Ready }

// TestFavicon: pages link to an icon, and the site's root has a
// favicon.ico, which browsers ask for by themselves.
func TestFavicon(t *testing.T) {
	h := setup(t)
	tb := h.newTab(t, wide)
	tb.open("claims/index.html")
	type icon struct {
		Href   string `json:"href"`
		Status int    `json:"status"`
		Type   string `json:"type"`
	}
	icons, err := eval[[]icon](tb, `Promise.all([document.querySelector("link[rel=icon]")?.href, new URL("/favicon.ico", location.href).href]
		.map(href => href ? fetch(href).then(r => ({href, status: r.status, type: r.headers.get("content-type") || ""})) : {href: "", status: 0, type: ""}))`)
	if err != nil {
		t.Fatal(err)
	}
	if icons[0].Href == "" {
		t.Error("the page links to no icon (link rel=icon)")
	}
	for _, ic := range icons {
		if ic.Href != "" && (ic.Status != 200 || !strings.HasPrefix(ic.Type, "image/")) {
			t.Errorf("%s answers %d, %q: not an image", ic.Href, ic.Status, ic.Type)
		}
	}
}

// noneState is what the search box says when it finds nothing.
type noneState struct {
	Status  string `json:"status"`
	Want    string `json:"want"`
	Visible bool   `json:"visible"`
	Listbox bool   `json:"listbox"`
}

func (s noneState) ok() bool { return s.Visible && s.Status == s.Want }

// TestSearchNothingFound: a search that finds nothing says so, in the
// template's words, where the results would be.
func TestSearchNothingFound(t *testing.T) {
	h := setup(t)
	tb := h.newTab(t, narrow)
	tb.open("index.html")
	const q = "zxqvj"
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.ID("search")), chromedp.SendKeys(chromedp.ID("search"), q)); err != nil {
		t.Fatal(err)
	}
	want, err := eval[string](tb, `document.querySelector("form.search").dataset.none`)
	if err != nil {
		t.Fatal(err)
	}
	want = strings.Replace(want, "%s", q, 1)
	// Polled until it says that nothing was found: first it may say that
	// the index is loading.
	s := poll[noneState](tb, 5*time.Second, `(want) => {
		const st = document.querySelector(".search-status");
		return {status: st.textContent, want, visible: st.classList.contains("shown") && st.checkVisibility() && st.getBoundingClientRect().height > 10,
			listbox: document.getElementById("search-results").checkVisibility()};
	}`, want)
	if !s.Visible || s.Status != want || s.Listbox {
		t.Errorf("searching %q shows %q (visible: %v; listbox visible: %v), want %q shown alone", q, s.Status, s.Visible, s.Listbox, want)
	}
}
