package content

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"sync"
	"syscall"
	"time"

	"dossier/internal/diag"
	"dossier/internal/kind"
	"dossier/internal/parallel"
)

// Reader reads dossiers, reusing what it read before for every file whose
// size and modification time have not changed. A preview server keeps one
// for its whole life, so that a rebuild after an edit reads one file, not
// thousands. What it returns is never changed afterwards: the values are
// shared between builds.
type Reader struct {
	mu    sync.Mutex
	files map[string]cached // by path in the content folder
	// trusted: a watcher reports every change (through Forget), so a
	// cached file is used without looking at its size and time, and a
	// folder's listing is kept until a file in it changes. A file system
	// with thousands of files takes tens of milliseconds to stat or list.
	trusted bool
	lists   map[string]listing // by folder, when trusted
}

// listing is a folder's Markdown files and the errors listing it gave,
// with the paths its misnamed files would have under the names suggested.
type listing struct {
	paths, misnamed []string
	errs            diag.List
}

// Trust makes the reader rely on Forget to learn of changes, instead of
// looking at every file's size and time on every read. Call Verify when
// the watcher may have missed changes.
func (r *Reader) Trust() {
	r.mu.Lock()
	r.trusted = true
	r.mu.Unlock()
}

// Verify makes the next read look at every file's size and time again.
func (r *Reader) Verify() {
	r.mu.Lock()
	r.lists = nil
	for p, c := range r.files {
		c.verify = true
		r.files[p] = c
	}
	r.mu.Unlock()
}

// cached is one file's result: a *Source, *Claim, *Entity, *Figure,
// *Conflict, *Settings or *File (index.md), and its errors.
type cached struct {
	size    int64
	modTime time.Time
	value   any
	errs    diag.List
	verify  bool // look at size and time even when trusted
	// failed: the file is there but gave no value (its front matter has
	// errors); file is its text, when that could be read.
	failed bool
	file   *File
}

// NewReader returns a Reader with nothing cached.
func NewReader() *Reader { return &Reader{files: make(map[string]cached)} }

// Forget drops the cached results of paths (relative to the content
// folder), so that they are read again even if their size and time look
// unchanged: a watcher calls it for every file it saw change.
func (r *Reader) Forget(paths ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range paths {
		delete(r.files, p)
	}
}

// Relist makes the next read list again the folders holding paths: files
// were created, renamed or removed there.
func (r *Reader) Relist(paths ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range paths {
		delete(r.files, p)
		delete(r.lists, path.Dir(p))
		delete(r.lists, p) // p may be a folder
	}
}

// fileKind says how to read a file.
type fileKind int

const (
	kindSettings fileKind = iota
	kindIntro
	kindSource
	kindClaim
	kindEntity
	kindFigure
	kindConflict
)

type job struct {
	path string
	kind fileKind
}

// Read reads the dossier in fsys; see the package function Read.
func (r *Reader) Read(fsys fs.FS, root string) (*Dossier, diag.List) {
	list := &reader{fsys: fsys, root: root}
	jobs := []job{{"dossier.yaml", kindSettings}, {"index.md", kindIntro}}
	d := &Dossier{Root: root, Settings: Settings{Tolerance: DefaultTolerance}}
	for _, dir := range []struct {
		name string
		kind fileKind
	}{{kind.Source.Folder(), kindSource}, {kind.Claim.Folder(), kindClaim}, {kind.Entity.Folder(), kindEntity}, {kind.Figure.Folder(), kindFigure}, {"conflicts", kindConflict}} {
		paths, misnamed := r.list(list, dir.name)
		for _, p := range paths {
			jobs = append(jobs, job{p, dir.kind})
		}
		for _, p := range misnamed {
			d.fail(p, nil)
		}
	}
	results := make([]cached, len(jobs))
	parallel.Each(len(jobs), func(i int) {
		results[i] = r.readOne(fsys, root, jobs[i])
	})

	errs := list.errs
	fresh := make(map[string]cached, len(jobs))
	for i, res := range results {
		errs = append(errs, res.errs...)
		fresh[jobs[i].path] = res
		switch v := res.value.(type) {
		case *Settings:
			d.Settings = *v
		case *File:
			d.Intro = v
		case *Source:
			d.Sources = append(d.Sources, v)
		case *Claim:
			d.Claims = append(d.Claims, v)
		case *Entity:
			d.Entities = append(d.Entities, v)
		case *Figure:
			d.Figures = append(d.Figures, v)
		case *Conflict:
			d.Conflicts = append(d.Conflicts, v)
		}
		if res.failed {
			d.fail(jobs[i].path, res.file)
		}
	}
	r.mu.Lock()
	r.files = fresh // files deleted since are forgotten
	r.mu.Unlock()
	return d, errs.Sort()
}

