package annotate

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"time"
)

// overlay is the content folder as it would be with some files written:
// the files of base, with files laid over them (new ones listed in their
// folders too). It lets the build's reader check a file before it is
// written.
type overlay struct {
	base  fs.FS
	files map[string][]byte // by path in the folder
}

func (o overlay) Open(name string) (fs.File, error) {
	if b, ok := o.files[name]; ok {
		return &memFile{Reader: bytes.NewReader(b), info: memInfo{name: path.Base(name), size: int64(len(b))}}, nil
	}
	return o.base.Open(name)
}

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	if b, ok := o.files[name]; ok {
		return memInfo{name: path.Base(name), size: int64(len(b))}, nil
	}
	return fs.Stat(o.base, name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.base, name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for p, b := range o.files {
		if path.Dir(p) != name || slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == path.Base(p) }) {
			continue
		}
		entries = append(entries, fs.FileInfoToDirEntry(memInfo{name: path.Base(p), size: int64(len(b))}))
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int {
		switch {
		case a.Name() < b.Name():
			return -1
		case a.Name() > b.Name():
			return 1
		}
		return 0
	})
	return entries, nil
}

type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

// tempFile writes text to a new hidden file in the folder of name (the
// build and the preview's watcher pass hidden files over), synced, and
// returns its path.
func tempFile(root *os.Root, name string, text []byte) (string, error) {
	var rnd [8]byte
	rand.Read(rnd[:])
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+".tmp-"+hex.EncodeToString(rnd[:]))
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	_, err = f.Write(text)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		root.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// create writes a new file, whole or not at all, and never over another:
// the text goes to a temporary file that is then linked to the name,
// which fails if the name exists. Where links cannot be made, the file is
// created with O_EXCL and written.
func create(root *os.Root, name string, text []byte) error {
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := tempFile(root, name, text)
	if err != nil {
		return err
	}
	defer root.Remove(tmp)
	err = root.Link(tmp, name)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err = f.Write(text); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		root.Remove(name)
	}
	return err
}

// update replaces a file's text atomically (a temporary file renamed over
// it), provided it still holds old: an editor who saved it meanwhile
// keeps their text.
func update(root *os.Root, name string, old, text []byte) error {
	tmp, err := tempFile(root, name, text)
	if err != nil {
		return err
	}
	if info, err := root.Stat(name); err == nil {
		root.Chmod(tmp, info.Mode().Perm())
	}
	now, err := readAll(root, name)
	if err != nil || !bytes.Equal(now, old) {
		root.Remove(tmp)
		if err == nil {
			err = fmt.Errorf("it changed while the quote was being added: add it again")
		}
		return err
	}
	if err := root.Rename(tmp, name); err != nil {
		root.Remove(tmp)
		return err
	}
	return nil
}

// replace puts old back, undoing an update.
func replace(root *os.Root, name string, old []byte) {
	if tmp, err := tempFile(root, name, old); err == nil {
		if root.Rename(tmp, name) != nil {
			root.Remove(tmp)
		}
	}
}

func readAll(root *os.Root, name string) ([]byte, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
