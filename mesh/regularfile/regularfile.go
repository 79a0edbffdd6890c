// Package regularfile opens and locks the files meshlink keeps in its own
// folders (config, cache, state) so that anything else in a file's place (a
// named pipe, a device, a socket) is refused at once, with an error that
// names it, and never waited on: opening a FIFO for reading blocks until a
// writer comes, and reading a device may never end.
//
// The check is made on the open file (fstat), not on the name before it is
// opened, which another process could swap in between.
package regularfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/gofrs/flock"
)

// ErrNotRegular matches every *NotRegularError with errors.Is.
var ErrNotRegular = errors.New("not a regular file")

// NotRegularError is a path meshlink expected a regular file at.
type NotRegularError struct {
	Path string
	Kind string // "a named pipe (FIFO)", "a symbolic link" …
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file; meshlink keeps only its own files there: remove it (meshlink makes a new one when it needs it)", e.Path, e.Kind)
}

func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

// Kind names what mode says a file is, for a person: "a named pipe
// (FIFO)", "a socket", "a directory" …
func Kind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	case mode.IsDir():
		return "a directory"
	}
	return "a special file"
}

// Open is os.OpenFile for a file that must be regular: it never blocks on
// what is not one, and refuses it with a *NotRegularError. With NoFollow in
// flag a symbolic link is refused too, rather than followed.
func Open(path string, flag int, perm fs.FileMode) (*os.File, error) {
	f, err := os.OpenFile(path, flag|nonBlock, perm)
	if err != nil {
		return nil, describe(path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &NotRegularError{Path: path, Kind: Kind(fi.Mode())}
	}
	return f, nil
}

// describe turns the error of an open that failed because of what is at
// path (a socket cannot be opened; O_NOFOLLOW refuses a link) into a
// *NotRegularError; any other error is returned as it is.
func describe(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return err
	}
	if fi, lerr := os.Lstat(path); lerr == nil && !fi.Mode().IsRegular() {
		return &NotRegularError{Path: path, Kind: Kind(fi.Mode())}
	}
	return err
}

// Lock takes an exclusive lock on the file path (made with mode 0600 when
// missing), trying every poll until ctx ends, when it returns ctx's error.
// A lock file that is not a regular file is refused, never waited on, and
// so is a symbolic link (opening it would make the file it names).
func Lock(ctx context.Context, path string, poll time.Duration) (unlock func(), err error) {
	l := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDONLY|nonBlock|NoFollow), flock.SetPermissions(0o600))
	ok, err := l.TryLockContext(ctx, poll)
	if !ok {
		if err == nil {
			err = ctx.Err()
		}
		return nil, describe(path, err)
	}
	if fi, err := l.Stat(); err != nil || !fi.Mode().IsRegular() {
		_ = l.Unlock()
		if err != nil {
			return nil, err
		}
		return nil, &NotRegularError{Path: path, Kind: Kind(fi.Mode())}
	}
	return func() { _ = l.Unlock() }, nil
}
