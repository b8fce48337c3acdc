package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportHTML imports a saved news page without --title: the source
// written is the importer's golden file, and check accepts it.
func TestImportHTML(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.Mkdir(content, 0o755); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join("..", "..", "internal", "importer", "testdata", "harbour-ledger.html")
	code, stdout, stderr := runImportTest(t, "", "--content", content, "--slug", "ledger", page)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join(content, "sources", "ledger.md")
	if stdout != "wrote "+path+"\n" {
		t.Errorf("stdout %q", stdout)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "internal", "importer", "testdata", "harbour-ledger.md"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("wrote:\n%s\nwant:\n%s", got, want)
	}
	if code, _, stderr := runIn(t, dir, "check"); code != 0 {
		t.Errorf("check of the imported page: exit %d\n%s", code, stderr)
	}

	// Saved under another name, the page is still known by its doctype;
	// a flag given wins over the page's metadata.
	data, _ := os.ReadFile(page)
	code, _, stderr = runImportTest(t, string(data), "--content", content, "--slug", "stdin", "--title", "Given", "-")
	if code != 0 {
		t.Fatalf("from standard input: exit %d: %s", code, stderr)
	}
	got, _ = os.ReadFile(filepath.Join(content, "sources", "stdin.md"))
	if !strings.HasPrefix(string(got), "---\ntitle: Given\noutlet: The Harbour Ledger\n") ||
		!strings.Contains(string(got), "note: Author, outlet, date and URL taken from the page's metadata.\n") {
		t.Errorf("from standard input:\n%s", got)
	}
}

func TestImportHTMLErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.html")
	os.WriteFile(empty, []byte(`<!DOCTYPE html><html><head><title>Loading</title></head><body><nav><a href="/">Home</a></nav><div id="app"></div></body></html>`), 0o644)
	latin := filepath.Join(dir, "latin.htm")
	os.WriteFile(latin, []byte("<html><body><p>caf\xe9</p></body></html>"), 0o644)
	for _, tc := range []struct {
		file, want string
	}{
		{empty, "dossier import: " + empty + ": no article found in the page"},
		{latin, "dossier import: " + latin + ": the page is not valid UTF-8 and declares no other character set"},
	} {
		code, stdout, stderr := runImportTest(t, "", "--content", dir, "--slug", "a", tc.file)
		if code != 1 || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 1 and %q", tc.file, code, stdout, stderr, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "sources")); err == nil {
		t.Error("a failed import created sources/")
	}
}
