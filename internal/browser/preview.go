package browser

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"dossier/internal/serve"
)

// Preview is `dossier serve` running in this process over a copy of a
// dossier, as an editor runs it: the copy may be written to (the
// annotation panel writes claims), the original never is.
type Preview struct {
	Content string // the copy of the dossier the preview serves
	URL     string // http://127.0.0.1:PORT
	Log     *syncBuffer

	tmp    string
	cancel context.CancelFunc
	done   chan error
}

// StartPreview copies the dossier in the folder content to a temporary
// folder, serves it with the preview server on 127.0.0.1 and waits for
// its first build. Close stops it and removes the copy.
func StartPreview(content string) (_ *Preview, err error) {
	p := &Preview{Log: &syncBuffer{}}
	defer func() {
		if err != nil {
			p.Close()
		}
	}()
	if p.tmp, err = os.MkdirTemp("", "dossier-preview-"); err != nil {
		return nil, err
	}
	p.Content = filepath.Join(p.tmp, "content")
	if err := os.CopyFS(p.Content, os.DirFS(content)); err != nil {
		return nil, fmt.Errorf("copying %s: %w", content, err)
	}
	srv, err := serve.New(serve.Options{ContentDir: p.Content, Name: "content", Follow: true, Log: p.Log})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p.URL = "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel, p.done = cancel, make(chan error, 1)
	go func() { p.done <- srv.Serve(ctx, ln) }()
	// Serve answers once the first build is swapped in.
	for deadline := time.Now().Add(30 * time.Second); ; {
		resp, err := http.Get(p.URL + "/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("the preview did not build within 30 s: %s", p.Log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Close stops the preview and removes the copy of the dossier.
func (p *Preview) Close() {
	if p.cancel != nil {
		p.cancel()
		<-p.done
	}
	if p.tmp != "" {
		os.RemoveAll(p.tmp)
	}
}
