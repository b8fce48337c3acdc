package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// change is what a watcher reports.
type change struct {
	paths      []string // relative to the content folder, slash-separated
	structural bool     // files were created, renamed or removed: relist folders
	all        bool     // something changed, it is not known what: look at everything
	// root: the content folder itself went away, came back or was
	// replaced by another: look at what is at its path now.
	root bool
	at   time.Time // when it was seen; the server debounces from there
}

// merge is the change of a and b together.
func merge(a, b change) change {
	at := a.at
	if b.at.After(at) {
		at = b.at
	}
	return change{paths: append(a.paths, b.paths...), structural: a.structural || b.structural, all: a.all || b.all,
		root: a.root || b.root, at: at}
}

// source tells the server of changes to the content folder: a watcher of
// the disk when serving, a feed the test fills in tests.
type source interface {
	// start begins watching and returns the changes once they are being
	// watched, so that none made after it returns is missed; nil if ctx
	// is done first.
	start(ctx context.Context) <-chan change
}

// ignored reports whether a file name is an editor's temporary or backup
// file, or a hidden file: saving through one must give exactly one rebuild
// (when the real file is written) and never a page for the temporary one.
func ignored(name string) bool {
	base := filepath.Base(name)
	switch {
	case base == "4913", // vim's test of whether it may write in the folder
		strings.HasPrefix(base, "."),                                 // .#x (emacs locks), .x.swp, .DS_Store
		strings.HasSuffix(base, "~"),                                 // backups
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"), // emacs autosave
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, ".tmp"), strings.HasSuffix(base, ".part"),
		strings.HasSuffix(base, ".crswap"): // Chrome's File System Access temp files
		return true
	}
	return false
}

// watcher reports changes under a folder: with fsnotify, watching every
// subfolder, including those created later; or, when the system's limit
// of watches is reached, by polling.
//
// It follows the folder itself too: deleted, moved away, created again or
// replaced by another (mv content content.old && cp -r content.old
// content), which it tells by the folder's identity (device and inode),
// looked at on the events of its parent folder and every followEvery. It
// then watches whatever is at the path, if anything, and reports a change
// of the root.
//
// A symbolic link to a file in the folder changes when that file does:
// the file's folder is watched, and a change to the file is reported as a
// change to the link too.
type watcher struct {
	root    string // absolute
	clock   clock
	logf    func(format string, args ...any)
	poll    time.Duration // > 0: poll instead of fsnotify
	changes chan change
	ready   chan struct{} // closed once changes are being watched
	once    sync.Once

	id    fs.FileInfo         // the folder watched; nil while there is none
	links map[string][]string // a link's target (as events name it) -> the links, relative
}

// followEvery is how often a watcher looks whether its folder is still the
// one it watches, whatever the events say.
const followEvery = time.Second

func newWatcher(root string, poll time.Duration, clk clock, logf func(format string, args ...any)) *watcher {
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	return &watcher{root: root, clock: clk, logf: logf, poll: poll, changes: make(chan change, 256), ready: make(chan struct{}),
		links: map[string][]string{}}
}

func (w *watcher) start(ctx context.Context) <-chan change {
	go w.run(ctx)
	select {
	case <-w.ready:
		return w.changes
	case <-ctx.Done():
		return nil
	}
}

func (w *watcher) started() { w.once.Do(func() { close(w.ready) }) }

// run watches until ctx is done.
func (w *watcher) run(ctx context.Context) {
	if w.poll == 0 {
		err := w.notify(ctx)
		if err == nil || ctx.Err() != nil {
			return
		}
		w.logf("watching with file system events failed: %v\nfalling back to polling every second; raise the limit with: sysctl fs.inotify.max_user_watches=524288", err)
		w.poll = time.Second
	}
	w.polling(ctx)
}

func (w *watcher) send(ctx context.Context, c change) {
	c.at = w.clock.Now()
	select {
	case w.changes <- c:
	case <-ctx.Done():
	}
}

// notify watches with fsnotify. It returns an error when watching is
// impossible (such as the limit of watches being reached).
func (w *watcher) notify(ctx context.Context) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer fw.Close()
	w.id = folderInfo(w.root)
	if err := w.addTree(fw, w.root); err != nil {
		return err
	}
	_ = fw.Add(filepath.Dir(w.root)) // events naming the folder itself
	w.started()
	check := w.clock.NewTimer(followEvery)
	defer check.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-check.C():
			if err := w.follow(ctx, fw, false); err != nil {
				return err
			}
			check.Reset(followEvery)
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.send(ctx, change{all: true}) // events were lost
				continue
			}
			w.logf("watch: %v", err)
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if ev.Name == w.root || !inside(w.root, ev.Name) {
				// The folder itself (deleted, moved, created), or another
				// entry of its parent.
				if ev.Name == w.root && ev.Op != fsnotify.Chmod {
					if err := w.follow(ctx, fw, true); err != nil {
						return err
					}
				}
				continue
			}
			c, ok := w.changeOf(ev)
			if !ok {
				continue
			}
			if c.all {
				// A new folder (or one renamed into place): watch it and
				// whatever was created in it before the watch began.
				if err := w.addTree(fw, ev.Name); err != nil {
					return err
				}
			} else if c.structural {
				w.link(fw, ev.Name)
			}
			w.send(ctx, c)
		}
	}
}

// folderInfo is the folder at dir, or nil if there is none.
func folderInfo(dir string) fs.FileInfo {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil
	}
	return info
}

