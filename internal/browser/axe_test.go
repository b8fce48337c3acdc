package browser

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core, vendored from npm with its licence in
// testdata/axe-core (see the README there).
var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile("testdata/axe-core/axe.min.js")
	return string(b), err
})

// axeViolation is one failed axe rule.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []string `json:"target"`
		HTML    string   `json:"html"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

const axeRunJS = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({
		target: n.target.map(s => Array.isArray(s) ? s.join(" >>> ") : String(s)),
		html: n.html.slice(0, 200), summary: n.failureSummary || ""}))})))`

// TestAccessibility runs axe-core in the browser on each main page type,
// in the light and the dark theme, and fails on every serious or critical
// violation. Minor and moderate ones are logged.
func TestAccessibility(t *testing.T) {
	h := setup(t)
	src, err := axeSource()
	if err != nil {
		t.Fatalf("axe-core is vendored in testdata/axe-core/axe.min.js: %v", err)
	}
	for _, scheme := range []string{"light", "dark"} {
		for _, p := range h.pages {
			t.Run(p.Kind+"-"+scheme, func(t *testing.T) {
				tb := h.newTab(t, wide)
				if err := SetScheme(tb.ctx, scheme); err != nil {
					t.Fatal(err)
				}
				tb.open(p.Path)
				if _, err := eval[chromedp.Void](tb, src); err != nil {
					t.Fatalf("injecting axe-core into %s: %v", p.Path, err)
				}
				violations, err := eval[[]axeViolation](tb, axeRunJS)
				if err != nil {
					if ctxErr := context.Cause(tb.ctx); ctxErr != nil {
						err = ctxErr
					}
					t.Fatalf("running axe on %s: %v", p.Path, err)
				}
				for _, v := range violations {
					first, why, html := "", "", ""
					if len(v.Nodes) > 0 {
						n := v.Nodes[0]
						first, html = strings.Join(n.Target, " "), n.HTML
						why = strings.Join(strings.Fields(n.Summary), " ")
					}
					msg := "%s (%s theme): %s [%s] %s: %d element(s), first %s\n\t%s\n\t%s\n\t%s"
					args := []any{p.Path, scheme, v.Impact, v.ID, v.Help, len(v.Nodes), first, html, why, v.HelpURL}
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Errorf(msg, args...)
					} else {
						t.Logf(msg, args...)
					}
				}
			})
		}
	}
}
