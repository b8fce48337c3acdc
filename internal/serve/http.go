package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"dossier/internal/diag"
	"dossier/internal/render"
)

// Paths the server itself answers; they cannot clash with the site's,
// whose names are slugs.
const (
	eventsPath = "/_dossier/events"
	scriptPath = "/_dossier/live.js"
)

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(eventsPath, s.events)
	mux.HandleFunc(scriptPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprint(w, liveScript)
	})
	mux.HandleFunc(annotateJS, serveAsset("annotate.js", "text/javascript; charset=utf-8"))
	mux.HandleFunc(annotateCSS, serveAsset("annotate.css", "text/css; charset=utf-8"))
	mux.HandleFunc("/", s.page)
	return s.checkHost(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The API reads its path as sent: the mux would clean "..".
		if p := r.URL.EscapedPath(); p == annotatePrefix || strings.HasPrefix(p, annotatePrefix+"/") {
			s.claimsAPI(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

// checkHost refuses requests whose Host is not this server's: a page on
// another site could otherwise reach the preview through a DNS name that
// resolves to 127.0.0.1 (DNS rebinding).
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.allowedHost(r.Host) {
			http.Error(w, "403 forbidden: unknown Host "+r.Host+"; add it with --host", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	switch host {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, h := range s.opts.Hosts {
		if strings.EqualFold(host, h) {
			return true
		}
	}
	return false
}

// filePath maps a URL path to a file of the site: "/claims/x/" to
// "claims/x/index.html". ok is false for paths that can name no file:
// "..", backslashes, NUL, however they were encoded.
func filePath(urlPath string) (string, bool) {
	if strings.ContainsAny(urlPath, "\\\x00") || !strings.HasPrefix(urlPath, "/") {
		return "", false
	}
	for _, seg := range strings.Split(urlPath, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	p := strings.TrimPrefix(path.Clean(urlPath), "/")
	if strings.HasSuffix(urlPath, "/") {
		if p == "" {
			return "index.html", true
		}
		return p + "/index.html", true
	}
	return p, true
}

// safeFile renders a file, turning a panic in a template into an error.
func safeFile(site *render.Site, file string) (data []byte, ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, ok, err = nil, true, fmt.Errorf("internal error rendering %s: %v", file, r)
		}
	}()
	return site.File(file)
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// The raw path is checked too: a client may encode what the decoded
	// path no longer shows.
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") || strings.Contains(raw, "%2f") {
		http.Error(w, "400 bad request", http.StatusBadRequest)
		return
	}
	file, ok := filePath(r.URL.Path)
	if !ok {
		http.Error(w, "400 bad request", http.StatusBadRequest)
		return
	}
	st := s.state.Load()
	w.Header().Set("Cache-Control", "no-store")
	if st.snap == nil || st.snap.Site == nil {
		// No good build yet: show the errors alone.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write(s.inject([]byte("<!doctype html><html><head><meta charset=utf-8><title>dossier: errors</title></head><body><p>The dossier has not built yet.</p></body></html>"), st, r.URL.Path))
		return
	}
	data, found, err := safeFile(st.snap.Site, file)
	if !found && !strings.HasSuffix(file, ".html") {
		// "/claims/x" for "/claims/x/": redirect, as a static host would.
		if _, dir, _ := safeFile(st.snap.Site, file+"/index.html"); dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	switch {
	case err != nil:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		failed := *st
		failed.failure = err.Error()
		w.Write(s.inject([]byte("<!doctype html><html><head><meta charset=utf-8><title>dossier: error</title></head><body></body></html>"), &failed, r.URL.Path))
		return
	case !found:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(s.inject([]byte("<!doctype html><html><head><meta charset=utf-8><title>Not found</title></head><body><p>No page here. <a href=\"/\">Home</a></p></body></html>"), st, r.URL.Path))
		return
	}
	ctype := contentType(file)
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		data = s.inject(data, st, r.URL.Path)
		data = beforeBody(data, s.annotateExtra(st, r.URL.Path))
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

func contentType(file string) string {
	switch path.Ext(file) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".xml":
		return "application/xml"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

// inject adds the live-reload script and, while the content has errors,
// the error overlay, to an HTML page.
func (s *Server) inject(html []byte, st *state, urlPath string) []byte {
	var extra bytes.Buffer
	if len(st.errs) > 0 || st.failure != "" || st.gone {
		view := struct {
			Errors  []diagError
			Failure string
			Gone    string // the content folder, when it is missing
		}{Failure: st.failure}
		if st.gone {
			view.Gone = s.opts.Name
		}
		for _, e := range st.errs {
			view.Errors = append(view.Errors, diagError(e))
		}
		if err := overlay.Execute(&extra, view); err != nil {
			extra.WriteString("<p>errors</p>")
		}
	}
	fmt.Fprintf(&extra, `<script src="%s" data-version="%d" data-follow="%t"></script>`, scriptPath, st.version, s.opts.Follow)
	return beforeBody(html, extra.Bytes())
}

// beforeBody inserts extra at the end of an HTML page's body.
func beforeBody(html, extra []byte) []byte {
	if len(extra) == 0 {
		return html
	}
	i := bytes.LastIndex(html, []byte("</body>"))
	if i < 0 {
		return append(html, extra...)
	}
	out := make([]byte, 0, len(html)+len(extra))
	out = append(out, html[:i]...)
	out = append(out, extra...)
	return append(out, html[i:]...)
}

var overlay = template.Must(template.New("overlay").Parse(`<div id="dossier-errors" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#2b0b0b;color:#ffe9e6;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;padding:1rem 1.25rem;border-top:4px solid #e5484d;box-shadow:0 -8px 24px rgba(0,0,0,.35)">
<p style="margin:0 0 .5rem;font-weight:700">{{if .Gone}}The content folder {{.Gone}} is gone; showing the last good build{{else if .Errors}}{{len .Errors}} error{{if gt (len .Errors) 1}}s{{end}} in the dossier; showing the last good build{{else}}The build failed; showing the last good build{{end}}</p>
{{with .Gone}}<p style="margin:0">It was deleted, moved or renamed. The preview is built again as soon as a folder {{.}} is there again.</p>{{end}}
{{range .Errors}}<div style="margin:.75rem 0"><div><strong>{{.Path}}{{if .Line}}:{{.Line}}:{{.Col}}{{end}}</strong>: {{.Msg}}</div>{{with .Source}}<pre style="margin:.25rem 0 0;color:#ffb4ab;white-space:pre-wrap">{{.}}</pre>{{end}}{{range .Notes}}<div style="margin:.35rem 0 0 1.5rem"><div><strong>{{.Path}}{{if .Line}}:{{.Line}}:{{.Col}}{{end}}</strong>: note: {{.Msg}}</div>{{with .Source}}<pre style="margin:.25rem 0 0;color:#ffd7d2;white-space:pre-wrap">{{.}}</pre>{{end}}</div>{{end}}</div>{{end}}
{{with .Failure}}<pre style="white-space:pre-wrap">{{.}}</pre>{{end}}
</div>`))

type diagError = diag.Error

// client is a browser connected for reload events.
type client struct {
	page   string // the URL path it shows
	events chan []byte
}

// events streams reload events (Server-Sent Events) to a browser.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if origin := r.Header.Get("Origin"); origin != "" {
		u, err := url.Parse(origin)
		if err != nil || !s.allowedHost(u.Host) || (s.port != "" && u.Port() != s.port) {
			http.Error(w, "403 forbidden: foreign Origin", http.StatusForbidden)
			return
		}
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := &client{page: r.URL.Query().Get("page"), events: make(chan []byte, 8)}
	if c.page == "" || !strings.HasPrefix(c.page, "/") {
		c.page = "/"
	}
	s.mu.Lock()
	s.clients[c] = true
	version := s.state.Load().version
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: {\"version\":%d}\n\n", version)
	flusher.Flush()
	// A browser that loaded its page before the latest build reloads at once.
	if v := r.URL.Query().Get("version"); v != "" && v != fmt.Sprint(version) {
		fmt.Fprintf(w, "event: reload\ndata: {\"version\":%d}\n\n", version)
		flusher.Flush()
	}
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg := <-c.events:
			w.Write(msg)
			flusher.Flush()
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			flusher.Flush()
		}
	}
}

// notify sends every browser a reload event for a new state. page is the
// URL path of the page of the file changed, if any.
func (s *Server) notify(st *state, page string) {
	data, _ := json.Marshal(struct {
		Version int    `json:"version"`
		Page    string `json:"page,omitempty"`
		Errors  int    `json:"errors"`
	}{st.version, page, len(st.errs)})
	msg := []byte("event: reload\ndata: " + string(data) + "\n\n")
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		select {
		case c.events <- msg:
		default: // a stalled browser misses nothing but this reload
		}
	}
}

// liveScript reloads the page when a build is swapped in, keeping the
// scroll position; with data-follow it goes to the page of the file just
// changed.
const liveScript = `(function () {
  var me = document.currentScript;
  var key = "dossier-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = parseInt(saved, 10);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
  var src = "` + eventsPath + `?page=" + encodeURIComponent(location.pathname) + "&version=" + me.dataset.version;
  var es = new EventSource(src);
  es.addEventListener("reload", function (e) {
    var d = {};
    try { d = JSON.parse(e.data); } catch (err) {}
    // "/claims/x/" and "/claims/x/index.html" are the same page.
    var here = location.pathname.replace(/index\.html$/, "");
    if (me.dataset.follow === "true" && d.page && d.page !== here) {
      location.href = d.page;
      return;
    }
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
})();
`
