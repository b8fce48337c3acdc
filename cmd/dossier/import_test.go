package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runImportTest runs `dossier import` with args and stdin and returns the exit
// code and what it printed.
func runImportTest(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = importMain(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestImport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "article.txt")
	if err := os.WriteFile(file, []byte("Headline\r\n# One *two*\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(dir, "content")
	path := filepath.Join(content, "sources", "one.md")

	code, stdout, stderr := runImportTest(t, "",
		"--content", content, "--slug", "one", "--title", "Headline", "--published", "2025-08", file)
	if code != 0 || stderr != "" || !strings.Contains(stdout, path) {
		t.Fatalf("import: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	want := "---\ntitle: Headline\npublished: 2025-08\n---\n\nHeadline\n\n\\# One \\*two\\*\n"
	if got, _ := os.ReadFile(path); string(got) != want {
		t.Errorf("wrote %q, want %q", got, want)
	}

	// A second import refuses to overwrite, naming the file and the flag.
	code, _, stderr = runImportTest(t, "new text",
		"--content", content, "--slug", "one", "--title", "Other", "-")
	if code != 1 || !strings.Contains(stderr, path) || !strings.Contains(stderr, "--force") {
		t.Errorf("second import: exit %d, stderr %q; want 1 naming %s and --force", code, stderr, path)
	}
	if got, _ := os.ReadFile(path); string(got) != want {
		t.Errorf("refused import changed the file to %q", got)
	}

	// --force overwrites, here from standard input.
	code, _, stderr = runImportTest(t, "new text\n",
		"--content", content, "--slug", "one", "--title", "Other", "--force", "-")
	if code != 0 {
		t.Fatalf("--force: exit %d, stderr %q", code, stderr)
	}
	if got, _ := os.ReadFile(path); string(got) != "---\ntitle: Other\n---\n\nnew text\n" {
		t.Errorf("--force wrote %q", got)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("sources/ holds %d files after --force, want 1 (no temporary file left)", len(entries))
	}
}

func TestImportUsage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(file, []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	ok := []string{"--content", dir, "--slug", "a", "--title", "T"}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"bad slug", []string{"--content", dir, "--slug", "Bad_Slug", "--title", "T", file}, 2, `--slug must be a slug (lowercase letters, digits and single hyphens), found "Bad_Slug"`},
		{"double hyphen", []string{"--content", dir, "--slug", "a--b", "--title", "T", file}, 2, "--slug"},
		{"no slug", []string{"--content", dir, "--title", "T", file}, 2, "--slug is required"},
		{"no title", []string{"--content", dir, "--slug", "a", file}, 2, "--title is required"},
		{"bad date", append(ok, "--published", "2025-02-30", file), 2, `--published is not a real date: February 2025 has 28 days, found "2025-02-30"`},
		{"year zero", append(ok, "--published", "0000", file), 2, `--published is not a real date: there is no year 0000`},
		// What import accepts, check accepts: a space in a URL is refused
		// here rather than written into a source that the build rejects.
		{"url with a space", append(ok, "--url", "https://example.org/a b", file), 2, `--url must be a web address without spaces (write a space as %20)`},
		{"prose date", append(ok, "--published", "10 August 2025", file), 2, "--published"},
		{"bad url", append(ok, "--url", "ftp://example.com/a", file), 2, "--url"},
		{"relative url", append(ok, "--url", "example.com/a", file), 2, "--url"},
		{"unknown flag", append(ok, "--autor", "x", file), 2, "flag provided but not defined: -autor"},
		{"no file", ok, 2, "missing FILE"},
		{"two files", append(ok, file, file), 2, "one FILE only"},
		{"flag after file", append(ok, file, "--force"), 2, "flags must come before FILE"},
		{"missing file", append(ok, filepath.Join(dir, "nope.txt")), 1, "nope.txt"},
	} {
		code, stdout, stderr := runImportTest(t, "", tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.name, code, stdout, stderr, tc.code, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "sources")); err == nil {
		t.Errorf("a failed import created %s", filepath.Join(dir, "sources"))
	}

	code, stdout, stderr := runImportTest(t, "", "-h")
	if code != 0 || stderr != "" || !strings.Contains(stdout, "usage: dossier import") || !strings.Contains(stdout, "-published") {
		t.Errorf("-h: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestImportBadText(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runImportTest(t, "caf\xe9\n", "--content", dir, "--slug", "a", "--title", "T", "-")
	if code != 1 || !strings.Contains(stderr, "not valid UTF-8") {
		t.Errorf("latin-1 text: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "sources", "a.md")); err == nil {
		t.Error("a rejected import wrote a file")
	}
}