// inside reports whether p lies inside the folder dir (both absolute).
func inside(dir, p string) bool {
	return strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// follow looks whether the folder at w.root is still the one watched, and
// if not (it is gone, back, or another), watches what is there now and
// reports a change of the root. sure says an event named the folder
// itself: it is watched anew even if it looks the same.
func (w *watcher) follow(ctx context.Context, fw *fsnotify.Watcher, sure bool) error {
	info := folderInfo(w.root)
	switch {
	case info == nil && w.id == nil:
		return nil
	case info != nil && w.id != nil && os.SameFile(info, w.id) && !sure:
		return nil
	}
	// Watches of the old folder follow it wherever it was moved, still
	// naming paths under w.root: drop them.
	for _, p := range fw.WatchList() {
		if p == w.root || inside(w.root, p) {
			_ = fw.Remove(p)
		}
	}
	clear(w.links)
	w.id = info
	if info != nil {
		if err := w.addTree(fw, w.root); err != nil {
			return err
		}
		_ = fw.Add(filepath.Dir(w.root))
	}
	w.send(ctx, change{root: true, all: true})
	return nil
}

// changeOf is the change an event reports, if any: none for a change of
// mode, which changes no content, or for an editor's temporary file; one
// of everything for a new folder, whose files may have no events of their
// own. A change to the target of a link is a change to the link too.
func (w *watcher) changeOf(ev fsnotify.Event) (change, bool) {
	if ev.Op == fsnotify.Chmod || ignored(ev.Name) {
		return change{}, false
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil {
		return change{}, false
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			return change{all: true}, true
		}
	}
	links := w.links[ev.Name]
	if len(links) == 0 && hidden(filepath.Dir(rel)) {
		return change{}, false // a folder watched for a link's sake
	}
	return change{paths: append([]string{filepath.ToSlash(rel)}, links...),
		structural: ev.Op&(fsnotify.Create|fsnotify.Remove|fsnotify.Rename) != 0}, true
}

// hidden reports whether a folder, relative to the content folder, is one
// that watching skips, or lies in one.
func hidden(dir string) bool {
	for dir != "." && dir != "" && dir != string(filepath.Separator) {
		if ignored(dir) {
			return true
		}
		dir = filepath.Dir(dir)
	}
	return false
}

// link notes p if it is a symbolic link to a file in the content folder:
// a change to the file is then reported as a change to p too, and the
// file's folder is watched (it may be one watching skips). Links that lead
// out of the folder are not followed by the reader either.
func (w *watcher) link(fw *fsnotify.Watcher, p string) {
	if info, err := os.Lstat(p); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return
	}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return
	}
	realRoot, err := filepath.EvalSymlinks(w.root)
	if err != nil {
		return
	}
	rel, err := filepath.Rel(realRoot, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return
	}
	if info, err := os.Stat(target); err != nil || info.IsDir() {
		return
	}
	at := filepath.Join(w.root, rel)
	linkRel, err := filepath.Rel(w.root, p)
	if err != nil {
		return
	}
	if l := filepath.ToSlash(linkRel); !slices.Contains(w.links[at], l) {
		w.links[at] = append(w.links[at], l)
	}
	if fw != nil {
		_ = fw.Add(filepath.Dir(at))
	}
}

// walkable is dir as filepath.WalkDir must be given it to walk the folder
// a link leads to, when dir is one (the content folder may be).
func walkable(dir string) string {
	if info, err := os.Lstat(dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return dir + string(filepath.Separator)
	}
	return dir
}

// addTree watches dir and every folder below it.
func (w *watcher) addTree(fw *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(walkable(dir), func(p string, d fs.DirEntry, err error) error {
		p = filepath.Clean(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while walking
			}
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			w.link(fw, p)
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && ignored(p) {
			return filepath.SkipDir
		}
		if err := fw.Add(p); err != nil {
			if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
				return errors.New("the system's limit of watched folders is reached (" + err.Error() + ")")
			}
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		return nil
	})
}

// stamp is what polling compares: a file's size and time.
type stamp struct {
	size int64
	mod  time.Time
}

func (w *watcher) scan() map[string]stamp {
	out := map[string]stamp{}
	_ = filepath.WalkDir(walkable(w.root), func(p string, d fs.DirEntry, err error) error {
		p = filepath.Clean(p)
		if err != nil {
			return nil
		}
		if p != w.root && ignored(p) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if d.Type()&fs.ModeSymlink != 0 {
			info, err = os.Stat(p) // the file it leads to: editing it changes the link
		}
		if err == nil {
			rel, _ := filepath.Rel(w.root, p)
			out[filepath.ToSlash(rel)] = stamp{info.Size(), info.ModTime()}
		}
		return nil
	})
	return out
}

func (w *watcher) polling(ctx context.Context) {
	w.id = folderInfo(w.root)
	last := w.scan()
	t := w.clock.NewTimer(w.poll)
	defer t.Stop()
	w.started()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C():
		}
		if info := folderInfo(w.root); (info == nil) != (w.id == nil) || info != nil && !os.SameFile(info, w.id) {
			// The folder is gone, back, or another.
			w.id, last = info, w.scan()
			w.send(ctx, change{root: true, all: true})
			t.Reset(w.poll)
			continue
		}
		now := w.scan()
		changed := change{}
		for p, s := range now {
			if old, ok := last[p]; !ok || old != s {
				changed.paths = append(changed.paths, p)
				changed.structural = changed.structural || !ok
			}
		}
		for p := range last {
			if _, ok := now[p]; !ok {
				changed.paths = append(changed.paths, p)
				changed.structural = true
			}
		}
		last = now
		if len(changed.paths) > 0 {
			w.send(ctx, changed)
		}
		t.Reset(w.poll)
	}
}
