// Command dossier builds an annotated dossier into a static site.
//
// This file only reads flags and runs the pipeline of package site.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"dossier/internal/content"
	"dossier/internal/coverage"
	"dossier/internal/diag"
	"dossier/internal/model"
	"dossier/internal/site"
	"dossier/internal/typo"
	"dossier/internal/valid"
)

const usage = `dossier turns a folder of sources, claims and entities into a static site
where every claim links to the passages that make it and conflicting figures
are flagged.

usage:
  dossier build  [--content DIR] [--out DIR] [flags]            build the site (default ./content -> ./public)
  dossier check  [--content DIR] [--json] [--coverage]          validate; list conflicts (and uncovered sentences)
  dossier serve  [--content DIR] [--addr 127.0.0.1:1313]        preview: watch, rebuild, live reload
  dossier import --slug SLUG [--title TITLE] [flags] FILE       import a plain-text article or saved web page as a source

Run "dossier COMMAND --help" for a command's flags.
Exit status: 0 success, 1 content or build errors, 2 wrong usage.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command line, returning the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "import":
		return runImport(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	hint := ""
	if best, ok := typo.Best(args[0], []string{"build", "check", "serve", "import", "help"}); ok {
		hint = fmt.Sprintf(" (did you mean %s?)", best)
	}
	fmt.Fprintf(stderr, "dossier: unknown command %q%s\n\n%s", args[0], hint, usage)
	return 2
}

// parse parses a command's flags; it returns an exit code and false when
// the command should stop (help asked for, or a usage error).
func parse(fl *flag.FlagSet, args []string, help string, stdout, stderr io.Writer) (int, bool) {
	fl.SetOutput(io.Discard)
	err := fl.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, help)
		fl.SetOutput(stdout)
		fl.PrintDefaults()
		return 0, false
	}
	if err == nil && fl.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q", fl.Arg(0))
		if fl.Lookup("out") != nil && !strings.HasPrefix(fl.Arg(0), "-") {
			err = fmt.Errorf("%w (to build into %s, pass --out %s)", err, fl.Arg(0), fl.Arg(0))
		}
	}
	if err != nil {
		err = flagHint(fl, err)
		fmt.Fprintf(stderr, "dossier %s: %v\n\n%s", fl.Name(), err, help)
		fl.SetOutput(stderr)
		fl.PrintDefaults()
		return 2, false
	}
	return 0, true
}

// flagHint adds to an unknown flag's error the nearest flag of fl.
func flagHint(fl *flag.FlagSet, err error) error {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -")
	if !ok {
		return err
	}
	var names []string
	fl.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if best, ok := typo.Best(name, names); ok {
		return fmt.Errorf("%w (did you mean --%s?)", err, best)
	}
	return err
}

// openContent opens the content folder so that links leading out of it
// are not followed.
func openContent(dir string) (fs.FS, error) {
	info, err := os.Stat(dir)
	if err != nil {
		if near, ok := nearFolder(dir); ok {
			return nil, fmt.Errorf("no content folder at %s (did you mean --content %s?)", dir, near)
		}
		return nil, fmt.Errorf("no content folder at %s: create it or pass --content DIR", dir)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder: pass --content DIR", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return content.RootFS(root), nil
}

// nearFolder returns the folder beside dir whose name dir is most likely a
// misspelling of.
func nearFolder(dir string) (string, bool) {
	parent, name := filepath.Split(filepath.Clean(dir))
	entries, err := os.ReadDir(cmp.Or(parent, "."))
	if err != nil {
		return "", false
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	best, ok := typo.Best(name, names)
	return filepath.Join(parent, best), ok
}

func displayName(dir string) string {
	return strings.TrimSuffix(strings.TrimPrefix(dir, "./"), "/")
}

const buildHelp = `usage: dossier build [--content DIR] [--out DIR] [--base-url URL] [--minify] [--force]

Build the dossier in DIR into a static site. The previous output is replaced
only when the whole build succeeds.

