package content

import (
	"io"
	"strings"
	"testing"
)

// TestReadAll: the whole file is read whatever the size it was looked at
// with, its end seen as io.EOF (os.File) or as a read of nothing (read(2)).
func TestReadAll(t *testing.T) {
	text := "a file that grew after it was looked at"
	for _, size := range []int64{0, 5, int64(len(text)), 100} {
		for _, eof := range []bool{true, false} {
			r := strings.NewReader(text)
			read := r.Read
			if !eof {
				read = func(b []byte) (int, error) {
					n, err := r.Read(b)
					if err == io.EOF {
						err = nil
					}
					return n, err
				}
			}
			got, err := readAll(size, read)
			if err != nil || string(got) != text {
				t.Errorf("size %d, io.EOF %v: read %q, %v", size, eof, got, err)
			}
		}
	}
}
