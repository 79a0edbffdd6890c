//go:build unix

package history

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/meshlink/meshlink/mesh/regularfile"
	"github.com/meshlink/meshlink/mesh/regularfile/regularfiletest"
)

// A FIFO in the history's place, or the lock's, is refused at once, by
// writers and readers alike.
func TestAFIFOIsRefusedNotWaitedOn(t *testing.T) {
	for _, name := range []string{FileName, lockName} {
		t.Run(name, func(t *testing.T) {
			l := Log{Dir: t.TempDir()}
			fifo := filepath.Join(l.Dir, name)
			regularfiletest.Mkfifo(t, fifo)
			regularfiletest.Bounded(t, fifo, func() {
				if err := l.Append(NewEntry(okFetch(t0))); !errors.Is(err, regularfile.ErrNotRegular) {
					t.Errorf("Append = %v, want ErrNotRegular", err)
				}
			})
			if name != FileName {
				return
			}
			regularfiletest.Bounded(t, fifo, func() {
				if _, _, err := l.Read(); !errors.Is(err, regularfile.ErrNotRegular) {
					t.Errorf("Read = %v, want ErrNotRegular", err)
				}
			})
		})
	}
}

// The history never follows a symbolic link: the file it points at keeps
// its content and its mode.
func TestASymlinkIsNeverFollowed(t *testing.T) {
	l := Log{Dir: t.TempDir(), Max: 1}
	target := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.WriteFile(target, []byte("someone's file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, l.Path()); err != nil {
		t.Fatal(err)
	}
	for range 3 { // past Max: a trim would rewrite the file too
		if err := l.Append(NewEntry(okFetch(t0))); !errors.Is(err, regularfile.ErrNotRegular) {
			t.Errorf("Append = %v, want ErrNotRegular", err)
		}
	}
	if _, _, err := l.Read(); !errors.Is(err, regularfile.ErrNotRegular) {
		t.Errorf("Read = %v, want ErrNotRegular", err)
	}
	b, _ := os.ReadFile(target)
	fi, _ := os.Stat(target)
	if string(b) != "someone's file\n" || fi.Mode().Perm() != 0o644 {
		t.Errorf("the link's target now holds %q, mode %v", b, fi.Mode().Perm())
	}
}