Every build writes a file ` + site.Marker + ` into its output folder. An existing
--out folder is replaced only when it is empty or holds that file, so that a
mistyped --out never deletes your files; --force replaces it anyway, deleting
what it holds. CNAME, .nojekyll, .well-known and .git at its top are always
kept. The output can never be, hold or lie inside the content folder.

The new site is written beside --out and swapped in whole: on Linux in one
step, so that the previous site or the new one is always there. A build
into an --out that another build is writing waits for it to finish.

flags:
`

func runBuild(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	contentDir := fl.String("content", "content", "the dossier folder")
	out := fl.String("out", "public", "the output folder, replaced whole by each build")
	baseURL := fl.String("base-url", "", "the site's address, e.g. https://example.org/dossier/ (overrides dossier.yaml)")
	minify := fl.Bool("minify", false, "minify HTML, CSS, JavaScript and data files")
	force := fl.Bool("force", false, "replace --out even when it holds files dossier did not write (they are deleted)")
	if code, ok := parse(fl, args, buildHelp, stdout, stderr); !ok {
		return code
	}
	if *baseURL != "" {
		if _, err := valid.BaseURL(*baseURL); err != nil {
			fmt.Fprintf(stderr, "dossier build: --base-url %v\n", err)
			return 2
		}
	}
	if *out == "" || *contentDir == "" {
		fmt.Fprintf(stderr, "dossier build: --out and --content must name folders, e.g. --content content --out public\n")
		return 2
	}
	fsys, err := openContent(*contentDir)
	if err != nil {
		fmt.Fprintf(stderr, "dossier build: %v\n", err)
		return 1
	}
	// The output folder is checked before anything is built, and again
	// when the site is written.
	wopts := site.WriteOptions{Force: *force, Content: *contentDir,
		Waiting: func(msg string) { fmt.Fprintf(stderr, "dossier build: %s\n", msg) }}
	if err := site.CheckOut(*out, wopts); err != nil {
		fmt.Fprintf(stderr, "dossier build: %v\n", err)
		return 1
	}
	snap, err := site.NewBuilder(site.Options{Content: fsys, Name: displayName(*contentDir), BaseURL: *baseURL, Minify: *minify,
		// A body goldmark is slow on (a pathological line) is named while
		// the build waits for it, so the user knows which file to look at.
		Log: func(msg string) { fmt.Fprintf(stderr, "dossier build: %s\n", msg) }}).Build(context.Background())
	files := 0
	if err == nil {
		restore := boundWriteMemory()
		files, err = snap.Write(*out, wopts)
		restore()
	}
	var ce *site.ContentError
	var oe *site.OutError
	switch {
	case errors.As(err, &ce):
		fmt.Fprint(stderr, ce.List.Format())
		fmt.Fprintf(stderr, "%s; %s\n", plural(len(ce.List), "error"), untouched(*out))
		return 1
	case errors.As(err, &oe):
		fmt.Fprintf(stderr, "dossier build: %v\n", err)
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "dossier build: %v\n%s\n", err, untouched(*out))
		return 1
	}
	d := snap.Dossier
	fmt.Fprintf(stdout, "built %s: %s, %s, %s, %s, %s, %s\n", *out,
		plural(len(d.Sources), "source"), plural(len(d.Claims), "claim"), plural(len(d.Entities), "entity"),
		plural(len(d.Figures), "figure"), plural(len(d.Conflicts), "conflict"), plural(files, "file"))
	return 0
}

// untouched says what a failed build did to the output folder: nothing.
func untouched(out string) string {
	if _, err := os.Lstat(out); err == nil {
		return out + " was left as it was"
	}
	return "nothing was written"
}

const checkHelp = `usage: dossier check [--content DIR] [--json] [--coverage]

Check the dossier in DIR and list its conflicts, without writing anything.
Exits 1 when there are errors.

