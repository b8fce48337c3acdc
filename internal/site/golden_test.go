package site

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var fingerprintRE = regexp.MustCompile(`^(.*)\.[0-9a-f]{8}(\.(?:css|js))$`)

var update = flag.Bool("update", false, "rewrite the want/ sections of testdata/*.txtar")

// TestGolden builds each testdata/*.txtar dossier and compares the result.
//
// An archive holds the dossier under content/ and what it must give:
//
//	want/errors     the exact error output (Format), or absent when it must build
//	want/conflicts  the conflicts, one a line, as "dossier check" prints them
//	want/PATH       the exact content of output file PATH
//	contains/PATH   lines each of which must appear in PATH, in order
//	lacks/PATH      lines none of which may appear in PATH
//
// With -update, want/ sections are rewritten from the actual output.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden tests found")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel() // each reads (and with -update rewrites) its own archive
			runGolden(t, file)
		})
	}
}

// archive reads a txtar archive and the dossier under its content/.
func archive(t *testing.T, file string) (*txtar.Archive, fstest.MapFS) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "content/"); ok {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return ar, fsys
}

func runGolden(t *testing.T, file string) {
	ar, fsys := archive(t, file)
	res, err := Build(Options{Content: fsys, Name: "content"})
	got := map[string][]byte{}
	var ce *ContentError
	switch {
	case errors.As(err, &ce):
		got["errors"] = []byte(ce.List.Format())
	case err != nil:
		t.Fatalf("build: %v", err)
	default:
		for _, f := range res.Files {
			got[f.Path] = f.Data
			// Stylesheets and scripts are published under fingerprinted
			// names; archives name them as they are in static/.
			if m := fingerprintRE.FindStringSubmatch(f.Path); m != nil {
				got[m[1]+m[2]] = f.Data
			}
		}
		var conflicts strings.Builder
		for _, c := range res.Dossier.Conflicts {
			conflicts.WriteString(c.String() + "\n")
		}
		got["conflicts"] = []byte(conflicts.String())
		// Two builds of the same input must be byte-identical.
		again, err := Build(Options{Content: fsys, Name: "content"})
		if err != nil {
			t.Fatalf("second build: %v", err)
		}
		for _, f := range again.Files {
			if !bytes.Equal(f.Data, got[f.Path]) {
				t.Errorf("%s differs between two builds of the same input", f.Path)
			}
		}
	}
	_, wantErrors := section(ar, "want/errors")
	if ce != nil && !wantErrors {
		t.Fatalf("unexpected content errors:\n%s", got["errors"])
	}
	changed := false
	for i, f := range ar.Files {
		kind, name, ok := strings.Cut(f.Name, "/")
		if !ok || (kind != "want" && kind != "contains" && kind != "lacks") {
			continue
		}
		out, exists := got[name]
		if !exists {
			t.Errorf("%s: no output file %s (files: %s)", f.Name, name, names(got))
			continue
		}
		switch kind {
		case "want":
			if !bytes.Equal(out, f.Data) {
				if *update {
					ar.Files[i].Data = out
					changed = true
					continue
				}
				t.Errorf("%s differs:\n--- got ---\n%s\n--- want ---\n%s", name, out, f.Data)
			}
		case "contains":
			rest := string(out)
			for _, line := range lines(f.Data) {
				j := strings.Index(rest, line)
				if j < 0 {
					if strings.Contains(string(out), line) {
						t.Errorf("%s: line out of order: %s", f.Name, line)
					} else {
						t.Errorf("%s: missing: %s\n--- in ---\n%s", f.Name, line, out)
					}
					break
				}
				rest = rest[j+len(line):]
			}
		case "lacks":
			for _, line := range lines(f.Data) {
				if strings.Contains(string(out), line) {
					t.Errorf("%s: must not appear: %s", f.Name, line)
				}
			}
		}
	}
	if changed {
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func section(ar *txtar.Archive, name string) ([]byte, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

func lines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

func names(m map[string][]byte) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}