// fail notes a file that is there, at path, but could not be read.
func (d *Dossier) fail(path string, f *File) {
	if d.Failed == nil {
		d.Failed = make(map[string]*File)
	}
	d.Failed[path] = f
}

// list lists a folder's Markdown files (see listMarkdown), or returns the
// listing kept from an earlier read when trusted and nothing in the folder
// changed since.
func (r *Reader) list(rd *reader, dir string) (paths, misnamed []string) {
	r.mu.Lock()
	l, ok := r.lists[dir]
	trusted := r.trusted
	r.mu.Unlock()
	if ok {
		rd.errs = append(rd.errs, l.errs...)
		return l.paths, l.misnamed
	}
	before := len(rd.errs)
	paths, misnamed = rd.listMarkdown(dir)
	if trusted {
		r.mu.Lock()
		if r.lists == nil {
			r.lists = make(map[string]listing)
		}
		r.lists[dir] = listing{paths: paths, misnamed: misnamed, errs: append(diag.List(nil), rd.errs[before:]...)}
		r.mu.Unlock()
	}
	return paths, misnamed
}

// readOne reads one file, or returns its cached result when the file's
// size and modification time are those it had then. A file system that
// gives no modification time (an in-memory one) is always read.
func (r *Reader) readOne(fsys fs.FS, root string, j job) cached {
	r.mu.Lock()
	c, ok := r.files[j.path]
	trusted := r.trusted
	r.mu.Unlock()
	if ok && trusted && !c.verify {
		return c
	}
	rd := &reader{fsys: fsys, root: root}
	var info fs.FileInfo
	var statErr error
	if ok {
		info, statErr = fs.Stat(fsys, j.path)
		if statErr == nil && !info.ModTime().IsZero() && c.size == info.Size() && c.modTime.Equal(info.ModTime()) {
			c.verify = false
			return c
		}
	} else {
		// A file not read before is read whatever its size and time:
		// looked at and read through one opening.
		info, rd.data, statErr = statRead(fsys, j.path)
	}
	out := cached{}
	if statErr == nil {
		out.size, out.modTime = info.Size(), info.ModTime()
	}
	if statErr == nil && !info.IsDir() && !info.Mode().IsRegular() {
		// Opening a named pipe or a device may never return.
		rd.errs.Add(rd.display(j.path), 0, 0, "%v: remove it", notRegular(info.Mode()))
		out.errs, out.failed = rd.errs, j.kind >= kindSource
		return out
	}
	switch j.kind {
	case kindSettings:
		if statErr == nil || !isNotExist(statErr) {
			s := &Settings{Tolerance: DefaultTolerance}
			if rd.readSettingsStat(s, info, statErr) {
				out.value = s
			}
		}
	case kindIntro:
		if statErr == nil || !isNotExist(statErr) {
			if f := rd.readFileStat(j.path, info, statErr); f != nil {
				f.Body = f.Text
				out.value = f
			}
		}
	default:
		f := rd.readFileStat(j.path, info, statErr)
		out.file = f
		if f == nil {
			break
		}
		switch j.kind {
		case kindSource:
			if v := rd.readSource(f); v != nil {
				out.value = v
			}
		case kindClaim:
			if v := rd.readClaim(f); v != nil {
				out.value = v
			}
		case kindEntity:
			if v := rd.readEntity(f); v != nil {
				out.value = v
			}
		case kindFigure:
			if v := rd.readFigure(f); v != nil {
				out.value = v
			}
		case kindConflict:
			if v := rd.readConflict(f); v != nil {
				out.value = v
			}
		}
	}
	out.errs = rd.errs
	// A file that is there but gives no value still names a slug: other
	// files' references to it are not errors of their own.
	out.failed = j.kind >= kindSource && out.value == nil && len(out.errs) > 0
	return out
}

