package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"dossier/internal/parallel"
	"dossier/internal/render"
)

// files is what Write writes: every path, and each file's content, made
// when asked for so that a site need not be held in memory whole.
type files interface {
	Paths() []string
	Render(path string) ([]byte, error)
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

func (l list) Render(p string) ([]byte, error) {
	i := sort.Search(len(l), func(i int) bool { return l[i].Path >= p })
	if i < len(l) && l[i].Path == p {
		return l[i].Data, nil
	}
	return nil, fmt.Errorf("no file %s", p)
}

// Write replaces the folder out with exactly files (sorted by path).
func Write(fs []render.File, out string) error {
	return write(list(fs), out)
}

// WriteSite renders every file of s and writes it to out, each page
// written as soon as it is rendered, on every core, so that the build
// never holds the whole site in memory. It returns the number of files.
func WriteSite(s *render.Site, out string) (int, error) {
	return len(s.Paths()), write(s, out)
}

// write writes a new folder beside out and swaps it in only when every
// file is written, so that a failure leaves out as it was. The previous
// folder is removed after the swap.
func write(src files, out string) error {
	out = filepath.Clean(out)
	parent, base := filepath.Split(out)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	if info, err := os.Lstat(out); err == nil && !info.IsDir() {
		return fmt.Errorf("%s exists and is not a folder: move it away or choose another --out", out)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := writeTree(src, tmp); err != nil {
		removeTree(tmp)
		return err
	}
	_, err = os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, out); err != nil {
			removeTree(tmp)
			return err
		}
		return nil
	}
	kept, err := keep(out, tmp)
	if err != nil {
		unkeep(kept, tmp, out)
		removeTree(tmp)
		return err
	}
	old := filepath.Join(parent, "."+base+".old-"+strings.TrimPrefix(filepath.Base(tmp), "."+base+".new-"))
	if err := os.Rename(out, old); err != nil {
		unkeep(kept, tmp, out)
		removeTree(tmp)
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Rename(old, out) // put the previous site back
		unkeep(kept, tmp, out)
		removeTree(tmp)
		return err
	}
	return removeTree(old)
}

// Keep lists what a publisher puts in the output folder by hand and a
// build must not delete: a custom domain for GitHub Pages, the marker that
// turns Jekyll off, well-known files (security.txt, domain checks), and a
// git checkout of the publishing branch.
var Keep = []string{"CNAME", ".nojekyll", ".well-known", ".git"}

// keep moves the entries of Keep from the old output folder into the new
// one, unless the new site has a file of that name itself. It returns
// what it moved, so that a failure can put it back.
func keep(out, tmp string) ([]string, error) {
	var moved []string
	for _, name := range Keep {
		from, to := filepath.Join(out, name), filepath.Join(tmp, name)
		if _, err := os.Lstat(from); err != nil {
			continue
		}
		if _, err := os.Lstat(to); err == nil {
			continue // the site makes this file itself
		}
		if err := os.Rename(from, to); err != nil {
			return moved, err
		}
		moved = append(moved, name)
	}
	return moved, nil
}

// unkeep moves kept entries back to the old output folder.
func unkeep(moved []string, tmp, out string) {
	for _, name := range moved {
		_ = os.Rename(filepath.Join(tmp, name), filepath.Join(out, name))
	}
}

// writeTree writes every file of src under dir. Folders are made first,
// level by level, each level in parallel; then files are rendered and
// written in parallel, the largest kinds of page (lists, data) first so
// that no core is left alone with one big page at the end.
func writeTree(src files, dir string) error {
	paths := append([]string(nil), src.Paths()...)
	folders := map[string]bool{}
	for _, p := range paths {
		if !fs.ValidPath(p) || p == "." {
			return fmt.Errorf("refusing to write outside the output folder: %s", p)
		}
		for d := path.Dir(p); d != "." && !folders[d]; d = path.Dir(d) {
			folders[d] = true
		}
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
			return err
		}
	}
	sort.SliceStable(paths, func(i, j int) bool {
		return strings.Count(paths[i], "/") < strings.Count(paths[j], "/")
	})
	errs := make([]error, len(paths))
	parallel.Each(len(paths), func(i int) {
		data, err := src.Render(paths[i])
		if err != nil {
			errs[i] = err
			return
		}
		errs[i] = os.WriteFile(filepath.Join(dir, filepath.FromSlash(paths[i])), data, 0o644)
	})
	return errors.Join(errs...)
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
