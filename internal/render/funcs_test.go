package render

import (
	"html/template"
	"strings"
	"testing"

	theme "dossier"
	"dossier/internal/model"
)

func TestDateParts(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Date
	}{
		{"2025-08-10", Date{Key: "2025-08-10", Year: 2025, Month: 8, Day: 10}},
		{"2025-08", Date{Key: "2025-08", Year: 2025, Month: 8}},
		{"2025", Date{Key: "2025", Year: 2025}},
		{"2025-13", Date{Key: "2025-13"}},
		{"soon", Date{Key: "soon"}},
		{"", Date{}},
	} {
		if got := dateParts(tc.in); got != tc.want {
			t.Errorf("dateParts(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// relationWords is how the default theme's "relation" partial says
// relationOf(other, this); "" when nothing can be said.
func relationWords(t testing.TB, other, this *model.Value) string {
	t.Helper()
	rel := relationOf(other, this)
	if rel.Way == "" {
		return ""
	}
	return partialWords(t, "relation", rel)
}

// partialWords executes a partial of the default theme's words.html.
func partialWords(t testing.TB, name string, data any) string {
	t.Helper()
	tm, err := template.New("").Funcs(funcs).ParseFS(theme.Templates(), "partials/words.html")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tm.ExecuteTemplate(&b, name, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
