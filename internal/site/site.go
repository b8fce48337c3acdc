// Package site is the build pipeline: read the content folder, build the
// model, render every page in memory, and write the result atomically.
//
// Build is a pure function from file systems to files, so that tests run it
// on in-memory dossiers and a preview server can keep the last good result
// while it builds the next one. Write swaps a complete new folder in for
// the old one: a failed build never leaves a half-written site.
package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	theme "dossier"
	"dossier/internal/content"
	"dossier/internal/diag"
	"dossier/internal/markdown"
	"dossier/internal/model"
	"dossier/internal/render"
	"dossier/internal/valid"
)

// Options say what to build.
type Options struct {
	// Content is the dossier folder; Name is how the user named it, for
	// messages (e.g. "content").
	Content fs.FS
	Name    string
	// BaseURL, when set, overrides dossier.yaml's baseURL.
	BaseURL string
	// Minify minifies HTML, CSS, JavaScript and data files.
	Minify bool
	// Log, when set, is told of the files that are slow to parse: while
	// a build waits for one ("content/sources/x.md is slow to parse (4.0 s
	// so far)"), and at the end of the build, which took longest. It may
	// be called from several goroutines at once.
	Log func(msg string)
	// Clock tells the time for those messages (nil: the time of day), and
	// Parsing is called before each body is parsed: tests set them (see
	// dossier.Options).
	Clock   model.Clock
	Parsing func(path, body string)
}

// Result is a built site.
type Result struct {
	Dossier *model.Dossier
	Files   []render.File
}

// ErrContent is returned, wrapped in a *ContentError, when the dossier has
// errors.
var ErrContent = errors.New("the dossier has errors")

// ContentError carries every content error of a build.
type ContentError struct{ List diag.List }

func (e *ContentError) Error() string { return e.List.Error() }
func (e *ContentError) Unwrap() error { return ErrContent }

// Check reads and models the dossier without rendering it. It reports the
// files of the dossier's templates/ that are no template, too.
func Check(opts Options) (*model.Dossier, diag.List) {
	b := NewBuilder(opts)
	d, errs, _ := b.model(context.Background())
	return d, append(errs, b.ownTheme().unknownTemplates()...).Sort()
}

// Build builds the site in memory. Content errors come back as a
// *ContentError holding all of them; any other error is the theme's.
func Build(opts Options) (*Result, error) {
	snap, err := NewBuilder(opts).Build(context.Background())
	if snap == nil {
		return nil, err
	}
	if err != nil {
		return &Result{Dossier: snap.Dossier}, err
	}
	files, err := snap.Site.All()
	if err != nil {
		if list, ok := snap.theme.explain(err); ok {
			return &Result{Dossier: snap.Dossier}, &ContentError{List: list}
		}
		return nil, err
	}
	return &Result{Dossier: snap.Dossier, Files: files}, nil
}

// Builder builds one dossier again and again, as a preview server does,
// reusing what did not change: files whose size and time are the same are
// not read again, bodies whose text is the same are not analysed again,
// and pages are rendered only when asked for.
type Builder struct {
	opts   Options
	md     *markdown.Markdown
	reader *content.Reader
	cache  *model.Cache
}

// NewBuilder returns a Builder with nothing cached.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts, md: markdown.New(), reader: content.NewReader(), cache: model.NewCache()}
}

// Trust makes the builder rely on Forget and Verify to learn of changes,
// as a preview server with a file watcher does, instead of looking at
// every file's size and time on every build.
func (b *Builder) Trust() { b.reader.Trust() }

// Verify makes the next build look at every file's size and time.
func (b *Builder) Verify() { b.reader.Verify() }

// Relist makes the next build list again the folders of these paths, where
// files were created, renamed or removed.
func (b *Builder) Relist(paths ...string) { b.reader.Relist(paths...) }

// Forget makes the next build read these files (relative to the content
// folder) again, whatever their size and time.
func (b *Builder) Forget(paths ...string) { b.reader.Forget(paths...) }

// Snapshot is one complete, immutable build.
type Snapshot struct {
	Dossier *model.Dossier
	Site    *render.Site // nil when the content has errors
	theme   ownTheme     // to report template errors met while rendering
}

// Build reads, models and prepares the site. On content errors it returns
// the snapshot's model with a *ContentError; it stops early, returning
// ctx's error, when ctx is cancelled because a newer change has come:
// at once, even while a file is slow to parse, whose parse goes on in
// the background for the builds after (see dossier.BuildContext).
// The dossier's own templates and static files are part of its content:
// a template that does not parse, a file of templates/ that is no
// template, and a static file that would replace a generated file are
// content errors too. Build must not be called concurrently.
func (b *Builder) Build(ctx context.Context) (*Snapshot, error) {
	if b.opts.BaseURL != "" {
		if _, err := valid.BaseURL(b.opts.BaseURL); err != nil {
			return nil, fmt.Errorf("base URL %w", err)
		}
	}
	// The theme is made ready (templates parsed, static files published)
	// while the content is read and modelled: it needs no dossier.
	type prepared struct {
		p   *render.Prepared
		err error
	}
	theme := make(chan prepared, 1)
	go func() {
		p, err := render.Prepare(Theme(b.opts.Content), render.Options{Minify: b.opts.Minify})
		theme <- prepared{p, err}
	}()
	d, errs, err := b.model(ctx)
	if err != nil {
		return nil, err // the theme's goroutine ends on its own: theme has room
	}
	prep := <-theme
	own := b.ownTheme()
	themeErrs := own.unknownTemplates()
	if len(errs) > 0 {
		return &Snapshot{Dossier: d}, &ContentError{List: append(errs, themeErrs...).Sort()}
	}
	// The theme's errors are reported together: files of templates/ that
	// are no template, templates that do not parse, static files in the
	// way of generated ones.
	var s *render.Site
	err = prep.err
	if err == nil {
		s, err = prep.p.Site(d, b.md)
	}
	if err != nil {
		list, ok := own.explain(err)
		if !ok {
			return nil, err
		}
		themeErrs = append(themeErrs, list...)
	}
	if len(themeErrs) > 0 {
		return &Snapshot{Dossier: d}, &ContentError{List: themeErrs.Sort()}
	}
	return &Snapshot{Dossier: d, Site: s, theme: own}, nil
}

// model reads and models the dossier; err is ctx's, when it is done
// first.
func (b *Builder) model(ctx context.Context) (*model.Dossier, diag.List, error) {
	c, errs := b.reader.Read(b.opts.Content, b.opts.Name)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if b.opts.BaseURL != "" {
		if u, err := valid.BaseURL(b.opts.BaseURL); err == nil {
			c.Settings.BaseURL = u
		}
	}
	d, merrs, err := model.BuildContext(ctx, c, b.md, model.Options{Cache: b.cache,
		Log: b.opts.Log, Clock: b.opts.Clock, Parsing: b.opts.Parsing})
	if err != nil {
		return nil, nil, err
	}
	errs = append(errs, merrs...)
	return d, errs.Sort(), nil
}

// Theme is the default theme with the dossier's own templates/ and static/
// folders laid over it.
func Theme(contentFS fs.FS) render.Theme {
	t := render.Theme{Templates: theme.Templates(), Static: theme.Static()}
	if contentFS == nil {
		return t
	}
	if sub, err := fs.Sub(contentFS, "templates"); err == nil {
		t.Templates = overlay{top: sub, base: t.Templates}
	}
	if sub, err := fs.Sub(contentFS, "static"); err == nil {
		t.Static = overlay{top: sub, base: t.Static}
	}
	return t
}
