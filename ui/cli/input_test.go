package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// endless is stdin that never ends, counting what was taken from it.
type endless struct{ read int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.read > 64<<20 {
		return 0, os.ErrClosed // a reader with no bound would get here
	}
	for i := range p {
		p[i] = ' '
	}
	e.read += int64(len(p))
	return len(p), nil
}

func TestOversizedInputIsRefusedUnread(t *testing.T) {
	t.Run("stdin_body", func(t *testing.T) {
		app, out, _ := testApp(t)
		in := &endless{}
		app.In = in
		err := Execute(context.Background(), app, []string{"token", "--body", "-", "--dry-run"})
		wantUsage(t, err, "stdin holds more than 1 MiB", "at most 1 MiB")
		if in.read > maxInputBytes+64<<10 {
			t.Errorf("read %d bytes of stdin, want no more than the limit", in.read)
		}
		if out.Len() != 0 {
			t.Errorf("stdout: %q", out)
		}
	})
	big := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 16<<20); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"token", "--body", big, "--dry-run"},
		{"presets", "save", "x", "--body", big},
		{"presets", "import", big},
	} {
		t.Run(args[0]+"_"+args[1], func(t *testing.T) {
			app, _, _ := testApp(t)
			wantUsage(t, Execute(context.Background(), app, args), big+" is 16 MiB", "at most 1 MiB")
		})
	}
	t.Run("exactly_the_limit_is_read", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "edge.json")
		if err := os.WriteFile(f, make([]byte, maxInputBytes), 0o600); err != nil {
			t.Fatal(err)
		}
		if b, err := readInput(f, nil); err != nil || len(b) != maxInputBytes {
			t.Errorf("readInput of exactly %d bytes: %d bytes, %v", maxInputBytes, len(b), err)
		}
	})
}
