package presets

import (
	"errors"
	"fmt"
	"os"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/regularfile"
)

// fileReader reads small files whole into a buffer it keeps between calls,
// with the fewest system calls the platform allows (on Unix: open, read until
// the end, close; os.Open adds six for a regular file). List reads thousands
// of files with one fileReader per reader goroutine. What read returns is
// valid until the next call.
type fileReader struct{ buf []byte }

// readPreset reads a preset file of at most MaxFileBytes.
func (r *fileReader) readPreset(path string) ([]byte, error) {
	data, err := r.read(path, MaxFileBytes)
	var special *regularfile.NotRegularError
	switch {
	case errors.Is(err, errIsDir):
		return nil, corrupt(errors.New("it is a directory, not a preset file"))
	case errors.As(err, &special):
		return nil, corrupt(fmt.Errorf("it is %s, not a preset file", special.Kind))
	case err != nil:
		return nil, err
	case len(data) > MaxFileBytes:
		size := int64(len(data))
		if fi, err := os.Stat(path); err == nil {
			size = fi.Size()
		}
		return nil, corrupt(fmt.Errorf("it is %s; a preset file is at most %s", mesh.FormatBytes(size), mesh.FormatBytes(MaxFileBytes)))
	}
	return data, nil
}

var errIsDir = errors.New("is a directory")

// notRegular is the error for a FIFO, device or socket at path, which is
// never read (see mesh/regularfile).
func notRegular(path string) error {
	kind := "a special file"
	if fi, err := os.Stat(path); err == nil {
		kind = regularfile.Kind(fi.Mode())
	}
	return &regularfile.NotRegularError{Path: path, Kind: kind}
}

// grow makes room in a full buffer, doubling it up to limit+1 bytes.
func grow(data []byte, limit int) []byte {
	if len(data) < cap(data) {
		return data
	}
	bigger := make([]byte, len(data), min(max(2*cap(data), 4<<10), limit+1))
	copy(bigger, data)
	return bigger
}
