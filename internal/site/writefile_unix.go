//go:build unix

package site

import (
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// writeNew writes data to a new file at name, as os.WriteFile does, in
// three calls to the system.
func writeNew(name string, data []byte) error {
	return writeFile(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeFile creates the file at name and has write write it, through a
// descriptor of its own rather than an os.File. An os.File is made for a
// regular file as for a pipe: it is offered to the network poller, which
// refuses it, and its blocking mode is read and set; for the thousands
// of files of a site, that was a third of the build's calls to the
// system. A page that fits in one write costs open, write and close.
func writeFile(name string, write func(io.Writer) error) error {
	fd, err := retry(func() (int, error) {
		return unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	err = write(rawFile{fd, name})
	if cerr := unix.Close(fd); cerr != nil && err == nil {
		// A file system may report a failed write only now.
		err = &fs.PathError{Op: "close", Path: name, Err: cerr}
	}
	return err
}

// rawFile writes to an open descriptor, all of what it is given.
type rawFile struct {
	fd   int
	name string
}

func (f rawFile) Write(data []byte) (int, error) {
	written := 0
	for written < len(data) {
		n, err := retry(func() (int, error) { return unix.Write(f.fd, data[written:]) })
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			return written, &fs.PathError{Op: "write", Path: f.name, Err: err}
		}
		written += n
	}
	return written, nil
}

// retry calls f again while it is interrupted by a signal.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}
