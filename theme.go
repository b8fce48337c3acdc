// Package dossier holds the default theme: the templates and static files
// every dossier gets unless its own templates/ or static/ folder has a file
// of the same name. They are embedded so that the binary works from any
// folder.
package dossier

import (
	"embed"
	"io/fs"
)

//go:embed templates static
var theme embed.FS

// Templates returns the default templates.
func Templates() fs.FS { return sub("templates") }

// Static returns the default static files.
func Static() fs.FS { return sub("static") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(theme, dir)
	if err != nil {
		panic(err) // the folder is embedded at compile time
	}
	return f
}
