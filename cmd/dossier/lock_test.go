//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is a build's stderr, read by the test while the build runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestBuildWaitsForAnother: a build into a folder that another build is
// writing (here, the test holding the lock beside it) says so, waits, and
// builds once the other is done.
func TestBuildWaitsForAnother(t *testing.T) {
	dir := t.TempDir()
	writeDossier(t, dir, goodDossier)
	out := filepath.Join(dir, "public")
	lock, err := os.OpenFile(filepath.Join(dir, ".public.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	lock.WriteString("12345\n")
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Skip("no file locks here:", err)
	}
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"build", "--content", filepath.Join(dir, "content"), "--out", out}, &stdout, &stderr)
	}()
	want := "dossier build: another build is writing " + out + " (process 12345); waiting for it to finish\n"
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(stderr.String(), want); time.Sleep(10 * time.Millisecond) {
		select {
		case code := <-done:
			t.Fatalf("the build did not wait: exit %d\n%s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
		}
	}
	os.Remove(lock.Name()) // as a build that finishes does
	syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the build did not go on once the other was done")
	}
	if _, err := os.Stat(filepath.Join(out, "claims/cdc/index.html")); err != nil {
		t.Error(err)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}
