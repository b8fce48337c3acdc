//go:build unix

package site

import (
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// writeNew writes data to a new file at name, as os.WriteFile does, in
// three calls to the system. An os.File is made for a regular file as for
// a pipe: it is offered to the network poller, which refuses it, and its
// blocking mode is read and set; for the thousands of files of a site,
// that was a third of the build's calls to the system.
func writeNew(name string, data []byte) error {
	fd, err := retry(func() (int, error) {
		return unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := retry(func() (int, error) { return unix.Write(fd, data) })
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
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
