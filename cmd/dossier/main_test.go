package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeDossier writes files (path -> text) under dir.
func writeDossier(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var goodDossier = map[string]string{
	"content/sources/a.md": "---\ntitle: A\n---\nThe CDC counts closer to 100,000 deaths.\n",
	"content/sources/b.md": "---\ntitle: B\n---\nHe said roughly 300,000 die.\n",
	"content/claims/cdc.md": "---\ntitle: About 100,000.\nquotes:\n  - source: a\n    text: closer to 100,000\n" +
		"    figure: {key: deaths, value: 100000, approx: true, unit: deaths, words: \"closer to 100,000\"}\n---\n",
	"content/claims/trump.md": "---\ntitle: About 300,000.\nquotes:\n  - source: b\n    text: roughly 300,000\n" +
		"    figure: {key: deaths, value: 300000, approx: true, words: \"roughly 300,000\"}\n---\n",
	"content/figures/deaths.md": "---\nlabel: U.S. overdose deaths per year\nunit: deaths\n---\n",
}

func runIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBuildReplacesOutputAtomically(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	code, stdout, stderr := runIn(t, dir, "build")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	first := snapshot(t, filepath.Join(dir, "public"))
	if _, ok := first["claims/cdc/index.html"]; !ok {
		t.Fatalf("no claim page; built %v", keys(first))
	}

	// The same input builds the same bytes.
	if code, _, stderr := runIn(t, dir, "build"); code != 0 {
		t.Fatalf("second build: %s", stderr)
	}
	if second := snapshot(t, filepath.Join(dir, "public")); !equal(first, second) {
		t.Error("two builds of the same input differ")
	}

	// A broken dossier reports every error and leaves public/ as it was.
	writeDossier(t, dir, map[string]string{
		"content/claims/trump.md": "---\ntitle: About 300,000.\nquotes:\n  - source: b\n    text: roughly 400,000\n---\n",
		"content/claims/bad.md":   "---\ntitle: Bad\nverdict: maybe\nrationale: R.\nquotes:\n  - source: nowhere\n    text: x\n---\n",
	})
	code, _, stderr = runIn(t, dir, "build")
	if code != 1 {
		t.Fatalf("broken build: exit %d, want 1", code)
	}
	for _, want := range []string{
		"content/claims/bad.md:3:10: verdict \"maybe\" is not on the rating scale (the default scale: supported, misleading, disputed, false, unverified;",
		"content/claims/bad.md:6:13: unknown source \"nowhere\"",
		"content/claims/trump.md:5:",
		"quote not found in source \"b\"; closest: \"roughly 300,000\"",
		"3 errors; public was left as it was",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Index(stderr, "bad.md") > strings.Index(stderr, "trump.md") {
		t.Error("errors are not sorted by path")
	}
	if after := snapshot(t, filepath.Join(dir, "public")); !equal(first, after) {
		t.Error("a failed build changed public/")
	}

	// Fixed, with a claim deleted: its page is gone.
	os.Remove(filepath.Join(dir, "content/claims/bad.md"))
	os.Remove(filepath.Join(dir, "content/claims/cdc.md"))
	writeDossier(t, dir, map[string]string{"content/claims/trump.md": goodDossier["content/claims/trump.md"]})
	if code, _, stderr := runIn(t, dir, "build"); code != 0 {
		t.Fatalf("build after fix: %s", stderr)
	}
	after := snapshot(t, filepath.Join(dir, "public"))
	if _, ok := after["claims/cdc/index.html"]; ok {
		t.Error("the deleted claim's page is still in public/")
	}
	if _, ok := after["claims/trump/index.html"]; !ok {
		t.Error("the remaining claim's page is missing")
	}
	// No temporary folders are left beside public/.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	code, stdout, stderr := runIn(t, dir, "check")
	if code != 0 {
		t.Fatalf("check: exit %d: %s", code, stderr)
	}
	want := "conflict: discrepancy: Roughly 300,000 vs closer to 100,000 U.S. overdose deaths per year [closer to 100,000 (cdc in a) vs roughly 300,000 (trump in b)]\n"
	if !strings.HasPrefix(stdout, want) {
		t.Errorf("check output:\n%s\nwant first line:\n%s", stdout, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("check wrote public/")
	}

	code, stdout, _ = runIn(t, dir, "check", "--json")
	var out checkJSON
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || code != 0 {
		t.Fatalf("check --json: exit %d, %v\n%s", code, err, stdout)
	}
	if len(out.Conflicts) != 1 || out.Conflicts[0].Figure != "deaths" || strings.Join(out.Conflicts[0].Claims, ",") != "cdc,trump" {
		t.Errorf("conflicts = %+v", out.Conflicts)
	} else if c := out.Conflicts[0]; c.ID != "figure-deaths" || c.Kind != "discrepancy" || c.FigureLabel != "U.S. overdose deaths per year" ||
		c.Title != "Roughly 300,000 vs closer to 100,000 U.S. overdose deaths per year" || fmt.Sprint(c.Sides) != "[[cdc] [trump]]" {
		t.Errorf("conflict = %+v", c)
	}

	writeDossier(t, dir, map[string]string{"content/claims/x.md": "---\ntitle: X\n---\n"})
	code, stdout, _ = runIn(t, dir, "check", "--json")
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || code != 1 {
		t.Fatalf("check --json on errors: exit %d, %v", code, err)
	}
	if len(out.Errors) != 1 || out.Errors[0].Path != "content/claims/x.md" || out.Errors[0].Line != 2 {
		t.Errorf("errors = %+v", out.Errors)
	}
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{nil, 2, "", "usage:"},
		{[]string{"--help"}, 0, "dossier build", ""},
		{[]string{"build", "--help"}, 0, "usage: dossier build", ""},
		{[]string{"check", "-h"}, 0, "usage: dossier check", ""},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"build", "--nope"}, 2, "", "flag provided but not defined: -nope\n"},
		{[]string{"build", "--outt", "x"}, 2, "", "flag provided but not defined: -outt (did you mean --out?)"},
		{[]string{"build", "--forse"}, 2, "", "flag provided but not defined: -forse (did you mean --force?)"},
		{[]string{"biuld"}, 2, "", `unknown command "biuld" (did you mean build?)`},
		{[]string{"import", "--slgu", "x", "f.txt"}, 2, "", "flag provided but not defined: -slgu (did you mean --slug?)"},
		{[]string{"build", "extra"}, 2, "", `unexpected argument "extra" (to build into extra, pass --out extra)`},
		{[]string{"build", "--out", ""}, 2, "", "--out and --content must name folders"},
		{[]string{"build", "--help"}, 0, "--force", ""},
		{[]string{"build", "--base-url", "ftp://x"}, 2, "", `--base-url must be an http:// or https:// address, found "ftp://x"`},
		{[]string{"build", "--base-url", "https://example.org/?page=1"}, 2, "", "--base-url must be the address the site is published under, without user, query or fragment"},
		{[]string{"build", "--content", "missing"}, 1, "", "no content folder at missing: create it or pass --content DIR"},
		{[]string{"check", "--content", "contnet"}, 1, "", "no content folder at contnet (did you mean --content content?)"},
	} {
		code, stdout, stderr := runIn(t, dir, tc.args...)
		if code != tc.code || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("dossier %v: exit %d\nstdout: %s\nstderr: %s\nwant exit %d, stdout with %q, stderr with %q",
				tc.args, code, stdout, stderr, tc.code, tc.stdout, tc.stderr)
		}
	}
}

