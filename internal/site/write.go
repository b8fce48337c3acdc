package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"dossier/internal/parallel"
	"dossier/internal/render"
)

// files is what Write writes: every path, and each file's content, made
// when asked for so that a site need not be held in memory whole.
type files interface {
	Paths() []string
	// RenderTo hands the file's bytes to use, valid during the call.
	RenderTo(path string, use func(data []byte) error) error
}

// list is files already in memory.
type list []render.File

func (l list) Paths() []string {
	out := make([]string, len(l))
	for i, f := range l {
		out[i] = f.Path
	}
	return out
}

func (l list) RenderTo(p string, use func([]byte) error) error {
	i := sort.Search(len(l), func(i int) bool { return l[i].Path >= p })
	if i < len(l) && l[i].Path == p {
		return use(l[i].Data)
	}
	return fmt.Errorf("no file %s", p)
}

// Write replaces the folder out with exactly files (sorted by path) and the
// Marker, under the rules of CheckOut with no options.
func Write(fs []render.File, out string) error {
	_, err := write(list(fs), out, WriteOptions{})
	return err
}

// Write writes the snapshot's site to out, each page written as soon as
// it is rendered, on every core, so that the build never holds the whole
// site in memory, after checking
// out as CheckOut does. It returns the number of files written. Templates
// that fail on pages come back as a *ContentError holding one error per
// place in a template, with the number of pages it failed on.
func (s *Snapshot) Write(out string, opts WriteOptions) (int, error) {
	if s.Site == nil {
		return 0, errors.New("the dossier has errors: there is no site to write")
	}
	n, err := write(s.Site, out, opts)
	if err != nil {
		var oe *OutError
		if errors.As(err, &oe) {
			return 0, err
		}
		if list, ok := s.theme.explain(err); ok {
			return 0, &ContentError{List: list}
		}
		return 0, err
	}
	return n, nil
}

// Marker is the file every build writes at the top of its output folder.
// A build replaces an existing folder only when it holds the marker or is
// empty, so that a mistyped --out never deletes someone's files.
const Marker = ".dossier-site"

// markerText is the marker's content: the tool's name, and what the folder is.
const markerText = "dossier\n" +
	"This folder is made by `dossier build` and will be replaced whole by the next build:\n" +
	"files put here by hand are deleted then, except CNAME, .nojekyll, .well-known and .git.\n"

// WriteOptions say which output folders a build may replace.
type WriteOptions struct {
	// Force replaces an output folder that holds files a build did not
	// write (they are deleted).
	Force bool
	// Content is the dossier's folder. The output may never be it, hold it
	// or lie inside it, nor its templates/ or static/ folders, whatever
	// Force says.
	Content string
	// Waiting, when set, is told once, with a message to show, that
	// another build is writing to the same output folder and that this
	// one waits for it to finish.
	Waiting func(msg string)
}

// OutError is an output folder that a build must not replace.
type OutError struct {
	Out string // the folder as given
	Msg string // why, and what to do
}

func (e *OutError) Error() string { return e.Msg }

