package render

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Asset is a stylesheet or script as published: under a name that holds a
// hash of its content, so that a browser or CDN never serves a stale copy
// (cache-busting), with the Subresource Integrity value of that content.
type Asset struct {
	Name      string // e.g. "style.3f9a1c2b.css"
	Integrity string // e.g. "sha384-..."
}

// fingerprinted reports whether a static file gets a content-hashed name:
// stylesheets and scripts, which pages link to through Asset.
func fingerprinted(name string) bool {
	switch path.Ext(name) {
	case ".css", ".js":
		return true
	}
	return false
}

// fingerprint names data after its content: "css/style.css" becomes
// "css/style.<8 hex digits of SHA-256>.css".
func fingerprint(name string, data []byte) Asset {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
	sri := sha512.Sum384(data)
	return Asset{Name: hashed, Integrity: "sha384-" + base64.StdEncoding.EncodeToString(sri[:])}
}

// newMinifier returns a minifier for the site's file types. HTML keeps its
// document and end tags so that every page still parses the same way in
// any HTML parser, not only in browsers.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// mediaType is the type a minifier knows a file by, or "" for files left
// as they are.
func mediaType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".json", ".jsonld":
		return "application/json"
	case ".xml":
		return "application/xml"
	}
	return ""
}

// minifyFile minifies data when the site is built with --minify and the
// file is of a type the minifier knows; otherwise it returns data.
func minifyFile(m *minify.M, name string, data []byte) ([]byte, error) {
	mt := mediaType(name)
	if m == nil || mt == "" {
		return data, nil
	}
	var b bytes.Buffer
	b.Grow(len(data))
	if err := m.Minify(mt, &b, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// staticFiles reads the theme's static files, hidden files left out.
func staticFiles(sfs fs.FS) ([]File, error) {
	if sfs == nil {
		return nil, nil
	}
	var out []File
	err := fs.WalkDir(sfs, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || strings.HasPrefix(path.Base(p), ".") {
			return nil
		}
		b, err := fs.ReadFile(sfs, p)
		if err != nil {
			return err
		}
		out = append(out, File{Path: p, Data: b})
		return nil
	})
	return out, err
}