--coverage then lists, per source, the checkable sentences that no claim
quotes yet, as "path:line: kinds: sentence", and how many of each source's
checkable sentences are covered. A sentence is checkable when it holds a
number, a date or an attributed quotation; it is covered when a quote
overlaps it. Coverage is information: it never changes the exit status.
With --json it is the "coverage" member of the JSON document.

flags:
`

func runCheck(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	contentDir := fl.String("content", "content", "the dossier folder")
	asJSON := fl.Bool("json", false, "print errors and conflicts as JSON on standard output")
	cover := fl.Bool("coverage", false, "list the checkable sentences no claim quotes, per source")
	if code, ok := parse(fl, args, checkHelp, stdout, stderr); !ok {
		return code
	}
	fsys, err := openContent(*contentDir)
	if err != nil {
		fmt.Fprintf(stderr, "dossier check: %v\n", err)
		return 1
	}
	d, errs := site.Check(site.Options{Content: fsys, Name: displayName(*contentDir)})
	var rep *coverage.Report
	if *cover && d != nil {
		r := coverage.Dossier(d)
		rep = &r
	}
	if *asJSON {
		if err := writeCheckJSON(stdout, d, errs, rep); err != nil {
			fmt.Fprintf(stderr, "dossier check: %v\n", err)
			return 1
		}
	} else {
		fmt.Fprint(stderr, errs.Format())
		for _, c := range d.Conflicts {
			fmt.Fprintln(stdout, "conflict:", c)
		}
		fmt.Fprintf(stdout, "%s, %s, %s: %s, %s\n", plural(len(d.Sources), "source"), plural(len(d.Claims), "claim"),
			plural(len(d.Entities), "entity"), plural(len(errs), "error"), plural(len(d.Conflicts), "conflict"))
		if rep != nil {
			writeCoverage(stdout, *rep)
		}
	}
	if len(errs) > 0 {
		return 1
	}
	return 0
}

type checkJSON struct {
	Errors    []errorJSON    `json:"errors"`
	Conflicts []conflictJSON `json:"conflicts"`
	Coverage  *coverageJSON  `json:"coverage,omitempty"` // with --coverage only
}

type errorJSON struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
	// Notes point at other places the error is about (path, line, col,
	// message, source), e.g. where a name given twice is first given.
	Notes []diag.Note `json:"notes,omitempty"`
}

type conflictJSON struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	Kind        string     `json:"kind"`                  // contradiction, tension or discrepancy
	Figure      string     `json:"figure,omitempty"`      // a figure conflict's key
	FigureLabel string     `json:"figureLabel,omitempty"` // and label
	Claims      []string   `json:"claims"`
	Sides       [][]string `json:"sides"` // claim ids, side by side; [] when a figure's values have no sides
	Description string     `json:"description"`
}

func writeCheckJSON(w io.Writer, d *model.Dossier, errs diag.List, rep *coverage.Report) error {
	out := checkJSON{Errors: []errorJSON{}, Conflicts: []conflictJSON{}, Coverage: coverageOf(rep)}
	for _, e := range errs {
		out.Errors = append(out.Errors, errorJSON{e.Path, e.Line, e.Col, e.Msg, e.Notes})
	}
	if len(errs) == 0 {
		for _, c := range d.Conflicts {
			cj := conflictJSON{ID: c.ID, Title: c.Title, Kind: string(c.Kind), Sides: [][]string{}, Description: c.String()}
			if c.Figure != nil {
				cj.Figure, cj.FigureLabel = c.Figure.Key, c.Figure.Label
			}
			for _, cl := range c.Claims {
				cj.Claims = append(cj.Claims, cl.ID)
			}
			for _, side := range c.Sides {
				var ids []string
				for _, cl := range side {
					ids = append(ids, cl.ID)
				}
				cj.Sides = append(cj.Sides, ids)
			}
			out.Conflicts = append(out.Conflicts, cj)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(word, "y"))
	}
	return fmt.Sprintf("%d %ss", n, word)
}
