package main

import (
	"bytes"
	"io"
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
	if err := os.Mkdir(content, 0o755); err != nil {
		t.Fatal(err)
	}
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

// TestImportThenCheck checks that what import writes, check accepts, and
// that a claim can quote the text exactly as it was, Markdown-looking
// characters and all.
func TestImportThenCheck(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.Mkdir(content, 0o755); err != nil {
		t.Fatal(err)
	}
	text := "Trump said *drugs* kill [300,000](entity:nobody) a year. ![x](claim:y)\r\n" +
		"# Not a heading\r\n    four spaces, not code\r\n1. Not a list: see http://example.org or write to a@example.org\r\n" +
		"<b>not HTML</b> &amp; \\ back` tick _under_ ~strike~ 東京 🙂\r\n" + strings.Repeat("long line ", 30_000) + "\r\n"
	code, _, stderr := runImportTest(t, text, "--content", content, "--slug", "speech", "--title", "Trump: “No.” — #1 *story*",
		"--outlet", "The Outlet", "--author", "A. Writer", "--published", "2025-08-10", "--url", "https://example.org/a?b=c",
		"--note", "Cut the banner.\nKept the rest.", "-")
	if code != 0 {
		t.Fatalf("import: exit %d, %s", code, stderr)
	}
	writeDossier(t, dir, map[string]string{
		"content/claims/c.md": "---\ntitle: C\nquotes:\n  - source: speech\n" +
			"    text: 'Trump said *drugs* kill [300,000](entity:nobody) a year. ![x](claim:y)'\n" +
			"  - source: speech\n    text: '<b>not HTML</b> &amp; \\ back` tick _under_ ~strike~ 東京 🙂'\n---\n",
	})
	var stdout, errOut bytes.Buffer
	if code := run([]string{"check", "--content", content}, &stdout, &errOut); code != 0 {
		t.Errorf("check after import: exit %d\n%s%s", code, errOut.String(), stdout.String())
	}
}

// TestImportRefusesWhatCheckRefuses checks that import writes nothing that
// check would then reject: a text over the size limit once converted, and
// flags whose text the build would not read back as given.
func TestImportRefusesWhatCheckRefuses(t *testing.T) {
	dir := t.TempDir()
	ok := []string{"--content", dir, "--slug", "a", "--title", "T"}
	big := strings.Repeat("*", 6<<20) // 6 MB, 12 MB once each * is escaped
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"too big once converted", big, append(ok, "-"), 1,
			"dossier import: standard input: the source would be 12,582,931 bytes, over the 10 MB (10,485,760 bytes) a content file may hold: split the text into several sources"},
		{"title not UTF-8", "x", []string{"--content", dir, "--slug", "a", "--title", "caf\xe9", "-"}, 2, "--title is not valid UTF-8 text (byte 0xe9)"},
		{"title white space", "x", []string{"--content", dir, "--slug", "a", "--title", " ", "-"}, 2, "--title is required"},
		{"outlet white space", "x", append(ok, "--outlet", "  ", "-"), 2, "--outlet is only white space: give a value or leave it out"},
		{"author two lines", "x", append(ok, "--author", "A\nB", "-"), 2, "--author must be one line"},
		{"two bad fields", "x", append(ok, "--author", "A\nB", "--note", "a\x07", "-"), 2, "--author must be one line; --note holds the control character U+0007"},
		{"line separator", "x", append(ok, "--title", "a\u2028b", "-"), 2, "--title holds U+2028"},
		{"text not UTF-8", "caf\xe9", append(ok, "-"), 1, "not valid UTF-8"},
		{"empty text", "\n \n", append(ok, "-"), 1, "the text is empty"},
	} {
		code, stdout, stderr := runImportTest(t, tc.stdin, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %.300q; want exit %d and %q", tc.name, code, stdout, stderr, tc.code, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "sources")); err == nil {
		t.Errorf("a refused import created %s", filepath.Join(dir, "sources"))
	}
}

// TestImportReadsAtMost checks that a text too long to fit in a source
// is refused without being read whole.
func TestImportReadsAtMost(t *testing.T) {
	r := &countingReader{n: 1 << 40}
	if _, err := readAtMost(r, 1000); err != errTooLong || r.read > 1001+32<<10 {
		t.Errorf("readAtMost: %v after reading %d bytes", err, r.read)
	}
	if b, err := readAtMost(strings.NewReader("12345"), 5); err != nil || string(b) != "12345" {
		t.Errorf("readAtMost at the limit: %q, %v", b, err)
	}
	if !strings.Contains(errTooLong.Error(), "is over 40 MB, and a source may be at most 10 MB") {
		t.Errorf("errTooLong = %v", errTooLong)
	}
}

// countingReader gives n zero bytes and counts what was read.
type countingReader struct{ n, read int64 }

func (r *countingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), r.n)
	clear(p[:k])
	r.n -= k
	r.read += k
	return int(k), nil
}

// TestImportCheckSource checks the last guard: a source that check would
// reject is reported with check's own errors.
func TestImportCheckSource(t *testing.T) {
	errs := checkSource("content", "a", []byte("---\ntitle: T\nauthr: x\n---\nText.\n"))
	if len(errs) != 1 || !strings.Contains(errs.Format(), "content/sources/a.md:3:1:") {
		t.Errorf("checkSource = %s", errs.Format())
	}
	if errs := checkSource("content", "a", []byte("---\ntitle: T\n---\nText.\n")); len(errs) != 0 {
		t.Errorf("checkSource of a good source = %s", errs.Format())
	}
}

// A content folder that does not exist is refused, as check refuses it,
// with the nearest folder that does: a mistyped --content starts no new
// dossier.
func TestImportNoContentFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ dir, want string }{
		{filepath.Join(dir, "contnet"), "dossier import: no content folder at " + filepath.Join(dir, "contnet") + " (did you mean --content " + filepath.Join(dir, "content") + "?)\n"},
		{filepath.Join(dir, "x", "y"), "dossier import: no content folder at " + filepath.Join(dir, "x", "y") + ": create it or pass --content DIR\n"},
	} {
		code, _, stderr := runImportTest(t, "Text.\n", "--content", tc.dir, "--slug", "a", "--title", "T", "-")
		if code != 1 || stderr != tc.want {
			t.Errorf("exit %d, stderr %q, want %q", code, stderr, tc.want)
		}
		if _, err := os.Stat(tc.dir); err == nil {
			t.Errorf("%s was created", tc.dir)
		}
	}
}
