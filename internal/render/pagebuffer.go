package render

import (
	"bytes"
	"io"
)

// pageBuffer holds a page as it is written. With a sink it passes the
// page on in pieces of about flushSize bytes, so that a page of tens of
// megabytes (the claims list of a large dossier) is never whole in
// memory, nor copied as the buffer doubles; without one it keeps the
// whole page, for minifying or for a caller that holds it. Pages are
// written with Write and WriteString, which pass the buffer on; what
// bytes.Buffer's other methods add waits for the next of them, or the
// flush at the page's end.
type pageBuffer struct {
	bytes.Buffer
	sink io.Writer
	err  error // the sink's first error; what follows is dropped
}

// flushSize is how much a pageBuffer with a sink holds before passing
// it on: most pages fit, and go out in one write.
const flushSize = 256 << 10

func (b *pageBuffer) Write(p []byte) (int, error) {
	n, _ := b.Buffer.Write(p)
	b.spill()
	return n, nil
}

func (b *pageBuffer) WriteString(s string) (int, error) {
	n, _ := b.Buffer.WriteString(s)
	b.spill()
	return n, nil
}

// spill passes the buffer on to the sink once it holds flushSize.
func (b *pageBuffer) spill() {
	if b.sink != nil && b.Len() >= flushSize {
		b.flush()
	}
}

// flush passes what the buffer holds to the sink, and returns the
// sink's first error.
func (b *pageBuffer) flush() error {
	if b.err == nil && b.Len() > 0 {
		_, b.err = b.sink.Write(b.Bytes())
	}
	b.Reset()
	return b.err
}

// reset empties the buffer for a page written to sink (nil: kept whole).
func (b *pageBuffer) reset(sink io.Writer) {
	b.Reset()
	b.sink, b.err = sink, nil
}
