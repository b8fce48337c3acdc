// Package valid is the one home of the rules for the values a dossier is
// made of: slugs, dates (and the days a date stands for), web addresses and
// the site's base URL. The small enums (the kinds of link target and of
// entity) are package kind's; the model's vocabularies (verdicts, the kinds
// of source and of conflict) are package model's.
//
// Each rule is one function, used by every caller that needs it (reading
// content, importing a source, the command line, publishing), so that
// nothing one command accepts is refused by another. A rule returns nil
// or an error whose text completes a sentence that starts with the value's
// name: `"date" ` + err.Error() reads `"date" must be a date written ...`.
package valid

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Slug checks that s is lowercase letters, digits and single hyphens,
// neither starting nor ending with a hyphen. It is called for every file of
// every build, so it is written out rather than matched with a regular
// expression.
func Slug(s string) error {
	if IsSlug(s) {
		return nil
	}
	return fmt.Errorf("must be a slug (lowercase letters, digits and single hyphens), found %q", s)
}

// IsSlug reports whether s is a slug; see Slug.
func IsSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// SuggestSlug turns a name into the nearest slug, for error hints and for
// making a slug from a title: "The Article" becomes "the-article".
func SuggestSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "name"
	}
	return b.String()
}

// Date checks that s is a real date written YYYY-MM-DD, YYYY-MM or YYYY.
// Year 0000 does not exist (the calendar goes from 1 BC to AD 1), so it is
// refused: it is always a placeholder someone forgot to fill in.
func Date(s string) error {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 || !digits(s[:4]) ||
		len(s) >= 7 && (s[4] != '-' || !digits(s[5:7])) ||
		len(s) == 10 && (s[7] != '-' || !digits(s[8:10])) {
		return fmt.Errorf("must be a date written YYYY-MM-DD, YYYY-MM or YYYY, found %q", s)
	}
	y, _ := strconv.Atoi(s[:4])
	if y == 0 {
		return fmt.Errorf("is not a real date: there is no year 0000, found %q: write the year", s)
	}
	if len(s) == 4 {
		return nil
	}
	mo, _ := strconv.Atoi(s[5:7])
	if mo < 1 || mo > 12 {
		return fmt.Errorf("is not a real date: there is no month %d, found %q (dates are written YYYY-MM-DD): correct the month", mo, s)
	}
	if len(s) == 7 {
		return nil
	}
	day, _ := strconv.Atoi(s[8:10])
	if n := daysIn(y, mo); day < 1 || day > n {
		return fmt.Errorf("is not a real date: %s %d has %d days, found %q: correct the day", time.Month(mo), y, n, s)
	}
	return nil
}

// Day checks that s is a real date written in full, YYYY-MM-DD: the day
// something was published or reviewed, which a year or a month does not
// say.
func Day(s string) error {
	shaped := len(s) == 10 && digits(s[:4]) && s[4] == '-' && digits(s[5:7]) && s[7] == '-' && digits(s[8:])
	if !shaped {
		if Date(s) == nil {
			return fmt.Errorf("must be a full date written YYYY-MM-DD (the day, not only the year or month), found %q", s)
		}
		return fmt.Errorf("must be a full date written YYYY-MM-DD, found %q", s)
	}
	return Date(s)
}

// Days returns the first and the last day, in UTC, of a date written
// YYYY-MM-DD, YYYY-MM or YYYY (see Date): a year stands for its days from
// 1 January to 31 December, a month for its days. ok is false when s is
// not such a date.
func Days(s string) (first, last time.Time, ok bool) {
	if Date(s) != nil {
		return time.Time{}, time.Time{}, false
	}
	y, _ := strconv.Atoi(s[:4])
	switch len(s) {
	case 4:
		first = time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(1, 0, -1), true
	case 7:
		mo, _ := strconv.Atoi(s[5:7])
		first = time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(0, 1, -1), true
	}
	mo, _ := strconv.Atoi(s[5:7])
	day, _ := strconv.Atoi(s[8:10])
	first = time.Date(y, time.Month(mo), day, 0, 0, 0, 0, time.UTC)
	return first, first, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// WebURL checks that s is an absolute http:// or https:// address with a
// host, written as a browser would send it: no spaces, quotes or angle
// brackets (write them %-encoded), no control characters.
func WebURL(s string) error {
	bad := fmt.Errorf("must be an http:// or https:// address, found %q", s)
	if strings.ContainsFunc(s, func(r rune) bool {
		return r <= ' ' || r == 0x7f || r == '"' || r == '<' || r == '>' || r == '\\'
	}) {
		if strings.ContainsRune(s, ' ') && looksWeb(s) {
			return fmt.Errorf("must be a web address without spaces (write a space as %%20), found %q", s)
		}
		return bad
	}
	u, err := url.Parse(s)
	if err != nil || !looksWeb(s) {
		return bad
	}
	if u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("must be an http:// or https:// address with a host, e.g. https://example.org/page, found %q", s)
	}
	return nil
}

func looksWeb(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// BaseURL checks a site's base URL, the address its pages are published
// under, and returns it ending in "/", so that every URL made from it is
// right. It must be a web address (see WebURL) without user, query or
// fragment, since those cannot be the prefix of every page's address.
func BaseURL(s string) (string, error) {
	if err := WebURL(s); err != nil {
		return "", err
	}
	u, _ := url.Parse(s)
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(s, "?#") {
		return "", fmt.Errorf("must be the address the site is published under, without user, query or fragment, e.g. https://example.org/dossier/, found %q", s)
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}
