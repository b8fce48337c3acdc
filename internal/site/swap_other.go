//go:build !linux

package site

// exchangeDirs cannot swap two folders in one step on this system: the
// build falls back to two renames.
func exchangeDirs(a, b string) error { return errNoExchange }