func TestSymlinkOutOfContentIsNotFollowed(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	secret := filepath.Join(dir, "secret.md")
	os.WriteFile(secret, []byte("---\ntitle: Secret\n---\nsecret text\n"), 0o644)
	if err := os.Symlink(secret, filepath.Join(dir, "content/sources/leak.md")); err != nil {
		t.Skip("no symlinks here")
	}
	code, _, stderr := runIn(t, dir, "build")
	if code != 1 || !strings.Contains(stderr, "content/sources/leak.md: ") || !strings.Contains(stderr, "not followed") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestServePortInUse(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	code, _, stderr := runIn(t, dir, "serve", "--addr", ln.Addr().String())
	if code != 1 || !strings.Contains(stderr, ln.Addr().String()+" is in use") {
		t.Errorf("exit %d, stderr: %s", code, stderr)
	}
	code, _, stderr = runIn(t, dir, "serve", "--addr", "nonsense")
	if code != 2 || !strings.Contains(stderr, "want host:port") {
		t.Errorf("bad --addr: exit %d, stderr: %s", code, stderr)
	}
}

// TestBuildKeepsPublishersFiles checks that files a publisher adds to the
// output folder by hand survive a rebuild, and nothing else does.
func TestBuildKeepsPublishersFiles(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	if code, _, stderr := runIn(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	writeDossier(t, dir, map[string]string{
		"public/CNAME":                    "dossier.example.org\n",
		"public/.nojekyll":                "",
		"public/.well-known/security.txt": "Contact: mailto:desk@example.org\n",
		"public/.git/HEAD":                "ref: refs/heads/gh-pages\n",
		"public/stray.html":               "left over",
	})
	if code, _, stderr := runIn(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	after := snapshot(t, filepath.Join(dir, "public"))
	for _, name := range []string{"CNAME", ".nojekyll", ".well-known/security.txt", ".git/HEAD"} {
		if _, ok := after[name]; !ok {
			t.Errorf("%s did not survive the rebuild", name)
		}
	}
	if _, ok := after["stray.html"]; ok {
		t.Error("a file that is not in the keep list survived")
	}
	if after["CNAME"] != "dossier.example.org\n" {
		t.Errorf("CNAME changed: %q", after["CNAME"])
	}
}

// TestBuildFlagsReachTheSite checks --base-url and --minify end to end.
func TestBuildFlagsReachTheSite(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	code, _, stderr := runIn(t, dir, "build", "--base-url", "https://example.org/d/", "--minify")
	if code != 0 {
		t.Fatal(stderr)
	}
	out := snapshot(t, filepath.Join(dir, "public"))
	if !strings.Contains(out["sitemap.xml"], "<loc>https://example.org/d/claims/cdc/</loc>") {
		t.Errorf("sitemap.xml lacks the claim's absolute URL:\n%s", out["sitemap.xml"])
	}
	home := out["index.html"]
	if !strings.Contains(home, `<link rel="canonical" href="https://example.org/d/">`) {
		t.Error("the home page has no canonical URL under --base-url")
	}
	if code, _, stderr := runIn(t, dir, "build", "--base-url", "https://example.org/d/", "--out", "plain"); code != 0 {
		t.Fatal(stderr)
	}
	plain := snapshot(t, filepath.Join(dir, "plain"))["index.html"]
	if len(home) >= len(plain) || !strings.Contains(home, `<meta name="viewport" content="width=device-width,initial-scale=1">`) {
		t.Errorf("--minify did not minify the home page (%d bytes, %d without)", len(home), len(plain))
	}
}

func TestServeWarnsOffLoopback(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Skip("cannot listen on all addresses here")
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	code, _, stderr := runIn(t, dir, "serve", "--addr", "0.0.0.0:"+port)
	if code != 1 || !strings.Contains(stderr, "not on a loopback address") {
		t.Errorf("exit %d, stderr: %s", code, stderr)
	}
}
