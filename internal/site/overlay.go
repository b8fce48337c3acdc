package site

import (
	"errors"
	"io/fs"
	"sort"
)

// overlay is a file system whose files come from top where it has them and
// from base otherwise: a dossier's own templates over the default theme,
// file by file.
type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil {
		if st, serr := f.Stat(); serr == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}

// ReadDir merges both folders' entries, top's winning on a shared name.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := make(map[string]bool)
	var out []fs.DirEntry
	top, terr := fs.ReadDir(o.top, name)
	for _, e := range top {
		seen[e.Name()] = true
		out = append(out, e)
	}
	base, berr := fs.ReadDir(o.base, name)
	for _, e := range base {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	if terr != nil && berr != nil {
		return nil, errors.Join(terr, berr)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
