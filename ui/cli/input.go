package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/meshlink/meshlink/mesh"
)

// maxInputBytes bounds what meshlink reads of a file or stdin: a link-token
// body or a preset is a few KiB, and the demo server and the preset store
// draw the same line.
const maxInputBytes = mesh.MaxBodyBytes

// readInput reads the file path, or stdin for "-", refusing more than
// maxInputBytes before holding it in memory.
func readInput(path string, stdin io.Reader) ([]byte, error) {
	r, name := stdin, "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, &UsageError{err.Error()}
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > maxInputBytes {
			return nil, tooLarge(path, fmt.Sprintf("is %s", mesh.FormatBytes(fi.Size())))
		}
		r, name = f, path
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, &UsageError{fmt.Sprintf("read %s: %v", name, err)}
	}
	if len(b) > maxInputBytes {
		return nil, tooLarge(name, "holds more than "+mesh.FormatBytes(maxInputBytes))
	}
	return b, nil
}

func tooLarge(name, size string) error {
	return usagef("%s %s; meshlink reads at most %s (a link-token body or a preset is a few KiB)", name, size, mesh.FormatBytes(maxInputBytes))
}
