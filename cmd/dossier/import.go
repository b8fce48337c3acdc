package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"

	"dossier/internal/content"
	"dossier/internal/diag"
	"dossier/internal/importer"
	"dossier/internal/kind"
	"dossier/internal/site"
	"dossier/internal/valid"
)

const importUsage = `usage: dossier import --slug SLUG --title TITLE [flags] FILE
       dossier import --slug SLUG [flags] PAGE.html

Import a plain-text article as a source: writes DIR/sources/SLUG.md with the
given front matter and one paragraph per non-blank line of FILE ("-" reads
standard input), escaped so that the page shows the text exactly as written.
Give only what the text itself establishes; say in --note what you cut or
inferred. Nothing is written that "dossier check" would refuse: a source
over 10 MB, or a field that is not text the build reads back as given.

A saved web page (a FILE named .html or .htm, or starting, after any
comments, with <!DOCTYPE html> or <html>: so a page piped to "-" too) is
imported as its article: the site around it (menus, ads, share buttons,
related links, newsletter and cookie boxes, footer) is dropped, and its
headings, paragraphs, lists and block quotes are kept as Markdown, as text
without links or formatting. The title, author, outlet, date and URL that
the page's metadata gives fill the flags not given (the flags win; --title
is then optional), and the note says which were taken from the page. Read
the result: the page's metadata is the site's claim, not a fact the text
establishes.

flags:
`

// runImport implements `dossier import [flags] FILE`; returns the exit code
// (0 ok, 1 error, 2 usage).
func runImport(args []string, stdout, stderr io.Writer) int {
	return importMain(args, os.Stdin, stdout, stderr)
}

