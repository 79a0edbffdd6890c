package presets

import (
	"bytes"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

func TestFileReaderReadsWholeFilesUpToTheLimit(t *testing.T) {
	dir := t.TempDir()
	const limit = 10000
	r := &fileReader{}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, size := range []int{0, 1, 651, 4095, 4096, 4097, 8192, limit - 1, limit, limit + 1, limit + 2, 3 * limit} {
		want := make([]byte, size)
		for i := range want {
			want[i] = byte(rng.IntN(256))
		}
		path := filepath.Join(dir, "f")
		if err := os.WriteFile(path, want, 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := r.read(path, limit)
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		if size > limit {
			want = want[:limit+1] // enough to tell it is too long, no more
		}
		if !bytes.Equal(got, want) {
			t.Errorf("size %d: read %d bytes, not the file's", size, len(got))
		}
	}
	if _, err := r.read(filepath.Join(dir, "missing"), limit); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := r.read(dir, limit); !errors.Is(err, errIsDir) {
		t.Errorf("directory: %v", err)
	}
}
