package site

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"testing"

	"dossier/internal/gen"
)

// goldenGenFile pins the output of a generated dossier: one line per
// output file, "<sha256>  <path>", sorted by path.
const goldenGenFile = "testdata/golden-gen20.sha256"

// TestGoldenGenerated builds a generated dossier of 20 sources (about 100
// claims, with figures, conflicts, entities and a base URL, so that the
// feed and the sitemap are made too) and compares the hash of every
// output file with testdata/golden-gen20.sha256. It proves that a change
// meant to make builds faster or smaller leaves the site byte for byte as
// it was.
//
// When the site is meant to change (templates, styles, data files),
// regenerate the hashes with one command and review the diff:
//
//	go test ./internal/site -run TestGoldenGenerated -update
func TestGoldenGenerated(t *testing.T) {
	fsys := gen.FS(gen.Generate(gen.Options{Sources: 20, Seed: 1}))
	res, err := Build(Options{Content: fsys, Name: "content", BaseURL: "https://example.org/dossier/"})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	var got bytes.Buffer
	for _, f := range res.Files { // sorted by path
		fmt.Fprintf(&got, "%x  %s\n", sha256.Sum256(f.Data), f.Path)
	}
	if *update {
		if err := os.WriteFile(goldenGenFile, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(goldenGenFile)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/site -run TestGoldenGenerated -update to make it)", err)
	}
	if bytes.Equal(got.Bytes(), want) {
		return
	}
	wantLines := lineSet(string(want))
	gotLines := lineSet(got.String())
	var diff []string
	for l := range wantLines {
		if !gotLines[l] {
			diff = append(diff, "- "+l)
		}
	}
	for l := range gotLines {
		if !wantLines[l] {
			diff = append(diff, "+ "+l)
		}
	}
	t.Errorf("the output of the generated dossier changed (%d lines differ):\n%s\nif the change is meant, run: go test ./internal/site -run TestGoldenGenerated -update",
		len(diff), strings.Join(sortedFirst(diff, 40), "\n"))
}

func lineSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		m[l] = true
	}
	return m
}

// sortedFirst returns the first n of lines sorted by the path they name,
// the removed line before the added one.
func sortedFirst(lines []string, n int) []string {
	key := func(l string) string {
		f := strings.Fields(l)
		return f[len(f)-1] + " " + f[0]
	}
	for i := 1; i < len(lines); i++ {
		for j := i; j > 0 && key(lines[j]) < key(lines[j-1]); j-- {
			lines[j], lines[j-1] = lines[j-1], lines[j]
		}
	}
	if len(lines) > n {
		lines = append(lines[:n:n], fmt.Sprintf("… and %d more", len(lines)-n))
	}
	return lines
}