// CheckOut reports whether a build may write its site to out, replacing
// what is there. It may when out does not exist, is empty, or holds the
// Marker at its top; the entries of Kept do not count. Force allows any
// folder, except that out may never be, hold or lie inside the content
// folder (compared after resolving symbolic links), nor be or hold the
// working folder or the home folder. A refusal is an *OutError.
func CheckOut(out string, opts WriteOptions) error {
	if out == "" {
		return &OutError{Out: out, Msg: "--out is empty: name the output folder, e.g. --out public"}
	}
	real, err := resolve(out)
	if err != nil {
		return err
	}
	if opts.Content != "" {
		if err := checkContent(out, real, opts); err != nil {
			return err
		}
	}
	home, _ := os.UserHomeDir()
	wd, _ := os.Getwd()
	for _, p := range []struct{ dir, what string }{{wd, "the folder you are in"}, {home, "your home folder"}} {
		if p.dir == "" {
			continue
		}
		dir, err := resolve(p.dir)
		if err != nil || !within(dir, real) {
			continue
		}
		verb := "holds"
		if same(dir, real) {
			verb = "is"
		}
		return &OutError{Out: out, Msg: fmt.Sprintf("--out %s %s %s: a build replaces its output folder whole, deleting what it holds; choose another --out, e.g. public%s", out, verb, p.what, notForced(opts))}
	}
	info, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		to, _ := os.Readlink(out)
		return &OutError{Out: out, Msg: fmt.Sprintf("%s is a link to %s: a build replaces its output folder whole, so name the folder itself, e.g. --out %s", out, to, real)}
	}
	if !info.IsDir() {
		return &OutError{Out: out, Msg: fmt.Sprintf("%s exists and is not a folder: move it away or choose another --out", out)}
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	var foreign []string
	for _, e := range entries {
		name := e.Name()
		if name == Marker && e.Type().IsRegular() {
			return nil // a folder a build made
		}
		if slices.Contains(kept[:], name) {
			continue
		}
		if e.IsDir() {
			name += "/"
		}
		foreign = append(foreign, name)
	}
	if len(foreign) == 0 || opts.Force {
		return nil
	}
	msg := fmt.Sprintf("%s holds files dossier did not write (%s): choose another --out, empty it, or pass --force to replace it (deleting them)", out, some(foreign, 3))
	if slices.Contains(foreign, "dossier.json") && slices.Contains(foreign, "index.html") {
		msg += "; if it is a site built by an earlier dossier, which wrote no " + Marker + " file, --force once is safe"
	}
	return &OutError{Out: out, Msg: msg}
}

// checkContent refuses an output folder that is, holds or lies inside the
// dossier's folder or its templates/ and static/ folders.
func checkContent(out, real string, opts WriteOptions) error {
	content, err := filepath.EvalSymlinks(opts.Content)
	if err != nil {
		return nil // no content folder: the build says so
	}
	if content, err = filepath.Abs(content); err != nil {
		return err
	}
	dirs := []string{content}
	for _, sub := range []string{"templates", "static"} {
		if d, err := filepath.EvalSymlinks(filepath.Join(opts.Content, sub)); err == nil {
			if d, err = filepath.Abs(d); err == nil && !within(content, d) {
				dirs = append(dirs, d) // a link out of the dossier
			}
		}
	}
	// A folder beside the dossier's, to suggest.
	beside := filepath.Join(filepath.Dir(filepath.Clean(opts.Content)), "public")
	if c := filepath.Base(filepath.Clean(opts.Content)); c == "." || c == ".." {
		beside = filepath.Join(opts.Content, "..", "public")
	}
	for i, dir := range dirs {
		what := "the content folder " + opts.Content
		if i > 0 {
			what = "the dossier's " + filepath.Base(dir) + " folder " + filepath.Join(opts.Content, filepath.Base(dir))
		}
		if filepath.Clean(out) == filepath.Clean(opts.Content) {
			what = "the content folder"
		}
		switch {
		case same(real, dir):
			return &OutError{Out: out, Msg: fmt.Sprintf("--out %s is %s: a build would replace the dossier with the site; choose another --out, e.g. %s%s", out, what, beside, notForced(opts))}
		case within(dir, real):
			return &OutError{Out: out, Msg: fmt.Sprintf("--out %s holds %s: a build would replace the dossier with the site; choose another --out, e.g. %s%s", out, what, beside, notForced(opts))}
		case within(real, dir):
			return &OutError{Out: out, Msg: fmt.Sprintf("--out %s lies inside %s: the site would become part of the dossier; choose a folder outside it, e.g. %s%s", out, what, beside, notForced(opts))}
		}
	}
	return nil
}

func notForced(opts WriteOptions) string {
	if opts.Force {
		return " (--force does not change this)"
	}
	return ""
}

