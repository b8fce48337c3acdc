package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// change is what a watcher reports.
type change struct {
	paths      []string  // relative to the content folder, slash-separated
	structural bool      // files were created, renamed or removed: relist folders
	all        bool      // something changed, it is not known what: look at everything
	at         time.Time // when it was seen; the server debounces from there
}

// merge is the change of a and b together.
func merge(a, b change) change {
	at := a.at
	if b.at.After(at) {
		at = b.at
	}
	return change{paths: append(a.paths, b.paths...), structural: a.structural || b.structural, all: a.all || b.all, at: at}
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
type watcher struct {
	root    string
	clock   clock
	logf    func(format string, args ...any)
	poll    time.Duration // > 0: poll instead of fsnotify
	changes chan change
	ready   chan struct{} // closed once changes are being watched
	once    sync.Once
}

func newWatcher(root string, poll time.Duration, clk clock, logf func(format string, args ...any)) *watcher {
	return &watcher{root: root, clock: clk, logf: logf, poll: poll, changes: make(chan change, 256), ready: make(chan struct{})}
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
	if err := w.addTree(fw, w.root); err != nil {
		return err
	}
	w.started()
	for {
		select {
		case <-ctx.Done():
			return nil
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
			}
			w.send(ctx, c)
		}
	}
}

// changeOf is the change an event reports, if any: none for a change of
// mode, which changes no content, or for an editor's temporary file; one
// of everything for a new folder, whose files may have no events of their
// own.
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
	return change{paths: []string{filepath.ToSlash(rel)},
		structural: ev.Op&(fsnotify.Create|fsnotify.Remove|fsnotify.Rename) != 0}, true
}

// addTree watches dir and every folder below it.
func (w *watcher) addTree(fw *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while walking
			}
			return err
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
	_ = filepath.WalkDir(w.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != w.root && ignored(p) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if info, err := d.Info(); err == nil {
			rel, _ := filepath.Rel(w.root, p)
			out[filepath.ToSlash(rel)] = stamp{info.Size(), info.ModTime()}
		}
		return nil
	})
	return out
}

func (w *watcher) polling(ctx context.Context) {
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
