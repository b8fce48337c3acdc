package render

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestTimelineOrder: claims dated to the day come first in their month,
// then those dated only by the month; claims dated only by the year come
// after December, in a group of their own; the numbering runs on across
// the groups, the undated claims last.
func TestTimelineOrder(t *testing.T) {
	fsys := fstest.MapFS{"sources/s.md": {Data: []byte("---\ntitle: S\n---\nOne. Two.\n")}}
	dates := map[string]string{
		"a-year": "2025", "b-jan-month": "2025-01", "c-jan-20": "2025-01-20", "d-jan-03": "2025-01-03",
		"e-dec": "2025-12-31", "f-2024": "2024", "g-2026-feb": "2026-02-01", "h-undated": "", "i-jan-03": "2025-01-03",
	}
	for id, date := range dates {
		fm := "title: Claim " + id + ".\n"
		if date != "" {
			fm += "date: \"" + date + "\"\n"
		}
		fsys["claims/"+id+".md"] = &fstest.MapFile{Data: []byte("---\n" + fm + "quotes:\n  - source: s\n    text: One.\n---\n")}
	}
	var got []string
	for _, job := range testPages(t, fsys) {
		p := job.page
		if job.template != "timeline" {
			continue
		}
		for _, m := range p.Timeline {
			var ids []string
			for _, c := range m.Claims {
				ids = append(ids, c.ID)
			}
			got = append(got, fmt.Sprintf("%d. %s: %s", m.Start, m.Key, strings.Join(ids, " ")))
		}
		var ids []string
		for _, c := range p.Undated {
			ids = append(ids, c.ID)
		}
		got = append(got, fmt.Sprintf("%d. undated: %s", p.UndatedStart(), strings.Join(ids, " ")))
	}
	want := []string{
		"1. 2024: f-2024",
		"2. 2025-01: d-jan-03 i-jan-03 c-jan-20 b-jan-month",
		"6. 2025-12: e-dec",
		"7. 2025: a-year",
		"8. 2026-02: g-2026-feb",
		"9. undated: h-undated",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the timeline is\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}
