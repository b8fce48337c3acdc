//go:build !unix

package site

import "os"

// writeNew writes data to a new file at name.
func writeNew(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
