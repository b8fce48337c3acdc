package content

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// beneath opens and reads files under one folder with openat2(2), which
// resolves a path in one call and refuses any that leads out of the
// folder (RESOLVE_BENEATH). os.Root, which reads on every system, opens
// each folder of the path in turn and makes an os.File that it offers the
// network poller: for the thousands of small files of a dossier that was
// a large part of reading it. It stands in for os.Root only where both
// agree: a file it cannot open or that is not a regular one is left to
// os.Root, whose errors the messages are written for.
type beneath struct {
	root *os.Root
	once sync.Once
	dir  *os.File // the root folder, opened on first use; closed when collected
}

// open opens name beneath the root folder with flags (O_CLOEXEC added);
// ok is false when it cannot.
func (b *beneath) open(name string, flags int) (fd int, ok bool) {
	b.once.Do(func() {
		if f, err := b.root.Open("."); err == nil {
			b.dir = f
		}
	})
	if b.dir == nil {
		return 0, false
	}
	conn, err := b.dir.SyscallConn()
	if err != nil {
		return 0, false
	}
	openErr := error(unix.ENOENT)
	// Control keeps the folder's descriptor valid during the call.
	if err := conn.Control(func(dirfd uintptr) {
		fd, openErr = retryEINTR(func() (int, error) {
			return unix.Openat2(int(dirfd), name, &unix.OpenHow{
				Flags:   uint64(flags | unix.O_CLOEXEC),
				Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
			})
		})
	}); err != nil || openErr != nil {
		return 0, false
	}
	return fd, true
}

// readDir returns the entries of the folder name, sorted by name, as
// fs.ReadDir does; ok is false when the caller must ask os.Root instead.
// os.Root looks at each entry with lstat(2) as it lists a folder: one
// call to the system per file of the dossier, for a type getdents(2)
// gives already.
func (b *beneath) readDir(name string) (entries []fs.DirEntry, ok bool) {
	fd, ok := b.open(name, unix.O_RDONLY|unix.O_DIRECTORY)
	if !ok {
		return nil, false
	}
	// Named by its path from the working folder, where os.File looks at
	// an entry whose type the file system does not give.
	dir := os.NewFile(uintptr(fd), path.Join(b.root.Name(), name))
	defer dir.Close()
	entries, err := dir.ReadDir(-1)
	if err != nil {
		return nil, false
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, true
}

// read returns the information and the bytes of the regular file name;
// ok is false when the caller must ask os.Root instead.
func (b *beneath) read(name string) (info fs.FileInfo, data []byte, ok bool) {
	fd, ok := b.open(name, unix.O_RDONLY|unix.O_NONBLOCK)
	if !ok {
		return nil, nil, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size > MaxFileSize {
		return nil, nil, false
	}
	data, err := readAll(st.Size, func(b []byte) (int, error) {
		return retryEINTR(func() (int, error) { return unix.Read(fd, b) })
	})
	if err != nil {
		return nil, nil, false
	}
	return fileInfo{name: path.Base(name), size: st.Size, mode: fs.FileMode(st.Mode & 0o777),
		modTime: time.Unix(st.Mtim.Unix())}, data, true
}

// retryEINTR calls f again while it is interrupted by a signal.
func retryEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}

// fileInfo is a regular file's information, from fstat(2).
type fileInfo struct {
	name    string
	size    int64
	mode    fs.FileMode
	modTime time.Time
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return i.mode }
func (i fileInfo) ModTime() time.Time { return i.modTime }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }
