package serve

import (
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"slices"
	"strings"

	"dossier/internal/annotate"
	"dossier/internal/coverage"
)

// Annotating from the page: on a source page of the preview, the editor
// selects a passage and writes a new claim quoting it, or adds it to a
// claim, through a small panel. The panel's script and style are served
// here and put only into the preview's source pages, never into a built
// site. The script posts to the API below, which package annotate
// carries out.
const (
	annotatePrefix = "/_dossier/claims"
	annotateJS     = "/_dossier/annotate.js"
	annotateCSS    = "/_dossier/annotate.css"
	tokenHeader    = "X-Dossier-Token"
	maxRequest     = 1 << 20 // far more than any claim's fields
)

//go:embed assets/annotate.js assets/annotate.css
var assets embed.FS

func newToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b[:])
}

func serveAsset(name, ctype string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := assets.ReadFile("assets/" + name)
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-store")
		w.Write(b)
	}
}

// annotateData is what the panel needs to know, put into each source page
// as JSON: the token that lets it write, the source's plain text (to map
// the page's selection to positions in it), and the names it offers.
type annotateData struct {
	Token    string     `json:"token"`
	Source   string     `json:"source"`
	Plain    string     `json:"plain"`
	Verdicts []named    `json:"verdicts"`
	Claims   []named    `json:"claims"`
	Figures  []figureID `json:"figures"`
	Entities []named    `json:"entities"`
	// Gaps are the source's checkable sentences (a figure, a date, an
	// attributed quotation) that no quote covers, which the panel's
	// coverage toggle marks.
	Gaps []gap `json:"gaps"`
}

type gap struct {
	Start int      `json:"start"` // code points of Plain
	End   int      `json:"end"`
	Kinds []string `json:"kinds"`
}

type named struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

type figureID struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Unit  string `json:"unit"`
}

// sourceSlug returns the slug of the source a page shows: "/sources/x/"
// or "/sources/x/index.html".
func sourceSlug(urlPath string) (string, bool) {
	rest, ok := strings.CutPrefix(urlPath, "/sources/")
	if !ok {
		return "", false
	}
	rest = strings.TrimSuffix(rest, "index.html")
	slug, ok := strings.CutSuffix(rest, "/")
	return slug, ok && slug != "" && !strings.Contains(slug, "/")
}

// annotateExtra returns what a source page of the preview gets for the
// panel, or nothing for any other page.
func (s *Server) annotateExtra(st *state, urlPath string) []byte {
	if s.annotator == nil || st.snap == nil || st.snap.Dossier == nil {
		return nil
	}
	slug, ok := sourceSlug(urlPath)
	if !ok {
		return nil
	}
	d := st.snap.Dossier
	src := d.Source(slug)
	if src == nil {
		return nil
	}
	data := annotateData{Token: s.token, Source: slug, Plain: src.Plain,
		Verdicts: []named{}, Claims: []named{}, Figures: []figureID{}, Entities: []named{}}
	for _, v := range d.Verdicts {
		data.Verdicts = append(data.Verdicts, named{v.Name, v.Label})
	}
	for _, c := range d.Claims {
		data.Claims = append(data.Claims, named{c.ID, c.Title})
	}
	for _, f := range d.Figures {
		data.Figures = append(data.Figures, figureID{f.Key, f.Label, f.Unit})
	}
	for _, e := range d.Entities {
		data.Entities = append(data.Entities, named{e.Slug, e.Name})
	}
	var quoted [][2]int
	for _, q := range src.Quotes {
		quoted = append(quoted, [2]int{q.Start, q.End})
	}
	data.Gaps = []gap{}
	for _, g := range coverage.Source(src.Plain, quoted).Gaps {
		kinds := make([]string, len(g.Kinds))
		for i, k := range g.Kinds {
			kinds[i] = string(k)
		}
		data.Gaps = append(data.Gaps, gap{g.Start, g.End, kinds})
	}
	js, err := json.Marshal(data) // escapes <, > and &: safe inside <script>
	if err != nil {
		return nil
	}
	return []byte(`<link rel="stylesheet" href="` + annotateCSS + `"><script type="application/json" id="dossier-annotate-data">` +
		string(js) + `</script><script src="` + annotateJS + `" defer></script>`)
}

// apiError is the body of a refused request.
type apiError struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func refuse(w http.ResponseWriter, status int, field, format string, args ...any) {
	writeJSON(w, status, apiError{Error: fmt.Sprintf(format, args...), Field: field})
}

// newClaimRequest is the body of POST /_dossier/claims.
type newClaimRequest struct {
	annotate.Selection
	annotate.Claim
	Figure *annotate.Figure `json:"figure"`
}

// addQuoteRequest is the body of POST /_dossier/claims/<id>/quotes.
type addQuoteRequest struct {
	annotate.Selection
	Figure *annotate.Figure `json:"figure"`
}

