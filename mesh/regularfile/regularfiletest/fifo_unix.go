//go:build unix

package regularfiletest

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// Mkfifo makes a FIFO at path, and the folders above it.
func Mkfifo(t testing.TB, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Bounded runs f and fails the test if it has not returned long after any
// real read or write of a file would have (a bound for a hang, not a speed
// check). It then opens fifo for writing, which frees a reader stuck on it.
func Bounded(t testing.TB, fifo string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatalf("blocked on the FIFO %s", fifo)
	}
}
