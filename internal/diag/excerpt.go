package diag

import (
	"unicode"
	"unicode/utf8"
)

// Width is the most a source line shown under a message takes, in
// terminal cells: a longer line is cut to a window around the column,
// with "…" where it was cut, so that a 200 KB line of generated text
// shows as one readable line with the caret under the right character.
const Width = 120

// Excerpt returns what is shown of a source line for a message about
// column col (1-based, in characters): the line itself when it fits in
// Width cells, or else a window around col with "…" at each end that was
// cut. caret is the column, in characters of the excerpt, where the
// character at col now stands. A column past the end of the line stands
// just after it; a column of 0 or less is taken as 1.
func Excerpt(line string, col int) (excerpt string, caret int) {
	if col < 1 {
		col = 1
	}
	if len(line) <= Width { // never more cells than bytes
		return line, col
	}
	rs := []rune(line)
	total := 0
	for _, r := range rs {
		total += cells(r)
	}
	if total <= Width {
		return line, col
	}
	c := min(col-1, len(rs)) // index of the caret's character
	// Room for the text between the two "…": about half of it before the
	// caret, the rest after; when the line ends first, more before.
	room := Width - 2
	lo, w := c, 0
	for lo > 0 && w+cells(rs[lo-1]) <= room/2 {
		lo--
		w += cells(rs[lo])
	}
	hi := c
	for hi < len(rs) && w+cells(rs[hi]) <= room {
		w += cells(rs[hi])
		hi++
	}
	for lo > 0 && w+cells(rs[lo-1]) <= room {
		lo--
		w += cells(rs[lo])
	}
	// Never start on a mark that belongs to the character cut off.
	for lo < c && lo > 0 && cells(rs[lo]) == 0 {
		lo++
	}
	out := make([]byte, 0, 2*Width)
	caret = c - lo + 1
	if lo > 0 {
		out = append(out, "…"...)
		caret++
	}
	for _, r := range rs[lo:hi] {
		out = utf8.AppendRune(out, r)
	}
	if hi < len(rs) {
		out = append(out, "…"...)
	}
	return string(out), caret
}

// pad returns the number of terminal cells that the first n characters of
// line take, so that a caret printed after that many spaces stands under
// character n+1 even after wide (CJK, emoji) or combining characters.
func pad(line string, n int) int {
	w := 0
	for _, r := range line {
		if n == 0 {
			break
		}
		w += cells(r)
		n--
	}
	return w
}

// cells is how many terminal cells a character takes: two for the wide
// characters of East Asian scripts and emoji, none for combining marks and
// invisible format characters, one for the rest. It is the usual
// approximation of wcwidth, without its tables.
func cells(r rune) int {
	switch {
	case r < 0x300:
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me),
		r >= 0x200B && r <= 0x200F, r >= 0x2060 && r <= 0x2064, r == 0xFEFF:
		return 0
	case wide(r):
		return 2
	}
	return 1
}

// wide reports whether r is an East Asian wide or fullwidth character,
// or an emoji shown wide, in the main blocks of each.
func wide(r rune) bool {
	for _, b := range wideBlocks {
		if r < b[0] {
			return false
		}
		if r <= b[1] {
			return true
		}
	}
	return false
}

// wideBlocks are the ranges of wide characters, in order.
var wideBlocks = [...][2]rune{
	{0x1100, 0x115F},   // Hangul Jamo initials
	{0x231A, 0x231B},   // watch, hourglass
	{0x2329, 0x232A},   // angle brackets
	{0x23E9, 0x23EC},   // media symbols
	{0x23F0, 0x23F0},   // alarm clock
	{0x23F3, 0x23F3},   // hourglass
	{0x25FD, 0x25FE},   // small squares
	{0x2614, 0x2615},   // umbrella, hot beverage
	{0x2648, 0x2653},   // zodiac
	{0x267F, 0x267F},   // wheelchair
	{0x2693, 0x2693},   // anchor
	{0x26A1, 0x26A1},   // high voltage
	{0x26AA, 0x26AB},   // circles
	{0x26BD, 0x26BE},   // balls
	{0x26C4, 0x26C5},   // snowman, sun
	{0x26CE, 0x26CE},   // ophiuchus
	{0x26D4, 0x26D4},   // no entry
	{0x26EA, 0x26EA},   // church
	{0x26F2, 0x26F3},   // fountain, flag
	{0x26F5, 0x26F5},   // sailboat
	{0x26FA, 0x26FA},   // tent
	{0x26FD, 0x26FD},   // fuel pump
	{0x2705, 0x2705},   // check mark
	{0x270A, 0x270B},   // fists
	{0x2728, 0x2728},   // sparkles
	{0x274C, 0x274C},   // cross mark
	{0x274E, 0x274E},   // cross mark
	{0x2753, 0x2755},   // question marks
	{0x2757, 0x2757},   // exclamation mark
	{0x2795, 0x2797},   // plus, minus, division
	{0x27B0, 0x27B0},   // curly loop
	{0x27BF, 0x27BF},   // double curly loop
	{0x2B1B, 0x2B1C},   // large squares
	{0x2B50, 0x2B50},   // star
	{0x2B55, 0x2B55},   // circle
	{0x2E80, 0x303E},   // CJK radicals, symbols and punctuation
	{0x3041, 0x33FF},   // kana, bopomofo, CJK compatibility
	{0x3400, 0x4DBF},   // CJK extension A
	{0x4E00, 0x9FFF},   // CJK unified ideographs
	{0xA000, 0xA4CF},   // Yi
	{0xA960, 0xA97F},   // Hangul Jamo extended A
	{0xAC00, 0xD7A3},   // Hangul syllables
	{0xF900, 0xFAFF},   // CJK compatibility ideographs
	{0xFE10, 0xFE19},   // vertical forms
	{0xFE30, 0xFE6F},   // CJK compatibility forms, small forms
	{0xFF00, 0xFF60},   // fullwidth forms
	{0xFFE0, 0xFFE6},   // fullwidth signs
	{0x16FE0, 0x16FE4}, // ideographic symbols
	{0x17000, 0x18AFF}, // Tangut
	{0x1B000, 0x1B2FF}, // kana supplement and extensions, Nushu
	{0x1F004, 0x1F004}, // mahjong tile
	{0x1F0CF, 0x1F0CF}, // playing card
	{0x1F18E, 0x1F18E}, // AB button
	{0x1F191, 0x1F19A}, // squared words
	{0x1F200, 0x1F2FF}, // enclosed ideographic supplement
	{0x1F300, 0x1F64F}, // pictographs, emoticons
	{0x1F680, 0x1F6FF}, // transport and map symbols
	{0x1F7E0, 0x1F7EB}, // coloured circles and squares
	{0x1F90C, 0x1F9FF}, // supplemental symbols and pictographs
	{0x1FA70, 0x1FAFF}, // symbols and pictographs extended A
	{0x20000, 0x2FFFD}, // CJK extensions B to F
	{0x30000, 0x3FFFD}, // CJK extension G and later
}
