//go:build unix

package mesh_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/regularfile/regularfiletest"
)

// A FIFO in a cache file's place costs a warning that says what it is, and
// the snapshot's list; it is never waited on.
func TestLoadCatalogRefusesAFIFO(t *testing.T) {
	dir := mesh.CatalogDir(t.TempDir(), mesh.EnvSandbox, "")
	fifo := filepath.Join(dir, "networks.json")
	regularfiletest.Mkfifo(t, fifo)
	regularfiletest.Bounded(t, fifo, func() {
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
	})
}
