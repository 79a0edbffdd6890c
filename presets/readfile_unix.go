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
		// O_NONBLOCK: a FIFO in a preset's place must not hold the open
		// until a writer comes; Fstat then refuses it.
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		if err == syscall.ENXIO { // a socket
			return nil, notRegular(path)
		}
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFREG:
	case syscall.S_IFDIR:
		return nil, errIsDir
	default:
		return nil, notRegular(path)
	}
	data := r.buf[:0]
	for len(data) <= limit {
		data = grow(data, limit)
		n, err := syscall.Read(fd, data[len(data):min(cap(data), limit+1)])
		switch {
		case err == syscall.EINTR:
			continue
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
