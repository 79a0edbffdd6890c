package presets

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// The race the issue measured: `save --force X` against `rename X Y`. Every
// operation that reports success must be visible afterwards: the saved
// content is at X (rename went first) or at Y (save went first), never
// nowhere.
func TestSaveForceRacingRenameLosesNothing(t *testing.T) {
	st := newStore(t)
	const trials = 60
	for i := range trials {
		x, y := fmt.Sprintf("x%d", i), fmt.Sprintf("y%d", i)
		if err := st.Save(preset(x, mesh.UseDeposit), false); err != nil {
			t.Fatal(err)
		}
		saved := preset(x, mesh.UsePayment)
		saved.Description = "the new content"
		var saveErr, renameErr error
		var wg sync.WaitGroup
		start := make(chan struct{})
		wg.Add(2)
		go func() { defer wg.Done(); <-start; saveErr = st.Save(saved, true) }()
		go func() { defer wg.Done(); <-start; renameErr = st.Rename(x, y) }()
		close(start)
		wg.Wait()
		if saveErr != nil || renameErr != nil {
			t.Fatalf("trial %d: save %v, rename %v", i, saveErr, renameErr)
		}
		found := false
		for _, name := range []string{x, y} {
			if p, err := st.Load(name); err == nil && p.Description == "the new content" {
				found = true
			}
		}
		if !found {
			t.Fatalf("trial %d: save and rename both succeeded, but the saved content is in neither %s nor %s", i, x, y)
		}
	}
}

// A lock held elsewhere (another meshlink) makes a change wait, then give
// up with a message that says why; nothing is written meanwhile.
func TestBusyStoreFailsClearlyAfterABoundedWait(t *testing.T) {
	st := newStore(t)
	if err := st.Save(preset("qa", mesh.UseDeposit), false); err != nil {
		t.Fatal(err)
	}
	held, err := st.lock()
	if err != nil {
		t.Fatal(err)
	}
	defer held()
	st.LockWait = 50 * time.Millisecond
	for name, op := range map[string]func() error{
		"save":   func() error { return st.Save(preset("other", mesh.UseDeposit), false) },
		"rename": func() error { return st.Rename("qa", "qa2") },
		"rm":     func() error { return st.Delete("qa") },
		"import": func() error {
			_, err := st.Import([]byte(`{"version":1,"name":"imp","useCase":"withdrawal","request":{"userId":"u"}}`), "", false)
			return err
		},
	} {
		err := op()
		if !errors.Is(err, ErrBusy) {
			t.Errorf("%s = %v, want ErrBusy", name, err)
			continue
		}
		if want := "another meshlink is changing the presets in " + st.Dir; !containsAll(err.Error(), want, "try again") {
			t.Errorf("%s: %q, want it to say %q", name, err, want)
		}
	}
	if names := dirNames(t, st.Dir); len(names) != 1 {
		t.Errorf("the directory holds %v", names)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func TestSaveForceRefusesAnUnreadableFile(t *testing.T) {
	st := newStore(t)
	path := filepath.Join(st.Dir, "qa.json")
	for name, make := range map[string]func(){
		"corrupt":     func() { writeRaw(t, path, []byte("{not json")) },
		"newer":       func() { writeRaw(t, path, []byte(`{"version": 9}`)) },
		"a_directory": func() { os.MkdirAll(filepath.Join(path, "inside"), 0o700) },
	} {
		t.Run(name, func(t *testing.T) {
			os.RemoveAll(path)
			make()
			err := st.Save(preset("qa", mesh.UseDeposit), true)
			var ee *ExistsError
			if !errors.As(err, &ee) || ee.Unreadable == nil {
				t.Fatalf("Save(force) over an unreadable file = %v, want an *ExistsError saying it is unreadable", err)
			}
			if !containsAll(err.Error(), path, "never replaces") {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestNamesThatCollideOnMacOSAndWindowsAreRefused(t *testing.T) {
	st := newStore(t)
	for _, name := range []string{"qa-pay", "café"} { // "café" with a precomposed é
		if err := st.Save(preset(name, mesh.UseDeposit), false); err != nil {
			t.Fatal(err)
		}
	}
	for clash, other := range map[string]string{"QA-Pay": "café", "qa-PAY": "café", "cafe\u0301": "qa-pay", "CAFÉ": "qa-pay"} {
		for op, do := range map[string]func() error{
			"save":       func() error { return st.Save(preset(clash, mesh.UseDeposit), false) },
			"save_force": func() error { return st.Save(preset(clash, mesh.UseDeposit), true) },
			"rename":     func() error { return st.Rename(other, clash) },
			"import":     func() error { _, err := st.Import(mustExport(t, st, "café"), clash, false); return err },
		} {
			err := do()
			if !errors.Is(err, ErrInvalidName) || !strings.Contains(err.Error(), "only by case or Unicode normalisation") {
				t.Errorf("%s %q = %v, want a name error", op, clash, err)
			}
		}
	}
	if names := dirNames(t, st.Dir); len(names) != 2 {
		t.Errorf("the directory holds %v", names)
	}
	// A preset may still be renamed to another case of its own name.
	if err := st.Rename("qa-pay", "QA-Pay"); err != nil {
		t.Errorf("Rename to its own name in another case: %v", err)
	}
}

func TestDeleteLeavesADirectoryAlone(t *testing.T) {
	st := newStore(t)
	dir := filepath.Join(st.Dir, "folder.json")
	if err := os.MkdirAll(dir, 0o700); err != nil { // empty: os.Remove would take it
		t.Fatal(err)
	}
	err := st.Delete("folder")
	var fe *FileError
	if !errors.As(err, &fe) || !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("Delete of a directory = %v, want a *FileError saying it is a directory", err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("the directory is gone: %v", err)
	}
}

func TestOversizedPresetFileIsRefusedUnread(t *testing.T) {
	st := newStore(t)
	path := filepath.Join(st.Dir, "huge.json")
	writeRaw(t, path, nil)
	if err := os.Truncate(path, 64<<20); err != nil {
		t.Fatal(err)
	}
	_, err := st.Load("huge")
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "it is 64 MiB; a preset file is at most 1 MiB") {
		t.Errorf("Load = %v", err)
	}
	if _, errs := st.List(); len(errs) != 1 || !strings.Contains(errs[0].Error(), "64 MiB") {
		t.Errorf("List errors = %v", errs)
	}
}