// some lists the first n names, and how many more there are.
func some(names []string, n int) string {
	sort.Strings(names)
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

// resolve returns the absolute path of p, cleaned as write cleans it, with
// the symbolic links of its longest existing part resolved: two names of
// one folder resolve alike, whether through a link or "x/..".
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether the folder inner is outer or lies inside it. Both
// are resolved paths. Where the names differ, it asks the file system
// whether outer is inner or one of its parents, for file systems that
// ignore case.
func within(inner, outer string) bool {
	if inner == outer || strings.HasPrefix(inner, strings.TrimSuffix(outer, string(filepath.Separator))+string(filepath.Separator)) {
		return true
	}
	oi, err := os.Stat(outer)
	if err != nil {
		return false
	}
	for cur := inner; ; cur = filepath.Dir(cur) {
		if ci, err := os.Stat(cur); err == nil && os.SameFile(oi, ci) {
			return true
		}
		if filepath.Dir(cur) == cur {
			return false
		}
	}
}

// same reports whether two resolved paths name one folder.
func same(a, b string) bool {
	if a == b {
		return true
	}
	ai, err1 := os.Stat(a)
	bi, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ai, bi)
}

// write writes the site into a new folder beside out and, only when
// every file is written, swaps it in for out, so that a failure leaves out
// as it was. It returns the number of files written, the Marker included.
//
// The swap is one exchange of the two folders (renameat2 with
// RENAME_EXCHANGE on Linux): whoever reads out meanwhile finds either the
// whole previous site or the whole new one, and never a missing page.
// Where the system or the file system cannot exchange folders, out is
// renamed away and the new folder renamed into its place: for the moment
// between the two renames, out is missing.
//
// One build at a time writes to out: a second one waits for the first (a
// lock beside out, released by the system even when a build is killed),
// then removes what builds that were interrupted left beside out.
func write(src files, out string, opts WriteOptions) (int, error) {
	if err := CheckOut(out, opts); err != nil {
		return 0, err
	}
	out = filepath.Clean(out)
	parent, base := filepath.Split(out)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return 0, err
	}
	unlock, err := lockOut(filepath.Join(parent, "."+base+".lock"), out, opts.Waiting)
	if err != nil {
		return 0, err
	}
	defer unlock()
	cleanLeftovers(parent, base, out)
	// Another build may have written out while this one waited.
	if err := CheckOut(out, opts); err != nil {
		return 0, err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return 0, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return 0, err
	}
	n, err := writeTree(src, tmp)
	if err != nil {
		removeTree(tmp)
		return 0, err
	}
	_, err = os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, out); err != nil {
			removeTree(tmp)
			return 0, err
		}
		return n, nil
	}
	moved, err := keep(out, tmp)
	if err != nil {
		unkeep(moved, tmp, out)
		removeTree(tmp)
		return 0, err
	}
	err = exchange(tmp, out)
	if err == nil {
		return n, removeTree(tmp) // tmp now holds the previous site
	}
	if !errors.Is(err, errNoExchange) {
		unkeep(moved, tmp, out)
		removeTree(tmp)
		return 0, err
	}
	old := filepath.Join(parent, "."+base+".old-"+strings.TrimPrefix(filepath.Base(tmp), "."+base+".new-"))
	if err := os.Rename(out, old); err != nil {
		unkeep(moved, tmp, out)
		removeTree(tmp)
		return 0, err
	}
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Rename(old, out) // put the previous site back
		unkeep(moved, tmp, out)
		removeTree(tmp)
		return 0, err
	}
	return n, removeTree(old)
}

// errNoExchange is exchange's error where the system or the file system
// cannot exchange two folders.
var errNoExchange = errors.New("exchanging folders is not supported here")

// exchange swaps the folders at a and b in one step; tests replace it.
var exchange = exchangeDirs

// leftoverAge is how old a folder named like a build's new or old output,
// but without the Marker, must be before a build takes it for a leftover
// of its own: a build writes the marker first of all, so only one killed
// at that very moment leaves a folder without it.
const leftoverAge = time.Hour

