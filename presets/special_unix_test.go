//go:build unix

package presets

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/regularfile"
	"github.com/meshlink/meshlink/mesh/regularfile/regularfiletest"
)

// A FIFO in a preset's place is reported, with what it is, by every reader,
// and never replaced; one in place of a last-use record or the lock is
// never waited on.
func TestAFIFOInTheStoreIsRefusedNotWaitedOn(t *testing.T) {
	st := newStore(t)
	if err := st.Save(preset("ok", mesh.UseDeposit), false); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(st.Dir, "piped.json")
	regularfiletest.Mkfifo(t, fifo)
	regularfiletest.Bounded(t, fifo, func() {
		list, errs := st.List()
		if len(list) != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "named pipe (FIFO), not a preset file") {
			t.Errorf("List = %v, %v; want ok, and the FIFO reported", list, errs)
		}
	})
	regularfiletest.Bounded(t, fifo, func() {
		var fe *FileError
		if _, err := st.Load("piped"); !errors.As(err, &fe) || !errors.Is(err, ErrCorrupt) {
			t.Errorf("Load = %v, want a *FileError", err)
		}
	})
	regularfiletest.Bounded(t, fifo, func() {
		var ee *ExistsError
		if err := st.Save(preset("piped", mesh.UseDeposit), true); !errors.As(err, &ee) || ee.Unreadable == nil {
			t.Errorf("Save --force over the FIFO = %v, want an *ExistsError that will not replace it", err)
		}
	})
	if err := st.Delete("piped"); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("Delete = %v, want a refusal naming the FIFO", err)
	}

	used := filepath.Join(st.Dir, usedDir, "ok")
	regularfiletest.Mkfifo(t, used)
	regularfiletest.Bounded(t, used, func() {
		if p, err := st.Load("ok"); err != nil || !p.LastUsed.IsZero() {
			t.Errorf("Load with a FIFO for its last use: %v, last used %v", err, p.LastUsed)
		}
		if list, _ := st.List(); len(list) != 1 || !list[0].LastUsed.IsZero() {
			t.Errorf("List with a FIFO for a last use: %v", list)
		}
	})

	lock := filepath.Join(st.Dir, usedDir, lockFile)
	if err := os.Remove(lock); err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	regularfiletest.Mkfifo(t, lock)
	regularfiletest.Bounded(t, lock, func() {
		if err := st.Save(preset("new", mesh.UseDeposit), false); !errors.Is(err, regularfile.ErrNotRegular) || !strings.Contains(err.Error(), lock) {
			t.Errorf("Save with a FIFO for the lock = %v, want ErrNotRegular naming it", err)
		}
	})
}
