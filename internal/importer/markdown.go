package importer

import "strings"

// Markdown returns the Markdown body for a plain text: one paragraph per
// non-blank line, paragraphs separated by a blank line, every line escaped so
// that CommonMark with the GFM extensions (tables, strikethrough, linkify,
// task lists) renders it as a paragraph whose text is exactly the line.
// Lines holding only spaces and tabs are blank and dropped. The text is
// expected to be [Normalize]d: no carriage returns, no control characters.
func Markdown(text string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(text, "\n") {
		if isBlank(line) {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		writeParagraph(&b, line)
		b.WriteString("\n")
	}
	return b.String()
}

// isBlank reports whether a line is empty for Markdown: only spaces and tabs.
func isBlank(line string) bool {
	return strings.Trim(line, " \t") == ""
}

// writeParagraph writes one non-blank line as a Markdown paragraph.
//
// What is escaped, and why (the rest of the text is written as it is):
//
//   - spaces and tabs at either end of the line become the character
//     references &#32; and &#9;: Markdown strips them from a paragraph, four
//     leading spaces would make it a code block, and two trailing spaces a
//     line break. A reference cannot start any block structure;
//   - \ ` * _ ~ [ ] < are escaped wherever they occur: escapes, code spans,
//     emphasis, strikethrough, links, images, autolinks, raw HTML;
//   - & is escaped before a letter or '#', where it could start an entity
//     reference such as &amp;;
//   - at the start of the line, # - + = > : (headings, thematic breaks, list
//     items, setext underlines, block quotes, definition lists) are escaped,
//     and so is the '.' or ')' after leading digits (ordered list items);
//   - what GFM's linkify would turn into a link is broken up: the ':' of
//     "://", the '.' of "www." and an '@' that follows a non-space character
//     (an e-mail address) are escaped.
//
// Tables need a delimiter row on a second line and one line never has one,
// so '|' needs no escape; '!' only starts an image before '[', which is
// always escaped.
func writeParagraph(b *strings.Builder, line string) {
	body := strings.TrimLeft(line, " \t")
	writeRefs(b, line[:len(line)-len(body)])
	trimmed := strings.TrimRight(body, " \t")
	trailing := body[len(trimmed):]
	body = trimmed

	// listEnd is the index of the '.' or ')' that would end an ordered list
	// marker at the start of the line, or -1.
	listEnd := -1
	if digits := len(body) - len(strings.TrimLeft(body, "0123456789")); digits > 0 && digits < len(body) {
		if c := body[digits]; c == '.' || c == ')' {
			listEnd = digits
		}
	}

	prev := rune(-1) // the rune before i; -1 at the start of the line
	for i, r := range body {
		escape := false
		switch r {
		case '\\', '`', '*', '_', '~', '[', ']', '<':
			escape = true
		case '&':
			escape = i+1 < len(body) && (isASCIILetter(body[i+1]) || body[i+1] == '#')
		case '#', '-', '+', '=', '>':
			escape = i == 0
		case '.', ')':
			escape = i == listEnd || (r == '.' && strings.HasSuffix(body[:i], "www"))
		case ':':
			escape = i == 0 || strings.HasPrefix(body[i+1:], "//")
		case '@':
			escape = prev != -1 && prev != ' ' && prev != '\t'
		}
		if escape {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		prev = r
	}
	writeRefs(b, trailing)
}

// writeRefs writes spaces and tabs as numeric character references.
func writeRefs(b *strings.Builder, ws string) {
	for _, r := range ws {
		switch r {
		case ' ':
			b.WriteString("&#32;")
		case '\t':
			b.WriteString("&#9;")
		default: // not reached: callers pass only spaces and tabs
			b.WriteRune(r)
		}
	}
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