// leftovers returns the folders beside out that builds into out left
// when they were interrupted: ".<out>.new-<digits>" (a site being written,
// or, killed just after the swap, the previous one) and
// ".<out>.old-<digits>" (the previous site, where folders cannot be
// exchanged), holding the Marker or older than leftoverAge. It is called
// with the lock held: no build is writing them.
func leftovers(parent, base string) (news, olds []string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil, nil
	}
	for _, e := range entries {
		name := e.Name()
		rest, isNew := strings.CutPrefix(name, "."+base+".new-")
		rest, isOld := strings.CutPrefix(rest, "."+base+".old-")
		if !isNew && !isOld || rest == "" || strings.Trim(rest, "0123456789") != "" || !e.IsDir() {
			continue
		}
		p := filepath.Join(parent, name)
		if m, err := os.Lstat(filepath.Join(p, Marker)); err != nil || !m.Mode().IsRegular() {
			if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < leftoverAge {
				continue
			}
		}
		if isNew {
			news = append(news, p)
		} else {
			olds = append(olds, p)
		}
	}
	return news, olds
}

// cleanLeftovers removes what interrupted builds left beside out. A build
// killed between its two renames left no out at all: its previous site is
// put back first. What a publisher keeps in out (see Kept) and a build had
// moved into its new folder is moved back into out, unless out has it.
func cleanLeftovers(parent, base, out string) {
	news, olds := leftovers(parent, base)
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) && len(olds) > 0 {
		newest := 0
		for i, p := range olds {
			if a, err := os.Stat(p); err == nil {
				if b, err := os.Stat(olds[newest]); err == nil && a.ModTime().After(b.ModTime()) {
					newest = i
				}
			}
		}
		if os.Rename(olds[newest], out) == nil {
			olds = slices.Delete(olds, newest, newest+1)
		}
	}
	for _, p := range append(news, olds...) {
		if info, err := os.Lstat(out); err == nil && info.IsDir() {
			for _, name := range kept {
				if _, err := os.Lstat(filepath.Join(p, name)); err != nil {
					continue
				}
				if _, err := os.Lstat(filepath.Join(out, name)); errors.Is(err, fs.ErrNotExist) {
					_ = os.Rename(filepath.Join(p, name), filepath.Join(out, name))
				}
			}
		}
		_ = removeTree(p)
	}
}

// kept lists what a publisher puts in the output folder by hand and a
// build must not delete: a custom domain for GitHub Pages, the marker that
// turns Jekyll off, well-known files (security.txt, domain checks), and a
// git checkout of the publishing branch.
var kept = [...]string{"CNAME", ".nojekyll", ".well-known", ".git"}

// Kept returns the names of what a publisher puts in the output folder by
// hand and a build keeps there: CNAME, .nojekyll, .well-known and .git.
// Each call returns a new slice.
func Kept() []string { return append([]string(nil), kept[:]...) }

// keep carries the entries of kept from the old output folder into the
// new one, unless the new site has a file of that name itself. Files and
// folders are hard-linked, so that out keeps them too until the swap; a
// .git checkout, which no reader of the site asks for, and whatever cannot
// be linked, are moved. It returns what it moved, so that a failure can
// put it back.
func keep(out, tmp string) ([]string, error) {
	var moved []string
	for _, name := range kept {
		from, to := filepath.Join(out, name), filepath.Join(tmp, name)
		if _, err := os.Lstat(from); err != nil {
			continue
		}
		if _, err := os.Lstat(to); err == nil {
			continue // the site makes this file itself
		}
		if name != ".git" {
			if linkTree(from, to) == nil {
				continue
			}
			os.RemoveAll(to)
		}
		if err := os.Rename(from, to); err != nil {
			return moved, err
		}
		moved = append(moved, name)
	}
	return moved, nil
}

// linkTree makes to a copy of from made of hard links: folders are made
// anew, files linked, symbolic links copied.
func linkTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		switch {
		case d.IsDir():
			info, err := d.Info()
			if err != nil {
				return err
			}
			return os.Mkdir(dst, info.Mode().Perm())
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, dst)
		case d.Type().IsRegular():
			return os.Link(p, dst)
		}
		return fmt.Errorf("%s is not a file, folder or link", p)
	})
}

// unkeep moves kept entries back to the old output folder.
func unkeep(moved []string, tmp, out string) {
	for _, name := range moved {
		_ = os.Rename(filepath.Join(tmp, name), filepath.Join(out, name))
	}
}