// notRegular is the error of a path that is neither a regular file nor a
// folder: a named pipe, a socket or a device.
func notRegular(mode fs.FileMode) error {
	what := "a special file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	case mode&fs.ModeCharDevice != 0:
		what = "a character device"
	case mode&fs.ModeDevice != 0:
		what = "a device"
	}
	return errors.New("is not a regular file (" + what + ")")
}

// RootFS is the folder of root as a file system to read a dossier from,
// like root.FS(), except that it opens only regular files and folders,
// and opens without waiting: a named pipe put in the place of a file
// between a look at the file and its opening is an error, never a read
// that blocks.
func RootFS(root *os.Root) fs.FS { return rootFS{root.FS(), root, &beneath{root: root}} }

type rootFS struct {
	fsys  fs.FS // root.FS(), for everything but opening
	root  *os.Root
	files *beneath // reads files in one call to open where the system can
}

func (r rootFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return r.fsys.Open(name) // the error root.FS gives
	}
	f, err := r.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: notRegular(info.Mode())}
	}
	return f, nil
}

// statRead returns what fs.Stat returns for name and, where fsys can
// give both from one opening, the file's bytes too: nil when they are
// still to be read (not a regular file, over MaxFileSize, or a file
// system that opens a file to look at it).
func statRead(fsys fs.FS, name string) (fs.FileInfo, []byte, error) {
	if r, ok := fsys.(rootFS); ok {
		if info, data, ok := r.statRead(name); ok {
			return info, data, nil
		}
	}
	info, err := fs.Stat(fsys, name)
	return info, nil, err
}

// statRead opens name once for its information and bytes, where stat,
// open and read took nine calls to the system between them. ok is false
// when any of it fails: statRead's caller then asks fs.Stat, whose error
// the messages are written for.
func (r rootFS) statRead(name string) (info fs.FileInfo, data []byte, ok bool) {
	if !fs.ValidPath(name) {
		return nil, nil, false
	}
	if info, data, ok := r.files.read(name); ok {
		return info, data, true
	}
	f, err := r.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, false
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, nil, false
	}
	if !info.Mode().IsRegular() || info.Size() > MaxFileSize {
		return info, nil, true
	}
	if data, err = readAll(info.Size(), f.Read); err != nil {
		return nil, nil, false
	}
	return info, data, true
}

// readAll reads with read to the end of a file of size bytes, into a
// buffer of that size and one byte more, to see the end of a file that
// grew since it was looked at. The end is io.EOF, or a read of nothing.
func readAll(size int64, read func([]byte) (int, error)) ([]byte, error) {
	data := make([]byte, 0, size+1)
	for {
		n, err := read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF || err == nil && n == 0 {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, 4096)
		}
	}
}

func (r rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if fs.ValidPath(name) {
		if entries, ok := r.files.readDir(name); ok {
			return entries, nil
		}
	}
	return fs.ReadDir(r.fsys, name)
}
func (r rootFS) Stat(name string) (fs.FileInfo, error)  { return fs.Stat(r.fsys, name) }
func (r rootFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(r.fsys, name) }
func (r rootFS) ReadLink(name string) (string, error)   { return fs.ReadLink(r.fsys, name) }
