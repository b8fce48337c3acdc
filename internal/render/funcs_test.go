package render

import "testing"

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
