//go:build unix

package presets

import (
	"io/fs"
	"syscall"
)

// read reads path whole, or its first limit+1 bytes when it is longer.
func (r *fileReader) read(path string, limit int) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	data := r.buf[:0]
	for len(data) <= limit {
		data = grow(data, limit)
		n, err := syscall.Read(fd, data[len(data):min(cap(data), limit+1)])
		switch {
		case err == syscall.EINTR:
			continue
		case err == syscall.EISDIR:
			return nil, errIsDir
		case err != nil:
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		case n == 0:
			r.buf = data
			return data, nil
		}
		data = data[:len(data)+n]
	}
	r.buf = data
	return data, nil
}
