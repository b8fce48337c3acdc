//go:build !unix

package site

import (
	"io"
	"os"
)

// writeNew writes data to a new file at name.
func writeNew(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// writeFile creates the file at name and has write write it.
func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr // a file system may report a failed write only then
	}
	return err
}
