package atomicfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteReplacesAndKeepsTheMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "f.json")
	for _, content := range []string{"first\n", "second, longer than the first\n"} {
		if err := Write(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if got := read(t, path); got != content {
			t.Errorf("read back %q, want %q", got, content)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	if di, err := os.Stat(filepath.Dir(path)); err != nil || di.Mode().Perm() != 0o700 {
		t.Errorf("the directory made for it: %v, %v; want mode 0700", di.Mode(), err)
	}
	if got := names(t, filepath.Dir(path)); !slices.Equal(got, []string{"f.json"}) {
		t.Errorf("the directory holds %v: a temporary file was left behind", got)
	}
}

func TestWriteFailureLeavesNoTempFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "taken")
	if err := os.Mkdir(target, 0o755); err != nil { // a directory cannot be renamed over
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(target, []byte("data"), 0o644); err == nil {
		t.Fatal("Write over a non-empty directory succeeded")
	}
	if got := names(t, dir); !slices.Equal(got, []string{"taken"}) {
		t.Errorf("the directory holds %v after a failed write, want only the original", got)
	}
}

// The interrupted write is simulated in-process here, and by killing a real
// process in TestCrashBetweenWriteAndRenameKeepsTheOldFile.
func TestFailedRenameKeepsTheOldFileAndCleansUp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "qa.json")
	if err := Write(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	rename = func(string, string) error { return errors.New("disk unplugged") }
	t.Cleanup(func() { rename = os.Rename })
	if err := Write(path, []byte("new"), 0o600); err == nil || !strings.Contains(err.Error(), "disk unplugged") {
		t.Fatalf("Write = %v, want the rename's error", err)
	}
	if got := read(t, path); got != "old" {
		t.Errorf("the old file holds %q", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"qa.json"}) {
		t.Errorf("the directory holds %v: the temporary file was left behind", got)
	}
}

func TestCrashBetweenWriteAndRenameKeepsTheOldFile(t *testing.T) {
	if os.Getenv("ATOMICFILE_CRASH_DIR") != "" {
		t.Skip("in the crashing child")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "qa.json")
	if err := Write(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcessCrashesMidWrite$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATOMICFILE_CRASH_DIR="+dir)
	out, err := cmd.CombinedOutput()
	var exit interface{ ExitCode() int }
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("the child did not die mid-write as planned: %v\n%s", err, out)
	}
	if got := read(t, path); got != "old" {
		t.Fatalf("the old file holds %q though the process died before the rename", got)
	}
	var stray []string
	for _, n := range names(t, dir) {
		if strings.HasPrefix(n, ".qa.json.") && strings.HasSuffix(n, ".tmp") {
			stray = append(stray, n)
		}
	}
	if len(stray) != 1 || read(t, filepath.Join(dir, stray[0])) != "new" {
		t.Fatalf("want the new content in exactly one hidden temporary file, found %v", stray)
	}
	if err := Write(path, []byte("again"), 0o600); err != nil || read(t, path) != "again" {
		t.Errorf("writing again after the crash: %v", err)
	}
}

// TestHelperProcessCrashesMidWrite is the child of the crash test: it writes
// and dies just before the rename that would publish the file.
func TestHelperProcessCrashesMidWrite(t *testing.T) {
	dir := os.Getenv("ATOMICFILE_CRASH_DIR")
	if dir == "" {
		t.Skip("run by TestCrashBetweenWriteAndRenameKeepsTheOldFile")
	}
	rename = func(string, string) error { os.Exit(3); return nil }
	err := Write(filepath.Join(dir, "qa.json"), []byte("new"), 0o600)
	t.Fatalf("Write returned (%v) instead of reaching the rename", err)
}

func TestCreateNeverReplaces(t *testing.T) {
	for _, hardLinks := range []bool{true, false} {
		name := "with_hard_links"
		if !hardLinks {
			// FAT and some network shares: the new file is still created,
			// and still never replaces one that exists.
			name = "without_hard_links"
		}
		t.Run(name, func(t *testing.T) {
			if !hardLinks {
				link = func(string, string) error { return &os.LinkError{Op: "link", Err: errors.ErrUnsupported} }
				t.Cleanup(func() { link = os.Link })
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "p.json")
			if err := Create(path, []byte("first"), 0o600); err != nil {
				t.Fatalf("Create: %v", err)
			}
			if err := Create(path, []byte("second"), 0o600); !errors.Is(err, fs.ErrExist) {
				t.Errorf("second Create = %v, want fs.ErrExist", err)
			}
			if got := read(t, path); got != "first" {
				t.Errorf("the file holds %q, want the first", got)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, %v; want 0600", fi.Mode(), err)
			}
			if got := names(t, dir); !slices.Equal(got, []string{"p.json"}) {
				t.Errorf("the directory holds %v", got)
			}
		})
	}
}

// A check-then-rename would let a later writer replace an earlier one; with
// a link, exactly one of many racing creators wins and the rest are told.
func TestConcurrentCreatesHaveOneWinner(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.json")
	const n = 16
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = Create(path, []byte{byte('a' + i)}, 0o600)
		}()
	}
	wg.Wait()
	won := -1
	for i, err := range errs {
		switch {
		case err == nil && won >= 0:
			t.Fatalf("creators %d and %d both succeeded", won, i)
		case err == nil:
			won = i
		case !errors.Is(err, fs.ErrExist):
			t.Errorf("creator %d: %v, want fs.ErrExist", i, err)
		}
	}
	if won < 0 {
		t.Fatal("no creator succeeded")
	}
	if got := read(t, path); !bytes.Equal([]byte(got), []byte{byte('a' + won)}) {
		t.Errorf("the file holds %q, want the winner's %q", got, string(rune('a'+won)))
	}
}