// importMain is runImport with standard input passed in, for tests.
func importMain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var meta importer.Meta
	var slug, dir string
	var force bool

	flags := flag.NewFlagSet("dossier import", flag.ContinueOnError)
	flags.SetOutput(io.Discard) // errors and usage are printed below
	flags.StringVar(&meta.Title, "title", "", "the headline (required, except for a web page that gives one); if it is yours, say so in --note")
	flags.StringVar(&meta.Outlet, "outlet", "", "the publication, as printed")
	flags.StringVar(&meta.Author, "author", "", "the byline, as printed")
	flags.StringVar(&meta.Published, "published", "", "publication date: YYYY-MM-DD, YYYY-MM or YYYY")
	flags.StringVar(&meta.URL, "url", "", "the article's http or https address")
	flags.StringVar(&meta.Note, "note", "", "the editors' note: what was cut, what was inferred and why")
	flags.StringVar(&slug, "slug", "", "the source's slug (required): lowercase letters, digits, single hyphens")
	flags.StringVar(&dir, "content", "content", "the dossier's content `DIR`, which must exist")
	flags.BoolVar(&force, "force", false, "overwrite DIR/sources/SLUG.md if it exists")
	usage := func(w io.Writer) {
		fmt.Fprint(w, importUsage)
		flags.SetOutput(w)
		flags.PrintDefaults()
		flags.SetOutput(io.Discard)
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "dossier import: "+format+"\n", a...)
		fmt.Fprintln(stderr, "run 'dossier import -h' for usage")
		return 2
	}

	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return 0
		}
		return fail("%v", flagHint(flags, err))
	}
	switch {
	case flags.NArg() == 0:
		return fail("missing FILE (use - for standard input)")
	case flags.NArg() > 1 && strings.HasPrefix(flags.Arg(1), "-") && flags.Arg(1) != "-":
		return fail("flags must come before FILE: %q", flags.Arg(1))
	case flags.NArg() > 1:
		return fail("one FILE only, got %q", flags.Args())
	}
	if slug == "" {
		return fail("--slug is required")
	}
	if err := valid.Slug(slug); err != nil {
		return fail("--slug %v", err)
	}
	titleGiven := false // a saved web page may give the title
	flags.Visit(func(f *flag.Flag) { titleGiven = titleGiven || f.Name == "title" })
	if titleGiven && strings.TrimSpace(meta.Title) == "" {
		return fail("--title is required")
	}
	if meta.Published != "" {
		if err := valid.Date(meta.Published); err != nil {
			return fail("--published %v", err)
		}
	}
	if meta.URL != "" {
		if err := valid.WebURL(meta.URL); err != nil {
			return fail("--url %v", err)
		}
	}
	check := meta
	if !titleGiven {
		check.Title = "-" // checked once the file is read
	}
	if err := check.Validate(); err != nil { // text the build would not read back as given
		var msgs []string
		for _, e := range unjoin(err) {
			msgs = append(msgs, "--"+e.Error())
		}
		return fail("%s", strings.Join(msgs, "; "))
	}

	// The content folder must exist, as for check and build: a mistyped
	// --content would otherwise start a new dossier where none is meant.
	if _, err := openContent(dir); err != nil {
		fmt.Fprintf(stderr, "dossier import: %v\n", err)
		return 1
	}

	file := flags.Arg(0)
	var text []byte
	var err error
	if file == "-" {
		file = "standard input"
		text, err = readAtMost(stdin, maxText)
	} else {
		var f *os.File
		if f, err = os.Open(file); err == nil {
			text, err = readAtMost(f, maxText)
			f.Close()
		}
	}
	if errors.Is(err, errTooLong) {
		fmt.Fprintf(stderr, "dossier import: %s: %v\n", file, err)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier import: %v\n", err)
		return 1
	}
	var out []byte
	if importer.IsHTML(file, text) {
		out, err = importer.PageSource(meta, text)
	} else if !titleGiven {
		return fail("--title is required")
	} else {
		out, err = importer.Source(meta, string(text))
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier import: %s: %v\n", file, err)
		return 1
	}
	// What import writes, check must accept: check the source alone, as
	// check would, before writing it.
	if errs := checkSource(displayName(dir), slug, out); len(errs) > 0 {
		fmt.Fprintf(stderr, "dossier import: %s: the source would not pass check; nothing was written:\n%s", file, errs.Format())
		return 1
	}

	path := filepath.Join(dir, kind.Source.Folder(), slug+".md")
	if err := writeSource(path, out, force); err != nil {
		if errors.Is(err, fs.ErrExist) {
			fmt.Fprintf(stderr, "dossier import: %s already exists; use --force to overwrite it\n", path)
		} else {
			fmt.Fprintf(stderr, "dossier import: %v\n", err)
		}
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return 0
}

// unjoin returns the errors joined in err, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// maxText is the most text import reads: four times what a content file
// may hold, since escaping only adds to a text and only blank lines are
// dropped from it.
const maxText = 4 * content.MaxFileSize

var errTooLong = fmt.Errorf("is over %d MB, and a source may be at most %d MB: split the text into several sources", maxText>>20, content.MaxFileSize>>20)

// readAtMost reads r to its end, or fails with errTooLong once it has
// given more than limit bytes.
func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(b)) > limit {
		return nil, errTooLong
	}
	return b, err
}

// checkSource checks a source file as "dossier check" would, alone in a
// dossier folder named name, and returns check's errors.
func checkSource(name, slug string, data []byte) diag.List {
	fsys := fstest.MapFS{kind.Source.Folder() + "/" + slug + ".md": &fstest.MapFile{Data: data, Mode: 0o644}}
	_, errs := site.Check(site.Options{Content: fsys, Name: name})
	return errs
}

// writeSource writes data to path, creating its folder. Without force it
// fails with an error wrapping fs.ErrExist if path exists; with force it
// replaces the file atomically.
func writeSource(path string, data []byte, force bool) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if !force {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			os.Remove(path)
			return err
		}
		if err := f.Close(); err != nil {
			os.Remove(path)
			return err
		}
		return nil
	}
	tmp, err := os.CreateTemp(dir, ".import-*.md")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
