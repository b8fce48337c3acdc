package render

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"
)

// TestFaviconICO: static/favicon.ico, which browsers and feed readers ask
// a site's root for whatever its pages link to, is static/favicon.svg
// drawn at 32×32 pixels, a PNG in an ICO file. The SVG cannot be served
// as favicon.ico, and the build draws no images, so the ICO is kept in
// the theme beside the SVG, and this test redraws it: -update rewrites it
// after a change to the shapes below, which copy favicon.svg's.
func TestFaviconICO(t *testing.T) {
	want := faviconICO(t)
	const path = "../../static/favicon.ico"
	if *updateJSON {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("static/favicon.ico is not the favicon drawn here (%d bytes, want %d): run go test ./internal/render -run TestFaviconICO -update", len(got), len(want))
	}
	if _, err := png.Decode(bytes.NewReader(got[22:])); err != nil {
		t.Errorf("static/favicon.ico holds no PNG after its header: %v", err)
	}
}

// iconShape is a rounded rectangle of favicon.svg, in its 32×32 units.
type iconShape struct {
	x, y, w, h, r float64
	c             color.RGBA
}

func (s iconShape) has(x, y float64) bool {
	if x < s.x || y < s.y || x >= s.x+s.w || y >= s.y+s.h {
		return false
	}
	// Outside the rectangle shrunk by r, the point must be within r of it.
	cx := min(max(x, s.x+s.r), s.x+s.w-s.r)
	cy := min(max(y, s.y+s.r), s.y+s.h-s.r)
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= s.r*s.r
}

// faviconICO draws favicon.svg's shapes, 4×4 samples a pixel, and wraps
// the PNG in an ICO file of one image.
func faviconICO(t *testing.T) []byte {
	rgb := func(v uint32) color.RGBA { return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255} }
	shapes := []iconShape{
		{0, 0, 32, 32, 6, rgb(0x1a4f9c)},
		{7, 8, 18, 3, 0, rgb(0xfffdf8)},
		{6, 13.5, 20, 5, 1, rgb(0xffd95a)},
		{7, 14.5, 18, 3, 0, rgb(0x1d1d1f)},
		{7, 21, 12, 3, 0, rgb(0xfffdf8)},
	}
	const size, n = 32, 4
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := range size {
		for px := range size {
			var r, g, b, a float64
			for sy := range n {
				for sx := range n {
					x, y := float64(px)+(float64(sx)+.5)/n, float64(py)+(float64(sy)+.5)/n
					for i := len(shapes) - 1; i >= 0; i-- {
						if s := shapes[i]; s.has(x, y) {
							r, g, b, a = r+float64(s.c.R), g+float64(s.c.G), b+float64(s.c.B), a+1
							break
						}
					}
				}
			}
			if a > 0 {
				img.SetNRGBA(px, py, color.NRGBA{uint8(r/a + .5), uint8(g/a + .5), uint8(b/a + .5), uint8(a/(n*n)*255 + .5)})
			}
		}
	}
	var p bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	var ico bytes.Buffer
	// ICONDIR: reserved, type 1 (icon), one image; ICONDIRENTRY: width,
	// height, no palette, reserved, 1 plane, 32 bits a pixel, the PNG's
	// size and offset (after these 6 + 16 bytes).
	for _, v := range []any{uint16(0), uint16(1), uint16(1), uint8(size), uint8(size), uint8(0), uint8(0),
		uint16(1), uint16(32), uint32(p.Len()), uint32(22)} {
		_ = binary.Write(&ico, binary.LittleEndian, v)
	}
	ico.Write(p.Bytes())
	return ico.Bytes()
}
