package serve

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// annotated is a small dossier to write claims into.
var annotated = map[string]string{
	"sources/report.md": "---\ntitle: The report\n---\nThe plan was final, they said. Critics said the plan was final.\n\nDeaths were roughly 300,000 in 2024.\n",
	"claims/old.md":     "---\ntitle: Old.\nquotes:\n  - source: report\n    text: Critics said\n---\n",
}

func annotateServer(t *testing.T) (*Server, string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range annotated {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	s, err := New(Options{ContentDir: dir, Name: "content"})
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func files(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			out[p] = string(b)
		}
		return nil
	})
	return out
}

// post sends a request to the API as the preview's page does, changed by
// edit.
func post(s *Server, path, body string, edit func(*http.Request)) *httptest.ResponseRecorder {
	r := httptest.NewRequest("POST", "http://127.0.0.1:1313"+path, strings.NewReader(body))
	r.RemoteAddr = "127.0.0.1:50000"
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Origin", "http://127.0.0.1:1313")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	r.Header.Set(tokenHeader, s.token)
	if edit != nil {
		edit(r)
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	return w
}

func at(plain, s string) (int, int) {
	i := strings.Index(plain, s)
	start := utf8.RuneCountInString(plain[:i])
	return start, start + utf8.RuneCountInString(s)
}

const plainText = "The plan was final, they said. Critics said the plan was final.\n\nDeaths were roughly 300,000 in 2024."

func body(fields map[string]any) string {
	start, end := at(plainText, "Deaths were roughly 300,000")
	b := map[string]any{"source": "report", "start": start, "end": end, "exact": "Deaths were roughly 300,000", "id": "deaths", "title": "Deaths."}
	for k, v := range fields {
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
	}
	j, _ := json.Marshal(b)
	return string(j)
}

func TestAnnotateAPI(t *testing.T) {
	s, dir := annotateServer(t)
	w := post(s, "/_dossier/claims", body(nil), nil)
	if w.Code != 201 {
		t.Fatalf("new claim: %d %s", w.Code, w.Body)
	}
	var res struct {
		ID, Path string
		Quote    struct{ N, Start, End int }
	}
	json.Unmarshal(w.Body.Bytes(), &res)
	if res.ID != "deaths" || res.Path != "content/claims/deaths.md" || res.Quote.N != 1 {
		t.Errorf("response %s", w.Body)
	}
	if _, err := os.Stat(filepath.Join(dir, "claims/deaths.md")); err != nil {
		t.Error(err)
	}
	if !s.written["claims/deaths.md"] {
		t.Error("the file written is not remembered: its rebuild would take the browser away")
	}
	start, end := at(plainText, "the plan was final")
	w = post(s, "/_dossier/claims/old/quotes", `{"source":"report","start":`+itoa(start)+`,"end":`+itoa(end)+`,"exact":"the plan was final"}`, nil)
	if w.Code != 201 || !strings.Contains(w.Body.String(), `"n":2`) {
		t.Fatalf("add quote: %d %s", w.Code, w.Body)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "claims/old.md"))
	if want := annotated["claims/old.md"][:len(annotated["claims/old.md"])-4] + "  - source: report\n    text: \"the plan was final\"\n---\n"; string(got) != want {
		t.Errorf("claims/old.md:\n%s\nwant\n%s", got, want)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// Every request refused writes nothing.
func TestAnnotateRefused(t *testing.T) {
	for _, tc := range []struct {
		name   string
		path   string
		body   string
		edit   func(*http.Request)
		status int
		field  string
		msg    string
	}{
		{name: "cross-origin", edit: func(r *http.Request) { r.Header.Set("Origin", "https://evil.example") }, status: 403, msg: "foreign Origin"},
		{name: "other port", edit: func(r *http.Request) { r.Header.Set("Origin", "http://127.0.0.1:9999") }, status: 403, msg: "foreign Origin"},
		{name: "cross-site fetch", edit: func(r *http.Request) { r.Header.Del("Origin"); r.Header.Set("Sec-Fetch-Site", "cross-site") }, status: 403, msg: "Sec-Fetch-Site"},
		{name: "no token", edit: func(r *http.Request) { r.Header.Del(tokenHeader) }, status: 403, msg: "X-Dossier-Token"},
		{name: "wrong token", edit: func(r *http.Request) { r.Header.Set(tokenHeader, strings.Repeat("0", 64)) }, status: 403, msg: "X-Dossier-Token"},
		{name: "not loopback", edit: func(r *http.Request) { r.RemoteAddr = "192.168.1.20:50000" }, status: 403, msg: "this machine"},
		{name: "ipv6 not loopback", edit: func(r *http.Request) { r.RemoteAddr = "[fe80::1]:50000" }, status: 403, msg: "this machine"},
		{name: "form post", edit: func(r *http.Request) { r.Header.Set("Content-Type", "application/x-www-form-urlencoded") }, status: 415},
		{name: "text post", edit: func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") }, status: 415},
		{name: "GET", edit: func(r *http.Request) { r.Method = "GET" }, status: 405},
		{name: "foreign Host", edit: func(r *http.Request) { r.Host = "evil.example" }, status: 403},
		{name: "dot dot id", body: body(map[string]any{"id": "../x"}), status: 400, field: "id"},
		{name: "slash id", body: body(map[string]any{"id": "a/b"}), status: 400, field: "id"},
		{name: "encoded id", body: body(map[string]any{"id": "%2e%2e"}), status: 400, field: "id"},
		{name: "absolute id", body: body(map[string]any{"id": "/tmp/x"}), status: 400, field: "id"},
		{name: "nul id", body: body(map[string]any{"id": "a\x00b"}), status: 400, field: "id"},
		{name: "path dot dot", path: "/_dossier/claims/../../x/quotes", status: 400, field: "id"},
		{name: "path encoded dot dot", path: "/_dossier/claims/%2e%2e/quotes", status: 400, field: "id"},
		{name: "path encoded slash", path: "/_dossier/claims/a%2fb/quotes", status: 400, field: "id"},
		{name: "path nul", path: "/_dossier/claims/a%00/quotes", status: 400, field: "id"},
		{name: "path other", path: "/_dossier/claims/old", status: 404},
		{name: "existing id", body: body(map[string]any{"id": "old"}), status: 409, field: "id", msg: "exists already"},
		{name: "bad verdict", body: body(map[string]any{"verdict": "sorta", "rationale": "r"}), status: 422, field: "verdict"},
		{name: "bad slug speaker", body: body(map[string]any{"speaker": "Ana B"}), status: 400, field: "speaker"},
		{name: "empty title", body: body(map[string]any{"title": " "}), status: 400, field: "title"},
		{name: "no title", body: body(map[string]any{"title": nil}), status: 400, field: "title"},
		{name: "start out of range", body: body(map[string]any{"start": 500, "end": 510}), status: 400, field: "end"},
		{name: "negative start", body: body(map[string]any{"start": -3}), status: 400, field: "start"},
		{name: "mismatching exact", body: body(map[string]any{"exact": "Deaths were roughly 300,001"}), status: 409, field: "exact"},
		{name: "unknown field", body: body(map[string]any{"path": "/etc/passwd"}), status: 400},
		{name: "not JSON", body: "id=x", status: 400},
		{name: "two values", body: body(nil) + body(nil), status: 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, dir := annotateServer(t)
			before := files(t, dir)
			path, b := tc.path, tc.body
			if path == "" {
				path = "/_dossier/claims"
			}
			if b == "" {
				b = body(nil)
			}
			var w *httptest.ResponseRecorder
			if strings.Contains(path, "%00") || strings.Contains(path, "..") {
				// httptest.NewRequest cleans nothing but refuses some
				// paths: build the URL by hand.
				w = post(s, "/_dossier/claims", b, func(r *http.Request) { r.URL.RawPath, r.URL.Path = path, strings.ReplaceAll(path, "%2e", ".") })
			} else {
				w = post(s, path, b, tc.edit)
			}
			if w.Code != tc.status {
				t.Errorf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			var e apiError
			if tc.status != 403 || tc.name != "foreign Host" {
				if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
					t.Errorf("body %q is no JSON error", w.Body)
				}
			}
			if e.Field != tc.field || !strings.Contains(e.Error, tc.msg) {
				t.Errorf("error %+v, want field %q, message with %q", e, tc.field, tc.msg)
			}
			if after := files(t, dir); len(after) != len(before) {
				t.Errorf("files written: %d before, %d after", len(before), len(after))
			} else {
				for p, text := range before {
					if after[p] != text {
						t.Errorf("%s changed", p)
					}
				}
			}
		})
	}
}

func TestAnnotateOff(t *testing.T) {
	dir := t.TempDir()
	for name, text := range annotated {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	s, err := New(Options{ContentDir: dir, NoAnnotate: true})
	if err != nil {
		t.Fatal(err)
	}
	if w := post(s, "/_dossier/claims", body(nil), nil); w.Code != 403 {
		t.Errorf("with NoAnnotate: %d %s", w.Code, w.Body)
	}
	if _, err := os.Stat(filepath.Join(dir, "claims/deaths.md")); err == nil {
		t.Error("written with NoAnnotate")
	}
}

// Source pages carry the panel and its data; other pages do not.
func TestAnnotatePanelOnSourcePages(t *testing.T) {
	p := start(t, map[string]string{
		"sources/report.md": annotated["sources/report.md"],
		"claims/old.md":     annotated["claims/old.md"],
	})
	src := p.page("/sources/report/")
	for _, want := range []string{annotateJS, annotateCSS, `id="dossier-annotate-data"`, `"token":"` + p.srv.token + `"`, `"plain":"The plan was final`, `"gaps":[{"start":`} {
		if !strings.Contains(src, want) {
			t.Errorf("source page lacks %s", want)
		}
	}
	for _, page := range []string{"/", "/claims/old/", "/sources/"} {
		if body := p.page(page); strings.Contains(body, annotateJS) || strings.Contains(body, p.srv.token) {
			t.Errorf("%s carries the panel or the token", page)
		}
	}
}
