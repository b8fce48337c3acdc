// Package importer turns a plain-text article or a saved web page into a
// dossier source file.
//
// A source file is YAML front matter between "---" lines (the fields of
// [Meta] that are set, in the order title, outlet, author, published, url,
// note), a blank line, and the body: one Markdown paragraph per non-blank line
// of the text, escaped by [Markdown] so that the rendered page shows every
// character exactly as the text has it. Nothing in the text is reworded,
// dropped or reordered; blank lines only separate paragraphs.
//
// Before that, [Normalize] strips a UTF-8 byte order mark and turns CRLF and
// CR line endings into LF, and rejects text that is not UTF-8 or holds
// control characters other than tab.
//
// A saved web page ([IsHTML]) is imported by [PageSource]: its article,
// found by go-readability, becomes the body, one Markdown block per
// heading, paragraph, list item or quoted paragraph, each escaped as
// above; fields the page's metadata gives fill those of [Meta] left empty,
// and the note says which.
//
// What the importer writes, the build reads: it refuses a field that the
// build would refuse (see [Meta.Validate]) and a file over
// [content.MaxFileSize], rather than write a source that "dossier check"
// then rejects.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"dossier/internal/content"
	"dossier/internal/valid"

	"go.yaml.in/yaml/v3"
)

// Meta is a source's front matter. Title is required; the other fields are
// optional and left out of the file when empty. Never fill in what the text
// does not establish.
type Meta struct {
	Title     string `yaml:"title"`
	Outlet    string `yaml:"outlet,omitempty"`
	Author    string `yaml:"author,omitempty"`
	Published string `yaml:"published,omitempty"` // YYYY-MM-DD, YYYY-MM or YYYY
	URL       string `yaml:"url,omitempty"`       // http or https
	Note      string `yaml:"note,omitempty"`
}

// Validate checks that Title is set and that Published and URL, when set,
// are well formed, and that every field set is text the build reads back
// as it was given: valid UTF-8, not only white space, without control
// characters or the line ends that YAML sees and editors do not (U+0085,
// U+2028, U+2029), and on one line, except for Note.
func (m Meta) Validate() error {
	var errs []error
	if strings.TrimSpace(m.Title) == "" {
		errs = append(errs, errors.New("title is required"))
	}
	for _, f := range []struct {
		name, value string
		lines       bool // may hold line breaks
	}{
		{"title", m.Title, false}, {"outlet", m.Outlet, false}, {"author", m.Author, false},
		{"published", m.Published, false}, {"url", m.URL, false}, {"note", m.Note, true},
	} {
		if f.name == "title" && strings.TrimSpace(f.value) == "" {
			continue // said above
		}
		if err := fieldText(f.value, f.lines); err != nil {
			errs = append(errs, fmt.Errorf("%s %w", f.name, err))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...) // the rules below assume readable text
	}
	if m.Published != "" {
		if err := valid.Date(m.Published); err != nil {
			errs = append(errs, fmt.Errorf("published %w", err))
		}
	}
	if m.URL != "" {
		if err := valid.WebURL(m.URL); err != nil {
			errs = append(errs, fmt.Errorf("url %w", err))
		}
	}
	return errors.Join(errs...)
}

// fieldText checks one front matter field; "" is a field left out.
func fieldText(s string, lines bool) error {
	switch {
	case s == "":
		return nil
	case !utf8.ValidString(s):
		i := firstInvalid(s)
		return fmt.Errorf("is not valid UTF-8 text (byte 0x%02x); give it as UTF-8", s[i])
	case strings.TrimSpace(s) == "":
		return errors.New("is only white space: give a value or leave it out")
	}
	for _, r := range s {
		switch {
		case r == '\n' && !lines:
			return errors.New("must be one line")
		case r == '\n', r == '\t':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			return fmt.Errorf("holds the control character U+%04X: remove it", r)
		case r == 0x2028, r == 0x2029:
			return fmt.Errorf("holds U+%04X, a line end that YAML sees and editors do not show: remove it", r)
		}
	}
	return nil
}

func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return i
		}
	}
	return 0
}

// Source returns the source file for a text: front matter from meta, then
// the body from [Markdown]. The text is first [Normalize]d. A file over
// [content.MaxFileSize], which the build would not read, is an error.
func Source(meta Meta, text string) ([]byte, error) {
	if err := meta.Validate(); err != nil {
		return nil, err
	}
	plain, err := Normalize(text)
	if err != nil {
		return nil, err
	}
	body := Markdown(plain)
	if body == "" {
		return nil, errors.New("the text is empty")
	}
	return file(meta, body)
}

// file writes a source file: meta as front matter, then body.
func file(meta Meta, body string) ([]byte, error) {
	var fm bytes.Buffer
	enc := yaml.NewEncoder(&fm)
	enc.SetIndent(2)
	if err := enc.Encode(meta); err != nil {
		return nil, fmt.Errorf("writing front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("writing front matter: %w", err)
	}

	var out bytes.Buffer
	out.WriteString("---\n")
	out.Write(fm.Bytes())
	out.WriteString("---\n\n")
	out.WriteString(body)
	if out.Len() > content.MaxFileSize {
		return nil, fmt.Errorf("the source would be %s bytes, over the %d MB (%s bytes) a content file may hold: split the text into several sources",
			thousands(out.Len()), content.MaxFileSize>>20, thousands(content.MaxFileSize))
	}
	return out.Bytes(), nil
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Normalize returns text ready for [Markdown]: a leading UTF-8 byte order mark
// removed, CRLF and lone CR line endings turned into LF. It rejects invalid
// UTF-8 and control characters other than tab and line endings, naming the
// line of the first offence.
func Normalize(text string) (string, error) {
	s := strings.TrimPrefix(text, "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	line := 1
	for i, r := range s {
		switch {
		case r == '\n':
			line++
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return "", fmt.Errorf("line %d: the text is not valid UTF-8 (byte 0x%02x); convert it to UTF-8 first", line, s[i])
		case r < 0x20 && r != '\t', r == 0x7f:
			return "", fmt.Errorf("line %d: control character U+%04X; plain text may hold only tabs and line breaks", line, r)
		}
	}
	return s, nil
}
