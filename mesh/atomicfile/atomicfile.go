// Package atomicfile writes files so that a reader, or a crash, sees the old
// file or the new one, never part of either. The catalog cache and the
// presets both write through it.
package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The file operations that put a finished temporary file in place. They are
// variables so a test can make the process die between write and rename.
var (
	rename = os.Rename
	link   = os.Link
)

// Write writes data to path with mode perm through a temporary file beside
// it, synced and then renamed over path. Missing directories are made with
// mode 0700.
func Write(path string, data []byte, perm fs.FileMode) error {
	return put(path, writeAll(data), perm, rename)
}

// WriteFrom is Write for content too large to hold in memory: write writes
// it to the temporary file, and an error from write leaves path as it was.
func WriteFrom(path string, perm fs.FileMode, write func(io.Writer) error) error {
	return put(path, write, perm, rename)
}

func writeAll(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// Create is Write for a file that must not exist yet: it fails with
// fs.ErrExist rather than replace a file that is there, even one another
// process created a moment ago.
func Create(path string, data []byte, perm fs.FileMode) error {
	return put(path, writeAll(data), perm, createFrom)
}

func put(path string, write func(io.Writer) error, perm fs.FileMode, publish func(tmp, path string) error) error {
	tmp, err := writeTemp(path, write, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // no-op once renamed; after a link it drops the spare name
	if err := publish(tmp, path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// writeTemp writes, with mode perm, to a new hidden file beside path and
// syncs it to disk.
func writeTemp(path string, write func(io.Writer) error, perm fs.FileMode) (string, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", err
	}
	err = write(f)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// createFrom gives tmp the name path unless path exists. A hard link does
// that in one step; file systems without hard links (FAT, some network
// shares) fall back to a check and a rename, which leaves a short window.
func createFrom(tmp, path string) error {
	err := link(tmp, path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(path); serr == nil {
		return fs.ErrExist
	}
	return rename(tmp, path)
}

// syncDir makes a rename in dir durable. It is best effort: some systems
// (Windows) cannot open a directory for syncing, and the rename is done.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
