package render

import (
	"errors"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"dossier/internal/model"
)

// funcs are the template functions. They only format; none returns HTML.
var funcs = template.FuncMap{
	"number":             number,
	"value":              func(v *ValueView) string { return v.m.Text() },
	"interval":           func(v *ValueView) string { return v.m.Interval() },
	"dateParts":          dateParts,
	"conflicting":        conflicting,
	"statementConflicts": statementConflicts,
	"figureConflicts":    figureConflicts,
	"other":              otherClaim,
	"dict":               dict,
	"count":              count,
	"reading":            func(v *ValueView) Reading { return reading(v.m) },
	"cite":               func(s *SourceView) string { return cite(s.m) },
	"capitalize":         capitalize,
	"quoted":             quoted,
}

// number writes a figure as readers write numbers: 300000 -> 300,000
// (model.FormatNumber); "?" for NaN, which no reading gives.
func number(x float64) string {
	if math.IsNaN(x) {
		return "?"
	}
	return model.FormatNumber(x)
}

// round rounds an amount for reading: to a whole number from 100 up, to
// hundredths from 1 up, and below 1 to two significant digits, so that a
// gap between tiny figures (1e-9 and 3e-9) does not read as 0.
func round(x float64) float64 {
	switch a := math.Abs(x); {
	case a >= 100:
		return math.Round(x)
	case a >= 1 || a == 0:
		return math.Round(x*100) / 100
	}
	y, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 2, 64), 64)
	if err != nil {
		return x
	}
	return y
}

// formatDate writes YYYY-MM-DD, YYYY-MM or YYYY in words.
func formatDate(s string) string {
	for _, layout := range []struct{ in, out string }{{"2006-01-02", "2 January 2006"}, {"2006-01", "January 2006"}, {"2006", "2006"}} {
		if len(s) == len(layout.in) {
			if t, err := time.Parse(layout.in, s); err == nil {
				return t.Format(layout.out)
			}
		}
	}
	return s
}

// Date is a date of the content, YYYY-MM-DD, YYYY-MM or YYYY, in parts
// for the "date" partial to write in words: Month and Day are 0 when not
// given, and Year is 0 when Key is not such a date.
type Date struct {
	Key              string
	Year, Month, Day int
}

// dateParts splits a date of the content into its parts.
func dateParts(s string) Date {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) != len(layout) {
			continue
		}
		t, err := time.Parse(layout, s)
		if err != nil {
			break
		}
		d := Date{Key: s, Year: t.Year()}
		if len(layout) > 4 {
			d.Month = int(t.Month())
		}
		if len(layout) > 7 {
			d.Day = t.Day()
		}
		return d
	}
	return Date{Key: s}
}

// conflicting reports whether a claim is in any conflict.
func conflicting(c *ClaimView) bool { return len(c.Conflicts) > 0 }

// statementConflicts returns the conflicts between claims.
func statementConflicts(cs []*ConflictView) []*ConflictView {
	var out []*ConflictView
	for _, c := range cs {
		if c.Figure == nil {
			out = append(out, c)
		}
	}
	return out
}

// figureConflicts returns the conflicts between a figure's values.
func figureConflicts(cs []*ConflictView) []*ConflictView {
	var out []*ConflictView
	for _, c := range cs {
		if c.Figure != nil {
			out = append(out, c)
		}
	}
	return out
}

// otherClaim returns the claim of a conflict that is not c.
func otherClaim(cf *ConflictView, c *ClaimView) *ClaimView {
	for _, x := range cf.Claims {
		if x != c {
			return x
		}
	}
	return c
}

func itoa(n int) string { return strconv.Itoa(n) }

// dict builds a map from alternating keys and values, to pass several
// values to a partial template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict needs pairs of key and value")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, errors.New("dict keys must be strings")
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// count writes a number with a noun in the singular or the plural, both
// the template's words: count 3 "mention" "mentions" is "3 mentions".
func count(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return number(float64(n)) + " " + plural
}

// quoted wraps words in curly quotation marks, leaving out a mark the
// words already have at that end: a passage that ends on a quotation
// ("said: “No. Next question.”") is not closed twice. Leading and
// trailing white space is dropped.
func quoted(s string) string {
	s = strings.TrimSpace(s)
	open, close := "“", "”"
	if strings.HasPrefix(s, "“") || strings.HasPrefix(s, "\"") {
		open = ""
	}
	if strings.HasSuffix(s, "”") || (strings.HasSuffix(s, "\"") && len(s) > 1) {
		close = ""
	}
	return open + s + close
}
