package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dossier/internal/site"
)

// leftovers lists what a build may have left beside its output folder.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".new-") || strings.Contains(e.Name(), ".old-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestBuildKeepsUsersFolder is the mistyped --out of issue #10: a folder
// that the build did not make is refused, with a message that names it and
// what it holds, and left exactly as it was; --force replaces it.
func TestBuildKeepsUsersFolder(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	writeDossier(t, dir, map[string]string{
		"mywork/thesis.txt":       "Chapter 1\n",
		"mywork/notes/ideas.md":   "- more\n",
		"mywork/CNAME":            "kept.example.org\n", // the keep list does not make it a build's
		"mywork/data/figures.csv": "a,b\n",
	})
	before := snapshot(t, filepath.Join(dir, "mywork"))
	code, stdout, stderr := runIn(t, dir, "build", "--out", "mywork")
	if code != 1 {
		t.Fatalf("build into a folder of the user's: exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	want := "dossier build: mywork holds files dossier did not write (data/, notes/, thesis.txt): choose another --out, empty it, or pass --force to replace it"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if after := snapshot(t, filepath.Join(dir, "mywork")); !equal(before, after) {
		t.Errorf("the refused build changed mywork/: %v", keys(after))
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}

	// --force replaces it: the user's files are gone, CNAME is kept.
	code, stdout, stderr = runIn(t, dir, "build", "--out", "mywork", "--force")
	if code != 0 {
		t.Fatalf("--force: exit %d\n%s", code, stderr)
	}
	after := snapshot(t, filepath.Join(dir, "mywork"))
	if _, ok := after["thesis.txt"]; ok {
		t.Error("--force kept thesis.txt")
	}
	if after["CNAME"] != "kept.example.org\n" {
		t.Errorf("--force lost CNAME: %q", after["CNAME"])
	}
	if _, ok := after["claims/cdc/index.html"]; !ok {
		t.Error("--force did not build the site")
	}
	if !strings.HasPrefix(after[site.Marker], "dossier\n") || !strings.Contains(after[site.Marker], "made by `dossier build`") {
		t.Errorf("marker: %q", after[site.Marker])
	}
	// The number of files said is the number written (CNAME was kept, not written).
	m := regexp.MustCompile(`, (\d+) files\n$`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no file count in %q", stdout)
	}
	if n, _ := strconv.Atoi(m[1]); n != len(after)-1 {
		t.Errorf("build said %d files, wrote %d", n, len(after)-1)
	}

	// Now it is a build's folder: a second build replaces it without --force.
	writeDossier(t, dir, map[string]string{"mywork/stray.html": "left over"})
	if code, _, stderr := runIn(t, dir, "build", "--out", "mywork"); code != 0 {
		t.Fatalf("second build over the first: exit %d\n%s", code, stderr)
	}
	if _, ok := snapshot(t, filepath.Join(dir, "mywork"))["stray.html"]; ok {
		t.Error("a file put in a build's folder survived the next build")
	}
}

// TestBuildIntoEmptyFolder: an existing empty folder, or one holding only
// what the keep list names (a fresh gh-pages checkout), is fine.
func TestBuildIntoEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeDossier(t, dir, map[string]string{"pages/.git/HEAD": "ref: refs/heads/gh-pages\n", "pages/.nojekyll": ""})
	for _, out := range []string{"empty", "pages"} {
		code, _, stderr := runIn(t, dir, "build", "--out", out)
		if code != 0 {
			t.Errorf("--out %s: exit %d\n%s", out, code, stderr)
			continue
		}
		got := snapshot(t, filepath.Join(dir, out))
		if _, ok := got["index.html"]; !ok {
			t.Errorf("--out %s: no index.html", out)
		}
		if _, ok := got[site.Marker]; !ok {
			t.Errorf("--out %s: no marker", out)
		}
	}
	if got := snapshot(t, filepath.Join(dir, "pages")); got[".git/HEAD"] != "ref: refs/heads/gh-pages\n" {
		t.Error("the gh-pages checkout's .git did not survive")
	}
}

