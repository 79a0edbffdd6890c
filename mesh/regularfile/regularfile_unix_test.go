//go:build unix

package regularfile

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh/regularfile/regularfiletest"
)

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	regularfiletest.Mkfifo(t, fifo)
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	regular := filepath.Join(dir, "file")
	if err := os.WriteFile(regular, []byte("data"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(regular, link); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path, kind string
		flag       int
	}{
		{fifo, "a named pipe (FIFO)", os.O_RDONLY},
		{fifo, "a named pipe (FIFO)", os.O_RDWR | os.O_APPEND},
		{sock, "a socket", os.O_RDONLY},
		{"/dev/null", "a character device", os.O_RDONLY},
		{dir, "a directory", os.O_RDONLY},
		{link, "a symbolic link", os.O_RDONLY | NoFollow},
		{link, "a symbolic link", os.O_WRONLY | os.O_APPEND | os.O_CREATE | NoFollow},
	}
	for _, c := range cases {
		regularfiletest.Bounded(t, fifo, func() {
			f, err := Open(c.path, c.flag, 0o600)
			var nr *NotRegularError
			if !errors.As(err, &nr) || !errors.Is(err, ErrNotRegular) || nr.Kind != c.kind {
				t.Errorf("Open(%s, %#o) = %v, want a *NotRegularError saying %q", c.path, c.flag, err, c.kind)
			}
			if err != nil && !strings.Contains(err.Error(), c.path) || err != nil && !strings.Contains(err.Error(), "remove it") {
				t.Errorf("error %q does not name the path and say what to do", err)
			}
			if f != nil {
				f.Close()
			}
		})
	}
	for _, path := range []string{regular, link} {
		f, err := Open(path, os.O_RDONLY, 0)
		if err != nil {
			t.Fatalf("Open(%s): %v", path, err)
		}
		b := make([]byte, 10)
		if n, err := f.Read(b); err != nil || string(b[:n]) != "data" {
			t.Errorf("read %q, %v", b[:n], err)
		}
		f.Close()
	}
	if _, err := Open(filepath.Join(dir, "missing"), os.O_RDONLY, 0); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want fs.ErrNotExist", err)
	}
}

func TestLockRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "lock")
	regularfiletest.Mkfifo(t, fifo)
	regularfiletest.Bounded(t, fifo, func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if unlock, err := Lock(ctx, fifo, time.Millisecond); !errors.Is(err, ErrNotRegular) {
			t.Errorf("Lock on a FIFO = %v, want ErrNotRegular", err)
			if unlock != nil {
				unlock()
			}
		}
	})
	// A link's target is neither made nor locked.
	link := filepath.Join(dir, "link.lock")
	target := filepath.Join(dir, "elsewhere")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(context.Background(), link, time.Millisecond); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Lock on a symbolic link = %v, want ErrNotRegular", err)
	}
	if _, err := os.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the link's target was made: %v", err)
	}
	path := filepath.Join(dir, "real.lock")
	unlock, err := Lock(context.Background(), path, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Lock(ctx, path, time.Millisecond); !errors.Is(err, context.Canceled) {
		t.Errorf("a second Lock while held, its context over: %v, want context.Canceled", err)
	}
	unlock()
	if unlock, err := Lock(context.Background(), path, time.Millisecond); err != nil {
		t.Errorf("Lock after unlock: %v", err)
	} else {
		unlock()
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the lock file: %v, %v", fi, err)
	}
}
