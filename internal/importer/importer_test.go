package importer

import (
	"bytes"
	"strings"
	"testing"

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
