// Command screenshots builds a dossier and takes full-page screenshots of
// each page type, on a desktop and a phone, in the light and the dark
// theme, for people to look at:
//
//	go run ./tools/screenshots -content content -out /tmp/shots
//
// writes /tmp/shots/<type>-<width>-<theme>.png (claim-1400-dark.png, …)
// for the home page, a source, a claim, a figure, an entity, the
// conflicts, verdicts and timeline pages, the lists of sources, claims,
// figures and entities, and 404.html. It drives headless Chromium
// (Debian: apt-get install chromium; $DOSSIER_CHROME names another) with
// the harness of the browser tests (internal/browser).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"dossier/internal/browser"
)

func main() {
	content := flag.String("content", "content", "the dossier `folder` to build")
	out := flag.String("out", "", "the `folder` to write the PNGs to (created if missing; required)")
	widths := flag.String("widths", "1400,375", "viewport `widths` in px, comma-separated; under 600 px is a phone (mobile, touch)")
	themes := flag.String("themes", "light,dark", "color `schemes` to emulate, comma-separated")
	entity := flag.String("entity", "", "the `slug` of the entity whose page to take (default: the most mentioned)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./tools/screenshots -content DIR -out DIR [flags]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	var vps []browser.Viewport
	for w := range strings.SplitSeq(*widths, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(w), 10, 64)
		if err != nil || n < 200 || n > 4000 {
			fmt.Fprintf(os.Stderr, "screenshots: -widths: %q is no width between 200 and 4000 px\n", w)
			os.Exit(2)
		}
		vp := browser.Viewport{W: n, H: 900}
		if n < 600 {
			vp = browser.Viewport{W: n, H: 812, Phone: true}
		}
		vps = append(vps, vp)
	}
	var schemes []string
	for s := range strings.SplitSeq(*themes, ",") {
		s = strings.TrimSpace(s)
		if s != "light" && s != "dark" {
			fmt.Fprintf(os.Stderr, "screenshots: -themes: %q is neither light nor dark\n", s)
			os.Exit(2)
		}
		schemes = append(schemes, s)
	}
	if err := run(*content, *out, *entity, vps, schemes); err != nil {
		fmt.Fprintf(os.Stderr, "screenshots: %v\n", err)
		os.Exit(1)
	}
}

func run(content, out, entity string, vps []browser.Viewport, schemes []string) error {
	chrome, err := browser.FindChrome()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	site, err := browser.BuildSite(content, entity)
	if err != nil {
		return err
	}
	defer site.Close()
	b, err := browser.Start(chrome)
	if err != nil {
		return err
	}
	defer b.Close()
	fmt.Printf("%s (%s); %s served at %s\n", b.Version, chrome, content, site.URL)

	pages := slices.Concat(site.Pages, browser.ListPages(site.Files))
	n := 0
	for _, vp := range vps {
		for _, scheme := range schemes {
			for _, p := range pages {
				name := fmt.Sprintf("%s-%d-%s.png", p.Kind, vp.W, scheme)
				if err := shoot(b, site, p, vp, scheme, filepath.Join(out, name)); err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				n++
			}
		}
	}
	fmt.Printf("%d screenshots in %s\n", n, out)
	return nil
}

// shoot takes one screenshot in a tab of its own.
func shoot(b *browser.Browser, site *browser.Site, p browser.Page, vp browser.Viewport, scheme, file string) error {
	ctx, cancel, err := b.NewTab(vp, 60*time.Second)
	if err != nil {
		return err
	}
	defer cancel()
	if err := browser.SetScheme(ctx, scheme); err != nil {
		return err
	}
	if err := browser.Open(ctx, site.Addr(p.Path)); err != nil {
		return err
	}
	img, err := browser.Screenshot(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", p.Path, err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img))
	if err != nil {
		return fmt.Errorf("the screenshot of %s is not a PNG: %w", p.Path, err)
	}
	if err := os.WriteFile(file, img, 0o644); err != nil {
		return err
	}
	note := ""
	if cfg.Width != int(vp.W) {
		note = fmt.Sprintf(" (wider than the %d px viewport: the page scrolls sideways)", vp.W)
	}
	fmt.Printf("%s: %s, %d×%d px%s\n", filepath.Base(file), p.Path, cfg.Width, cfg.Height, note)
	return nil
}
