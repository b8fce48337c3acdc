package render

import (
	"dossier/internal/related"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRelatedSamePassage: of a thousand claims quoting one passage, each
// page lists eight related claims, taken from the 200 quotes (related's maxPassageScan)
// nearest its own (half before it, half after), lowest ids first, and says
// how many claims quote the passage; two claims of the same passage say
// only "same passage"; a claim opposed in a statement conflict is left
// out.
func TestRelatedSamePassage(t *testing.T) {
	for _, n := range []int{2, 1000} {
		fsys := fstest.MapFS{
			"sources/s.md": {Data: []byte("---\ntitle: S\n---\nBefore. The one sentence that all quote. After.\n")},
		}
		for i := range n {
			fsys[fmt.Sprintf("claims/c%04d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
				"---\ntitle: Claim %d.\nquotes:\n  - source: s\n    text: The one sentence that all quote.\n---\n", i))}
		}
		if n > 2 {
			fsys["conflicts/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\nkind: tension\nsides: [[c0500], [c0001, c0002]]\n---\n")}
		}
		for _, job := range testPages(t, fsys) {
			p := job.page
			if p.Claim == nil {
				continue
			}
			rel := p.RelatedClaims()
			if len(rel) != min(n-1, related.Max) {
				t.Fatalf("%d claims: %s has %d related claims", n, p.Claim.ID, len(rel))
			}
			want := related.Reason{Kind: related.Passage}
			if n > related.Max+1 {
				want.Count = n
			}
			for _, r := range rel {
				if len(r.Reasons) != 1 || r.Reasons[0] != want || r.Claim == p.Claim {
					t.Fatalf("%d claims: %s: %s: %v, want %v", n, p.Claim.ID, r.Claim.ID, r.Reasons, want)
				}
				if p.Claim.ID == "c0500" && (r.Claim.ID == "c0001" || r.Claim.ID == "c0002") {
					t.Errorf("c0500 lists %s, on the other side of its conflict", r.Claim.ID)
				}
			}
			if p.Claim.ID == "c0500" && rel[0].Claim.ID != fmt.Sprintf("c%04d", 500-200/2) {
				t.Errorf("c0500's first related claim is %s", rel[0].Claim.ID)
			}
		}
	}
}

// TestClaimSideCounts: a side lists its first sideClaims claims, the
// claim of the page left out, and counts the others.
func TestClaimSideCounts(t *testing.T) {
	fsys := fstest.MapFS{"sources/s.md": {Data: []byte("---\ntitle: S\n---\nOne. Two.\n")}}
	var a, b []string
	for i := range 20 {
		id := fmt.Sprintf("c%02d", i)
		text := "One."
		if i >= 10 {
			text = "Two."
			b = append(b, id)
		} else {
			a = append(a, id)
		}
		fsys["claims/"+id+".md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Claim %d.\nquotes:\n  - source: s\n    text: %s\n---\n", i, text))}
	}
	sides := "[[" + strings.Join(a, ", ") + "], [" + strings.Join(b, ", ") + "]"
	for i := range 6 { // more sides than a claim page lists
		sides += fmt.Sprintf(", [e%d]", i)
		fsys[fmt.Sprintf("claims/e%d.md", i)] = &fstest.MapFile{Data: []byte("---\ntitle: E.\nquotes:\n  - source: s\n    text: Two.\n---\n")}
	}
	fsys["conflicts/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\nkind: contradiction\nsides: " + sides + "]\n---\n")}
	for _, job := range testPages(t, fsys) {
		p := job.page
		if p.Claim == nil || !strings.HasPrefix(p.Claim.ID, "c") {
			continue
		}
		cc := p.ClaimConflicts()
		if len(cc) != 1 {
			t.Fatalf("%s: %d conflicts", p.Claim.ID, len(cc))
		}
		with := cc[0].With
		if len(with.Claims) != sideClaims || with.More != 10-1-sideClaims {
			t.Errorf("%s: its side lists %d claims and counts %d more", p.Claim.ID, len(with.Claims), with.More)
		}
		for _, c := range with.Claims {
			if c.Claim == p.Claim {
				t.Errorf("%s is listed on its own side", p.Claim.ID)
			}
		}
		against := cc[0].Against
		more := 0
		for _, s := range against {
			more += len(s.Claims) + s.More
		}
		if len(against) != maxAgainst || more != 10+6 {
			t.Errorf("%s: %d sides against, %d claims on them", p.Claim.ID, len(against), more)
		}
	}
}
