package importer

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/internal/content"

	"go.yaml.in/yaml/v3"
)

func TestSource(t *testing.T) {
	meta := Meta{
		Title:     "Trump: “No. Next question.” — #1 *story*",
		Author:    "Aditya Kumar",
		Published: "2025-08-10",
		Note:      "Cut the date banner \"Today : Aug 31, 2025\".\nSecond line: yes",
	}
	got, err := Source(meta, "\uFEFFHeadline\r\n\r\n1. First *line*.\r\n")
	if err != nil {
		t.Fatal(err)
	}
	want := `---
title: 'Trump: “No. Next question.” — #1 *story*'
author: Aditya Kumar
published: "2025-08-10"
note: |-
  Cut the date banner "Today : Aug 31, 2025".
  Second line: yes
---

Headline

1\. First \*line\*.
`
	if string(got) != want {
		t.Errorf("Source =\n%s\nwant\n%s", got, want)
	}

	// The front matter reads back as the same strings, in the order of Meta.
	fm, _, ok := bytes.Cut(bytes.TrimPrefix(got, []byte("---\n")), []byte("\n---\n"))
	if !ok {
		t.Fatalf("no closing --- in %s", got)
	}
	var back Meta
	if err := yaml.Unmarshal(fm, &back); err != nil {
		t.Fatal(err)
	}
	if back != meta {
		t.Errorf("front matter reads back as %+v, want %+v", back, meta)
	}
}

func TestSourceFieldOrder(t *testing.T) {
	meta := Meta{Note: "n", URL: "https://example.com/a", Published: "2025", Author: "a", Outlet: "o", Title: "t"}
	got, err := Source(meta, "x")
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: t\noutlet: o\nauthor: a\npublished: \"2025\"\nurl: https://example.com/a\nnote: \"n\"\n---\n\nx\n"
	if string(got) != want {
		t.Errorf("Source = %q, want %q", got, want)
	}
}

func TestSourceErrors(t *testing.T) {
	for _, tc := range []struct {
		meta Meta
		text string
		want string
	}{
		{Meta{}, "x", "title is required"},
		{Meta{Title: "t", Published: "2025-02-30"}, "x", `published is not a real date: February 2025 has 28 days`},
		{Meta{Title: "t", URL: "ftp://example.com"}, "x", `url must be an http:// or https:// address, found "ftp://example.com"`},
		{Meta{Title: "t"}, "ok\n\xff\xfe", "line 2: the text is not valid UTF-8"},
		{Meta{Title: "t"}, "a\x00b", "control character U+0000"},
		{Meta{Title: "t"}, " \n\n\t", "the text is empty"},
	} {
		_, err := Source(tc.meta, tc.text)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Source(%+v, %q) error = %v, want %q", tc.meta, tc.text, err, tc.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\uFEFFa\r\nb\rc\n", "a\nb\nc\n"},
		{"tab\tkept, U+FFFD \uFFFD kept, BOM inside \uFEFF kept", "tab\tkept, U+FFFD \uFFFD kept, BOM inside \uFEFF kept"},
	} {
		got, err := Normalize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"\xc3", "a\x1bb", "a\x7fb", "a\vb", "a\fb"} {
		if _, err := Normalize(in); err == nil {
			t.Errorf("Normalize(%q) succeeded, want an error", in)
		}
	}
}

// TestSourceRefusesWhatBuildRefuses checks that a field the build would
// not read back as given, or a file over the build's size limit, is an
// error naming the field, rather than a source that check rejects.
func TestSourceRefusesWhatBuildRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		meta Meta
		text string
		want string
	}{
		{"title not UTF-8", Meta{Title: "caf\xe9"}, "x", "title is not valid UTF-8 text (byte 0xe9)"},
		{"author not UTF-8", Meta{Title: "t", Author: "Ren\xe9"}, "x", "author is not valid UTF-8 text"},
		{"outlet white space", Meta{Title: "t", Outlet: " \t"}, "x", "outlet is only white space: give a value or leave it out"},
		{"note white space", Meta{Title: "t", Note: "\n"}, "x", "note is only white space"},
		{"title on two lines", Meta{Title: "a\nb"}, "x", "title must be one line"},
		{"author on two lines", Meta{Title: "t", Author: "a\nb"}, "x", "author must be one line"},
		{"control character", Meta{Title: "a\x1bb"}, "x", "title holds the control character U+001B"},
		{"C1 control, a YAML line end", Meta{Title: "t", Note: "a\u0085b"}, "x", "note holds the control character U+0085"},
		{"line separator", Meta{Title: "a\u2028b"}, "x", "title holds U+2028, a line end that YAML sees and editors do not show"},
		{"paragraph separator", Meta{Title: "t", Note: "a\u2029b"}, "x", "note holds U+2029"},
		{"year 0000", Meta{Title: "t", Published: "0000"}, "x", "published is not a real date: there is no year 0000"},
		{"url with a space", Meta{Title: "t", URL: "https://example.org/a b"}, "x", "url must be a web address without spaces"},
		{"too big", Meta{Title: "t"}, strings.Repeat("x", content.MaxFileSize), "the source would be 10,485,779 bytes, over the 10 MB (10,485,760 bytes) a content file may hold: split the text into several sources"},
		{"too big once escaped", Meta{Title: "t"}, strings.Repeat("*", content.MaxFileSize/2+1), "over the 10 MB (10,485,760 bytes) a content file may hold"},
	} {
		_, err := Source(tc.meta, tc.text)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error = %v, want %q", tc.name, err, tc.want)
		}
	}
	// Right at the limit is fine: the build reads a file of MaxFileSize bytes.
	head := len("---\ntitle: t\n---\n\n")
	out, err := Source(Meta{Title: "t"}, strings.Repeat("x", content.MaxFileSize-head-1))
	if err != nil || len(out) != content.MaxFileSize {
		t.Errorf("a source of exactly MaxFileSize: %d bytes, %v", len(out), err)
	}
}

// TestSourceReadsBack checks that what Source writes, the content reader
// reads without error, with the fields as given, for values that YAML
// writes in every style: quoted, block, escaped.
func TestSourceReadsBack(t *testing.T) {
	for _, meta := range []Meta{
		{Title: "Trump: “No. Next question.” — #1 *story*", Outlet: "yes", Author: "- x", Published: "2025", URL: "https://example.org/a?b=c#d", Note: "line one\n---\nline three: \"x\"\n\ttabbed"},
		{Title: "---", Outlet: "null", Author: "'quoted'", Note: "x\n\n\ny"},
		{Title: "tab\there, U+FFFD \uFFFD, BOM \uFEFF, 東京 🙂", Author: strings.Repeat("long name ", 30)},
		{Title: "&amp; <b>not html</b> [x](entity:y) ![i](claim:z)"},
	} {
		out, err := Source(meta, "Body *text* with [x](entity:y) and ![i](claim:z).\n\u2028odd\u2029line\n")
		if err != nil {
			t.Errorf("Source(%+v): %v", meta, err)
			continue
		}
		d, errs := content.Read(fstest.MapFS{"sources/s.md": {Data: out}}, "content")
		if len(errs) > 0 || len(d.Sources) != 1 {
			t.Errorf("Source(%+v) wrote\n%s\nwhich reads with errors:\n%s", meta, out, errs.Format())
			continue
		}
		s := d.Sources[0]
		got := Meta{Title: s.Title, Outlet: s.Outlet, Author: s.Author, Published: s.Published, URL: s.URL, Note: s.Note}
		want := meta
		want.Author = strings.TrimSpace(want.Author)
		if got != want {
			t.Errorf("reads back as %+v, want %+v", got, want)
		}
	}
}
