package valid

import (
	"strings"
	"testing"
	"time"
)

func TestSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"a": true, "cdc-overdose-deaths-100000": true, "2025": true,
		"": false, "-a": false, "a-": false, "a--b": false, "A": false, "a_b": false, "a b": false, "é": false,
	} {
		if got := Slug(s) == nil; got != want {
			t.Errorf("Slug(%q) ok = %v, want %v", s, got, want)
		}
	}
	if got := SuggestSlug("The Article (2)"); got != "the-article-2" {
		t.Errorf("SuggestSlug = %q", got)
	}
	if got := SuggestSlug("—"); got != "name" {
		t.Errorf("SuggestSlug of nothing = %q", got)
	}
}

func TestDate(t *testing.T) {
	for s, want := range map[string]string{
		"2025":       "",
		"2025-02":    "",
		"2024-02-29": "",
		"2025-02-29": "February 2025 has 28 days",
		"2025-13":    "no month 13",
		"2025-00-10": "no month 0",
		"0000":       "no year 0000",
		"0000-01-01": "no year 0000",
		"2025-8-10":  "must be a date written",
		"August":     "must be a date written",
		"20250":      "must be a date written",
		"2025/02/01": "must be a date written",
		"":           "must be a date written",
	} {
		err := Date(s)
		switch {
		case want == "" && err != nil:
			t.Errorf("Date(%q) = %v, want nil", s, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("Date(%q) = %v, want an error containing %q", s, err, want)
		}
	}
}

func TestDay(t *testing.T) {
	for s, want := range map[string]string{
		"2025-08-10": "",
		"2024-02-29": "",
		"2025-02-29": "February 2025 has 28 days",
		"2025-08":    "the day, not only the year or month",
		"2025":       "the day, not only the year or month",
		"0000-01-01": "no year 0000",
		"10/08/2025": "must be a full date written YYYY-MM-DD",
		"August":     "must be a full date written YYYY-MM-DD",
	} {
		err := Day(s)
		switch {
		case want == "" && err != nil:
			t.Errorf("Day(%q) = %v, want nil", s, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("Day(%q) = %v, want an error containing %q", s, err, want)
		}
	}
}

func TestWebURL(t *testing.T) {
	for s, want := range map[string]string{
		"https://example.org/a":      "",
		"HTTP://example.org":         "",
		"https://example.org/a%20b":  "",
		"https://example.org/a b":    "without spaces",
		"javascript:alert(1)":        "must be an http",
		"ftp://example.org/x":        "must be an http",
		"https://":                   "with a host",
		"https:///path":              "with a host",
		"https://example.org/\"x\"":  "must be an http",
		"https://example.org/<x>":    "must be an http",
		"https://exa\nmple.org":      "must be an http",
		"example.org":                "must be an http",
		"data:text/html;base64,PHNj": "must be an http",
	} {
		err := WebURL(s)
		switch {
		case want == "" && err != nil:
			t.Errorf("WebURL(%q) = %v, want nil", s, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("WebURL(%q) = %v, want an error containing %q", s, err, want)
		}
	}
}

func TestBaseURL(t *testing.T) {
	for s, want := range map[string]string{
		"https://example.org":           "https://example.org/",
		"https://example.org/dossier/":  "https://example.org/dossier/",
		"https://example.org/dossier":   "https://example.org/dossier/",
		"https://example.org/?x=1":      "error",
		"https://example.org/#top":      "error",
		"https://u:p@example.org/":      "error",
		"example.org":                   "error",
		"https://example.org/a b/":      "error",
		"https://example.org/dossier/?": "error",
	} {
		got, err := BaseURL(s)
		if want == "error" {
			if err == nil {
				t.Errorf("BaseURL(%q) = %q, want an error", s, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("BaseURL(%q) = %q, %v; want %q", s, got, err, want)
		}
	}
}

func TestDays(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for s, want := range map[string][2]string{
		"2024":       {"2024-01-01", "2024-12-31"},
		"2024-02":    {"2024-02-01", "2024-02-29"},
		"2023-02":    {"2023-02-01", "2023-02-28"},
		"2023-12":    {"2023-12-01", "2023-12-31"},
		"2024-03-15": {"2024-03-15", "2024-03-15"},
	} {
		first, last, ok := Days(s)
		if !ok || !first.Equal(day(want[0])) || !last.Equal(day(want[1])) || first.Location() != time.UTC {
			t.Errorf("Days(%q) = %v, %v, %v; want %s to %s", s, first, last, ok, want[0], want[1])
		}
	}
	for _, s := range []string{"", "0000", "2024-13", "2023-02-29", "2024-1-1", "24"} {
		if _, _, ok := Days(s); ok {
			t.Errorf("Days(%q) is a date", s)
		}
	}
}