// writeTree writes every file of src under dir, and the Marker. Folders
// are made first, level by level, each level in parallel; then files are
// rendered and written in parallel, the largest kinds of page (lists,
// data) first so that no core is left alone with one big page at the end.
// It returns the number of files written.
func writeTree(src files, dir string) (int, error) {
	paths := append([]string(nil), src.Paths()...)
	folders := map[string]bool{}
	seen := make(map[string]bool, len(paths))
	for _, p := range paths {
		if !fs.ValidPath(p) || p == "." {
			return 0, fmt.Errorf("refusing to write outside the output folder: %s", p)
		}
		if p == Marker {
			return 0, fmt.Errorf("the site may not have a file %s: it marks the folder as a build's", Marker)
		}
		if seen[p] {
			return 0, fmt.Errorf("two files would be written to %s", p)
		}
		seen[p] = true
		for d := path.Dir(p); d != "." && !folders[d]; d = path.Dir(d) {
			folders[d] = true
		}
	}
	// The marker first: a folder a build left when it was killed is known
	// for its own by the next.
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644); err != nil {
		return 0, err
	}
	byDepth := map[int][]string{}
	maxDepth := 0
	for d := range folders {
		n := strings.Count(d, "/")
		byDepth[n] = append(byDepth[n], d)
		maxDepth = max(maxDepth, n)
	}
	for depth := 0; depth <= maxDepth; depth++ {
		level := byDepth[depth]
		errs := make([]error, len(level))
		parallel.Each(len(level), func(i int) {
			errs[i] = os.Mkdir(filepath.Join(dir, filepath.FromSlash(level[i])), 0o755)
		})
		if err := errors.Join(errs...); err != nil {
			return 0, err
		}
	}
	sort.SliceStable(paths, func(i, j int) bool {
		return strings.Count(paths[i], "/") < strings.Count(paths[j], "/")
	})
	// The files at the top of the site are the largest: the data files
	// (dossier.json, annotations.jsonld, the search index), and the home
	// page. One worker makes them one after another while the others make
	// pages: a minified data file is made whole in memory, and no two of
	// them are then in memory at once.
	top := 0
	for top < len(paths) && !strings.Contains(paths[top], "/") {
		top++
	}
	errs := make([]error, len(paths))
	// A site that writes a file to a writer (render.Site) writes it
	// straight into the file, in pieces as it is made: no data file or
	// very large page is ever whole in memory.
	streams, _ := src.(interface {
		WriteTo(path string, w io.Writer) error
	})
	one := func(i int) {
		name := filepath.Join(dir, filepath.FromSlash(paths[i]))
		if streams == nil {
			errs[i] = src.RenderTo(paths[i], func(data []byte) error {
				return writeNew(name, data)
			})
			return
		}
		errs[i] = writeFile(name, func(w io.Writer) error { return streams.WriteTo(paths[i], w) })
	}
	jobs := len(paths) - top
	if top > 0 {
		jobs++
	}
	parallel.Each(jobs, func(j int) {
		if top == 0 {
			one(j)
			return
		}
		if j > 0 {
			one(top + j - 1)
			return
		}
		for i := range top {
			one(i)
		}
	})
	if err := errors.Join(errs...); err != nil {
		return 0, err
	}
	return len(paths) + 1, nil
}

// removeTree removes dir and everything in it, the folders of its
// folders in parallel: a site of thousands of pages is thousands of
// folders, and removing them one by one is most of a rebuild's writing.
func removeTree(dir string) error {
	top, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var jobs []string
	for _, e := range top {
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			jobs = append(jobs, p)
			continue
		}
		inner, err := os.ReadDir(p)
		if err != nil {
			jobs = append(jobs, p)
			continue
		}
		for _, f := range inner {
			jobs = append(jobs, filepath.Join(p, f.Name()))
		}
	}
	errs := make([]error, len(jobs))
	parallel.Each(len(jobs), func(i int) { errs[i] = os.RemoveAll(jobs[i]) })
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}