// claimsAPI answers POST /_dossier/claims (a new claim) and POST
// /_dossier/claims/<id>/quotes (a quote added to claim id). It reads the
// path as sent, escapes and all: an id that is no slug ("..", "a%2Fb") is
// refused, never cleaned into another.
func (s *Server) claimsAPI(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.EscapedPath(), annotatePrefix)
	id, add := "", false
	switch {
	case rest == "" || rest == "/":
	case strings.HasPrefix(rest, "/") && strings.HasSuffix(rest, "/quotes"):
		id, add = strings.TrimSuffix(rest[1:], "/quotes"), true
	default:
		refuse(w, http.StatusNotFound, "", "no such API: POST %s for a new claim, POST %s/<id>/quotes to add a quote", annotatePrefix, annotatePrefix)
		return
	}
	if s.annotator == nil {
		refuse(w, http.StatusForbidden, "", "this preview does not write claims (it was started with --no-annotate)")
		return
	}
	if status, msg := s.mayWrite(r); status != 0 {
		refuse(w, status, "", "%s", msg)
		return
	}
	if add {
		if err := annotate.CheckID(id); err != nil {
			var e *annotate.Error
			errors.As(err, &e)
			refuse(w, e.Status, e.Field, "%s", e.Msg)
			return
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxRequest))
	dec.DisallowUnknownFields()
	var (
		res *annotate.Result
		err error
		req any
	)
	if add {
		req = &addQuoteRequest{}
	} else {
		req = &newClaimRequest{}
	}
	if derr := dec.Decode(req); derr != nil {
		refuse(w, http.StatusBadRequest, "", "the body is not a JSON request of the API (%v)", derr)
		return
	}
	if dec.More() {
		refuse(w, http.StatusBadRequest, "", "the body holds more than one JSON value")
		return
	}
	if _, rerr := dec.Token(); rerr != io.EOF {
		refuse(w, http.StatusBadRequest, "", "the body holds more than one JSON value")
		return
	}
	// The files it may write are marked before they are written: their
	// rebuild may come before the write returns.
	var fig *annotate.Figure
	if add {
		fig = req.(*addQuoteRequest).Figure
	} else {
		q := req.(*newClaimRequest)
		id, fig = q.ID, q.Figure
	}
	may := []string{"claims/" + id + ".md"}
	if fig != nil {
		may = append(may, "figures/"+fig.Key+".md")
	}
	s.mu.Lock()
	for _, f := range may {
		s.written[f] = true
	}
	s.mu.Unlock()
	if add {
		q := req.(*addQuoteRequest)
		res, err = s.annotator.AddQuote(id, q.Selection, q.Figure)
	} else {
		q := req.(*newClaimRequest)
		res, err = s.annotator.CreateClaim(q.Selection, q.Claim, q.Figure)
	}
	s.mu.Lock()
	for _, f := range may {
		if res == nil || !slices.Contains(res.Files, f) {
			delete(s.written, f)
		}
	}
	s.mu.Unlock()
	var e *annotate.Error
	switch {
	case errors.As(err, &e):
		refuse(w, e.Status, e.Field, "%s", e.Msg)
		return
	case err != nil:
		refuse(w, http.StatusInternalServerError, "", "%v", err)
		return
	}
	if add {
		s.logf("added quote %d to %s", res.Quote.N, res.Path)
	} else {
		s.logf("wrote %s", res.Path)
	}
	writeJSON(w, http.StatusCreated, res)
}

// mayWrite refuses a request to write unless it comes from the preview's
// own page in a browser on this machine: from a loopback address, from
// the server's own origin (a page of another site cannot send the
// headers below without a preflight the server never answers, nor read
// the token), as JSON, with the token put into the preview's pages. It
// returns the status and why, or 0.
func (s *Server) mayWrite(r *http.Request) (int, string) {
	if r.Method != http.MethodPost {
		return http.StatusMethodNotAllowed, "use POST"
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return http.StatusForbidden, "claims are written only for a browser on this machine (a loopback address), not for " + r.RemoteAddr
	}
	if origin := r.Header.Get("Origin"); origin != "" && !strings.EqualFold(origin, "http://"+r.Host) {
		return http.StatusForbidden, "foreign Origin " + origin + ": claims are written only from the preview's own pages"
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return http.StatusForbidden, "Sec-Fetch-Site is " + site + ": claims are written only from the preview's own pages"
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return http.StatusUnsupportedMediaType, "send the request as Content-Type: application/json"
	}
	if subtle.ConstantTimeCompare([]byte(r.Header.Get(tokenHeader)), []byte(s.token)) != 1 {
		return http.StatusForbidden, "missing or wrong " + tokenHeader + ": reload the page (the server was restarted) and try again"
	}
	return 0, ""
}
