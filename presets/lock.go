package presets

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/meshlink/meshlink/mesh/regularfile"
)

// Every change to the store (save, rename, delete, import, last use) holds
// an exclusive lock on a file in its directory, so two meshlinks never
// interleave: a save that reports success is not undone by a rename that
// read the file a moment before. The operating system drops the lock when a
// process dies, so a crash never leaves the store locked.
const (
	lockFile        = ".lock" // in usedDir
	defaultLockWait = 10 * time.Second
	lockPoll        = 2 * time.Millisecond
)

// ErrBusy is a change that waited in vain for another meshlink's change.
var ErrBusy = errors.New("the presets are busy")

// busyError says which directory was busy and for how long meshlink waited.
type busyError struct {
	dir  string
	wait time.Duration
}

func (e *busyError) Error() string {
	return fmt.Sprintf("another meshlink is changing the presets in %s and has not finished after %s; try again (if no other meshlink is running, check that %s can be locked)",
		e.dir, e.wait, filepath.Join(e.dir, usedDir, lockFile))
}

func (e *busyError) Is(target error) bool { return target == ErrBusy }

// lock takes the store's lock, waiting at most LockWait (10s by default).
func (s Store) lock() (unlock func(), err error) {
	if s.Dir == "" {
		return nil, errNoDir
	}
	dir, err := s.stateDir()
	if err != nil {
		return nil, err
	}
	wait := s.LockWait
	if wait <= 0 {
		wait = defaultLockWait
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	unlock, err = regularfile.Lock(ctx, filepath.Join(dir, lockFile), lockPoll)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return nil, &busyError{dir: s.Dir, wait: wait}
	case err != nil:
		return nil, fmt.Errorf("lock the presets in %s: %w", s.Dir, err)
	}
	return unlock, nil
}

// stateDir makes usedDir, ignored by git, and returns its path.
func (s Store) stateDir() (string, error) {
	dir := filepath.Join(s.Dir, usedDir)
	ignore := filepath.Join(dir, ".gitignore")
	if _, err := os.Stat(ignore); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	if err := writeFile(ignore, []byte("# meshlink: this machine's own state (when each preset was last used, the lock)\n*\n"), true); err != nil {
		return "", err
	}
	return dir, nil
}
