//go:build unix

package site

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// lockOut takes the lock of builds into out, the file path beside it
// (flock), waiting while another build holds it; waiting, if set, is told
// so once. The system releases the lock when the process ends, however it
// ends. unlock removes the file and releases the lock. On a file system
// without locks, builds are not kept apart.
func lockOut(path, out string, waiting func(string)) (unlock func(), err error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		fd := int(f.Fd())
		err = flock(fd, unix.LOCK_EX|unix.LOCK_NB)
		if errors.Is(err, unix.EWOULDBLOCK) {
			if waiting != nil {
				waiting(fmt.Sprintf("another build is writing %s%s; waiting for it to finish", out, holder(f)))
				waiting = nil
			}
			err = flock(fd, unix.LOCK_EX)
		}
		if err != nil {
			f.Close()
			if errors.Is(err, unix.ENOLCK) || errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.ENOSYS) {
				return func() {}, nil
			}
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		// The lock is the file at path now: a build that finished removed
		// the one this build waited on, and a third may have made another.
		fi, err1 := f.Stat()
		pi, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(fi, pi) {
			f.Close()
			continue
		}
		if f.Truncate(0) == nil {
			f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
		return func() {
			os.Remove(path)
			f.Close()
		}, nil
	}
}

func flock(fd, how int) error {
	for {
		err := unix.Flock(fd, how)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// holder names the process holding the lock, as it wrote in the file.
func holder(f *os.File) string {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	pid := strings.TrimSpace(string(b[:n]))
	if _, err := strconv.Atoi(pid); err != nil {
		return ""
	}
	return " (process " + pid + ")"
}
