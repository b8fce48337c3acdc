// Package importer turns a plain-text article into a dossier source file.
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
package importer

import (
	"bytes"
	"errors"
	"fmt"

	"strings"

	"unicode/utf8"

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
// are well formed.
func (m Meta) Validate() error {
	var errs []error
	if strings.TrimSpace(m.Title) == "" {
		errs = append(errs, errors.New("title is required"))
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

// Source returns the source file for a text: front matter from meta, then
// the body from [Markdown]. The text is first [Normalize]d.
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
	return out.Bytes(), nil
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