// TestBuildNeverIntoContent: the content folder, a folder inside it, a
// folder that holds it, and the same under other names, can never be the
// output, even with --force; nothing is changed.
func TestBuildNeverIntoContent(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for name, text := range goodDossier {
		files["project/"+name] = text
	}
	files["project/content/templates/claim.html"] = `{{define "content"}}<h1>{{.Claim.Title}}</h1>{{end}}`
	files["project/content/static/logo.svg"] = "<svg/>"
	writeDossier(t, dir, files)
	project := filepath.Join(dir, "project")
	linked := filepath.Join(dir, "link-to-content")
	haveLinks := os.Symlink(filepath.Join(project, "content"), linked) == nil
	before := snapshot(t, project)
	for _, tc := range []struct {
		out, want string
	}{
		{"content", "--out content is the content folder: a build would replace the dossier with the site"},
		{"content/", "--out content/ is the content folder"},
		{"./x/../content", "--out ./x/../content is the content folder"},
		{"content/sub", "--out content/sub lies inside the content folder content: the site would become part of the dossier"},
		{"content/templates", "--out content/templates lies inside the content folder content"},
		{"content/static/site", "--out content/static/site lies inside the content folder content"},
		{".", "--out . holds the content folder content: a build would replace the dossier with the site"},
		{"..", "--out .. holds the content folder content"},
		{linked, "is the content folder content"},
		{filepath.Join(linked, "claims"), "lies inside the content folder content"},
	} {
		if strings.HasPrefix(tc.out, linked) && !haveLinks {
			continue
		}
		for _, force := range []bool{false, true} {
			args := []string{"build", "--out", tc.out}
			if force {
				args = append(args, "--force")
			}
			code, stdout, stderr := runIn(t, project, args...)
			if code != 1 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "choose") {
				t.Errorf("dossier %v: exit %d\nstdout: %s\nstderr: %s\nwant exit 1 and %q", args, code, stdout, stderr, tc.want)
			}
			if force && !strings.Contains(stderr, "--force does not change this") {
				t.Errorf("dossier %v: does not say that --force does not help:\n%s", args, stderr)
			}
		}
	}
	// --content names the folder another way: the parent of the dossier is
	// still refused.
	code, _, stderr := runIn(t, dir, "build", "--content", "project/content", "--out", "project", "--force")
	if code != 1 || !strings.Contains(stderr, "--out project holds the content folder project/content") {
		t.Errorf("--out project: exit %d\n%s", code, stderr)
	}
	if after := snapshot(t, project); !equal(before, after) {
		t.Errorf("a refused build changed files: before %v\nafter %v", keys(before), keys(after))
	}
}

// TestBuildErrorsSayWhatWasWritten: when the build fails, the message says
// that the output was left as it was only of a folder that exists.
func TestBuildErrorsSayWhatWasWritten(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	writeDossier(t, dir, map[string]string{"content/claims/bad.md": "---\ntitle: Bad\n---\n"})
	code, _, stderr := runIn(t, dir, "build")
	if code != 1 || !strings.HasSuffix(stderr, "1 error; nothing was written\n") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a failed build made public/")
	}
	os.Remove(filepath.Join(dir, "content/claims/bad.md"))
	if code, _, stderr := runIn(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	writeDossier(t, dir, map[string]string{"content/claims/bad.md": "---\ntitle: Bad\n---\n"})
	code, _, stderr = runIn(t, dir, "build")
	if code != 1 || !strings.HasSuffix(stderr, "1 error; public was left as it was\n") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// TestBuildTemplateErrorOnce: a broken template override is one error at
// its place, with the number of pages, printed like content errors; the
// previous output stays as it was.
func TestBuildTemplateErrorOnce(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	if code, _, stderr := runIn(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	before := snapshot(t, filepath.Join(dir, "public"))
	writeDossier(t, dir, map[string]string{
		"content/templates/claim.html": "{{define \"content\"}}\n<h1>{{.Claim.Title}}</h1>\n  <p>{{.Titel}}</p>\n{{end}}\n",
	})
	code, stdout, stderr := runIn(t, dir, "build")
	if code != 1 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	want := "content/templates/claim.html:3:8: can't evaluate field Titel in type *render.Page: did you mean .Title? (2 pages: /claims/cdc/, /claims/trump/)\n" +
		"      <p>{{.Titel}}</p>\n" +
		"           ^\n" +
		"1 error; public was left as it was\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if after := snapshot(t, filepath.Join(dir, "public")); !equal(before, after) {
		t.Error("a build with a broken template changed public/")
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// TestBuildThemeMistakes: a static file in a generated file's place and a
// misspelt template name stop the build, like content errors; overriding
// a default static file does not.
func TestBuildThemeMistakes(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	writeDossier(t, dir, map[string]string{
		"content/static/style.css":           "body { color: teal; }\n",
		"content/static/dossier.json":        "{}\n",
		"content/templates/claims-list.html": "{{define \"content\"}}{{end}}\n",
	})
	code, _, stderr := runIn(t, dir, "build")
	for _, want := range []string{
		"content/static/dossier.json: would replace the generated /dossier.json (the dossier as data): rename or remove it\n",
		"content/templates/claims-list.html: is not a template dossier uses, so it would be ignored (did you mean claims.html?): rename it to one of claims.html, claim.html, ",
		"2 errors; nothing was written\n",
	} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, want)
		}
	}
	if strings.Contains(stderr, "style.css") {
		t.Error("overriding the default style.css is an error")
	}
	// check reports the misspelt template too.
	if code, _, stderr := runIn(t, dir, "check"); code != 1 || !strings.Contains(stderr, "content/templates/claims-list.html: is not a template") {
		t.Errorf("check: exit %d\n%s", code, stderr)
	}
	os.Remove(filepath.Join(dir, "content/static/dossier.json"))
	os.Remove(filepath.Join(dir, "content/templates/claims-list.html"))
	if code, _, stderr := runIn(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	out := snapshot(t, filepath.Join(dir, "public"))
	if !strings.HasPrefix(out["dossier.json"], "{\n") || len(out["dossier.json"]) < 100 {
		t.Errorf("dossier.json is not the generated one: %q", out["dossier.json"])
	}
	found := false
	for name, text := range out {
		if strings.HasPrefix(name, "style.") && text == "body { color: teal; }\n" {
			found = true
		}
	}
	if !found {
		t.Error("the dossier's own style.css was not published")
	}
}
