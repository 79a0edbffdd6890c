//go:build !unix

package presets

import (
	"io"
	"os"
)

// read reads path whole, or its first limit+1 bytes when it is longer.
func (r *fileReader) read(path string, limit int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, errIsDir
	} else if err == nil && !fi.Mode().IsRegular() {
		return nil, notRegular(path)
	}
	data := r.buf[:0]
	for len(data) <= limit {
		data = grow(data, limit)
		n, err := f.Read(data[len(data):min(cap(data), limit+1)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	r.buf = data
	return data, nil
}
