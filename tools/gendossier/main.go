// Command gendossier writes a generated dossier (package gen) to a folder,
// for benchmarks and load tests of dossier build.
//
//	go run ./tools/gendossier -sources 1000 -seed 1 -out /tmp/d1000
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"dossier/internal/gen"
)

func main() {
	var o gen.Options
	flag.IntVar(&o.Sources, "sources", 100, "number of source articles")
	flag.Float64Var(&o.ClaimsPerSource, "claims-per-source", 5, "average claims per source")
	flag.IntVar(&o.Entities, "entities", 0, "people and organisations (0: max(20, sources/5))")
	flag.IntVar(&o.Words, "words", 800, "words per source, roughly")
	flag.Uint64Var(&o.Seed, "seed", 1, "random seed: the same flags give the same files")
	out := flag.String("out", "", "the content folder to write (required)")
	force := flag.Bool("force", false, "write into a non-empty -out, replacing its dossier.yaml, sources/, claims/ and entities/")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gendossier -out DIR [flags]\n\nWrite a generated dossier into DIR.\n\nflags:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(o, *out, *force); err != nil {
		fmt.Fprintln(os.Stderr, "gendossier:", err)
		os.Exit(1)
	}
}

func run(o gen.Options, out string, force bool) error {
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case len(entries) > 0 && !force:
		return fmt.Errorf("%s is not empty: choose another -out, or pass -force to replace the dossier in it", out)
	case len(entries) > 0:
		// Remove what a previous run wrote, so that no stale claim or source
		// of a bigger dossier survives; leave anything else alone.
		for _, name := range []string{"dossier.yaml", "sources", "claims", "entities"} {
			if err := os.RemoveAll(filepath.Join(out, name)); err != nil {
				return err
			}
		}
	}
	files := gen.Generate(o)
	if err := gen.WriteDir(out, files); err != nil {
		return err
	}
	o = o.Defaults()
	fmt.Fprintf(os.Stderr, "gendossier: wrote %d files to %s (%d sources, %d claims, %d entities, seed %d)\n",
		len(files), out, o.Sources, o.Claims(), o.Entities, o.Seed)
	return nil
}
