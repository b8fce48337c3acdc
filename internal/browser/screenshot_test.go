package browser

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots saves a full-page screenshot of each main page type on
// a desktop (1280 px) and a phone (375 px), for people to look at:
// <kind>-<width>.png in the folder the test logs. Keep them with
// DOSSIER_ARTIFACTS=DIR, or go test -artifacts -outputdir DIR.
func TestScreenshots(t *testing.T) {
	h := setup(t)
	dir, note := artifactDir(t)
	t.Logf("screenshots in %s (%s)", dir, note)
	sizes := []struct {
		w, h int64
		opts []chromedp.EmulateViewportOption
	}{
		{wideW, wideH, nil},
		{narrowW, narrowH, []chromedp.EmulateViewportOption{chromedp.EmulateMobile, chromedp.EmulateTouch}},
	}
	for _, size := range sizes {
		for _, p := range h.pages {
			name := fmt.Sprintf("%s-%d", p.Kind, size.w)
			t.Run(name, func(t *testing.T) {
				tb := h.newTab(t, size.w, size.h, size.opts...)
				tb.open(p.Path)
				if _, err := eval[chromedp.Void](tb, `document.fonts.ready.then(() => true)`); err != nil {
					t.Fatalf("waiting for fonts: %v", err)
				}
				img, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100)) // 100: PNG
				if err != nil {
					t.Fatalf("screenshot of %s: %v", p.Path, err)
				}
				cfg, err := png.DecodeConfig(bytes.NewReader(img))
				if err != nil {
					t.Fatalf("the screenshot of %s is not a PNG: %v", p.Path, err)
				}
				file := filepath.Join(dir, name+".png")
				if err := os.WriteFile(file, img, 0o644); err != nil {
					t.Fatal(err)
				}
				if cfg.Width != int(size.w) {
					t.Logf("%s is %d px wide at a %d px viewport", file, cfg.Width, size.w)
				}
				t.Logf("%s: %d×%d px", filepath.Base(file), cfg.Width, cfg.Height)
			})
		}
	}
}
