//go:build unix

package mesh_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// A FIFO in a cache file's place costs a warning that says what it is, and
// the snapshot's list; it is never waited on.
func TestLoadCatalogRefusesAFIFO(t *testing.T) {
	dir := mesh.CatalogDir(t.TempDir(), mesh.EnvSandbox, "")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "networks.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		cat, warnings := mesh.LoadCatalog(dir)
		if len(warnings) != 1 || !strings.Contains(warnings[0].Error(), fifo+" is a named pipe (FIFO)") {
			t.Errorf("warnings %v, want one naming the FIFO", warnings)
		}
		if cat.Source != mesh.Snapshot().Source || len(cat.Networks) == 0 {
			t.Errorf("catalog from %s with %d networks, want the snapshot's", cat.Source, len(cat.Networks))
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("the FIFO was moved or replaced: %v", err)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second): // far beyond a real read: a regression must fail, not hang
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatal("LoadCatalog blocked on the FIFO")
	}
}
